"""The whole worker killed with SIGKILL mid-check: a new worker (with beat) finishes the
orphaned check within minutes, through the stage deadline and the sweep, long before the
broker's visibility timeout would hand the lost message back.

Time limits are scaled down for the test (time limit 5 s, stage deadline 8 s, sweep every
2 s); the visibility timeout stays at its default of 600 s, so a recovery in seconds can
only have come from the sweep.
"""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.db import connection

from tests.integration.conftest import purge_queues, start_worker, stop_worker, wait_for, worker_env
from tests.verification.check_fixtures import peshawar_claim
from verification.models import CheckRun, CheckState, Evidence

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SCALED = {
    "CELERY_TASK_SOFT_TIME_LIMIT": "4",
    "CELERY_TASK_TIME_LIMIT": "5",
    "CHECK_STAGE_DEADLINE": "8",
    "CHECK_SWEEP_INTERVAL": "2",
    "CHECK_RETRY_BACKOFF_MAX": "3",
}


def test_check_orphaned_by_a_killed_worker_finishes_soon_after_a_new_worker_starts(
    services_available, pages, tmp_path
):
    env = worker_env(connection.settings_dict["NAME"], **SCALED)
    assert int(env.get("CELERY_BROKER_VISIBILITY_TIMEOUT", "600")) >= 600
    purge_queues()
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = start_worker(env, first_log)
    second = None
    try:
        # Given a check in flight on the first worker
        claim = peshawar_claim()
        run = check_in_flight(claim, pages, first_log)
        # When the whole worker (main process and pool) is killed
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        pages.gate.set()
        run.refresh_from_db()
        assert run.state == CheckState.RUNNING  # orphaned: nobody will finish it
        # and a new worker with beat starts
        second = start_worker(env, second_log, "-B", "--schedule", str(tmp_path / "beat"))
        started = time.monotonic()
        # Then the check finishes, once, within the goal of five minutes
        wait_for(
            lambda: CheckRun.objects.filter(
                id=run.id, state__in=[CheckState.SUCCEEDED, CheckState.FAILED]
            ).exists(),
            timeout=120,
            what="the orphaned check to finish",
            log=second_log,
        )
        recovered_after = time.monotonic() - started
        run.refresh_from_db()
        assert run.state == CheckState.SUCCEEDED, run.error
        assert run.attempts == 2
        assert Evidence.objects.filter(claim=claim).count() == 1
        assert recovered_after < 300, recovered_after
        print(f"orphaned check finished {recovered_after:.1f} s after the new worker started")
    finally:
        stop_worker(first)
        if second is not None:
            stop_worker(second)


def check_in_flight(claim, pages, log):
    from verification.services import check_request

    run = check_request(claim=claim, actor=None, urls=[pages.url("/slow/peshawar_attack.html")])
    wait_for(pages.arrived.is_set, timeout=20, what="the worker to fetch the page", log=log)
    run.refresh_from_db()
    assert run.state == CheckState.RUNNING and run.deadline_at is not None
    return run
