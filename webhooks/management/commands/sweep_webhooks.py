"""Publish again the webhook deliveries whose task message is lost (beat runs the same as
``webhooks.tasks.sweep_webhooks``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from webhooks.services import deliveries_sweep


class Command(BaseCommand):
    help = (
        "Republish deliveries 'pending' after WEBHOOK_QUEUED_STALE_AFTER seconds and "
        "'retrying' ones with no attempt for WEBHOOK_RETRY_DEADLINE."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = deliveries_sweep()
        self.stdout.write(
            f"webhook deliveries: republished {len(report.requeued)}, "
            f"still unpublished {len(report.unpublished)}"
        )
