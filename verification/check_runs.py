"""Check runs: requesting, publishing, taking, closing and sweeping them.

The ``CheckRun`` row is the durable record of a check: a message lost with a dead broker
or a killed worker is found again by ``checks_sweep`` and published anew. Each write is
its own short transaction, guarded so a duplicate or redelivered message does no harm.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, Q, Subquery
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from claims import events
from claims.models import Article, Claim
from claims.services import claim_activity_bump
from claims.workflow import RoleNotAllowed
from desk.queue import enqueue
from desk.roles import user_roles
from verification.models import CheckRun, CheckState
from verification.providers.registry import provider_names, search_providers

logger = logging.getLogger(__name__)

#: Errors that mean "the broker is unreachable right now" when publishing a message.
BROKER_ERRORS: tuple[type[BaseException], ...] = (
    KombuOperationalError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionError,
    TimeoutError,
)

#: A run that was never published (the broker was down at request time) is picked up by
#: the sweep after this many seconds, or CHECK_QUEUED_STALE_AFTER if that is shorter.
NEVER_ENQUEUED_GRACE = 30

_url_validator = URLValidator(schemes=["http", "https"])


# ---------------------------------------------------------------------------- requesting


def _validated_urls(urls: Iterable[str]) -> list[str]:
    """http(s) URLs with a host, stripped and de-duplicated in order; else ValidationError."""
    cleaned: list[str] = []
    for raw in urls:
        url = (raw or "").strip() if isinstance(raw, str) else ""
        try:
            if not url or len(url) > 2000:
                raise ValidationError("bad")
            _url_validator(url)
        except ValidationError:
            shown = str(raw)[:200]
            raise ValidationError(
                f"Enter an http or https URL with a host name (at most 2000 characters); "
                f"{shown!r} is not one.",
                code="invalid_url",
            ) from None
        if url not in cleaned:
            cleaned.append(url)
    return cleaned


def check_request(
    *,
    claim: Claim,
    actor: AbstractBaseUser | AnonymousUser | None,
    urls: list[str] | None = None,
    with_providers: bool | None = None,
) -> CheckRun:
    """Record a check of ``claim`` and publish it once the transaction commits.

    With ``urls`` only those pages are checked; without, the providers switched on in
    settings are asked for sources. ``with_providers=True`` asks both (a re-check of every
    known source plus the providers). If the broker is down the request still succeeds:
    the run stays ``queued`` and the sweep publishes it later. The request is written to
    the claim's history in the same transaction.

    ``actor=None`` is the system (ingest, a shell command); a user needs a desk role, else
    ``RoleNotAllowed`` is raised and nothing is written.
    """
    if actor is not None and not user_roles(actor):
        raise RoleNotAllowed("Refused: you need the reviewer role to check sources.")
    cleaned = _validated_urls(urls or [])
    ask_providers = not cleaned if with_providers is None else with_providers
    requested_by = actor if actor is not None and actor.is_authenticated else None
    with transaction.atomic():
        run = CheckRun(
            claim=claim,
            requested_by_id=requested_by.pk if requested_by is not None else None,
            urls=cleaned,
            providers=provider_names() if ask_providers else [],
            state=CheckState.QUEUED,
        )
        run.full_clean(exclude=["claim", "requested_by"])
        run.save()
        _check_event(
            run=run,
            actor=requested_by,
            action="source_added" if cleaned and not ask_providers else "check_requested",
            note=_request_note(run),
        )
        claim_activity_bump(claim_ids=[claim.pk])
        # robust: a failure while publishing (or while running inline) must not undo or
        # break the request that has already committed the run.
        transaction.on_commit(lambda: check_enqueue(run_id=run.pk), robust=True)
    run.refresh_from_db()
    return run


def _request_note(run: CheckRun) -> str:
    parts = []
    if run.urls:
        parts.append(", ".join(run.urls))
    if run.providers:
        parts.append("providers: " + ", ".join(run.providers))
    what = "; ".join(parts) or "no sources and no providers configured"
    return f"Check #{run.pk}: {what}"


def _check_event(*, run: CheckRun, actor: Any, action: str, note: str) -> None:
    """A check in the claim's audit trail, beside its workflow steps (no status change).

    Like a note, the row carries the claim's status as both ends (unchanged), so every
    history row says what state the claim was in.
    """
    from claims.models import Claim, ClaimEvent

    # Read in the INSERT itself: no extra query per check.
    status = Subquery(Claim.objects.filter(pk=run.claim_id).values("status")[:1])
    ClaimEvent.objects.create(
        claim_id=run.claim_id,
        actor=actor,
        action=action,
        from_status=status,
        to_status=status,
        note=note[:5000],
    )


def checks_request_for_article(
    *, article: Article, actor: AbstractBaseUser | AnonymousUser | None
) -> list[CheckRun]:
    """Check every claim of a freshly ingested article with the providers switched on.

    Does nothing (returns ``[]``) unless ``CHECK_ON_INGEST`` is on and at least one search
    provider is configured, so the ingest path can call it unconditionally. One ``CheckRun``
    per claim, written together; each is published when the surrounding transaction
    commits (a broker that is down leaves them ``queued`` for the sweep). Claims that
    already have a queued or running check (an article ingested twice) are skipped.
    """
    if not settings.CHECK_ON_INGEST or not search_providers():
        return []
    providers = provider_names()
    busy = CheckRun.objects.filter(
        claim__article=article, state__in=[CheckState.QUEUED, CheckState.RUNNING]
    ).values("claim_id")
    claim_ids = list(
        Claim.objects.filter(article=article)
        .exclude(id__in=busy)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not claim_ids:
        return []
    requested_by = actor.pk if actor is not None and actor.is_authenticated else None
    with transaction.atomic():
        runs = CheckRun.objects.bulk_create(
            [
                CheckRun(
                    claim_id=claim_id,
                    requested_by_id=requested_by,
                    providers=providers,
                    state=CheckState.QUEUED,
                )
                for claim_id in claim_ids
            ]
        )
        claim_activity_bump(claim_ids=claim_ids)
        for run in runs:
            transaction.on_commit(
                lambda run_id=run.pk: check_enqueue(run_id=run_id),  # type: ignore[misc]
                robust=True,
            )
    return runs


def check_enqueue(*, run_id: int) -> bool:
    """Publish the fetch stage of a queued run; False (run left queued) if the broker is down.

    The task id is written first, so a message that does reach a worker is recognised as
    the run's own; ``enqueued_at`` is written only once the broker has the message, so a run
    without it is one the sweep must publish.
    """
    task_id = str(uuid.uuid4())
    if not CheckRun.objects.filter(id=run_id, state=CheckState.QUEUED).update(task_id=task_id):
        return False
    try:
        enqueue("verification.tasks.check_fetch", args=[run_id], task_id=task_id)
    except BROKER_ERRORS as exc:
        logger.warning(
            "check %s stays queued: the broker is unreachable (%s); the sweep will publish it",
            run_id,
            exc,
        )
        return False
    CheckRun.objects.filter(id=run_id, state=CheckState.QUEUED, task_id=task_id).update(
        enqueued_at=timezone.now()
    )
    return True


def check_requeue(*, run_ids: Iterable[int]) -> list[int]:
    """Queue finished-with-failure or stuck-in-queue runs again (the admin's action).

    A failed run starts afresh: attempts are reset and the error cleared. Running and
    succeeded runs are left alone; a running one is the sweep's business.
    """
    ids = list(run_ids)
    with transaction.atomic():
        rows = list(
            CheckRun.objects.select_for_update()
            .filter(id__in=ids, state__in=[CheckState.FAILED, CheckState.QUEUED])
            .values_list("id", "claim_id")
        )
        requeued = [run_id for run_id, _ in rows]
        CheckRun.objects.filter(id__in=requeued).update(
            state=CheckState.QUEUED, attempts=0, error="", finished_at=None, enqueued_at=None
        )
        claim_activity_bump(claim_ids=[claim_id for _, claim_id in rows])
        for run_id in requeued:
            transaction.on_commit(
                lambda run_id=run_id: check_enqueue(run_id=run_id),  # type: ignore[misc]
                robust=True,
            )
    return requeued


# ------------------------------------------------------------------------------ starting


def _worker_name() -> str:
    return f"{socket.gethostname()}/{os.getpid()}"[:200]


def stage_deadline(now: datetime, *, waiting: float = 0) -> datetime:
    """When a stage started now (after ``waiting`` seconds) must be over if its worker lives.

    The task's hard time limit kills a stage at ``CELERY_TASK_TIME_LIMIT``, so a run still
    ``running`` past ``CHECK_STAGE_DEADLINE`` (that limit plus a margin) has lost its
    worker. This is what lets the sweep recover a run within minutes of a worker dying,
    instead of waiting for the broker's visibility timeout to hand the message back.
    """
    return now + timedelta(seconds=settings.CHECK_STAGE_DEADLINE + waiting)


def check_run_retry_pending(*, run_id: int, task_id: str) -> None:
    """The fetch stage will be retried after a backoff: widen its deadline by that wait."""
    CheckRun.objects.filter(id=run_id, state=CheckState.RUNNING, task_id=task_id).update(
        deadline_at=stage_deadline(timezone.now(), waiting=settings.CHECK_RETRY_BACKOFF_MAX)
    )


def check_run_start(*, run_id: int, task_id: str, retrying: bool = False) -> CheckRun | None:
    """Take a run for this message, or return None when another message owns it.

    Taken when it is ``queued``; when it is ``running`` under this same task id (the same
    message redelivered after its worker died, or a planned retry); or when it is
    ``running`` past ``CHECK_RUN_DEADLINE`` (its worker is presumed gone). Planned retries
    do not count as attempts; anything else does, and a run out of attempts is failed.
    """
    now = timezone.now()
    deadline = now - timedelta(seconds=settings.CHECK_RUN_DEADLINE)
    startable = (
        Q(state=CheckState.QUEUED)
        | Q(state=CheckState.RUNNING, task_id=task_id)
        | Q(state=CheckState.RUNNING, deadline_at__lt=now)
        | Q(state=CheckState.RUNNING, deadline_at__isnull=True, started_at__lt=deadline)
    )
    changes: dict[str, Any] = {
        "state": CheckState.RUNNING,
        "started_at": now,
        "deadline_at": stage_deadline(now),
        "task_id": task_id,
        "worker": _worker_name(),
        "error": "",
    }
    if not retrying:
        changes["attempts"] = F("attempts") + 1
    limit = settings.CHECK_RUN_MAX_ATTEMPTS
    candidates = CheckRun.objects.filter(startable, id=run_id)
    # Taking a run changes nothing the status shows (queued and running are both pending),
    # so the claim's activity counter is left alone.
    taken = (candidates if retrying else candidates.filter(attempts__lt=limit)).update(**changes)
    if taken == 1:
        return CheckRun.objects.select_related("claim").get(id=run_id)
    exhausted = candidates.filter(attempts__gte=limit).first()
    if exhausted is not None and not retrying:
        check_run_fail(
            run_id=run_id,
            error=f"Gave up after {exhausted.attempts} attempts: the check never completed.",
        )
    return None


# --------------------------------------------------------------------------------- close


def check_run_finish(*, run: CheckRun, error: str = "") -> CheckRun:
    """Close a run: ``succeeded``, or ``failed`` with a readable ``error``.

    The one place a run ends, so anything that must happen when a check finishes (a
    webhook, a notification) is added here. It runs in a transaction: the caller's (both
    callers hold the run's row lock), else its own.
    """
    if not transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            return check_run_finish(run=run, error=error)
    run.state = CheckState.FAILED if error else CheckState.SUCCEEDED
    run.error = error[:2000]
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "error", "finished_at"])
    _check_event(run=run, actor=None, action="check_finished", note=_finish_note(run))
    claim_activity_bump(claim_ids=[run.claim_id])
    events.check_finished.send(sender=CheckRun, run=run)
    return run


def _finish_note(run: CheckRun) -> str:
    from verification.selectors import check_outcome

    if run.state == CheckState.FAILED:
        return f"Check #{run.pk} failed: {run.error}"
    if not run.sources:
        return f"Check #{run.pk} found no source to read."
    outcome = check_outcome(run=run)
    failed = "; ".join(f"{url} ({why})" for url, why in outcome.failed)
    read = f"{outcome.read} of {outcome.read + len(outcome.failed)} pages read"
    return f"Check #{run.pk}: {read}" + (f"; could not read {failed}" if failed else ".")


def check_run_fail(*, run_id: int, error: str, task_id: str | None = None) -> CheckRun | None:
    """Fail an unfinished run (only when it is still ``task_id``'s, when that is given)."""
    with transaction.atomic():
        runs = CheckRun.objects.select_for_update().filter(
            id=run_id, state__in=[CheckState.QUEUED, CheckState.RUNNING]
        )
        if task_id is not None:
            runs = runs.filter(task_id=task_id)
        run = runs.first()
        if run is None:
            return None
        return check_run_finish(run=run, error=error or "The check failed.")


# --------------------------------------------------------------------------------- sweep


@dataclass
class SweepReport:
    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    unpublished: list[int] = field(default_factory=list)


def checks_sweep(*, now: datetime | None = None) -> SweepReport:
    """Publish again every run whose message may be lost; fail those out of attempts.

    * ``queued`` and never published (the broker was down) for ``NEVER_ENQUEUED_GRACE``
      seconds, or published more than ``CHECK_QUEUED_STALE_AFTER`` seconds ago;
    * ``running`` past its stage deadline (``deadline_at``: the task time limit plus a
      margin, so a dead worker is noticed within minutes), or, while waiting between
      stages, started more than ``CHECK_RUN_DEADLINE`` seconds ago: put back to ``queued``
      and published, unless it has used ``CHECK_RUN_MAX_ATTEMPTS``, in which case it is
      failed with a clear error.

    A duplicate message is harmless (the start is a guarded update), so erring towards
    republishing costs a little work and never a lost check.
    """
    now = now or timezone.now()
    report = SweepReport()
    stale = timedelta(seconds=settings.CHECK_QUEUED_STALE_AFTER)
    grace = min(timedelta(seconds=NEVER_ENQUEUED_GRACE), stale)
    deadline = now - timedelta(seconds=settings.CHECK_RUN_DEADLINE)
    limit = settings.CHECK_RUN_MAX_ATTEMPTS

    overdue = CheckRun.objects.filter(state=CheckState.RUNNING).filter(
        Q(deadline_at__lt=now) | Q(deadline_at__isnull=True, started_at__lt=deadline)
    )
    for run in overdue.only("id", "claim_id", "attempts", "started_at", "deadline_at"):
        if run.attempts >= limit:
            if check_run_fail(
                run_id=run.pk,
                error=(
                    f"Gave up after {run.attempts} attempts: the last one did not finish "
                    "in time (its worker stopped)."
                ),
            ):
                report.failed.append(run.pk)
            continue
        # Guarded on both clocks: a stage that started meanwhile keeps its run.
        unchanged = Q(deadline_at=run.deadline_at) if run.deadline_at else Q(deadline_at=None)
        back = (
            CheckRun.objects.filter(id=run.pk, state=CheckState.RUNNING, started_at=run.started_at)
            .filter(unchanged)
            .update(state=CheckState.QUEUED, enqueued_at=None, deadline_at=None)
        )
        if back:
            claim_activity_bump(claim_ids=[run.claim_id])
            report.requeued.append(run.pk)

    waiting = CheckRun.objects.filter(state=CheckState.QUEUED).filter(
        Q(enqueued_at__isnull=True, created_at__lt=now - grace)
        | Q(enqueued_at__isnull=True, id__in=report.requeued)
        | Q(enqueued_at__lt=now - stale)
    )
    for run_id in waiting.values_list("id", flat=True).order_by("id"):
        if check_enqueue(run_id=run_id):
            if run_id not in report.requeued:
                report.requeued.append(run_id)
        else:
            report.unpublished.append(run_id)
    if report.requeued or report.failed or report.unpublished:
        logger.info(
            "sweep: republished %s, failed %s, still unpublished %s",
            report.requeued,
            report.failed,
            report.unpublished,
        )
    return report
