"""Query counts pinned: lists do not grow with rows; a status poll is the token and one query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.support import add_check, add_evidence, published_claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def test_claims_list_costs_the_same_for_10_and_100_rows(reviewer_client):
    article = ArticleFactory()
    ClaimFactory.create_batch(10, article=article)
    ten = queries_for(reviewer_client, "/api/v1/claims/?page_size=200")
    ClaimFactory.create_batch(90, article=article)
    hundred = queries_for(reviewer_client, "/api/v1/claims/?page_size=200")
    assert ten == hundred <= 2  # token with user and roles, page (keyset pages count nothing)


def test_articles_list_costs_the_same_for_3_and_30_articles(reviewer_client):
    for _ in range(3):
        ClaimFactory.create_batch(2, article=ArticleFactory())
    reviewer_client.get("/api/v1/articles/")
    few = queries_for(reviewer_client, "/api/v1/articles/")
    for _ in range(27):
        ClaimFactory.create_batch(2, article=ArticleFactory())
    many = queries_for(reviewer_client, "/api/v1/articles/")
    assert few == many == 2  # token with user and roles, page (counts per status: subqueries)


def test_status_is_one_query_whatever_the_evidence(reviewer_client, django_assert_num_queries):
    # Plus the token lookup, which reads the user and their roles in the same statement.
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/status/"
    with django_assert_num_queries(2):
        reviewer_client.get(url)
    for stance in ("supports", "contradicts", "mentions", "not_found") * 10:
        add_evidence(claim, stance=stance)
    for _ in range(5):
        add_check(claim)
    with django_assert_num_queries(2):
        assert reviewer_client.get(url).json()["evidence"]["supports"] == 10


def test_status_for_the_public_is_one_query(anon_client, django_assert_num_queries):
    claim = published_claim()
    add_evidence(claim)
    with django_assert_num_queries(1):
        assert anon_client.get(f"/api/v1/claims/{claim.pk}/status/").status_code == 200


def test_a_poll_with_a_stale_etag_is_the_lookup_then_the_status_query(
    reviewer_client, django_assert_num_queries
):
    # Token; the activity counter by primary key (the ETag no longer matches); the status.
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/status/"
    with django_assert_num_queries(3):
        response = reviewer_client.get(url, HTTP_IF_NONE_MATCH='"0.0"')
    assert response.status_code == 200


def test_an_unchanged_poll_of_a_published_claim_by_the_public_is_one_query(
    anon_client, django_assert_num_queries
):
    claim = published_claim()
    etag = anon_client.get(f"/api/v1/claims/{claim.pk}/status/")["ETag"]
    with django_assert_num_queries(1):
        response = anon_client.get(f"/api/v1/claims/{claim.pk}/status/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
