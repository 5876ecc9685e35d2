"""Reads of evidence and check runs used by the admin, the API and the suggested verdict."""

from __future__ import annotations

from typing import TypedDict

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from claims.models import Claim
from verification.models import NO_STANCE, CheckRun, CheckState, Evidence, Stance

__all__ = [
    "STANCE_IMPORTANCE",
    "EvidenceCounts",
    "claim_checks_pending",
    "claim_evidence",
    "claim_evidence_counts",
]

#: Order in which a reviewer should read evidence: disagreement first, then agreement.
STANCE_IMPORTANCE = (Stance.CONTRADICTS, Stance.SUPPORTS, Stance.MENTIONS, Stance.NOT_FOUND)


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

    A page that could not be read is stored as evidence with no stance (so its URL and
    error are listed with the rest) and counted here as ``failed``, never as
    ``not_found``: "the page says nothing" and "we could not read the page" are different
    answers. The five counts add up to the evidence rows.
    """
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


def claim_checks_pending(*, claim: Claim) -> QuerySet[CheckRun]:
    """Runs of this claim that have not finished (queued or running)."""
    return CheckRun.objects.filter(claim=claim, state__in=[CheckState.QUEUED, CheckState.RUNNING])
