"""Verification's answers to what claims publishes (``claims.events``)."""

from __future__ import annotations

from typing import Any

from claims import events


def _check_on_ingest(sender: Any, *, article: Any, actor: Any, **kwargs: Any) -> None:
    from verification.check_runs import checks_request_for_article

    checks_request_for_article(article=article, actor=actor)


def _check_requested(
    sender: Any, *, claim: Any, actor: Any, urls: Any, recheck: bool = False, **kwargs: Any
) -> Any:
    from verification.check_runs import check_request
    from verification.selectors import claim_source_urls

    if recheck:
        # "Check sources now": every page this claim was checked against, and the providers.
        known = claim_source_urls(claim=claim)
        return check_request(claim=claim, actor=actor, urls=known, with_providers=True)
    return check_request(claim=claim, actor=actor, urls=urls)


def _evidence_panel_requested(sender: Any, *, claim: Any, **kwargs: Any) -> Any:
    from verification.panel import evidence_panel

    return evidence_panel(claim=claim)


def _evidence_requested(sender: Any, *, claim: Any, **kwargs: Any) -> Any:
    from verification.selectors import claim_evidence

    return list(claim_evidence(claim=claim))


def connect() -> None:
    events.claim_written.connect(_check_on_ingest, dispatch_uid="verification-check-on-ingest")
    events.check_requested.connect(_check_requested, dispatch_uid="verification-check-request")
    events.evidence_requested.connect(_evidence_requested, dispatch_uid="verification-evidence")
    events.evidence_panel_requested.connect(
        _evidence_panel_requested, dispatch_uid="verification-evidence-panel"
    )
