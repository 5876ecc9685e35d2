"""Reads of evidence and check runs used by the admin, the API and the suggested verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from claims.models import Claim
from verification.models import CheckRun, CheckState, Evidence, FetchStatus, Source, Stance

__all__ = [
    "FAILED_FETCH",
    "STANCE_IMPORTANCE",
    "CheckOutcome",
    "EvidenceCounts",
    "check_outcome",
    "claim_checks_pending",
    "claim_evidence",
    "claim_evidence_counts",
    "claim_source_urls",
    "evidence_failed",
]

#: Order in which a reviewer should read evidence: disagreement first, then agreement.
STANCE_IMPORTANCE = (Stance.CONTRADICTS, Stance.SUPPORTS, Stance.MENTIONS, Stance.NOT_FOUND)


#: Evidence whose page could not be read. The one reading of "failed evidence": the
#: status counts, the admin's evidence table and a check's outcome all use it, so when
#: failed fetches get a stance of their own only this and ``evidence_failed`` change.
FAILED_FETCH = ~Q(source__fetch_status=FetchStatus.OK)


def evidence_failed(evidence: Evidence) -> bool:
    """``FAILED_FETCH`` for one row already loaded with its source."""
    return evidence.source.fetch_status != FetchStatus.OK


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
    """Evidence per stance for the status endpoint, in one query.

    A source that could not be fetched is stored as ``not_found`` evidence (so its URL and
    error are listed with the rest) but counted here as ``failed``, not as ``not_found``:
    "the page says nothing" and "we could not read the page" are different answers.
    """
    fetched = ~FAILED_FETCH
    counts = Evidence.objects.filter(claim=claim).aggregate(
        supports=Count("id", filter=fetched & Q(stance=Stance.SUPPORTS)),
        contradicts=Count("id", filter=fetched & Q(stance=Stance.CONTRADICTS)),
        mentions=Count("id", filter=fetched & Q(stance=Stance.MENTIONS)),
        not_found=Count("id", filter=fetched & Q(stance=Stance.NOT_FOUND)),
        failed=Count("id", filter=~fetched),
    )
    return EvidenceCounts(
        supports=counts["supports"],
        contradicts=counts["contradicts"],
        mentions=counts["mentions"],
        not_found=counts["not_found"],
        failed=counts["failed"],
    )


def claim_checks_pending(*, claim: Claim) -> QuerySet[CheckRun]:
    """Runs of this claim that have not finished (queued or running)."""
    return CheckRun.objects.filter(claim=claim, state__in=[CheckState.QUEUED, CheckState.RUNNING])


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
    """Why a page could not be read, said once ("HTTP 404 Not Found", "Unreachable: ...")."""
    detail = (source.error or "").strip()
    if detail == source.fetch_status:
        detail = ""
    if source.fetch_status == FetchStatus.HTTP_ERROR:
        return detail or f"HTTP {source.http_status or 'error'}"
    label = FetchStatus(source.fetch_status).label if source.fetch_status else "Not fetched"
    return f"{label}: {detail}" if detail else label


def claim_last_checks(*, claim: Claim, limit: int = 3) -> list[CheckRun]:
    """The most recent check runs of a claim, newest first."""
    return list(CheckRun.objects.filter(claim=claim).order_by("-created_at", "-id")[:limit])
