"""Webhook delivery task: one attempt per run, retried with backoff and jitter."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from webhooks.services import deliveries_sweep, retry_delay, webhook_deliver


@shared_task(bind=True, name="webhooks.tasks.webhook_deliver_task", queue="fetch", max_retries=None)
def webhook_deliver_task(self, delivery_id: str) -> str | None:  # type: ignore[no-untyped-def]
    """Attempt a delivery; on a transient failure schedule the next attempt.

    Inline (no broker) there is no one to wait for a retry, so the first attempt is final.
    """
    limit = int(settings.WEBHOOK_MAX_RETRIES)
    final_try = bool(self.request.is_eager) or self.request.retries >= limit
    delivery = webhook_deliver(delivery_id=delivery_id, final_try=final_try)
    if delivery is None:
        return None
    if delivery.state == "retrying":
        raise self.retry(countdown=retry_delay(self.request.retries), max_retries=limit)
    return delivery.state


@shared_task(name="webhooks.tasks.sweep_webhooks", acks_late=True)
def sweep_webhooks() -> list[str]:
    """Periodic (beat): publish again the deliveries whose task message is lost."""
    return [str(pk) for pk in deliveries_sweep().requeued]
