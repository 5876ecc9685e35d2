"""Run matching after an article is ingested.

TEMPORARY: claims has no events module yet ("claim written" arrives with the structural
refactor). Until then matching subscribes to Django's ``post_save`` of a new ``Article``
and enqueues once the ingest transaction commits, when the article's claims exist. Replace
this module with a subscriber to the claims events module when it lands.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from claims.models import Article

logger = logging.getLogger(__name__)


def _article_saved(sender: Any, instance: Article, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    article_id = instance.pk
    transaction.on_commit(lambda: enqueue_matching(article_id), robust=True)


def enqueue_matching(article_id: int) -> None:
    """Publish the matching task (inline without a broker)."""
    from repeats.tasks import match_article

    match_article.delay(article_id)


def connect() -> None:
    post_save.connect(_article_saved, sender=Article, dispatch_uid="repeats.article_saved")
