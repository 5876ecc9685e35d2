from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    """Articles, claims and the review workflow."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
