"""Contract tests of the claims endpoints: fields, status codes, visibility, errors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import override_settings
from rest_framework.authtoken.models import Token

from claims.models import Article, ArticleImport, Claim, ClaimKind, ClaimStatus
from tests.api.support import add_check, add_evidence, publish, published_claim
from tests.contracts import API_CLAIM_FIELDS
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

ARTICLE_TEXT = (
    "At least 141 people, including 132 children, were killed when gunmen stormed the "
    'school in Peshawar on Tuesday. "We will not be cowed," Prime Minister Nawaz Sharif '
    "said. More than 120 people were injured, officials said."
)


def test_token_is_issued_for_valid_credentials_and_refused_otherwise(anon_client, reviewer):
    # Given a reviewer with a password
    # When they ask for a token with it, and again with a wrong one
    ok = anon_client.post(
        "/api/v1/auth/token/", {"username": "rita", "password": "pw-rita-12345"}, format="json"
    )
    bad = anon_client.post(
        "/api/v1/auth/token/", {"username": "rita", "password": "nope"}, format="json"
    )
    # Then the first returns the user's token, the second a 400 JSON error
    assert ok.status_code == 200
    assert ok.json() == {"token": Token.objects.get(user=reviewer).key}
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid_credentials"


def test_token_authenticates_later_requests(anon_client, reviewer):
    token = anon_client.post(
        "/api/v1/auth/token/", {"username": "rita", "password": "pw-rita-12345"}, format="json"
    ).json()["token"]
    claim = ClaimFactory()  # unpublished: only desk members see it
    anon_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert anon_client.get(f"/api/v1/claims/{claim.pk}/").status_code == 200


def test_post_article_ingests_text_and_repeats_return_the_same_article(reviewer_client):
    body = {"title": "Peshawar school attack", "text": ARTICLE_TEXT, "publisher": "Dawn"}
    first = reviewer_client.post("/api/v1/articles/", body, format="json")
    again = reviewer_client.post("/api/v1/articles/", body, format="json")
    assert first.status_code == 201, first.json()
    data = first.json()
    assert data["title"] == "Peshawar school attack"
    assert data["publisher"] == "Dawn"
    assert data["claims_count"] >= 3
    assert data["claims_by_status"]["new"] == data["claims_count"]
    assert first["Location"] == f"/api/v1/articles/{data['id']}/"
    assert again.status_code == 200
    assert again.json()["id"] == data["id"]
    assert Article.objects.count() == 1


def test_post_article_requires_text_or_url(editor_client):
    response = editor_client.post("/api/v1/articles/", {"title": "Nothing"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "text" in body["errors"]


@override_settings(INGEST_MAX_BYTES=1000)
def test_post_article_over_the_size_limit_is_413(editor_client):
    response = editor_client.post(
        "/api/v1/articles/", {"title": "Huge", "text": "word " * 400}, format="json"
    )
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "too_large"
    assert body["detail"] == "The article text is 1,999 bytes; the limit is 1,000 bytes."


@override_settings(API_MAX_REQUEST_BYTES=2048)
def test_request_body_over_the_request_limit_is_413_before_parsing(editor_client):
    response = editor_client.post(
        "/api/v1/articles/", {"title": "Huge", "text": "x" * 5000}, format="json"
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_post_article_with_url_alone_is_accepted_for_background_fetch(editor_client, monkeypatch):
    # Given a background fetch that is only recorded, not run
    queued: list[int] = []
    monkeypatch.setattr("claims.article_imports._enqueue", queued.append)
    # When a URL alone is posted
    response = editor_client.post(
        "/api/v1/articles/", {"url": "https://news.example/peshawar"}, format="json"
    )
    # Then it is accepted with a place to poll
    assert response.status_code == 202
    body = response.json()
    row = ArticleImport.objects.get()
    assert body["id"] == row.pk
    assert body["state"] == "queued"
    assert body["status_url"] == f"/api/v1/imports/{row.pk}/"
    assert response["Location"] == body["status_url"]
    poll = editor_client.get(body["status_url"])
    assert poll.status_code == 200
    assert poll.json()["url"] == "https://news.example/peshawar"


def test_post_url_of_an_existing_article_returns_it(editor_client):
    article = ArticleFactory(url="https://news.example/known")
    response = editor_client.post(
        "/api/v1/articles/", {"url": "https://news.example/known"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["id"] == article.pk


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://news.example/file", "Only http and https"),
        ("http://", "no host"),
        ("not a url", "Only http and https"),
    ],
)
def test_post_article_with_a_bad_url_is_400(editor_client, url, message):
    response = editor_client.post("/api/v1/articles/", {"url": url}, format="json")
    assert response.status_code == 400
    assert message in response.json()["errors"]["url"][0]


def test_anonymous_post_is_401_and_outsider_post_is_403(anon_client, outsider):
    from tests.api.support import token_client

    body = {"title": "T", "text": ARTICLE_TEXT}
    anon = anon_client.post("/api/v1/articles/", body, format="json")
    other = token_client(outsider).post("/api/v1/articles/", body, format="json")
    assert anon.status_code == 401
    assert anon.json()["code"] == "not_authenticated"
    assert anon["WWW-Authenticate"] == "Token"
    assert other.status_code == 403
    assert other.json()["code"] == "permission_denied"


def test_article_list_and_detail_count_claims_per_status(reviewer_client):
    article = ArticleFactory(publisher="")
    ClaimFactory.create_batch(2, article=article)
    published_claim(article=article)
    listing = reviewer_client.get("/api/v1/articles/")
    detail = reviewer_client.get(f"/api/v1/articles/{article.pk}/")
    assert listing.status_code == 200
    row = listing.json()["results"][0]
    assert row["claims_count"] == 3
    assert row["claims_by_status"] == {
        "new": 2,
        "in_review": 0,
        "awaiting_approval": 0,
        "published": 1,
        "dismissed": 0,
    }
    assert row["publisher"] is None
    assert "text" not in row
    assert detail.status_code == 200
    assert detail.json()["text"] == article.text


def test_public_sees_only_articles_with_published_claims_and_only_their_count(anon_client):
    hidden = ArticleFactory()
    ClaimFactory(article=hidden)
    shown = ArticleFactory()
    ClaimFactory.create_batch(2, article=shown)
    published_claim(article=shown)
    listing = anon_client.get("/api/v1/articles/").json()
    assert [a["id"] for a in listing["results"]] == [shown.pk]
    assert listing["results"][0]["claims_count"] == 1
    assert listing["results"][0]["claims_by_status"]["new"] == 0
    assert anon_client.get(f"/api/v1/articles/{hidden.pk}/").status_code == 404


def test_claim_detail_has_the_section_4_fields_with_nulls_for_blanks(reviewer_client):
    claim = ClaimFactory(value=Decimal("141"), unit="killed", currency="", speaker="")
    response = reviewer_client.get(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == API_CLAIM_FIELDS
    assert data["value"] == 141
    assert data["currency"] is None
    assert data["speaker"] is None
    assert data["quote"] is None
    assert data["verdict"] is None
    assert data["status"] == "new"
    assert data["version"] == 1
    assert data["kind"] == "casualty_count"
    assert data["qualifier"] == "at_least"


def test_claims_list_filters_and_paginates(reviewer_client, reviewer):
    article = ArticleFactory()
    other = ArticleFactory()
    ClaimFactory.create_batch(3, article=article)
    quote = ClaimFactory(
        article=article,
        kind=ClaimKind.QUOTE,
        value=None,
        quote="We will not be cowed",
        speaker="Nawaz Sharif",
    )
    mine = ClaimFactory(article=other, status=ClaimStatus.IN_REVIEW, assignee=reviewer)

    def ids(query: str) -> list[int]:
        response = reviewer_client.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 200, response.json()
        return [c["id"] for c in response.json()["results"]]

    assert len(ids(f"article={article.pk}")) == 4
    assert ids("kind=quote") == [quote.pk]
    assert ids("status=in_review") == [mine.pk]
    assert ids("assignee=me") == [mine.pk]
    assert ids(f"assignee={reviewer.pk}") == [mine.pk]
    assert mine.pk not in ids("assignee=none")
    assert ids("search=cowed") == [quote.pk]
    page = reviewer_client.get("/api/v1/claims/?page_size=2&ordering=-id").json()
    assert "count" not in page  # keyset pages: clients follow next
    assert len(page["results"]) == 2
    assert page["results"][0]["id"] == mine.pk
    assert page["next"] is not None


def test_page_size_is_capped_at_200(reviewer_client):
    ClaimFactory.create_batch(3)
    response = reviewer_client.get("/api/v1/claims/?page_size=5000")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_invalid_filter_value_is_400(reviewer_client):
    response = reviewer_client.get("/api/v1/claims/?status=bogus")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_public_sees_published_claims_only(anon_client):
    hidden = ClaimFactory()
    shown = published_claim()
    listing = anon_client.get("/api/v1/claims/").json()
    assert [c["id"] for c in listing["results"]] == [shown.pk]
    assert anon_client.get(f"/api/v1/claims/{hidden.pk}/").status_code == 404
    assert anon_client.get(f"/api/v1/claims/{shown.pk}/").status_code == 200


def test_status_counts_evidence_by_stance_with_failed_fetches_apart(reviewer_client):
    claim = ClaimFactory()
    add_evidence(claim, stance="supports")
    add_evidence(claim, stance="supports")
    add_evidence(claim, stance="contradicts")
    add_evidence(claim, stance="not_found")
    add_evidence(claim, stance="", fetch_status="unreachable")
    add_check(claim, state="succeeded")
    add_check(claim, state="failed")
    add_check(claim, state="queued")
    response = reviewer_client.get(f"/api/v1/claims/{claim.pk}/status/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "id",
        "status",
        "verdict",
        "version",
        "assignee",
        "updated_at",
        "evidence",
        "checks",
        "matches",
    }
    assert data["evidence"] == {
        "supports": 2,
        "contradicts": 1,
        "mentions": 0,
        "not_found": 1,
        "failed": 1,
    }
    assert data["checks"]["pending"] == 1
    assert data["checks"]["failed"] == 1
    assert data["checks"]["last_finished_at"] is not None
    assert data["verdict"] is None


def test_status_answers_304_to_a_current_etag_and_changes_when_evidence_arrives(
    reviewer_client,
):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/status/"
    first = reviewer_client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and first["Last-Modified"]
    # Unchanged: 304 with no body, for both kinds of validator
    same = reviewer_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert same.status_code == 304
    assert same.content == b""
    assert same["ETag"] == etag
    since = reviewer_client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # Changed: new evidence gives a full answer with a new ETag
    add_evidence(claim, stance="contradicts")
    changed = reviewer_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["evidence"]["contradicts"] == 1


def test_claim_detail_supports_conditional_get(reviewer_client):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/"
    etag = reviewer_client.get(url)["ETag"]
    assert reviewer_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Claim.objects.filter(pk=claim.pk).update(version=2)
    assert reviewer_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_status_of_an_unpublished_claim_is_404_to_the_public(anon_client):
    assert anon_client.get(f"/api/v1/claims/{ClaimFactory().pk}/status/").status_code == 404
    assert anon_client.get(f"/api/v1/claims/{published_claim().pk}/status/").status_code == 200


def test_unknown_api_path_and_wrong_method_are_json(anon_client, reviewer_client):
    missing = anon_client.get("/api/v1/nothing-here/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found.", "code": "not_found"}
    wrong = reviewer_client.delete("/api/v1/claims/")
    assert wrong.status_code == 405
    assert wrong.json()["code"] == "method_not_allowed"
    assert reviewer_client.get("/api/v1/claims/999999/").json()["code"] == "not_found"


def test_a_crash_under_api_is_a_json_500_and_elsewhere_html(reviewer_client, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("verification.selectors.claim_status_row", boom)
    reviewer_client.raise_request_exception = False
    response = reviewer_client.get("/api/v1/claims/1/status/")
    assert response.status_code == 500
    assert response.json() == {
        "detail": "Internal server error; it has been logged.",
        "code": "server_error",
    }


def test_non_api_404_stays_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@override_settings(API_THROTTLE_ANON="2/min")
def test_anonymous_requests_are_throttled_with_a_json_429(anon_client):
    codes = [anon_client.get("/api/v1/claims/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    response = anon_client.get("/api/v1/claims/")
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


@override_settings(API_THROTTLE_USER="1/min")
def test_users_are_throttled_by_their_own_rate(reviewer_client):
    assert reviewer_client.get("/api/v1/claims/").status_code == 200
    assert reviewer_client.get("/api/v1/claims/").status_code == 429


def test_publish_keeps_the_claim_visible_to_the_public(anon_client):
    claim = ClaimFactory()
    assert anon_client.get(f"/api/v1/claims/{claim.pk}/").status_code == 404
    publish(claim)
    assert anon_client.get(f"/api/v1/claims/{claim.pk}/").json()["status"] == "published"


def test_status_fast_rendering_matches_the_serializer(reviewer):
    from verification.api.serializers import ClaimStatusSerializer
    from verification.selectors import claim_status_row

    claim = ClaimFactory(assignee=reviewer)
    add_evidence(claim)
    add_check(claim)
    row = claim_status_row(claim_id=claim.pk)
    assert ClaimStatusSerializer.render(row) == ClaimStatusSerializer(row).data
