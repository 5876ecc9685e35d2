"""Time the admin claim list over 10,000 claims, as an editor sees it.

Creates a throwaway test database (``test_`` + the name in DATABASE_URL, migrated from
scratch and dropped afterwards), fills it with bulk_create, then requests the list page
with Django's test client and prints median and p95 latency and the query count per page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimdesk \
        .venv/bin/python bench/admin_list_bench.py [--claims 10000] [--requests 20]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Test-mode settings: a throwaway secret, "testserver" allowed, no manifest static storage.
os.environ.setdefault("CLAIMDESK_TESTING", "1")

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from claims.models import Article, Claim, ClaimStatus, Verdict  # noqa: E402
from verification.models import Evidence, Source  # noqa: E402

PARAGRAPH = (
    "At least {n} people were killed and more than {m} injured when the bridge collapsed, "
    "the provincial government said. Repairs will cost $12.5 million, the ministry said. "
)


def populate(claims: int, articles: int) -> User:
    editor = User.objects.create_user("bench-editor", password="bench-password-1", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    reviewers = []
    for n in range(5):
        user = User.objects.create_user(f"bench-reviewer{n}", password="x", is_staff=True)
        user.groups.add(Group.objects.get(name="reviewers"))
        reviewers.append(user)
    rows = []
    for n in range(articles):
        text = "".join(PARAGRAPH.format(n=n + i, m=n * 3 + i) for i in range(15))
        rows.append(
            Article(
                title=f"Bench article {n}",
                text=text,
                content_sha256=hashlib.sha256(text.encode()).hexdigest(),
            )
        )
    made = Article.objects.bulk_create(rows)
    statuses = list(ClaimStatus.values)
    verdicts = list(Verdict.values)
    claim_rows = []
    for n in range(claims):
        article = made[n % articles]
        status = statuses[n % len(statuses)]
        claim_rows.append(
            Claim(
                article=article,
                kind="casualty_count",
                text=f"At least {n} people were killed, the provincial government said.",
                start=0,
                end=60,
                span_start=n,
                span_end=n + 2,
                value=Decimal(n),
                qualifier="at_least",
                unit="killed",
                checkworthiness=0.9,
                status=status,
                verdict=verdicts[n % len(verdicts)] if status == "published" else "",
                assignee=reviewers[n % 5] if status != "new" else None,
            )
        )
    created = Claim.objects.bulk_create(claim_rows, batch_size=2000)
    sources = Source.objects.bulk_create(
        [Source(url=f"https://news.example/{n}", fetch_status="ok") for n in range(200)]
    )
    now = timezone.now()
    evidence = [
        Evidence(
            claim=claim,
            source=sources[(i * 7 + k) % len(sources)],
            stance=("supports", "contradicts", "mentions")[(i + k) % 3],
            checked_at=now,
        )
        for i, claim in enumerate(created[: claims // 2])
        for k in range(2)
    ]
    Evidence.objects.bulk_create(evidence, batch_size=2000)
    return editor


def measure(client: Client, url: str, requests: int) -> tuple[float, float, int]:
    for _ in range(2):  # warm caches: session, content types, templates
        assert client.get(url).status_code == 200
    timings = []
    queries = 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured.captured_queries)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        editor = populate(args.claims, args.articles)
        print(
            f"{connection.vendor}: {Claim.objects.count():,} claims, "
            f"{Evidence.objects.count():,} evidence rows in {time.perf_counter() - started:.1f}s"
        )
        client = Client()
        client.force_login(editor)
        pages = {
            "claim list": "/admin/claims/claim/",
            "filtered (in review, search)": "/admin/claims/claim/?status__exact=in_review&q=killed",
            "page 100": "/admin/claims/claim/?p=100",
            "review queue": "/admin/claims/claim/queue/",
        }
        print(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for name, url in pages.items():
            median, p95, queries = measure(client, url, args.requests)
            print(f"{name:32} {median:10.1f} {p95:8.1f} {queries:8d}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
