"""URL map: the admin, the REST API under /api/v1/, the OpenAPI schema and health probes."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from claims import public
from config import health
from desk.api.docs import OfflineRedocView

# The API docs pages serve Swagger UI / ReDoc from our static files but start them with
# an inline script: only these two pages get that wider policy.
_DOCS_CSP = csp_update(
    {
        "script-src": ["'unsafe-inline'"],
        "style-src": ["'unsafe-inline'"],
        "img-src": ["data:"],
        "worker-src": ["blob:"],
    }
)

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("factchecks/<int:pk>/", public.factcheck_detail, name="factcheck"),
    path("factchecks/articles/<int:pk>/", public.article_factchecks, name="article-factchecks"),
    path("livez", health.livez, name="livez"),
    path("readyz", health.readyz, name="readyz"),
    path("api/v1/", include("claims.api.urls")),
    path("api/v1/", include("verification.api.urls")),
    path("api/v1/", include("repeats.api.urls")),
    path("api/v1/", include("feeds.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/", _DOCS_CSP(SpectacularSwaggerView.as_view(url_name="schema")), name="api-docs"
    ),
    path(
        "api/docs/redoc/", _DOCS_CSP(OfflineRedocView.as_view(url_name="schema")), name="api-redoc"
    ),
]

# JSON errors under /api/, Django's own pages elsewhere (desk/api/errors.py).
handler400 = "desk.api.errors.bad_request"
handler403 = "desk.api.errors.permission_denied"
handler404 = "desk.api.errors.page_not_found"
handler500 = "desk.api.errors.server_error"
