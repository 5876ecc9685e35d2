from django.apps import AppConfig


class VerificationConfig(AppConfig):
    """Sources, evidence and check runs: the background source-checking pipeline."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "verification"

    def ready(self) -> None:
        from verification import subscribers

        subscribers.connect()
