"""The suggested verdict: what the evidence says, offered to the reviewer (a human decides)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.utils import timezone

from claims import events
from claims.models import Claim, Verdict
from verification.models import Evidence, Stance
from verification.selectors import claim_evidence

logger = logging.getLogger(__name__)

# ------------------------------------------------------------------------------- verdict


@dataclass(frozen=True)
class SuggestedVerdict:
    """A verdict the evidence points to, and why; the reviewer decides."""

    verdict: str
    reason: str

    @property
    def label(self) -> str:
        """The verdict as the reviewer reads it ("Mostly accurate", not ``mostly_accurate``)."""
        return str(Verdict(self.verdict).label)


def _figure(value: Decimal | None) -> str:
    if value is None:
        return "a different figure"
    value = value.normalize()
    return f"{value:,f}" if value == value.to_integral_value() else f"{value:,}"


def _later_figure(claim: Claim, evidence: list[Evidence]) -> SuggestedVerdict | None:
    """``outdated`` when a later article updates the claim's figure and no supporting
    source published after that article says the figure still stands."""
    newer = events.ask(events.later_figure_requested, claim=claim)
    if newer is None:
        return None
    since = newer.article.published_at
    if any(
        e.page_read
        and e.stance == Stance.SUPPORTS
        and e.source.published_at is not None
        and e.source.published_at > since
        for e in evidence
    ):
        return None
    return SuggestedVerdict(
        Verdict.OUTDATED,
        f"A later article, \u201c{newer.article.title}\u201d (published "
        f"{since.date().isoformat()}), gives {_figure(newer.value)} about the same event "
        f"(claim #{newer.pk}); the figure has moved on.",
    )


def suggested_verdict(
    *, claim: Claim, evidence: list[Evidence] | None = None
) -> SuggestedVerdict | None:
    """Suggest a verdict from the claim's evidence; None when nothing has been checked.

    * only supporting sources -> ``accurate``;
    * only contradicting -> ``inaccurate``;
    * contradictions that all report a later figure ("the toll has risen to 71",
      ``Evidence.updated``) -> ``outdated``, unless a supporting source was published
      after them;
    * both, where a contradicting source was published after every supporting one ->
      ``outdated`` (the figure has moved on since);
    * both otherwise -> ``mostly_accurate`` when supports outnumber contradictions at
      least two to one, else ``misleading``;
    * sources read but none states the figure or quote -> ``unverifiable``.
    Pages that could not be read (evidence with no stance) are left out.

    Before the evidence: a later article of the desk's own giving a different figure about
    the same event (an ``updated_figure`` match, asked of claim matching through
    ``claims.events.later_figure_requested``) -> ``outdated``, unless a source supporting
    the claim was published after that article. This holds with no evidence at all.

    ``evidence`` is the claim's evidence when the caller already holds it (the evidence
    panel does), so it is not read twice; otherwise it is read here.
    """
    if evidence is None:
        evidence = list(claim_evidence(claim=claim))
    moved_on = _later_figure(claim, evidence)
    if moved_on is not None:
        return moved_on
    if not evidence:
        return None
    read = [e for e in evidence if e.page_read]
    supports = [e for e in read if e.stance == Stance.SUPPORTS]
    contradicts = [e for e in read if e.stance == Stance.CONTRADICTS]
    if not supports and not contradicts:
        unread = len(evidence) - len(read)
        tail = f"; {unread} could not be fetched" if unread else ""
        return SuggestedVerdict(
            Verdict.UNVERIFIABLE,
            f"None of the {len(read)} sources read confirms or refutes the claim{tail}.",
        )
    if supports and not contradicts:
        return SuggestedVerdict(
            Verdict.ACCURATE, f"{len(supports)} source(s) support the claim and none contradict it."
        )
    if all(e.updated for e in contradicts):
        oldest = datetime.min.replace(tzinfo=UTC)
        newest = max(contradicts, key=lambda e: (e.source.published_at or oldest, e.score))
        since = newest.source.published_at
        # A source supporting the claim published after the later figure says the figure
        # did not simply move on: the sources disagree (handled below).
        if since is None or not any(
            e.source.published_at is not None and e.source.published_at > since for e in supports
        ):
            when = f", published {since.date().isoformat()}" if since else ""
            return SuggestedVerdict(
                Verdict.OUTDATED,
                f"A later figure: {newest.source.url}{when} reports "
                f"{_figure(newest.found_value)}, past the claim's; the figure has moved on.",
            )
    if contradicts and not supports:
        first = contradicts[0]
        return SuggestedVerdict(
            Verdict.INACCURATE,
            f"{len(contradicts)} source(s) contradict the claim and none support it; "
            f"{first.source.url} says {_figure(first.found_value)}."
            if first.found_value is not None
            else f"{len(contradicts)} source(s) contradict the claim and none support it.",
        )
    supported_dates = [e.source.published_at for e in supports]
    later = [
        e
        for e in contradicts
        if e.source.published_at is not None
        and all(d is not None and e.source.published_at > d for d in supported_dates)
    ]
    if later:
        newest = max(later, key=lambda e: e.source.published_at or timezone.now())
        when = newest.source.published_at.date().isoformat() if newest.source.published_at else ""
        return SuggestedVerdict(
            Verdict.OUTDATED,
            f"A later source ({newest.source.url}, published {when}) gives "
            f"{_figure(newest.found_value)}, after the sources that support the claim.",
        )
    if len(supports) >= 2 * len(contradicts):
        return SuggestedVerdict(
            Verdict.MOSTLY_ACCURATE,
            f"{len(supports)} source(s) support the claim but {len(contradicts)} contradict it.",
        )
    return SuggestedVerdict(
        Verdict.MISLEADING,
        f"Sources disagree: {len(supports)} support the claim and {len(contradicts)} "
        "contradict it.",
    )
