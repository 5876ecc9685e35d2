from django.apps import AppConfig


class RepeatsConfig(AppConfig):
    """Claim matching across articles: which new claims repeat earlier ones."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "repeats"
    verbose_name = "Claim matching"

    def ready(self) -> None:
        # Matching subscribes to claims' events, so claims never imports it (dependencies
        # run one way: repeats -> claims); repeats/admin.py is found by autodiscovery.
        from repeats import subscribers

        subscribers.connect()
