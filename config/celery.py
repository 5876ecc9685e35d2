"""The Celery application: reads CELERY_* from Django settings and autodiscovers tasks.

Two queues (DESIGN §6): ``fetch`` for work that waits on the network (fetching sources,
provider searches, archiving) and ``analyze`` for CPU-bound matching, so each can be
given its own concurrency and machines. Routes live in settings (``CELERY_TASK_ROUTES``).
"""

from __future__ import annotations

import logging
import os

from celery import Celery
from kombu import Exchange, Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

logger = logging.getLogger("claimdesk.tasks")

FETCH_QUEUE = "fetch"
ANALYZE_QUEUE = "analyze"

app = Celery("claimdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Declared explicitly so a typo in a route fails loudly instead of creating a queue that
# no worker consumes.
app.conf.task_queues = (
    Queue(FETCH_QUEUE, Exchange(FETCH_QUEUE, type="direct"), routing_key=FETCH_QUEUE),
    Queue(ANALYZE_QUEUE, Exchange(ANALYZE_QUEUE, type="direct"), routing_key=ANALYZE_QUEUE),
)
app.conf.task_create_missing_queues = False
app.autodiscover_tasks()

_announced = False


def announce_task_mode() -> None:
    """Say once per process whether tasks go to a broker or run inline in this process."""
    global _announced
    if _announced:
        return
    _announced = True
    from django.conf import settings

    if not settings.REDIS_URL:
        logger.warning("REDIS_URL is not set: background tasks run inline in the web process")
    else:
        logger.info("background tasks go to the broker at %s", _redacted(settings.REDIS_URL))


def _redacted(url: str) -> str:
    """The broker URL without its password, for logs."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username or ''}:***@{parts.hostname}"
        if parts.port:
            netloc += f":{parts.port}"
        parts = parts._replace(netloc=netloc)
    return parts.geturl()
