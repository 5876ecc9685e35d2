from django.urls import path

from repeats.api import views

urlpatterns = [
    path("claims/<int:pk>/matches/", views.ClaimMatchListView.as_view(), name="claim-matches"),
    path(
        "claims/<int:pk>/matches/<int:match_id>/",
        views.ClaimMatchDecisionView.as_view(),
        name="claim-match-decision",
    ),
]
