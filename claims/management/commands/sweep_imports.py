"""Publish again the article imports whose task message is lost (beat runs the same as
``claims.tasks.sweep_imports``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from claims.article_imports import imports_sweep


class Command(BaseCommand):
    help = "Republish imports still 'queued' after IMPORT_QUEUED_STALE_AFTER seconds."

    def handle(self, *args: Any, **options: Any) -> None:
        report = imports_sweep()
        self.stdout.write(
            f"imports: republished {len(report.requeued)}, "
            f"still unpublished {len(report.unpublished)}"
        )
