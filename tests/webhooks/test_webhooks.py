"""Webhooks: signed POSTs to a real local HTTP server, retries, address rules, the admin."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from celery.exceptions import Retry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings
from werkzeug import Response

from safefetch.fetch import HostResolutionError
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from webhooks.services import (
    retry_delay,
    sign,
    subscription_save,
    webhook_deliver,
    webhook_dispatch,
)
from webhooks.tasks import webhook_deliver_task

pytestmark = pytest.mark.django_db

LOCAL = override_settings(FETCH_ALLOWED_PRIVATE_HOSTS=["127.0.0.1", "localhost"])


def subscribe(httpserver, *events, secret="s3cret-for-tests", active=True):
    return WebhookSubscription.objects.create(
        url=httpserver.url_for("/hook"), secret=secret, events=list(events), active=active
    )


def dispatch(django_capture_on_commit_callbacks, event, data):
    with django_capture_on_commit_callbacks(execute=True):
        webhook_dispatch(event=event, data=data)


@LOCAL
def test_a_signed_webhook_reaches_the_receiver(httpserver, django_capture_on_commit_callbacks):
    # Given a receiver subscribed to status changes
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    subscribe(httpserver, "claim.status_changed")
    # When a status change is dispatched and the transaction commits
    dispatch(
        django_capture_on_commit_callbacks,
        "claim.status_changed",
        {"claim": 7, "status": "published"},
    )
    # Then one POST arrived, signed with the secret over the raw body
    (request, _), *rest = httpserver.log
    assert rest == []
    raw = request.get_data()
    expected = "sha256=" + hmac.new(b"s3cret-for-tests", raw, hashlib.sha256).hexdigest()
    assert request.headers["X-Claimdesk-Signature"] == expected
    body = json.loads(raw)
    assert body["event"] == "claim.status_changed"
    assert body["data"] == {"claim": 7, "status": "published"}
    assert request.headers["X-Claimdesk-Delivery"] == body["id"]
    assert request.headers["Content-Type"] == "application/json"
    assert body["created_at"]
    # And the delivery and its attempt are on record
    delivery = WebhookDelivery.objects.get()
    assert str(delivery.pk) == body["id"]
    assert delivery.state == "succeeded"
    assert delivery.response_status == 200
    assert delivery.attempt_log.get().number == 1


@LOCAL
def test_only_active_subscriptions_to_the_event_receive_it(
    httpserver, django_capture_on_commit_callbacks
):
    httpserver.expect_request("/hook").respond_with_data("ok")
    subscribe(httpserver, "check.completed")
    subscribe(httpserver, "claim.status_changed", active=False)
    dispatch(django_capture_on_commit_callbacks, "claim.status_changed", {"claim": 1})
    assert httpserver.log == []
    assert not WebhookDelivery.objects.exists()


@LOCAL
def test_nothing_is_sent_when_the_transaction_rolls_back(
    httpserver, django_capture_on_commit_callbacks
):
    subscribe(httpserver, "check.completed")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        webhook_dispatch(event="check.completed", data={"check": 1})
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert httpserver.log == []


def test_a_private_address_is_refused_without_the_allowlist(
    httpserver, django_capture_on_commit_callbacks
):
    httpserver.expect_request("/hook").respond_with_data("ok")
    subscribe(httpserver, "check.completed")
    dispatch(django_capture_on_commit_callbacks, "check.completed", {"check": 1})
    assert httpserver.log == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "failed"
    assert "Refused" in delivery.error and "loopback" in delivery.error


@LOCAL
def test_a_transient_failure_is_retried_then_delivered(httpserver):
    subscription = subscribe(httpserver, "check.completed")
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="check.completed", body='{"id":"x"}'
    )
    httpserver.expect_oneshot_request("/hook").respond_with_response(Response("busy", 503))
    first = webhook_deliver(delivery_id=str(delivery.pk), final_try=False)
    assert first.state == "retrying"
    assert first.response_status == 503
    httpserver.expect_oneshot_request("/hook").respond_with_data("ok")
    second = webhook_deliver(delivery_id=str(delivery.pk), final_try=False)
    assert second.state == "succeeded"
    attempts = list(
        WebhookAttempt.objects.filter(delivery=delivery).values_list(
            "number", "response_status", "transient"
        )
    )
    assert attempts == [(1, 503, True), (2, 200, False)]
    # Both attempts carried the same body, id and signature
    (one, _), (two, _) = httpserver.log
    assert one.get_data() == two.get_data() == b'{"id":"x"}'
    assert one.headers["X-Claimdesk-Signature"] == sign(b'{"id":"x"}', "s3cret-for-tests")


@LOCAL
def test_a_permanent_failure_is_not_retried(httpserver):
    subscription = subscribe(httpserver, "check.completed")
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="check.completed", body="{}"
    )
    httpserver.expect_request("/hook").respond_with_response(Response("gone", 410))
    result = webhook_deliver(delivery_id=str(delivery.pk), final_try=False)
    assert result.state == "failed"
    assert result.error.startswith("HTTP 410")
    assert webhook_deliver(delivery_id=str(delivery.pk), final_try=False) is None  # finished


@LOCAL
def test_the_task_schedules_a_retry_for_a_transient_failure(httpserver):
    subscription = subscribe(httpserver, "check.completed")
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="check.completed", body="{}"
    )
    httpserver.expect_request("/hook").respond_with_response(Response("busy", 503))
    with pytest.raises(Retry):
        webhook_deliver_task.run(str(delivery.pk))
    delivery.refresh_from_db()
    assert delivery.state == "retrying"
    assert delivery.attempts == 1


@override_settings(FETCH_ALLOWED_PRIVATE_HOSTS=["127.0.0.1"])
def test_a_closed_port_is_a_transient_failure():
    subscription = WebhookSubscription.objects.create(
        url="http://127.0.0.1:1/hook", events=["check.completed"]
    )
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="check.completed", body="{}"
    )
    result = webhook_deliver(delivery_id=str(delivery.pk), final_try=False)
    assert result.state == "retrying"
    assert "Could not connect" in result.error


def test_retry_delay_grows_with_jitter_and_is_capped():
    for retries in range(12):
        step = min(3600.0, 10.0 * 2**retries)
        delays = {retry_delay(retries) for _ in range(20)}
        assert all(step / 2 <= d <= step for d in delays)
        assert len(delays) > 1


def test_admin_manages_subscriptions_and_shows_deliveries_read_only(admin_client, monkeypatch):
    monkeypatch.setattr("safefetch.fetch.default_resolver", lambda host, port: ["93.184.216.34"])
    add = admin_client.get("/admin/webhooks/webhooksubscription/add/")
    assert add.status_code == 200
    assert b"claim.status_changed" in add.content and b"check.completed" in add.content
    created = admin_client.post(
        "/admin/webhooks/webhooksubscription/add/",
        {
            "name": "Newsroom",
            "url": "https://hooks.example/claimdesk",
            "secret": "abc",
            "events": ["claim.status_changed", "check.completed"],
            "active": "on",
        },
    )
    assert created.status_code == 302
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["claim.status_changed", "check.completed"]
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="check.completed", body="{}"
    )
    assert admin_client.get("/admin/webhooks/webhookdelivery/").status_code == 200
    assert admin_client.get("/admin/webhooks/webhookdelivery/add/").status_code == 403
    page = admin_client.get(f"/admin/webhooks/webhookdelivery/{delivery.pk}/change/")
    assert page.status_code == 200
    assert b"Save" not in page.content


@LOCAL
def test_a_transition_through_the_api_posts_claim_status_changed(
    httpserver, django_capture_on_commit_callbacks, reviewer_client
):
    from tests.factories import ClaimFactory

    httpserver.expect_request("/hook").respond_with_data("ok")
    subscribe(httpserver, "claim.status_changed")
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            f"/api/v1/claims/{claim.pk}/transitions/",
            {"action": "start_review", "version": 1},
            format="json",
        )
    assert response.status_code == 200
    (request, _), *rest = httpserver.log
    assert rest == []
    data = json.loads(request.get_data())["data"]
    assert data == {
        "claim": claim.pk,
        "article": claim.article_id,
        "action": "start_review",
        "from_status": "new",
        "status": "in_review",
        "verdict": None,
        "version": 2,
        "actor": "rita",
        "url": f"/api/v1/claims/{claim.pk}/",
    }


@LOCAL
def test_a_finished_check_posts_check_completed(httpserver, django_capture_on_commit_callbacks):
    from tests.api.support import add_check
    from tests.factories import ClaimFactory
    from verification.services import check_run_finish

    httpserver.expect_request("/hook").respond_with_data("ok")
    subscribe(httpserver, "check.completed")
    run = add_check(ClaimFactory(), state="running")
    with django_capture_on_commit_callbacks(execute=True):
        check_run_finish(run=run, error="Every source was unreachable.")
    (request, _), *rest = httpserver.log
    assert rest == []
    body = json.loads(request.get_data())
    assert body["event"] == "check.completed"
    assert body["data"]["check"] == run.pk
    assert body["data"]["claim"] == run.claim_id
    assert body["data"]["state"] == "failed"
    assert body["data"]["error"] == "Every source was unreachable."


# ------------------------------------------------------------------ URLs checked when saved

REFUSED_ENDPOINTS = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.5/hook",
    "http://[::1]/hook",
    "http://[64:ff9b:1:a00:0:100:808:808]/hook",
    "http://2130706433/hook",
    "https://hooks.example:6379/hook",
    "ftp://hooks.example/hook",
]


@pytest.mark.parametrize("url", REFUSED_ENDPOINTS)
def test_the_admin_refuses_private_endpoints_when_saving(admin_client, url, monkeypatch):
    monkeypatch.setattr("safefetch.fetch.default_resolver", lambda host, port: ["93.184.216.34"])
    response = admin_client.post(
        "/admin/webhooks/webhooksubscription/add/",
        {"name": "x", "url": url, "secret": "abc", "events": ["check.completed"], "active": "on"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert b"errornote" in response.content or b"errorlist" in response.content
    assert not WebhookSubscription.objects.exists()


def test_a_name_resolving_privately_is_refused_when_saving(monkeypatch):
    monkeypatch.setattr("safefetch.fetch.default_resolver", lambda host, port: ["10.1.2.3"])
    with pytest.raises(ValidationError, match=r"resolves to 10\.1\.2\.3"):
        subscription_save(url="https://hooks.example/x", events=["check.completed"])
    assert not WebhookSubscription.objects.exists()


def test_the_service_saves_a_public_endpoint(monkeypatch):
    monkeypatch.setattr("safefetch.fetch.default_resolver", lambda host, port: ["93.184.216.34"])
    row = subscription_save(url="https://hooks.example/x", events=["check.completed"])
    assert WebhookSubscription.objects.get().url == row.url


def test_an_unknown_host_is_refused_but_dns_trouble_is_not(monkeypatch):
    def nxdomain(host: str, port: int) -> list[str]:
        raise HostResolutionError(f"DNS lookup failed for {host}: not known", transient=False)

    def servfail(host: str, port: int) -> list[str]:
        raise HostResolutionError(f"DNS lookup failed for {host}: try again", transient=True)

    monkeypatch.setattr("safefetch.fetch.default_resolver", nxdomain)
    with pytest.raises(ValidationError, match="does not resolve"):
        subscription_save(url="https://nowhere.example/x", events=["check.completed"])
    monkeypatch.setattr("safefetch.fetch.default_resolver", servfail)
    assert subscription_save(url="https://later.example/x", events=["check.completed"]).pk


@override_settings(FETCH_ALLOWED_PRIVATE_HOSTS=["127.0.0.1:8000"])
def test_the_allow_list_lets_a_named_private_endpoint_through():
    assert subscription_save(url="http://127.0.0.1:8000/hook", events=["check.completed"]).pk
    with pytest.raises(ValidationError):
        subscription_save(url="http://127.0.0.1:6379/", events=["check.completed"])
