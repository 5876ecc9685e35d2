"""The cost of claim matching at ingest, over an archive of N claims.

Run against a database that already holds an archive (e.g. the one ``make bench-scale``
builds, copied) with its lookup rows written (``manage.py match_backfill``). For each
article of eval/matching/heldout.json and pairs.json ("new" side, dated inside the
archive's busiest stretch so the event window is full) it times, separately:

* ``article_ingest`` with matching unhooked: what the API request waits for;
* ``matches_find`` for that article: the background task's work, with its query count;

and prints medians per article and per claim, then EXPLAIN ANALYZE of one figure and one
quote candidate lookup. Everything it writes is rolled back, so runs repeat exactly.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimdesk_match_1000000 \\
        .venv/bin/python bench/matching_bench.py [--articles 40]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Rollback(Exception):
    """Raised to undo a timed round."""


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("CLAIMDESK_EPHEMERAL_SECRET_KEY", "1")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from claims import events
    from claims.models import Claim
    from claims.services import article_ingest
    from repeats.models import ClaimFingerprint
    from repeats.services import matches_find

    claims = Claim.objects.count()
    fingerprints = ClaimFingerprint.objects.count()
    busiest = (
        ClaimFingerprint.objects.values("published_on")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("published_on", flat=True)
        .first()
    )
    day = (
        datetime.combine(busiest, datetime.min.time(), tzinfo=UTC) if busiest else datetime.now(UTC)
    )
    print(
        f"archive: {claims:,} claims, {fingerprints:,} lookup rows; articles dated {day:%Y-%m-%d}"
    )
    stories = []
    for name in ("heldout.json", "pairs.json"):
        for pair in json.loads((ROOT / "eval" / "matching" / name).read_text()):
            stories.append(pair["new"])
    stories = stories[: args.articles]

    events.claim_written.disconnect(dispatch_uid="repeats-match-on-ingest")
    ingest_ms: list[float] = []
    match_ms: list[float] = []
    per_claim_ms: list[float] = []
    queries: list[int] = []
    matched = 0
    for n, story in enumerate(stories):
        try:
            with transaction.atomic():
                started = time.perf_counter()
                result = article_ingest(
                    text=story["text"] + f"\n\n(bench {n} {time.time_ns()})",
                    title=story["title"],
                    published_at=day + timedelta(hours=n % 24),
                )
                ingest_ms.append((time.perf_counter() - started) * 1000)
                count = Claim.objects.filter(article=result.article).count()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    found = matches_find(article_id=result.article.pk)
                    elapsed = (time.perf_counter() - started) * 1000
                match_ms.append(elapsed)
                queries.append(len(captured))
                matched += len(found)
                if count:
                    per_claim_ms.append(elapsed / count)
                raise Rollback
        except Rollback:
            pass

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.1f}" if values else "-"

    print(f"articles ingested: {len(ingest_ms)} (rolled back), matches found: {matched}")
    print(f"ingest (request path, matching unhooked): median {median(ingest_ms)} ms/article")
    print(
        f"matching (background task): median {median(match_ms)} ms/article, "
        f"{median(per_claim_ms)} ms/claim, max {max(match_ms, default=0):.1f} ms/article, "
        f"median {statistics.median(queries) if queries else 0:.0f} queries/article"
    )
    if connection.vendor == "postgresql":
        sample = ClaimFingerprint.objects.filter(published_on=busiest).exclude(family="").first()
        if sample is not None:
            qs = (
                ClaimFingerprint.objects.filter(
                    family=sample.family,
                    published_on__range=(
                        sample.published_on - timedelta(days=10),
                        sample.published_on + timedelta(days=10),
                    ),
                    value__range=(sample.value / 4, sample.value * 4),
                )
                .order_by("-published_on", "-claim_id")
                .values_list("claim_id", flat=True)[:200]
            )
            sql, params = qs.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
                print("figure lookup plan:")
                for (line,) in cursor.fetchall():
                    print("   ", line)
        quote = (
            ClaimFingerprint.objects.filter(published_on=busiest)
            .exclude(quote_norm="")
            .exclude(speaker_key="")
            .order_by("-claim_id")
            .first()
        )
        if quote is not None:
            from repeats import selectors

            captured_sql: list[str] = []
            with CaptureQueriesContext(connection) as lookup:
                started = time.perf_counter()
                found = selectors.quote_candidates(fingerprint=quote)
                took = (time.perf_counter() - started) * 1000
            captured_sql = [q["sql"] for q in lookup.captured_queries if "slice" in q["sql"]]
            print(
                f"quote lookup (speaker {quote.speaker_key!r}): {len(found)} candidates "
                f"in {took:.1f} ms"
            )
            if captured_sql:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('pg_trgm.similarity_threshold', '0.25', true)"
                    )
                    cursor.execute(f"EXPLAIN ANALYZE {captured_sql[0]}")
                    print("quote lookup plan:")
                    for (line,) in cursor.fetchall():
                        print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
