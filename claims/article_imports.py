"""Ingesting an article from its URL alone: request now, fetch and ingest in the background.

The ``ArticleImport`` row is written first and the task enqueued on commit, so the client
gets something to poll at once and a lost message leaves a visible ``queued`` row, which
``imports_sweep`` (run by beat) publishes again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.models import Article, ArticleImport, ImportState
from desk.queue import enqueue

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportRequest:
    """Either a queued import, or the article that already has this URL."""

    article_import: ArticleImport | None
    existing_article: Article | None


def article_import_request(
    *,
    url: str,
    actor: Any = None,
    title: str = "",
    publisher: str = "",
    published_at: datetime | None = None,
) -> ImportRequest:
    """Queue a background fetch of ``url``, or return the article already stored for it."""
    existing = Article.objects.filter(url=url).first()
    if existing is not None:
        return ImportRequest(article_import=None, existing_article=existing)
    row = ArticleImport(
        url=url,
        title=title[:500],
        publisher=publisher[:200],
        published_at=published_at,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
    )
    row.full_clean()
    with transaction.atomic():
        row.save()
        transaction.on_commit(lambda: _enqueue(row.pk), robust=True)
    return ImportRequest(article_import=row, existing_article=None)


def _enqueue(import_id: int) -> None:
    enqueue("claims.tasks.article_import_run", args=[import_id])


@dataclass
class ImportSweepReport:
    requeued: list[int] = field(default_factory=list)
    unpublished: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def _running_orphans(now: datetime, report: ImportSweepReport) -> None:
    """Put back imports ``running`` past ``IMPORT_RUNNING_DEADLINE``: their worker died.

    The task's hard time limit is below that deadline, so no live task can still hold the
    row. One out of attempts is failed with a clear error instead of being retried.
    """
    cut = now - timedelta(seconds=settings.IMPORT_RUNNING_DEADLINE)
    orphans = ArticleImport.objects.filter(state=ImportState.RUNNING).filter(
        Q(started_at__lt=cut) | Q(started_at__isnull=True, created_at__lt=cut)
    )
    from claims.tasks import IMPORT_MAX_RETRIES

    for row in orphans.only("id", "attempts", "started_at"):
        same = ArticleImport.objects.filter(
            id=row.pk, state=ImportState.RUNNING, started_at=row.started_at
        )
        if row.attempts > IMPORT_MAX_RETRIES:
            if same.update(
                state=ImportState.FAILED,
                error=(
                    f"Gave up after {row.attempts} attempts: the last one did not finish "
                    f"within {settings.IMPORT_RUNNING_DEADLINE} seconds."
                ),
                finished_at=now,
            ):
                report.failed.append(row.pk)
        elif same.update(state=ImportState.QUEUED):
            logger.warning("import %s was running on a worker that died; queued again", row.pk)
            _publish(row.pk, report)


def _publish(import_id: int, report: ImportSweepReport) -> None:
    try:
        _enqueue(import_id)
    except Exception as exc:  # the broker is still down: try again next sweep
        logger.warning("import %s stays queued: cannot publish (%s)", import_id, exc)
        report.unpublished.append(import_id)
    else:
        report.requeued.append(import_id)


def imports_sweep(*, now: datetime | None = None) -> ImportSweepReport:
    """Publish again every import still ``queued`` ``IMPORT_QUEUED_STALE_AFTER`` seconds
    after it was requested: its message was never sent (the broker was down) or is lost;
    and every import still ``running`` ``IMPORT_RUNNING_DEADLINE`` seconds after a worker
    took it (the worker died with it).

    A queued import is normally taken within seconds, and a transient failure's retry
    comes back within seconds too, so an older one has no message to wait for. A
    duplicate message is harmless: only one task takes a queued row (a guarded update),
    and every attempt counts towards the task's limit, so republishing never adds tries.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.IMPORT_QUEUED_STALE_AFTER)
    report = ImportSweepReport()
    _running_orphans(now, report)
    waiting = ArticleImport.objects.filter(state=ImportState.QUEUED, created_at__lt=stale)
    for import_id in waiting.order_by("id").values_list("id", flat=True):
        if import_id not in report.requeued:
            _publish(import_id, report)
    if report.requeued or report.unpublished or report.failed:
        logger.info(
            "import sweep: republished %s, still unpublished %s",
            report.requeued,
            report.unpublished,
        )
    return report


def article_import_fetch(
    *, import_id: int, final_try: bool = True, max_attempts: int | None = None
) -> ArticleImport | None:
    """Fetch the page through the safe fetcher and ingest its main text.

    Guarded: only a ``queued`` row is taken (a redelivered message does nothing). A
    transient fetch failure puts the row back to ``queued`` and raises
    ``FetchTransientError`` for the task to retry, unless ``final_try`` or the row has had
    ``max_attempts`` attempts (counted on the row, whichever message made them); every
    other outcome is recorded on the row.
    """
    from claims.services import article_ingest
    from desk.fetch_policy import fetch_policy
    from safefetch.fetch import FetchTransientError, fetch_url

    taken = ArticleImport.objects.filter(pk=import_id, state=ImportState.QUEUED).update(
        state=ImportState.RUNNING, attempts=F("attempts") + 1, started_at=timezone.now()
    )
    if taken != 1:
        return None
    row = ArticleImport.objects.get(pk=import_id)
    if max_attempts is not None and row.attempts >= max_attempts:
        final_try = True
    result = fetch_url(row.url, policy=fetch_policy())
    if not result.ok:
        if result.transient and not final_try:
            ArticleImport.objects.filter(pk=row.pk).update(
                state=ImportState.QUEUED, fetch_status=result.fetch_status, error=result.error
            )
            raise FetchTransientError(result)
        return _finish(
            row,
            state=ImportState.FAILED,
            fetch_status=result.fetch_status,
            error=result.error or "The page could not be fetched.",
        )
    try:
        ingested = article_ingest(
            text=result.text,
            title=row.title or result.title,
            url=row.url,
            publisher=row.publisher,
            published_at=row.published_at,
            actor=row.requested_by,
        )
    except ValidationError as exc:
        return _finish(
            row,
            state=ImportState.FAILED,
            fetch_status=result.fetch_status,
            error="; ".join(exc.messages),
        )
    return _finish(
        row, state=ImportState.SUCCEEDED, fetch_status=result.fetch_status, article=ingested.article
    )


def _finish(
    row: ArticleImport,
    *,
    state: str,
    fetch_status: str,
    error: str = "",
    article: Article | None = None,
) -> ArticleImport:
    row.state = state
    row.fetch_status = fetch_status
    row.error = error
    row.article = article
    row.finished_at = timezone.now()
    row.save(update_fields=["state", "fetch_status", "error", "article", "finished_at"])
    logger.info("article import %s: %s %s", row.pk, state, error)
    return row
