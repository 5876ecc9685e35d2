"""Webhook events sent for what claims publishes (``claims.events``)."""

from __future__ import annotations

from typing import Any

from claims import events


def _status_changed(
    sender: Any, *, claim: Any, action: str, from_status: str, to_status: str, actor: Any,
    **kwargs: Any,
) -> None:  # fmt: skip
    from webhooks.services import claim_status_changed

    claim_status_changed(
        claim=claim, action=action, from_status=from_status, to_status=to_status, actor=actor
    )


def _check_finished(sender: Any, *, run: Any, **kwargs: Any) -> None:
    from webhooks.services import check_completed

    check_completed(run=run)


def connect() -> None:
    events.claim_status_changed.connect(_status_changed, dispatch_uid="webhooks-status")
    events.check_finished.connect(_check_finished, dispatch_uid="webhooks-check-finished")
