from django.apps import AppConfig


class VerificationConfig(AppConfig):
    """Sources, evidence and check runs: the background source-checking pipeline."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "verification"

    def ready(self) -> None:
        # Logged at start so an operator sees at once that no worker is involved.
        from config.celery import announce_task_mode

        announce_task_mode()
