"""Status polling is a plain DRF view: auth, throttles, errors, 304 and revoked tokens."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.support import add_evidence, published_claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def status_url(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/status/"


def test_headers_match_the_drf_answer(reviewer_client):
    claim = ClaimFactory()
    response = reviewer_client.get(status_url(claim))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["Vary"] == "Authorization, Cookie"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["id"] == claim.pk


def test_head_answers_like_get_without_a_body(reviewer_client):
    claim = ClaimFactory()
    etag = reviewer_client.get(status_url(claim))["ETag"]
    head = reviewer_client.head(status_url(claim))
    assert head.status_code == 200
    assert head["ETag"] == etag
    assert head.content == b""


@pytest.mark.parametrize("pk", [0, 2**63 - 1, 2**63, 10**20])
def test_ids_beyond_any_row_are_a_json_404(reviewer_client, pk):
    response = reviewer_client.get(f"/api/v1/claims/{pk}/status/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_other_methods_and_accept_types_get_the_drf_errors(reviewer_client):
    claim = ClaimFactory()
    wrong = reviewer_client.post(status_url(claim), {})
    assert wrong.status_code == 405
    assert wrong.json()["code"] == "method_not_allowed"
    html = reviewer_client.get(status_url(claim), HTTP_ACCEPT="text/html")
    assert html.status_code == 406
    assert html.json()["code"] == "not_acceptable"
    either = reviewer_client.get(status_url(claim), HTTP_ACCEPT="text/html, application/json")
    assert either.status_code == 200


@pytest.mark.parametrize(
    "header", ["Token", "Token a b", "Token not-a-real-token-at-all-0000000000000"]
)
def test_a_bad_token_is_a_401_with_a_challenge(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(status_url(published_claim()))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "authentication_failed"


def test_an_inactive_users_token_is_refused(reviewer, reviewer_client):
    reviewer.is_active = False
    reviewer.save()
    assert reviewer_client.get(status_url(published_claim())).status_code == 401


def test_another_authorization_scheme_falls_back_to_the_session(anon_client):
    anon_client.credentials(HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==")
    assert anon_client.get(status_url(published_claim())).status_code == 200
    assert anon_client.get(status_url(ClaimFactory())).status_code == 404


def test_a_logged_in_desk_member_polls_with_the_session_cookie(client, reviewer):
    client.force_login(reviewer)
    assert client.get(status_url(ClaimFactory())).status_code == 200


@override_settings(API_THROTTLE_USER="2/min")
def test_a_poll_counts_once_against_the_users_rate(reviewer_client):
    claim = ClaimFactory()
    codes = [reviewer_client.get(status_url(claim)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    throttled = reviewer_client.get(status_url(claim))
    assert throttled.json()["code"] == "throttled"
    assert int(throttled["Retry-After"]) > 0


@override_settings(API_THROTTLE_ANON="2/min")
def test_a_404_counts_against_the_rate_too(anon_client):
    hidden = ClaimFactory()
    codes = [anon_client.get(status_url(hidden)).status_code for _ in range(3)]
    assert codes == [404, 404, 429]


def test_a_crash_in_the_status_query_is_a_json_500(reviewer_client, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("verification.selectors.claim_status_row", boom)
    reviewer_client.raise_request_exception = False
    response = reviewer_client.get(status_url(ClaimFactory()))
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"


def test_the_schema_still_describes_the_status_operation(anon_client):
    schema = anon_client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/claims/{id}/status/"]["get"]
    assert {"200", "304", "404", "429"} <= set(operation["responses"])


def test_a_deleted_token_stops_working_at_once(reviewer, reviewer_client):
    claim = published_claim()
    assert reviewer_client.get(status_url(claim)).status_code == 200
    Token.objects.filter(user=reviewer).delete()
    response = reviewer_client.get(status_url(claim))
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_a_role_taken_away_hides_unpublished_claims_at_once(reviewer, reviewer_client):
    claim = ClaimFactory()
    assert reviewer_client.get(status_url(claim)).status_code == 200
    reviewer.groups.clear()
    assert reviewer_client.get(status_url(claim)).status_code == 404


def test_an_unchanged_poll_is_one_key_lookup_and_a_304(reviewer_client, django_assert_num_queries):
    claim = ClaimFactory()
    add_evidence(claim)
    etag = reviewer_client.get(status_url(claim))["ETag"]
    with django_assert_num_queries(2) as ctx:  # token with user and roles; the claim by pk
        response = reviewer_client.get(status_url(claim), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    lookup = ctx.captured_queries[-1]["sql"]
    assert "activity" in lookup and "evidence" not in lookup


def test_a_transition_or_a_check_changes_the_etag(reviewer, reviewer_client):
    from claims.services import claim_transition
    from verification.services import check_request

    claim = ClaimFactory()
    first = reviewer_client.get(status_url(claim))["ETag"]
    claim_transition(claim=claim, action="start_review", actor=reviewer, version=claim.version)
    second = reviewer_client.get(status_url(claim), HTTP_IF_NONE_MATCH=first)
    assert second.status_code == 200
    assert second.json()["status"] == "in_review"
    check_request(claim=claim, actor=reviewer, urls=["https://news.example/a"])
    third = reviewer_client.get(status_url(claim), HTTP_IF_NONE_MATCH=second["ETag"])
    assert third.status_code == 200
