"""``manage.py match_backfill``: lookup rows for claims ingested before matching existed.

Matching only finds earlier claims that have a lookup row (``ClaimFingerprint``); a desk
upgrading with an archive runs this once. It writes lookup rows only (no matches), in
batches of articles, and is safe to run again or to interrupt.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Write matching lookup rows for every claim that has none (no matches are made)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=200, help="Articles per batch.")

    def handle(self, *args: Any, **options: Any) -> None:
        from claims.models import Article, Claim
        from repeats.models import ClaimFingerprint
        from repeats.services import MATCHED_KINDS, fingerprint_of

        started = time.monotonic()
        written = 0
        last_id = 0
        batch = max(1, int(options["batch"]))
        while True:
            article_ids = list(
                Article.objects.filter(pk__gt=last_id)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not article_ids:
                break
            last_id = article_ids[-1]
            missing = (
                Claim.objects.filter(article_id__in=article_ids, kind__in=MATCHED_KINDS)
                .exclude(
                    pk__in=ClaimFingerprint.objects.filter(article_id__in=article_ids).values(
                        "claim_id"
                    )
                )
                .select_related("article")
                .defer("article__text")
                .order_by("article_id", "pk")
            )
            by_article: dict[int, list[Claim]] = {}
            for claim in missing:
                by_article.setdefault(claim.article_id, []).append(claim)
            texts = dict(Article.objects.filter(pk__in=list(by_article)).values_list("pk", "text"))
            rows = [
                fingerprint_of(claim, texts[article_id])
                for article_id, claims in by_article.items()
                for claim in claims
            ]
            ClaimFingerprint.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
            written += len(rows)
            self.stdout.write(
                f"articles up to {last_id}: {written} lookup rows written", ending="\r"
            )
        self.stdout.write(f"\n{written} lookup rows written in {time.monotonic() - started:.1f}s.")
