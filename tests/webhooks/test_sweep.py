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
    running = aged(ArticleImport.objects.create(url="https://news.example/d", state="running"), 600)
    report = imports_sweep()
    assert report.requeued == [stale.pk]
    assert published == [("import", stale.pk)]
    assert {fresh.pk, done.pk, running.pk}.isdisjoint(report.requeued)


@override_settings(IMPORT_QUEUED_STALE_AFTER=30)
def test_the_import_deadline_is_a_setting(published):
    row = aged(ArticleImport.objects.create(url="https://news.example/a"), 60)
    assert imports_sweep().requeued == [row.pk]


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
