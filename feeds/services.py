"""Writes for monitored feeds: add a feed, poll it, and hand its new entries to imports.

A poll fetches the feed through the safe fetcher with a conditional GET, parses it with
feedparser, and turns each entry not seen before into a URL import (the ``ArticleImport``
flow), deduplicated by URL (an article or an import for that URL already exists) and, at
ingest, by content hash. Whatever goes wrong with one feed (bad XML, an HTTP error, a
timeout, a redirect into private space, a body over ``FEED_MAX_BYTES``) is recorded on
that feed, which then backs off; it never raises into the loop that polls the others.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.models import Article, ArticleImport, ImportState
from claims.workflow import RoleNotAllowed
from desk.roles import EDITOR, user_roles
from feeds.models import Feed, FeedEntry

logger = logging.getLogger(__name__)


@dataclass
class PollReport:
    """What one poll did; ``error`` is set when the feed failed this time."""

    feed_id: int
    not_modified: bool = False
    entries: int = 0
    imports: list[int] = field(default_factory=list)
    existing: int = 0
    refused: int = 0
    error: str = ""


def feed_create(
    *, url: str, actor: Any, title: str = "", poll_interval: int = 900, active: bool = True
) -> Feed:
    """Add a feed to monitor (editors). Its first poll is due at once."""
    if EDITOR not in user_roles(actor):
        raise RoleNotAllowed("You need the editor role to add a feed.")
    feed = Feed(
        url=url.strip(),
        title=title.strip()[:500],
        poll_interval=poll_interval,
        active=active,
        created_by=actor,
        next_poll_at=timezone.now(),
    )
    feed.full_clean()
    feed.save()
    logger.info("feed %s added: %s", feed.pk, feed.url)
    return feed


def backoff_seconds(feed: Feed, failures: int) -> int:
    """The wait before the next try after ``failures`` failures in a row: the poll interval
    doubled per failure, capped at ``FEED_MAX_BACKOFF``."""
    return int(min(feed.poll_interval * 2 ** max(0, failures - 1), settings.FEED_MAX_BACKOFF))


def feeds_due(*, now: datetime | None = None, limit: int = 100) -> list[int]:
    """Claim the active feeds due for a poll, so two beats never poll one feed twice.

    Each is leased by moving ``next_poll_at`` one poll interval ahead with a guarded
    update; the poll itself sets the real next time.
    """
    now = now or timezone.now()
    claimed: list[int] = []
    due = Feed.objects.filter(active=True, next_poll_at__lte=now).order_by("next_poll_at")
    for feed_id, due_at, interval in due.values_list("id", "next_poll_at", "poll_interval")[:limit]:
        taken = Feed.objects.filter(pk=feed_id, next_poll_at=due_at).update(
            next_poll_at=now + timedelta(seconds=interval)
        )
        if taken == 1:
            claimed.append(feed_id)
    return claimed


def feed_poll(*, feed_id: int, now: datetime | None = None) -> PollReport | None:
    """Poll one feed now and record the outcome on it; None when the feed is gone."""
    from desk.fetch_policy import fetch_policy
    from safefetch.fetch import fetch_document

    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return None
    now = now or timezone.now()
    report = PollReport(feed_id=feed.pk)
    policy = replace(fetch_policy(), max_bytes=int(settings.FEED_MAX_BYTES))
    result = fetch_document(
        feed.url, policy=policy, etag=feed.etag, last_modified=feed.last_modified
    )
    if not result.ok:
        error = result.error or f"Fetch failed ({result.fetch_status})."
        if result.fetch_status == "unsupported_type":
            error = f"Not an RSS or Atom feed: {error}"
        return _failed(feed, report, now, error)
    if result.not_modified:
        report.not_modified = True
        _succeeded(feed, now, etag=result.etag or feed.etag, last_modified=result.last_modified)
        return report
    parsed = feedparser.parse(result.body)
    problem = _parse_problem(parsed)
    if problem:
        return _failed(feed, report, now, problem)
    entries = list(parsed.entries)[: int(settings.FEED_MAX_ENTRIES)]
    report.entries = len(entries)
    for entry in entries:
        _entry_import(feed, entry, report, policy)
    title = "" if feed.title else str(parsed.feed.get("title", ""))[:500]
    _succeeded(feed, now, etag=result.etag, last_modified=result.last_modified, title=title)
    logger.info(
        "feed %s polled: %d entries, %d imports, %d known, %d refused",
        feed.pk,
        report.entries,
        len(report.imports),
        report.existing,
        report.refused,
    )
    return report


def _parse_problem(parsed: Any) -> str:
    """Why the body is not a feed we can read, or "" when it is."""
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        # An encoding declared one way and used another is harmless; broken XML is not.
        if not isinstance(exc, feedparser.CharacterEncodingOverride):
            return f"Not a readable RSS or Atom feed: {exc}"
    if not parsed.get("version") and not parsed.entries:
        return "Not an RSS or Atom feed."
    return ""


def _entry_key(entry: Any) -> tuple[str, str]:
    link = str(entry.get("link") or "").strip()
    ident = str(entry.get("id") or "").strip() or link
    return hashlib.sha256(ident.encode("utf-8")).hexdigest(), link


def _entry_time(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _entry_import(feed: Feed, entry: Any, report: PollReport, policy: Any) -> None:
    """Record one entry (once per feed) and queue its link as a URL import."""
    from claims.article_imports import article_import_request
    from safefetch.fetch import BlockedURL, HostResolutionError, check_url

    key, link = _entry_key(entry)
    if not link:
        return
    if FeedEntry.objects.filter(feed=feed, key=key).exists():
        report.existing += 1
        return
    row = FeedEntry(
        feed=feed,
        key=key,
        link=link[:2000],
        title=str(entry.get("title") or "")[:500],
        published_at=_entry_time(entry),
    )
    try:
        check_url(link, policy=policy)
    except BlockedURL as exc:
        row.error = str(exc)
    except HostResolutionError:
        pass  # not a refusal: the import will record the page as unreachable
    if row.error:
        report.refused += 1
        FeedEntry.objects.bulk_create([row], ignore_conflicts=True)
        return
    queued_new = False
    with transaction.atomic():
        existing_article = Article.objects.filter(url=link).only("id").first()
        earlier_import = (
            ArticleImport.objects.filter(url=link)
            .filter(
                Q(state__in=[ImportState.QUEUED, ImportState.RUNNING]) | Q(article__isnull=False)
            )
            .order_by("-id")
            .first()
        )
        if existing_article is not None:
            row.article = existing_article
        elif earlier_import is not None:
            row.article_import = earlier_import
        else:
            try:
                queued = article_import_request(
                    url=link, title=row.title, published_at=row.published_at
                )
            except ValidationError as exc:
                row.error = "; ".join(exc.messages)
            else:
                row.article_import = queued.article_import
                row.article = queued.existing_article
                queued_new = queued.article_import is not None
        FeedEntry.objects.bulk_create([row], ignore_conflicts=True)
    if row.error:
        report.refused += 1
    elif queued_new and row.article_import is not None:
        report.imports.append(row.article_import.pk)
    else:
        report.existing += 1


def _succeeded(
    feed: Feed, now: datetime, *, etag: str, last_modified: str, title: str = ""
) -> None:
    changes: dict[str, Any] = {
        "last_polled_at": now,
        "last_error": "",
        "failures": 0,
        "etag": etag[:500],
        "last_modified": last_modified[:100],
        "next_poll_at": now + timedelta(seconds=feed.poll_interval),
    }
    if title:
        changes["title"] = title
    Feed.objects.filter(pk=feed.pk).update(**changes)


def _failed(feed: Feed, report: PollReport, now: datetime, error: str) -> PollReport:
    failures = feed.failures + 1
    Feed.objects.filter(pk=feed.pk).update(
        last_polled_at=now,
        last_error=error[:2000],
        failures=F("failures") + 1,
        next_poll_at=now + timedelta(seconds=backoff_seconds(feed, failures)),
    )
    logger.warning("feed %s failed (%d in a row): %s", feed.pk, failures, error)
    report.error = error
    return report


def feeds_poll_all_due(*, now: datetime | None = None) -> list[PollReport]:
    """Poll every due feed one after another, here (``manage.py poll_feeds``, no broker).

    One feed's failure is recorded on it and the loop goes on.
    """
    reports: list[PollReport] = []
    for feed_id in feeds_due(now=now):
        try:
            report = feed_poll(feed_id=feed_id, now=now)
        except Exception as exc:  # a bug must not stop the other feeds either
            logger.exception("feed %s: poll crashed", feed_id)
            feed = Feed.objects.filter(pk=feed_id).first()
            if feed is not None:
                reports.append(_failed(feed, PollReport(feed_id=feed_id), timezone.now(), str(exc)))
            continue
        if report is not None:
            reports.append(report)
    return reports
