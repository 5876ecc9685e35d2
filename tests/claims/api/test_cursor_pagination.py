"""Keyset (cursor) pages of the claims and articles lists: next/previous links, ties, errors."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Article, Claim, ClaimStatus
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def walk(client, url: str, *, limit: int = 50) -> tuple[list[int], list[dict]]:
    """Follow ``next`` from ``url`` to the end; the ids seen, and every page's body."""
    ids: list[int] = []
    pages: list[dict] = []
    while url and len(pages) < limit:
        response = client.get(url)
        assert response.status_code == 200, response.json()
        body = response.json()
        pages.append(body)
        ids.extend(row["id"] for row in body["results"])
        url = body["next"]
    return ids, pages


def test_next_links_walk_every_claim_once_in_order_even_with_equal_timestamps(reviewer_client):
    # Given 11 claims, 6 of them updated at the very same moment (ties on updated_at)
    claims = ClaimFactory.create_batch(11)
    moment = timezone.now()
    Claim.objects.filter(pk__in=[c.pk for c in claims[2:8]]).update(updated_at=moment)
    Claim.objects.filter(pk__in=[c.pk for c in claims[8:]]).update(
        updated_at=moment + timedelta(seconds=5)
    )
    expected = list(Claim.objects.order_by("-updated_at", "-id").values_list("id", flat=True))

    # When the list is read 3 at a time by following next
    ids, pages = walk(reviewer_client, "/api/v1/claims/?ordering=-updated_at&page_size=3")

    # Then every claim comes exactly once, in the order asked for, and the last page ends it
    assert ids == expected
    assert [len(p["results"]) for p in pages] == [3, 3, 3, 2]
    assert pages[0]["previous"] is None and pages[-1]["next"] is None
    assert all(set(p) == {"next", "previous", "results"} for p in pages)


def test_previous_link_returns_the_page_before(reviewer_client):
    ClaimFactory.create_batch(7)
    first = reviewer_client.get("/api/v1/claims/?ordering=id&page_size=3").json()
    second = reviewer_client.get(first["next"]).json()
    third = reviewer_client.get(second["next"]).json()

    back = reviewer_client.get(third["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in second["results"]]
    start = reviewer_client.get(back["previous"]).json()
    assert [r["id"] for r in start["results"]] == [r["id"] for r in first["results"]]
    assert start["previous"] is None
    assert [r["id"] for r in third["results"]] == sorted(r["id"] for r in third["results"])


def test_default_order_is_article_text_order_with_empty_spans(reviewer_client):
    # The model's order (article, start, span_start, id) has a nullable column: NULLs last.
    article = ArticleFactory()
    made = [
        ClaimFactory(article=article, start=start, span_start=span, span_end=None)
        for start, span in [(40, None), (0, 3), (0, None), (40, 41), (10, 12)]
    ]
    ids, _ = walk(reviewer_client, f"/api/v1/claims/?article={article.pk}&page_size=2")
    by_start = sorted(made, key=lambda c: (c.start, c.span_start is None, c.span_start or 0, c.pk))
    assert ids == [c.pk for c in by_start]


def test_articles_are_paged_by_cursor_too_with_null_publication_dates(reviewer_client):
    now = timezone.now()
    for n in range(5):
        ArticleFactory(published_at=None if n % 2 else now - timedelta(days=n))
    ids, pages = walk(reviewer_client, "/api/v1/articles/?ordering=-published_at&page_size=2")
    dated = list(
        Article.objects.filter(published_at__isnull=False)
        .order_by("-published_at", "-id")
        .values_list("id", flat=True)
    )
    undated = list(
        Article.objects.filter(published_at__isnull=True)
        .order_by("-id")
        .values_list("id", flat=True)
    )
    assert ids == dated + undated
    assert len(pages) == 3


def test_a_filtered_walk_keeps_its_filters_in_the_links(reviewer_client):
    ClaimFactory.create_batch(4, status=ClaimStatus.IN_REVIEW)
    ClaimFactory.create_batch(3)
    ids, pages = walk(reviewer_client, "/api/v1/claims/?status=in_review&page_size=3")
    assert len(ids) == 4 == len(set(ids))
    assert parse_qs(urlsplit(pages[0]["next"]).query)["status"] == ["in_review"]


@pytest.mark.parametrize(
    "cursor",
    [
        "not-base64!",
        base64.urlsafe_b64encode(b"[1, 2]").decode(),
        base64.urlsafe_b64encode(json.dumps({"o": ["-id"], "v": ["x"], "r": 0}).encode()).decode(),
    ],
)
def test_a_bad_cursor_is_a_400_with_a_code(reviewer_client, cursor):
    ClaimFactory()
    response = reviewer_client.get(f"/api/v1/claims/?ordering=-id&cursor={cursor}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"


def test_a_cursor_made_for_another_order_is_refused(reviewer_client):
    ClaimFactory.create_batch(3)
    page = reviewer_client.get("/api/v1/claims/?ordering=-updated_at&page_size=1").json()
    cursor = parse_qs(urlsplit(page["next"]).query)["cursor"][0]
    response = reviewer_client.get(f"/api/v1/claims/?ordering=id&cursor={cursor}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"


def test_list_reads_no_article_text_and_no_distinct(reviewer_client):
    big = ArticleFactory(text="x" * 50_000 + " 12 people were killed.")
    ClaimFactory.create_batch(3, article=big)
    reviewer_client.get("/api/v1/claims/")
    with CaptureQueriesContext(connection) as ctx:
        response = reviewer_client.get(
            f"/api/v1/claims/?article={big.pk}&status=new&status=in_review&kind=casualty_count"
        )
    assert response.status_code == 200 and len(response.json()["results"]) == 3
    [page] = [q["sql"] for q in ctx.captured_queries if '"claims_claim"' in q["sql"]]
    assert "claims_article" not in page  # no join: the JSON has the article's id only
    assert "DISTINCT" not in page.upper()
