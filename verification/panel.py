"""The claim page's evidence panel: checks in flight, what the last one achieved, and what
each source said, shaped for the template (the admin renders it whole or as an htmx
fragment that polls itself while a check is running)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from typing import Any

from django.conf import settings
from django.utils import timezone

from claims.highlighting import passage_with_matches
from claims.models import Claim
from verification.models import CheckState, Evidence
from verification.selectors import (
    CheckOutcome,
    check_outcome,
    claim_evidence,
    claim_last_checks,
    evidence_failed,
    fetch_failure_reason,
)
from verification.verdicts import SuggestedVerdict, suggested_verdict


@dataclass(frozen=True)
class EvidenceRow:
    evidence: Evidence
    failed: bool
    reason: str
    passage: Any
    found: str
    stale: bool


@dataclass(frozen=True)
class EvidencePanel:
    rows: list[EvidenceRow]
    pending: list[Any]
    last: CheckOutcome | None
    claim: Claim

    @property
    def polling(self) -> bool:
        return bool(self.pending)

    @cached_property
    def suggestion(self) -> SuggestedVerdict | None:
        """The verdict the evidence suggests to the reviewer (a human decides), from the
        rows already read. Lazy: only the admin's panel asks, and it costs one query (the
        later-figure lookup through ``claims.events``); the public page never pays it."""
        return suggested_verdict(claim=self.claim, evidence=[row.evidence for row in self.rows])


def evidence_panel(*, claim: Claim) -> EvidencePanel:
    """Everything the evidence panel shows, in four queries whatever the evidence count
    (the suggested verdict, read only when shown, adds one)."""
    now = timezone.now()
    ttl = timedelta(seconds=settings.FETCH_REFETCH_TTL)
    rows = []
    for row in claim_evidence(claim=claim):
        failed = evidence_failed(row)
        fetched_at = row.source.fetched_at
        rows.append(
            EvidenceRow(
                evidence=row,
                failed=failed,
                reason=fetch_failure_reason(row.source) if failed else "",
                passage=passage_with_matches(row.passage, claim, row.found_value),
                found="—" if row.found_value is None else f"{row.found_value.normalize():,f}",
                stale=failed or fetched_at is None or fetched_at < now - ttl,
            )
        )
    runs = claim_last_checks(claim=claim, limit=5)
    pending = [r for r in runs if r.state in (CheckState.QUEUED, CheckState.RUNNING)]
    finished = [r for r in runs if r.state not in (CheckState.QUEUED, CheckState.RUNNING)]
    last = check_outcome(run=finished[0]) if finished else None
    return EvidencePanel(rows=rows, pending=pending, last=last, claim=claim)
