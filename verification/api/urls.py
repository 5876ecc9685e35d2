from django.urls import path

from verification.api import views

urlpatterns = [
    path("claims/<int:pk>/status/", views.ClaimStatusView.as_view(), name="claim-status"),
    path("claims/<int:pk>/evidence/", views.ClaimEvidenceView.as_view(), name="claim-evidence"),
    path("claims/<int:pk>/sources/", views.ClaimSourceView.as_view(), name="claim-sources"),
    path("claims/<int:pk>/checks/", views.ClaimCheckView.as_view(), name="claim-checks"),
    path("checks/<int:pk>/", views.CheckRunDetailView.as_view(), name="check-detail"),
]
