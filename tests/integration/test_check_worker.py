"""Checks through a real worker: end to end, a pool process killed mid-fetch, and the broker
down at request time. Nothing is lost and nothing is done twice."""

from __future__ import annotations

import os
import signal
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.integration.conftest import broker_at, wait_for
from tests.verification.check_fixtures import peshawar_claim
from tests.verification.fixtures_http import closed_port
from verification.models import CheckRun, CheckState, Evidence, Stance
from verification.services import check_request, checks_sweep

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def finished(run_id: int) -> bool:
    return CheckRun.objects.filter(
        id=run_id, state__in=[CheckState.SUCCEEDED, CheckState.FAILED]
    ).exists()


def test_check_end_to_end(worker, pages):
    _, log = worker
    claim = peshawar_claim()
    urls = [pages.url("/news/peshawar_attack.html"), pages.url("/news/peshawar_toll.html")]
    run = check_request(claim=claim, actor=None, urls=urls)
    wait_for(lambda: finished(run.id), timeout=20, what="the check to finish", log=log)
    run.refresh_from_db()
    assert run.state == CheckState.SUCCEEDED, run.error
    assert run.enqueued_at is not None and run.attempts == 1
    stances = {
        e.source.url: e.stance
        for e in Evidence.objects.filter(claim=claim).select_related("source")
    }
    assert stances == {urls[0]: Stance.SUPPORTS, urls[1]: Stance.SUPPORTS}


def test_pool_process_killed_mid_fetch_check_completes_once(worker, pages):
    process, log = worker
    claim = peshawar_claim()
    url = pages.url("/slow/peshawar_attack.html")
    # Given a check whose page hangs until we let it go
    run = check_request(claim=claim, actor=None, urls=[url])
    wait_for(pages.arrived.is_set, timeout=20, what="the worker to fetch the page", log=log)
    run.refresh_from_db()
    assert run.state == CheckState.RUNNING and run.worker
    child = int(run.worker.rsplit("/", 1)[1])
    assert child != process.pid  # the pool child, not the worker's main process
    # When the pool process dies mid-fetch
    os.kill(child, signal.SIGKILL)
    pages.gate.set()
    # Then the message is redelivered, the run taken over, and finished exactly once
    wait_for(lambda: finished(run.id), timeout=30, what="the redelivered check", log=log)
    run.refresh_from_db()
    assert run.state == CheckState.SUCCEEDED, run.error
    assert run.attempts == 2
    assert int(run.worker.rsplit("/", 1)[1]) != child
    assert Evidence.objects.filter(claim=claim).count() == 1
    assert pages.hits["/slow/peshawar_attack.html"] == 2


def test_broker_down_then_sweep_completes_the_check(worker, pages):
    _, log = worker
    claim = peshawar_claim()
    url = pages.url("/news/orange_line.html")
    # Given the broker is unreachable when the check is requested
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"):
        run = check_request(claim=claim, actor=None, urls=[url])
    # Then the request was accepted and the run waits, unpublished
    run.refresh_from_db()
    assert run.state == CheckState.QUEUED and run.enqueued_at is None
    # When the broker is back and the sweep runs (as beat would, a while later)
    CheckRun.objects.filter(id=run.id).update(created_at=timezone.now() - timedelta(minutes=5))
    report = checks_sweep()
    assert report.requeued == [run.id]
    # Then the check completes
    wait_for(lambda: finished(run.id), timeout=20, what="the swept check", log=log)
    run.refresh_from_db()
    assert run.state == CheckState.SUCCEEDED, run.error
    assert Evidence.objects.filter(claim=claim).count() == 1
