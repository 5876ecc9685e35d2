"""Sending signed webhook POSTs for claim status changes and finished checks.

Delivery goes through the safe fetcher's address rules: the URL is checked with
``safefetch.fetch.check_url`` (so a subscription cannot reach loopback, private or
metadata addresses unless the host is in FETCH_ALLOWED_PRIVATE_HOSTS), and the connection
is made to the address that was checked, with the hostname kept for Host and TLS. Redirects
are not followed: a receiver that moved must be updated in the admin.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from desk.queue import enqueue
from webhooks.models import DeliveryState, WebhookAttempt, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Claimdesk-Signature"
DELIVERY_HEADER = "X-Claimdesk-Delivery"
EVENT_HEADER = "X-Claimdesk-Event"

#: Receiver answers worth trying again: timeouts, rate limits and server trouble.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def sign(body: bytes, secret: str) -> str:
    """The X-Claimdesk-Signature value: ``sha256=`` + hex HMAC-SHA256 of the raw body."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def retry_delay(retries: int, *, base: float = 10.0, cap: float = 3600.0) -> float:
    """Exponential backoff with jitter: ~10 s, 20 s, 40 s ... capped at an hour.

    The jitter (50-100 % of the step) spreads retries of many deliveries that failed
    together, so a receiver coming back up is not hit by all of them at once.
    """
    step = min(cap, base * (2**retries))
    return step * (0.5 + random.random() / 2)


def subscription_save(
    *,
    url: str,
    events: list[str],
    name: str = "",
    active: bool = True,
    subscription: WebhookSubscription | None = None,
) -> WebhookSubscription:
    """Create or update a subscription; its URL must pass the fetcher's address rules.

    ``full_clean`` runs the URL validator (``webhooks.endpoint``), so a private, loopback
    or metadata endpoint is refused with a ``ValidationError`` and nothing is saved.
    """
    row = subscription if subscription is not None else WebhookSubscription()
    row.url, row.events, row.name, row.active = url, events, name, active
    row.full_clean()
    row.save()
    return row


def webhook_dispatch(*, event: str, data: dict[str, Any]) -> None:
    """Send ``event`` to every active subscription once the current transaction commits.

    ``data`` is encoded now (it may hold model values that change later) and nothing is
    sent if the transaction rolls back.
    """
    encoded = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    transaction.on_commit(lambda: _fan_out(event, encoded), robust=True)


def _fan_out(event: str, data: dict[str, Any]) -> None:
    subscriptions = [s for s in WebhookSubscription.objects.filter(active=True) if s.wants(event)]
    for subscription in subscriptions:
        delivery_id = uuid.uuid4()
        body = json.dumps(
            {
                "id": str(delivery_id),
                "event": event,
                "created_at": timezone.now().isoformat(),
                "data": data,
            },
            separators=(",", ":"),
        )
        WebhookDelivery.objects.create(
            id=delivery_id, subscription=subscription, event=event, body=body
        )
        try:
            enqueue("webhooks.tasks.webhook_deliver_task", args=[str(delivery_id)])
        except Exception:
            # The row stays pending and visible in the admin; the caller's write stands.
            logger.exception("could not enqueue webhook delivery %s", delivery_id)


def claim_status_changed(
    *, claim: Any, action: str, from_status: str, to_status: str, actor: Any = None
) -> None:
    """Dispatch ``claim.status_changed`` when a transition moves a claim to a new status.

    Called inside the transition's transaction; the claim is read again after commit, so
    the payload carries the committed version and verdict. ``assign`` (same status) sends
    nothing.
    """
    if from_status == to_status:
        return
    claim_id = claim.pk
    actor_name = actor.get_username() if getattr(actor, "is_authenticated", False) else None

    def send() -> None:
        from claims.models import Claim

        committed = Claim.objects.filter(pk=claim_id).first()
        if committed is None:
            return
        _fan_out(
            "claim.status_changed",
            {
                "claim": committed.pk,
                "article": committed.article_id,
                "action": action,
                "from_status": from_status,
                "status": to_status,
                "verdict": committed.verdict or None,
                "version": committed.version,
                "actor": actor_name,
                "url": f"/api/v1/claims/{committed.pk}/",
            },
        )

    transaction.on_commit(send, robust=True)


def check_completed(*, run: Any) -> None:
    """Dispatch ``check.completed`` for a check run that just reached a final state."""
    webhook_dispatch(
        event="check.completed",
        data={
            "check": run.pk,
            "claim": run.claim_id,
            "state": run.state,
            "error": run.error or None,
            "finished_at": run.finished_at,
            "url": f"/api/v1/checks/{run.pk}/",
        },
    )


@dataclass(frozen=True)
class AttemptOutcome:
    delivered: bool
    transient: bool
    response_status: int | None = None
    error: str = ""


def webhook_deliver(*, delivery_id: str, final_try: bool = True) -> WebhookDelivery | None:
    """Make one attempt at a delivery and record it; returns the delivery, None if gone.

    A transient failure leaves the delivery ``retrying`` (the task schedules the next
    attempt) unless ``final_try``, when it becomes ``failed``. Finished deliveries are left
    alone, so a redelivered task message sends nothing twice.
    """
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.state in (DeliveryState.SUCCEEDED, DeliveryState.FAILED):
        return None
    number = delivery.attempts + 1
    # Take the attempt: of two messages for the same delivery (a redelivery, the sweep's
    # republish) only one posts.
    taken = WebhookDelivery.objects.filter(
        pk=delivery.pk, attempts=delivery.attempts, state=delivery.state
    ).update(attempts=number)
    if not taken:
        return None
    if number > int(settings.WEBHOOK_MAX_RETRIES):
        final_try = True  # attempts are counted on the row, whichever message made them
    started = time.monotonic()
    outcome = _post(delivery)
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=number,
        response_status=outcome.response_status,
        error=outcome.error[:2000],
        transient=outcome.transient,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    if outcome.delivered:
        delivery.state = DeliveryState.SUCCEEDED
        delivery.delivered_at = timezone.now()
    elif outcome.transient and not final_try:
        delivery.state = DeliveryState.RETRYING
    else:
        delivery.state = DeliveryState.FAILED
    delivery.attempts = number
    delivery.response_status = outcome.response_status
    delivery.error = outcome.error[:2000]
    delivery.save(update_fields=["state", "attempts", "response_status", "error", "delivered_at"])
    logger.info(
        "webhook %s (%s) attempt %d: %s %s",
        delivery.pk,
        delivery.event,
        number,
        delivery.state,
        outcome.error,
    )
    return delivery


def _post(delivery: WebhookDelivery) -> AttemptOutcome:
    from desk.fetch_policy import fetch_policy
    from safefetch.fetch import BlockedURL, HostResolutionError, check_url, make_client

    subscription = delivery.subscription
    policy = fetch_policy()
    try:
        addresses = check_url(subscription.url, policy=policy)
    except BlockedURL as exc:
        return AttemptOutcome(delivered=False, transient=False, error=str(exc))
    except HostResolutionError as exc:
        return AttemptOutcome(delivered=False, transient=exc.transient, error=str(exc))
    body = delivery.body.encode("utf-8")
    parts = urlsplit(subscription.url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").encode("idna").decode("ascii")
    port = parts.port or (443 if scheme == "https" else 80)
    default_port = 443 if scheme == "https" else 80
    host_header = f"[{host}]" if ":" in host else host
    if port != default_port:
        host_header = f"{host_header}:{port}"
    headers = {
        "Host": host_header,
        "Content-Type": "application/json",
        "User-Agent": policy.user_agent,
        SIGNATURE_HEADER: sign(body, subscription.secret),
        DELIVERY_HEADER: str(delivery.pk),
        EVENT_HEADER: delivery.event,
    }
    timeout = httpx.Timeout(float(settings.WEBHOOK_TIMEOUT))
    last_error = "no address to connect to"
    with make_client(policy) as client:
        for address in addresses:
            shown = f"[{address}]" if ":" in address else address
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            request = client.build_request(
                "POST",
                f"{scheme}://{shown}:{port}{path}",
                content=body,
                headers=headers,
                timeout=timeout,
                extensions={"sni_hostname": host} if scheme == "https" else None,
            )
            try:
                response = client.send(request, follow_redirects=False)
            except httpx.ConnectError as exc:
                last_error = f"Could not connect: {exc}"
                continue
            except httpx.TimeoutException as exc:
                return AttemptOutcome(delivered=False, transient=True, error=f"Timed out: {exc}")
            except httpx.HTTPError as exc:
                return AttemptOutcome(delivered=False, transient=True, error=f"Failed: {exc}")
            code = response.status_code
            if 200 <= code < 300:
                return AttemptOutcome(delivered=True, transient=False, response_status=code)
            reason = f"HTTP {code} {response.reason_phrase}".strip()
            if 300 <= code < 400:
                reason += " (redirects are not followed; update the subscription URL)"
            return AttemptOutcome(
                delivered=False,
                transient=code in TRANSIENT_STATUSES,
                response_status=code,
                error=reason,
            )
    return AttemptOutcome(delivered=False, transient=True, error=last_error)


@dataclass
class DeliverySweepReport:
    requeued: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)


def deliveries_sweep(*, now: datetime | None = None) -> DeliverySweepReport:
    """Publish again every delivery whose task message was never sent or is lost.

    * ``pending`` ``WEBHOOK_QUEUED_STALE_AFTER`` seconds after it was created: the broker
      was down when the event happened, or the message was lost before a first attempt;
    * ``retrying`` with no attempt for ``WEBHOOK_RETRY_DEADLINE`` seconds, longer than
      the longest backoff between two attempts: the scheduled retry is lost.

    A duplicate message posts nothing twice (an attempt is taken with a guarded update)
    and attempts are counted on the row, so ``WEBHOOK_MAX_RETRIES`` still bounds them.
    """
    now = now or timezone.now()
    pending_before = now - timedelta(seconds=settings.WEBHOOK_QUEUED_STALE_AFTER)
    retry_before = now - timedelta(seconds=settings.WEBHOOK_RETRY_DEADLINE)
    report = DeliverySweepReport()
    stale = (
        WebhookDelivery.objects.filter(state__in=(DeliveryState.PENDING, DeliveryState.RETRYING))
        .annotate(last_attempt=Max("attempt_log__created_at"))
        .filter(
            Q(state=DeliveryState.PENDING, created_at__lt=pending_before)
            | Q(state=DeliveryState.RETRYING, last_attempt__lt=retry_before)
            | Q(
                state=DeliveryState.RETRYING, last_attempt__isnull=True, created_at__lt=retry_before
            )
        )
        .order_by("created_at")
    )
    for delivery_id in stale.values_list("id", flat=True):
        try:
            enqueue("webhooks.tasks.webhook_deliver_task", args=[str(delivery_id)])
        except Exception as exc:  # the broker is still down: try again next sweep
            logger.warning("webhook delivery %s not republished (%s)", delivery_id, exc)
            report.unpublished.append(str(delivery_id))
        else:
            report.requeued.append(str(delivery_id))
    if report.requeued or report.unpublished:
        logger.info(
            "webhook sweep: republished %s, still unpublished %s",
            report.requeued,
            report.unpublished,
        )
    return report
