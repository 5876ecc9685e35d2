"""Both sweeps at once, kept for operators' existing cron lines: ``sweep_imports`` (claims)
then ``sweep_webhooks`` (webhooks); beat runs them as two tasks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from claims.article_imports import imports_sweep
from webhooks.services import deliveries_sweep


class Command(BaseCommand):
    help = (
        "Republish imports still 'queued' after IMPORT_QUEUED_STALE_AFTER seconds, webhook "
        "deliveries 'pending' after WEBHOOK_QUEUED_STALE_AFTER, and 'retrying' ones with no "
        "attempt for WEBHOOK_RETRY_DEADLINE."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        imports = imports_sweep()
        deliveries = deliveries_sweep()
        self.stdout.write(
            f"imports: republished {len(imports.requeued)}, still unpublished "
            f"{len(imports.unpublished)}; webhook deliveries: republished "
            f"{len(deliveries.requeued)}, still unpublished {len(deliveries.unpublished)}"
        )
