"""Matching's answers to what claims publishes (``claims.events``): match after ingest,
keep the status answers of repeats current when a matched claim is (un)published, and
answer the questions about matches that apps below it ask (``later_figure_requested``,
``match_count_requested``)."""

from __future__ import annotations

from typing import Any

from claims import events
from desk.queue import enqueue_on_commit


def _match_on_ingest(sender: Any, *, article: Any, **kwargs: Any) -> None:
    """Sent inside the ingest transaction: the task is published once it commits, when
    the article's claims exist (inline without a broker)."""
    enqueue_on_commit("repeats.tasks.match_article", args=[article.pk])


def _status_changed(
    sender: Any, *, claim: Any, from_status: str, to_status: str, **kwargs: Any
) -> None:
    """A claim entering or leaving ``published`` changes the public matches count of the
    claims repeating it: bump their activity, so their status ETag changes too."""
    from claims.models import ClaimStatus
    from claims.services import claim_activity_bump
    from repeats.models import ClaimMatch, MatchState

    if from_status == to_status or ClaimStatus.PUBLISHED not in (from_status, to_status):
        return
    repeats = (
        ClaimMatch.objects.filter(matched_claim=claim)
        .exclude(state=MatchState.REJECTED)
        .values_list("claim_id", flat=True)
    )
    claim_activity_bump(claim_ids=sorted(set(repeats)))


def _later_figure(sender: Any, *, claim: Any, **kwargs: Any) -> Any:
    from repeats.selectors import later_figure

    return later_figure(claim=claim)


def _match_count(sender: Any, *, claim_id: int, public: bool = False, **kwargs: Any) -> int:
    from repeats.selectors import match_count

    return match_count(claim_id=claim_id, public=public)


def connect() -> None:
    events.claim_written.connect(_match_on_ingest, dispatch_uid="repeats-match-on-ingest")
    events.claim_status_changed.connect(_status_changed, dispatch_uid="repeats-status-changed")
    events.later_figure_requested.connect(_later_figure, dispatch_uid="repeats-later-figure")
    events.match_count_requested.connect(_match_count, dispatch_uid="repeats-match-count")
