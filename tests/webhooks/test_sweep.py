"""The sweep of imports and webhook deliveries whose task message was never sent or is lost."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from kombu.exceptions import OperationalError
from werkzeug import Response

from claims.article_imports import article_import_fetch, imports_sweep
from claims.models import ArticleImport
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from webhooks.services import deliveries_sweep, webhook_deliver

pytestmark = pytest.mark.django_db

LOCAL = override_settings(FETCH_ALLOWED_PRIVATE_HOSTS=["127.0.0.1", "localhost"])


def aged(row, seconds: int, field: str = "created_at"):
    type(row).objects.filter(pk=row.pk).update(
        **{field: timezone.now() - timedelta(seconds=seconds)}
    )
    return row


@pytest.fixture
def published(monkeypatch):
    """Task messages the sweep publishes, recorded instead of run."""
    sent: list[tuple[str, object]] = []
    monkeypatch.setattr(
        "claims.tasks.article_import_run.apply_async",
        lambda args, **kw: sent.append(("import", args[0])),
    )
    monkeypatch.setattr(
        "webhooks.tasks.webhook_deliver_task.apply_async",
        lambda args, **kw: sent.append(("delivery", args[0])),
    )
    return sent


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr("claims.tasks.article_import_run.apply_async", refuse)
    monkeypatch.setattr("webhooks.tasks.webhook_deliver_task.apply_async", refuse)


def subscription() -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        url="http://127.0.0.1:9/hook", events=["check.completed"]
    )


def delivery(state: str = "pending", **kwargs) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        subscription=subscription(), event="check.completed", body="{}", state=state, **kwargs
    )


# ----------------------------------------------------------------------------- imports


def test_a_stale_queued_import_is_published_again(published):
    stale = aged(ArticleImport.objects.create(url="https://news.example/a"), 600)
    fresh = ArticleImport.objects.create(url="https://news.example/b")
    done = aged(ArticleImport.objects.create(url="https://news.example/c", state="failed"), 600)
    running = aged(
        ArticleImport.objects.create(
            url="https://news.example/d", state="running", started_at=timezone.now()
        ),
        600,
    )
    report = imports_sweep()
    assert report.requeued == [stale.pk]
    assert published == [("import", stale.pk)]
    assert {fresh.pk, done.pk, running.pk}.isdisjoint(report.requeued)


@override_settings(IMPORT_QUEUED_STALE_AFTER=30)
def test_the_import_deadline_is_a_setting(published):
    row = aged(ArticleImport.objects.create(url="https://news.example/a"), 60)
    assert imports_sweep().requeued == [row.pk]


def test_a_running_import_whose_worker_died_is_queued_again(published):
    # Given an import a worker took longer ago than any live task can run
    orphan = ArticleImport.objects.create(url="https://news.example/a", state="running", attempts=1)
    aged(orphan, settings.IMPORT_RUNNING_DEADLINE + 5, field="started_at")
    live = ArticleImport.objects.create(
        url="https://news.example/b", state="running", attempts=1, started_at=timezone.now()
    )
    # When the sweep runs
    report = imports_sweep()
    # Then the orphan is queued and published again; the live one is left alone
    assert report.requeued == [orphan.pk]
    assert published == [("import", orphan.pk)]
    orphan.refresh_from_db()
    live.refresh_from_db()
    assert orphan.state == "queued" and live.state == "running"


def test_a_running_import_out_of_attempts_is_failed_not_retried(published):
    orphan = ArticleImport.objects.create(url="https://news.example/a", state="running", attempts=4)
    aged(orphan, settings.IMPORT_RUNNING_DEADLINE + 5, field="started_at")
    report = imports_sweep()
    assert report.failed == [orphan.pk] and published == []
    orphan.refresh_from_db()
    assert orphan.state == "failed" and "did not finish" in orphan.error


@LOCAL
def test_taking_an_import_records_when(httpserver):
    httpserver.expect_request("/a").respond_with_data("x", content_type="text/plain")
    row = ArticleImport.objects.create(url=httpserver.url_for("/a"))
    before = timezone.now()
    article_import_fetch(import_id=row.pk)
    row.refresh_from_db()
    assert row.started_at is not None and row.started_at >= before


@LOCAL
def test_an_import_redirected_to_javascript_fails_as_blocked(httpserver):
    httpserver.expect_request("/a").respond_with_data(
        "", status=302, headers={"Location": "javascript:alert(1)"}
    )
    row = ArticleImport.objects.create(url=httpserver.url_for("/a"))
    result = article_import_fetch(import_id=row.pk)
    assert result is not None
    assert result.state == "failed" and result.fetch_status == "blocked"
    assert "javascript" in result.error


def test_with_the_broker_still_down_the_import_stays_queued(broker_down):
    row = aged(ArticleImport.objects.create(url="https://news.example/a"), 600)
    report = imports_sweep()
    assert report.unpublished == [row.pk] and report.requeued == []
    row.refresh_from_db()
    assert row.state == "queued"


@LOCAL
def test_a_republished_import_does_not_get_more_attempts(httpserver):
    httpserver.expect_request("/busy").respond_with_response(Response("busy", 503))
    row = ArticleImport.objects.create(url=httpserver.url_for("/busy"), attempts=3)
    result = article_import_fetch(import_id=row.pk, final_try=False, max_attempts=4)
    assert result is not None
    assert result.state == "failed"
    assert result.attempts == 4


# -------------------------------------------------------------------------- deliveries


def test_stale_pending_and_lost_retries_are_published_again(published):
    pending = aged(delivery(), 600)
    fresh = delivery()
    lost_retry = delivery(state="retrying", attempts=1)
    aged(WebhookAttempt.objects.create(delivery=lost_retry, number=1, transient=True), 8000)
    waiting_retry = delivery(state="retrying", attempts=1)
    aged(WebhookAttempt.objects.create(delivery=waiting_retry, number=1, transient=True), 60)
    delivered = aged(delivery(state="succeeded"), 600)
    report = deliveries_sweep()
    assert sorted(report.requeued) == sorted([str(pending.pk), str(lost_retry.pk)])
    assert sorted(pk for _, pk in published) == sorted(report.requeued)
    assert {str(fresh.pk), str(waiting_retry.pk), str(delivered.pk)}.isdisjoint(report.requeued)


@override_settings(WEBHOOK_QUEUED_STALE_AFTER=10)
def test_the_delivery_deadline_is_a_setting(published):
    row = aged(delivery(), 20)
    assert deliveries_sweep().requeued == [str(row.pk)]


def test_with_the_broker_still_down_the_delivery_stays_pending(broker_down):
    row = aged(delivery(), 600)
    report = deliveries_sweep()
    assert report.unpublished == [str(row.pk)]
    row.refresh_from_db()
    assert row.state == "pending"


@LOCAL
@override_settings(WEBHOOK_MAX_RETRIES=2)
def test_a_republished_delivery_does_not_get_more_attempts(httpserver):
    httpserver.expect_request("/hook").respond_with_response(Response("busy", 503))
    row = WebhookDelivery.objects.create(
        subscription=WebhookSubscription.objects.create(
            url=httpserver.url_for("/hook"), events=["check.completed"]
        ),
        event="check.completed",
        body="{}",
        state="retrying",
        attempts=2,
    )
    result = webhook_deliver(delivery_id=str(row.pk), final_try=False)
    assert result is not None
    assert result.state == "failed"
    assert result.attempts == 3


@LOCAL
def test_a_second_message_for_a_taken_attempt_posts_nothing(httpserver, monkeypatch):
    row = delivery()
    # Another worker takes the attempt between this one's read and its guarded update.
    original = WebhookDelivery.objects.filter

    def racing_filter(*args, **kwargs):
        if "attempts" in kwargs:
            WebhookDelivery.objects.exclude(pk=None).update(attempts=1)
        return original(*args, **kwargs)

    monkeypatch.setattr(WebhookDelivery.objects, "filter", racing_filter)
    assert webhook_deliver(delivery_id=str(row.pk), final_try=False) is None
    assert httpserver.log == []
    assert not WebhookAttempt.objects.exists()


# ------------------------------------------------------------------- command and beat


def test_the_command_reports_both_sweeps(published):
    aged(ArticleImport.objects.create(url="https://news.example/a"), 600)
    aged(delivery(), 600)
    out = StringIO()
    call_command("sweep_imports_and_webhooks", stdout=out)
    assert out.getvalue().strip() == (
        "imports: republished 1, still unpublished 0; "
        "webhook deliveries: republished 1, still unpublished 0"
    )


def test_each_app_has_its_own_sweep_command(published):
    aged(ArticleImport.objects.create(url="https://news.example/a"), 600)
    aged(delivery(), 600)
    imports, deliveries = StringIO(), StringIO()
    call_command("sweep_imports", stdout=imports)
    call_command("sweep_webhooks", stdout=deliveries)
    assert imports.getvalue().strip() == "imports: republished 1, still unpublished 0"
    assert deliveries.getvalue().strip() == (
        "webhook deliveries: republished 1, still unpublished 0"
    )


def test_beat_runs_each_apps_sweep(published):
    from claims.tasks import sweep_imports
    from webhooks.tasks import sweep_webhooks

    assert settings.CELERY_BEAT_SCHEDULE["sweep-imports"]["task"] == sweep_imports.name
    assert settings.CELERY_BEAT_SCHEDULE["sweep-webhooks"]["task"] == sweep_webhooks.name
    row = aged(ArticleImport.objects.create(url="https://news.example/a"), 600)
    late = aged(delivery(), 600)
    assert sweep_imports() == [row.pk]
    assert sweep_webhooks() == [str(late.pk)]
