"""The source cache: one ``Source`` row per URL, fetched through the safe fetcher.

A page fetched recently (``FETCH_REFETCH_TTL``) is reused; a refetch that fails keeps the
text read before. Network I/O never happens inside a database transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from django.conf import settings
from django.utils import timezone

from claims.services import claim_activity_bump
from desk.fetch_policy import fetch_policy
from safefetch.fetch import FetchPolicy, FetchResult, fetch_url
from verification.models import Evidence, FetchStatus, Source

logger = logging.getLogger(__name__)

# ------------------------------------------------------------------------------- sources


def _published_at(result: FetchResult) -> datetime | None:
    """The page's own publication date when the fetcher reports one (made aware if naive)."""
    value = result.published_at
    if value is None:
        return None
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SourceFetch:
    source: Source
    reused: bool
    transient: bool = False


def source_fetch(
    *,
    url: str,
    provider: str = "",
    policy: FetchPolicy | None = None,
    client: httpx.Client | None = None,
) -> SourceFetch:
    """The ``Source`` for ``url``, fetched now unless a good copy is younger than the TTL.

    A failed refetch of a page we already hold keeps the earlier text (it was real
    evidence when read) and records the error beside it; a first fetch that fails is
    stored with its status so the desk sees why the page gave no evidence.
    """
    now = timezone.now()
    existing = Source.objects.filter(url=url).first()
    ttl = timedelta(seconds=settings.FETCH_REFETCH_TTL)
    if (
        existing is not None
        and existing.fetch_status == FetchStatus.OK
        and existing.fetched_at is not None
        and existing.fetched_at > now - ttl
    ):
        return SourceFetch(existing, reused=True)

    result = fetch_url(url, policy=policy or fetch_policy(), client=client)
    if result.ok:
        values: dict[str, Any] = {
            "final_url": result.final_url[:2000],
            "fetch_status": FetchStatus.OK,
            "http_status": result.http_status,
            "content_type": result.content_type[:200],
            "title": result.title[:500],
            "text": result.text,
            "content_sha256": result.content_sha256,
            "fetched_at": now,
            "published_at": _published_at(result),
            "error": "",
        }
    elif existing is not None and existing.fetch_status == FetchStatus.OK:
        values = {"error": f"Refetch failed ({result.fetch_status}): {result.error}"[:2000]}
    else:
        values = {
            "final_url": (result.final_url or url)[:2000],
            "fetch_status": result.fetch_status,
            "http_status": result.http_status,
            "content_type": result.content_type[:200],
            "fetched_at": now,
            "error": result.error or result.fetch_status,
        }
    if provider and (existing is None or not existing.provider):
        values["provider"] = provider[:40]
    source = _source_save(url=url, existing=existing, values=values)
    return SourceFetch(source, reused=False, transient=result.transient and not result.ok)


def _source_save(*, url: str, existing: Source | None, values: dict[str, Any]) -> Source:
    """Insert or update the row for ``url`` in one statement (INSERT ... ON CONFLICT).

    A concurrent first fetch of the same URL lands on the conflict branch instead of
    failing; only the fields in ``values`` are written over an existing row, so a failed
    refetch keeps the text read before. The returned object is ``existing`` (or a new
    one) with ``values`` applied.
    """
    source = existing if existing is not None else Source(url=url)
    for name, value in values.items():
        setattr(source, name, value)
    (saved,) = Source.objects.bulk_create(
        [source],
        update_conflicts=True,
        unique_fields=["url"],
        update_fields=sorted(values),
    )
    if "fetch_status" in values:
        # The evidence lists of every claim citing the page show its fetch status.
        claim_activity_bump(
            claim_ids=Evidence.objects.filter(source_id=saved.pk).values_list("claim_id", flat=True)
        )
    return saved
