"""Matching's answer to what claims publishes (``claims.events``): match after ingest."""

from __future__ import annotations

from typing import Any

from claims import events
from desk.queue import enqueue_on_commit


def _match_on_ingest(sender: Any, *, article: Any, **kwargs: Any) -> None:
    """Sent inside the ingest transaction: the task is published once it commits, when
    the article's claims exist (inline without a broker)."""
    enqueue_on_commit("repeats.tasks.match_article", args=[article.pk])


def connect() -> None:
    events.claim_written.connect(_match_on_ingest, dispatch_uid="repeats-match-on-ingest")
