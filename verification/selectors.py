"""Reads of evidence and check runs: the admin, the API, the status poll, the verdict hint."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypedDict

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from claims import events
from claims.models import Claim
from verification.models import (
    NO_STANCE,
    CheckRun,
    CheckState,
    Evidence,
    FetchStatus,
    Source,
    Stance,
)

__all__ = [
    "FAILED_FETCH",
    "STANCE_IMPORTANCE",
    "CheckOutcome",
    "EvidenceCounts",
    "check_outcome",
    "claim_activity",
    "claim_evidence",
    "claim_evidence_counts",
    "claim_source_urls",
    "claim_status_row",
    "evidence_failed",
]

#: Order in which a reviewer should read evidence: disagreement first, then agreement.
STANCE_IMPORTANCE = (Stance.CONTRADICTS, Stance.SUPPORTS, Stance.MENTIONS, Stance.NOT_FOUND)

#: What "failed evidence" means is on the row itself: evidence of a page that could not be
#: read when the claim was checked (blocked, unreachable, HTTP error, too large,
#: unsupported type) has no stance (``models.NO_STANCE``) and is counted as ``failed``;
#: everything else is counted by its stance. "The page says nothing" and "we could not
#: read the page" are different answers, and a page read later for another claim does
#: not turn one into the other.

BIGINT_MAX = 2**63 - 1


class EvidenceCounts(TypedDict):
    supports: int
    contradicts: int
    mentions: int
    not_found: int
    failed: int


def claim_evidence(*, claim: Claim) -> QuerySet[Evidence]:
    """Evidence for a claim with its source, most telling first (stance, then score)."""
    importance = Case(
        *(When(stance=stance, then=Value(rank)) for rank, stance in enumerate(STANCE_IMPORTANCE)),
        default=Value(len(STANCE_IMPORTANCE)),
        output_field=IntegerField(),
    )
    return (
        Evidence.objects.filter(claim=claim)
        .select_related("source")
        .annotate(importance=importance)
        .order_by("importance", "-score", "id")
    )


def claim_evidence_counts(*, claim: Claim) -> EvidenceCounts:
    """Evidence per stance, and ``failed`` (no stance: the page could not be read)."""
    counts = Evidence.objects.filter(claim=claim).aggregate(
        supports=Count("id", filter=Q(stance=Stance.SUPPORTS)),
        contradicts=Count("id", filter=Q(stance=Stance.CONTRADICTS)),
        mentions=Count("id", filter=Q(stance=Stance.MENTIONS)),
        not_found=Count("id", filter=Q(stance=Stance.NOT_FOUND)),
        failed=Count("id", filter=Q(stance=NO_STANCE)),
    )
    return EvidenceCounts(
        supports=counts["supports"],
        contradicts=counts["contradicts"],
        mentions=counts["mentions"],
        not_found=counts["not_found"],
        failed=counts["failed"],
    )


def claim_activity(*, claim_id: int) -> tuple[str, int] | None:
    """(status, activity) of a claim by primary key: all an unchanged poll needs."""
    if not 0 < int(claim_id) <= BIGINT_MAX:
        return None
    # One primary-key read in SQL: compiling the queryset cost several times running it.
    sql = f"SELECT status, activity FROM {Claim._meta.db_table} WHERE id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [int(claim_id)])
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1])


def _status_sql() -> str:
    stances = {stance: f"'{stance}'" for stance in Stance.values}
    pending = f"'{CheckState.QUEUED.value}', '{CheckState.RUNNING.value}'"
    # Table names come from model metadata and the lists from constants above; the claim
    # id is the only value and is a bound parameter.
    return f"""
        SELECT c.id, c.status, c.verdict, c.version, c.assignee_id, c.updated_at, c.activity,
               ev.supports, ev.contradicts, ev.mentions, ev.not_found, ev.failed,
               ev.checked_at, ru.pending, ru.failed, ru.finished_at, ru.created_at,
               ru.started_at, ma.matches
        FROM {Claim._meta.db_table} c
        CROSS JOIN (
            SELECT COUNT(CASE WHEN e.stance = {stances["supports"]} THEN 1 END) AS supports,
                   COUNT(CASE WHEN e.stance = {stances["contradicts"]} THEN 1 END) AS contradicts,
                   COUNT(CASE WHEN e.stance = {stances["mentions"]} THEN 1 END) AS mentions,
                   COUNT(CASE WHEN e.stance = {stances["not_found"]} THEN 1 END) AS not_found,
                   COUNT(CASE WHEN e.stance = '{NO_STANCE}' THEN 1 END) AS failed,
                   MAX(e.checked_at) AS checked_at
            FROM {Evidence._meta.db_table} e
            WHERE e.claim_id = %(id)s
        ) ev
        CROSS JOIN (
            SELECT COUNT(CASE WHEN r.state IN ({pending}) THEN 1 END) AS pending,
                   COUNT(CASE WHEN r.state = '{CheckState.FAILED.value}' THEN 1 END) AS failed,
                   MAX(r.finished_at) AS finished_at,
                   MAX(r.created_at) AS created_at,
                   MAX(r.started_at) AS started_at
            FROM {CheckRun._meta.db_table} r
            WHERE r.claim_id = %(id)s
        ) ru
        CROSS JOIN (
            SELECT COUNT(*) AS matches FROM {_matches_table()} m
            WHERE m.claim_id = %(id)s AND m.state <> 'rejected'
        ) ma
        WHERE c.id = %(id)s
    """  # noqa: S608


def _matches_table() -> str:
    """The table of claim matches, reached through the reverse relation ``Claim.matches``
    so the status answer can count them without importing the matching app."""
    related = Claim._meta.get_field("matches").related_model
    return related._meta.db_table  # type: ignore[union-attr]


def _public_matches(claim_id: int) -> int:
    return events.ask(events.match_count_requested, claim_id=claim_id, public=True) or 0


def _moment(value: Any) -> datetime | None:
    """An aware datetime: SQLite gives aggregates as strings and columns as naive UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value
    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


def claim_status_row(*, claim_id: int, public: bool = False) -> dict[str, Any] | None:
    """The polling view of one claim, from one SQL statement; None when no such claim.

    ``matches`` counts the matches no reviewer rejected. With ``public`` (a caller off the
    desk) only matches to published claims count, the rule the matches list applies: when
    there are any matches, that count is asked of claim matching
    (``claims.events.match_count_requested``, a second query), so the rule is written once.

    Visibility is the caller's business (``claims.access.can_see_status`` on ``status``).
    ``last_modified`` is the latest change to the claim, its evidence or its checks;
    ``activity`` is the claim's activity counter, which the ETag is made of. Written in
    SQL because building the equivalent annotated queryset cost more than running it;
    the two aggregate-only derived tables always yield one row, so the claim's row decides.
    """
    claim_id = int(claim_id)
    if not 0 < claim_id <= BIGINT_MAX:
        return None  # no such row; and a bigint parameter would refuse the number
    with connection.cursor() as cursor:
        cursor.execute(_status_sql(), {"id": claim_id})
        row = cursor.fetchone()
    if row is None:
        return None
    (
        pk, status, verdict, version, assignee_id, updated_at, activity,
        supports, contradicts, mentions, not_found, ev_failed, checked_at,
        pending, runs_failed, finished_at, created_at, started_at, matches,
    ) = row  # fmt: skip
    updated_at = _moment(updated_at)
    finished_at = _moment(finished_at)
    moments = [
        m
        for m in (updated_at, _moment(checked_at), finished_at, _moment(created_at),
                  _moment(started_at))
        if m is not None
    ]  # fmt: skip
    return {
        "id": pk,
        "status": status,
        "verdict": verdict or None,
        "version": version,
        "assignee": assignee_id,
        "updated_at": updated_at,
        "activity": activity,
        "evidence": {
            "supports": supports,
            "contradicts": contradicts,
            "mentions": mentions,
            "not_found": not_found,
            "failed": ev_failed,
        },
        "checks": {"pending": pending, "failed": runs_failed, "last_finished_at": finished_at},
        "matches": _public_matches(pk) if public and matches else matches,
        "last_modified": max(moments),
    }


#: Evidence whose page could not be read: it has no stance (``NO_STANCE``). For querysets;
#: ``evidence_failed`` is the same rule for a row already loaded. The admin's evidence
#: panel and the public page read failures only through these two.
FAILED_FETCH = Q(stance=NO_STANCE)


def evidence_failed(evidence: Evidence) -> bool:
    return not evidence.page_read


def claim_source_urls(*, claim: Claim) -> list[str]:
    """Every URL this claim was checked against: reviewers' URLs and providers' finds.

    What "check sources now" re-checks, so a page a reviewer added is never left out.
    """
    urls = list(
        Evidence.objects.filter(claim=claim)
        .order_by("source__url")
        .values_list("source__url", flat=True)
        .distinct()
    )
    for run_urls in (
        CheckRun.objects.filter(claim=claim).exclude(urls=[]).values_list("urls", flat=True)
    ):
        urls.extend(u for u in run_urls if u not in urls)
    return urls


@dataclass(frozen=True)
class CheckOutcome:
    """What a finished check achieved, as a reviewer needs to read it."""

    run: CheckRun
    read: int
    failed: list[tuple[str, str]]

    @property
    def pending(self) -> bool:
        return self.run.state in (CheckState.QUEUED, CheckState.RUNNING)

    @property
    def usable(self) -> bool:
        """Succeeded and read at least one page: anything less must not look green."""
        return self.run.state == CheckState.SUCCEEDED and self.read > 0


def check_outcome(*, run: CheckRun) -> CheckOutcome:
    """Pages read and pages that failed (with why) for ``run``, in one query."""
    ids = [item.get("source") for item in run.sources or [] if item.get("source")]
    read = 0
    failed: list[tuple[str, str]] = []
    for source in Source.objects.filter(id__in=ids).only(
        "url", "fetch_status", "http_status", "error"
    ):
        if source.fetch_status == FetchStatus.OK:
            read += 1
        else:
            failed.append((source.url, fetch_failure_reason(source)))
    return CheckOutcome(run=run, read=read, failed=failed)


def fetch_failure_reason(source: Source) -> str:
    """Why a page could not be read, said once ("HTTP error: HTTP 404 Not Found")."""
    detail = (source.error or "").strip()
    if detail == source.fetch_status:
        detail = ""
    label = FetchStatus(source.fetch_status).label if source.fetch_status else "Not fetched"
    if not detail and source.fetch_status == FetchStatus.HTTP_ERROR and source.http_status:
        detail = f"HTTP {source.http_status}"
    return f"{label}: {detail}" if detail else label


def claim_last_checks(*, claim: Claim, limit: int = 3) -> list[CheckRun]:
    """The most recent check runs of a claim, newest first."""
    return list(CheckRun.objects.filter(claim=claim).order_by("-created_at", "-id")[:limit])
