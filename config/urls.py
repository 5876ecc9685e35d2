"""URL map: the admin, the REST API under /api/v1/, the OpenAPI schema and health probes."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

from config import health

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("livez", health.livez, name="livez"),
    path("readyz", health.readyz, name="readyz"),
]
