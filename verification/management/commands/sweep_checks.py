"""Republish checks whose message may be lost, fail those out of attempts (also run by beat)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from verification.services import checks_sweep


class Command(BaseCommand):
    help = (
        "Republish checks stuck in 'queued' (never published, or published long ago) or "
        "'running' past CHECK_RUN_DEADLINE; fail those that used CHECK_RUN_MAX_ATTEMPTS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = checks_sweep()
        self.stdout.write(
            f"republished {len(report.requeued)}, failed {len(report.failed)}, "
            f"still unpublished (broker unreachable) {len(report.unpublished)}"
        )
