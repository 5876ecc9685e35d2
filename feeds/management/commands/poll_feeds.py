"""``manage.py poll_feeds``: poll every due feed once, here, without a broker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Poll every active feed that is due (or all active feeds with --all), once, inline."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Poll every active feed, due or not."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.utils import timezone

        from feeds.models import Feed
        from feeds.services import feeds_poll_all_due

        if options["all"]:
            Feed.objects.filter(active=True).update(next_poll_at=timezone.now())
        reports = feeds_poll_all_due()
        for report in reports:
            if report.error:
                self.stdout.write(f"feed {report.feed_id}: failed: {report.error}")
            elif report.not_modified:
                self.stdout.write(f"feed {report.feed_id}: not modified")
            else:
                self.stdout.write(
                    f"feed {report.feed_id}: {report.entries} entries, "
                    f"{len(report.imports)} new imports, {report.existing} already known, "
                    f"{report.refused} refused"
                )
        self.stdout.write(f"{len(reports)} feed(s) polled.")
