"""Outgoing webhooks: who wants which events, and the record of every delivery attempt."""

from __future__ import annotations

import secrets
import uuid

from django.db import models

from webhooks.endpoint import validate_endpoint_url


class WebhookEvent(models.TextChoices):
    CLAIM_STATUS_CHANGED = "claim.status_changed", "A claim's status changed"
    CHECK_COMPLETED = "check.completed", "A check run finished"
    CLAIM_MATCH_PUBLISHED = "claim.match_published", "A new claim repeats a published claim"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    RETRYING = "retrying", "Retrying"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Failed"


def new_secret() -> str:
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    """An endpoint that receives signed POSTs for the events it subscribed to."""

    name = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=2000, validators=[validate_endpoint_url])
    secret = models.CharField(
        max_length=200,
        default=new_secret,
        help_text="Shared secret for the X-Claimdesk-Signature HMAC-SHA256 header.",
    )
    events = models.JSONField(default=list, help_text="Event names this endpoint receives.")
    active = models.BooleanField(default=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name or self.url

    def wants(self, event: str) -> bool:
        return self.active and event in (self.events or [])


class WebhookDelivery(models.Model):
    """One event sent to one subscription; ``id`` is the delivery id receivers deduplicate on.

    The body is stored exactly as signed, so every retry sends the same bytes and the same
    signature, and an operator can see what was sent.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=60, db_index=True)
    body = models.TextField()
    state = models.CharField(
        max_length=20, choices=DeliveryState.choices, default=DeliveryState.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event} to {self.subscription_id}: {self.state}"


class WebhookAttempt(models.Model):
    """The outcome of one POST of a delivery: the audit trail an operator debugs from."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveIntegerField()
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    transient = models.BooleanField(default=False)
    duration_ms = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("delivery_id", "number")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_unique")
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"
