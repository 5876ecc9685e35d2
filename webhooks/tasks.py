"""Webhook delivery task: one attempt per run, retried with backoff and jitter."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from webhooks.services import retry_delay, webhook_deliver


@shared_task(bind=True, queue="fetch", max_retries=None)
def webhook_deliver_task(self, delivery_id: str) -> str | None:  # type: ignore[no-untyped-def]
    """Attempt a delivery; on a transient failure schedule the next attempt.

    Inline (no broker) there is no one to wait for a retry, so the first attempt is final.
    """
    limit = int(settings.WEBHOOK_MAX_RETRIES)
    final = bool(self.request.is_eager) or self.request.retries >= limit
    delivery = webhook_deliver(delivery_id=delivery_id, final=final)
    if delivery is None:
        return None
    if delivery.state == "retrying":
        raise self.retry(countdown=retry_delay(self.request.retries), max_retries=limit)
    return delivery.state
