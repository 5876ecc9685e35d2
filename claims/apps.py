from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    """Articles, claims and the review workflow."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"

    def ready(self) -> None:
        from claims.status_cache import connect_signals

        connect_signals()
