"""A check whose worker died is noticed by its stage deadline (task time limit plus a
margin), not by the broker's visibility timeout: the sweep queues it again within minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.verification.check_fixtures import local_checks, peshawar_claim  # noqa: F401
from verification import check_runs, services
from verification.models import CheckRun, CheckState

pytestmark = pytest.mark.django_db


def running(**fields) -> CheckRun:
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=["https://example.org/"])
    values = {"state": CheckState.RUNNING, "attempts": 1, "task_id": "lost", **fields}
    CheckRun.objects.filter(id=run.id).update(**values)
    run.refresh_from_db()
    return run


def test_taking_a_run_sets_a_stage_deadline_from_the_time_limit(settings):
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=["https://example.org/"])
    before = timezone.now()
    taken = services.check_run_start(run_id=run.id, task_id="t1")
    assert taken is not None and taken.deadline_at is not None
    expected = timedelta(seconds=settings.CHECK_STAGE_DEADLINE)
    assert before + expected <= taken.deadline_at <= timezone.now() + expected
    assert settings.CHECK_STAGE_DEADLINE > settings.CELERY_TASK_TIME_LIMIT
    assert settings.CHECK_STAGE_DEADLINE < settings.CELERY_BROKER_VISIBILITY_TIMEOUT


def test_sweep_requeues_a_run_past_its_stage_deadline_long_before_the_run_deadline(
    settings, monkeypatch
):
    sent: list[int] = []
    monkeypatch.setattr(check_runs, "check_enqueue", lambda run_id: sent.append(run_id) or True)
    now = timezone.now()
    # Given a stage started 4 minutes ago (its deadline, 3 minutes, passed) and a live one
    dead = running(started_at=now - timedelta(minutes=4), deadline_at=now - timedelta(minutes=1))
    live = running(started_at=now - timedelta(minutes=1), deadline_at=now + timedelta(minutes=2))
    assert settings.CHECK_RUN_DEADLINE > 4 * 60  # the old rule would wait for 15 minutes
    # When the sweep runs
    report = services.checks_sweep(now=now)
    # Then only the dead one is queued again and published
    assert report.requeued == [dead.id] and sent == [dead.id]
    dead.refresh_from_db()
    live.refresh_from_db()
    assert dead.state == CheckState.QUEUED and dead.deadline_at is None
    assert live.state == CheckState.RUNNING


def test_a_new_message_takes_over_a_run_past_its_stage_deadline():
    now = timezone.now()
    run = running(started_at=now - timedelta(minutes=4), deadline_at=now - timedelta(seconds=1))
    taken = services.check_run_start(run_id=run.id, task_id="new")
    assert taken is not None and taken.task_id == "new" and taken.attempts == 2


def test_a_run_waiting_for_analysis_uses_the_long_deadline(monkeypatch):
    monkeypatch.setattr(check_runs, "check_enqueue", lambda run_id: True)
    now = timezone.now()
    # The fetch stage handed over: no stage clock, the analyze message sits in the queue
    waiting = running(started_at=now - timedelta(minutes=6), deadline_at=None)
    assert services.checks_sweep(now=now).requeued == []
    waiting.refresh_from_db()
    assert waiting.state == CheckState.RUNNING


def test_a_retry_waiting_for_its_backoff_gets_that_wait_added(settings):
    run = running(started_at=timezone.now(), deadline_at=timezone.now())
    services.check_run_retry_pending(run_id=run.id, task_id="lost")
    run.refresh_from_db()
    least = settings.CHECK_STAGE_DEADLINE + settings.CHECK_RETRY_BACKOFF_MAX - 5
    assert run.deadline_at >= timezone.now() + timedelta(seconds=least)


def test_the_fetch_stage_hands_over_without_a_stage_clock(local_checks, httpserver):  # noqa: F811
    httpserver.expect_request("/a").respond_with_data("<p>x</p>", content_type="text/html")
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=[httpserver.url_for("/a")])
    services.check_stage_fetch(run_id=run.id, task_id="t")
    run.refresh_from_db()
    assert run.state == CheckState.RUNNING and run.deadline_at is None
    assert services.check_stage_analyze(run_id=run.id, task_id="t") is not None
