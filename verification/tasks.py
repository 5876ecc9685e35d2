"""Celery tasks of the source-checking pipeline: thin wrappers that take ids and call services.

Routes (settings ``CELERY_TASK_ROUTES``): ``check_fetch`` and ``check_archive`` on the
``fetch`` queue, ``check_analyze`` and ``sweep_checks`` on ``analyze``. Every task is
safe to run twice: the services take runs with guarded updates and upsert evidence.

Retries are only for named transient errors (a page timing out or answering 503, a
provider's rate limit, the broker refusing the next stage's message), with exponential
backoff and jitter. The last try records what failed on the run instead of raising.
"""

from __future__ import annotations

import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from kombu.exceptions import OperationalError as KombuOperationalError

from safefetch.fetch import FetchTransientError
from verification import services
from verification.providers.base import ProviderRateLimited

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (FetchTransientError, ProviderRateLimited, KombuOperationalError)

_RETRY_OPTIONS = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": settings.CHECK_RETRY_BACKOFF_MAX,
    "retry_jitter": True,
    "max_retries": settings.CHECK_FETCH_MAX_RETRIES,
    "acks_late": True,
    "reject_on_worker_lost": True,
}


def _final_try(task: Task) -> bool:
    # Inline (no broker) a retry would block the web request; run once and record.
    return bool(task.request.is_eager) or task.request.retries >= (task.max_retries or 0)


@shared_task(bind=True, name="verification.tasks.check_fetch", **_RETRY_OPTIONS)
def check_fetch(self: Task, run_id: int) -> None:
    """Stage 1 (queue ``fetch``): take the run, fetch its sources, hand over to analysis."""
    task_id = str(self.request.id)
    try:
        stage = services.check_stage_fetch(
            run_id=run_id,
            task_id=task_id,
            retrying=self.request.retries > 0,
            final_try=_final_try(self),
        )
    except TRANSIENT_ERRORS:
        services.check_run_retry_pending(run_id=run_id, task_id=task_id)
        raise
    except SoftTimeLimitExceeded:
        services.check_run_fail(
            run_id=run_id,
            task_id=task_id,
            error=f"Fetching sources took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} s.",
        )
        return
    except Exception as exc:
        logger.exception("check %s failed while fetching", run_id)
        services.check_run_fail(run_id=run_id, task_id=task_id, error=f"Fetching failed: {exc}")
        return
    if stage.run is not None:
        check_analyze.apply_async(args=[run_id, task_id])


@shared_task(
    bind=True,
    name="verification.tasks.check_analyze",
    acks_late=True,
    reject_on_worker_lost=True,
)
def check_analyze(self: Task, run_id: int, task_id: str) -> None:
    """Stage 2 (queue ``analyze``): match, upsert evidence and close the run."""
    try:
        services.check_stage_analyze(run_id=run_id, task_id=task_id)
    except SoftTimeLimitExceeded:
        services.check_run_fail(
            run_id=run_id,
            task_id=task_id,
            error=f"Matching took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} s.",
        )
    except Exception as exc:
        logger.exception("check %s failed while matching", run_id)
        services.check_run_fail(run_id=run_id, task_id=task_id, error=f"Matching failed: {exc}")


@shared_task(bind=True, name="verification.tasks.check_archive", **_RETRY_OPTIONS)
def check_archive(self: Task, run_id: int) -> int:
    """Archive a finished run's evidence pages (queue ``fetch``; only with ARCHIVE_EVIDENCE)."""
    return services.evidence_archive(run_id=run_id)


@shared_task(name="verification.tasks.sweep_checks", acks_late=True)
def sweep_checks() -> dict[str, list[int]]:
    """Periodic (beat): republish checks whose message may be lost; fail exhausted ones."""
    report = services.checks_sweep()
    return {"requeued": report.requeued, "failed": report.failed}
