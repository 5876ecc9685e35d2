"""The claims part of the API under /api/v1/ (DESIGN §7)."""

from django.urls import path

from claims.api import views

app_name = "api"

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("articles/", views.ArticleListCreateView.as_view(), name="article-list"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path(
        "articles/<int:pk>/claimreview/",
        views.ArticleClaimReviewView.as_view(),
        name="article-claimreview",
    ),
    path("imports/<int:pk>/", views.ArticleImportDetailView.as_view(), name="import-detail"),
    path("claims/", views.ClaimListView.as_view(), name="claim-list"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path(
        "claims/<int:pk>/transitions/",
        views.ClaimTransitionView.as_view(),
        name="claim-transitions",
    ),
    path("claims/<int:pk>/claimreview/", views.ClaimReviewView.as_view(), name="claim-claimreview"),
]
