from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project's own start-up: says whether tasks go to a broker or run inline."""

    name = "config"
    label = "claimdesk_project"

    def ready(self) -> None:
        from config.celery import announce_task_mode

        announce_task_mode()
