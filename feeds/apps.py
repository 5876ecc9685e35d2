from django.apps import AppConfig


class FeedsConfig(AppConfig):
    """Monitored RSS/Atom feeds whose new entries become URL imports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "feeds"
    verbose_name = "Monitored feeds"
