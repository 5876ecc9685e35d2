"""GET claims/{id}/matches/ and POST claims/{id}/matches/{match_id}/ (DESIGN §7, §11)."""

from __future__ import annotations

import pytest

from claims.models import Claim, ClaimKind, ClaimStatus, Verdict
from repeats.models import ClaimMatch, MatchReason, MatchState
from tests.api.support import publish, token_client
from tests.repeats.conftest import SCHOOL_NEW, SCHOOL_OLD

pytestmark = pytest.mark.django_db

CONTRACT_FIELDS = {"claim", "article", "score", "reason", "state", "status", "verdict"}


@pytest.fixture
def repeated(ingest):
    """An earlier article and a later one repeating its toll and its quote."""
    old = ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    return old, new


def figure_claim(article):
    return Claim.objects.get(article=article, kind=ClaimKind.CASUALTY_COUNT)


def test_desk_members_see_every_match_with_the_contract_fields(repeated, reviewer_client):
    old, new = repeated
    claim = figure_claim(new)
    response = reviewer_client.get(f"/api/v1/claims/{claim.pk}/matches/")
    assert response.status_code == 200
    (match,) = response.json()
    assert set(match) >= CONTRACT_FIELDS
    assert match["claim"] == figure_claim(old).pk and match["article"] == old.pk
    assert match["reason"] == "same_figure" and match["state"] == "suggested"
    assert match["status"] == "new" and match["verdict"] is None


def test_the_public_sees_matches_of_published_claims_to_published_claims_only(
    repeated, anon_client
):
    old, new = repeated
    claim = figure_claim(new)
    assert anon_client.get(f"/api/v1/claims/{claim.pk}/matches/").status_code == 404
    publish(claim)
    assert anon_client.get(f"/api/v1/claims/{claim.pk}/matches/").json() == []
    publish(figure_claim(old), verdict=Verdict.MISLEADING)
    (match,) = anon_client.get(f"/api/v1/claims/{claim.pk}/matches/").json()
    assert match["status"] == "published" and match["verdict"] == "misleading"
    ClaimMatch.objects.filter(claim=claim).update(state=MatchState.REJECTED)
    assert anon_client.get(f"/api/v1/claims/{claim.pk}/matches/").json() == []


def test_a_reviewer_confirms_a_match(repeated, reviewer_client, reviewer):
    _, new = repeated
    claim = figure_claim(new)
    match = ClaimMatch.objects.get(claim=claim)
    response = reviewer_client.post(
        f"/api/v1/claims/{claim.pk}/matches/{match.pk}/", {"state": "confirmed"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["state"] == "confirmed"
    assert response.json()["decided_by"] == reviewer.get_username()
    match.refresh_from_db()
    assert match.state == MatchState.CONFIRMED and match.decided_at is not None


@pytest.mark.parametrize("body", [{"state": "maybe"}, {}, {"state": "suggested"}])
def test_a_bad_state_is_a_400_naming_the_field(repeated, reviewer_client, body):
    _, new = repeated
    claim = figure_claim(new)
    match = ClaimMatch.objects.get(claim=claim)
    response = reviewer_client.post(
        f"/api/v1/claims/{claim.pk}/matches/{match.pk}/", body, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] and response.json()["code"] == "invalid"
    assert "state" in response.json()["errors"]
    assert ClaimMatch.objects.get(pk=match.pk).state == MatchState.SUGGESTED


def test_who_may_decide(repeated, anon_client, outsider):
    _, new = repeated
    claim = figure_claim(new)
    match = ClaimMatch.objects.get(claim=claim)
    url = f"/api/v1/claims/{claim.pk}/matches/{match.pk}/"
    assert anon_client.post(url, {"state": "confirmed"}, format="json").status_code == 401
    response = token_client(outsider).post(url, {"state": "confirmed"}, format="json")
    assert response.status_code in {403, 404}
    assert ClaimMatch.objects.get(pk=match.pk).state == MatchState.SUGGESTED


def test_a_match_of_another_claim_is_a_404(repeated, reviewer_client):
    _, new = repeated
    quote_match = ClaimMatch.objects.get(claim__article=new, reason=MatchReason.SAME_QUOTE)
    claim = figure_claim(new)
    response = reviewer_client.post(
        f"/api/v1/claims/{claim.pk}/matches/{quote_match.pk}/",
        {"state": "confirmed"},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_status_answer_counts_matches_not_rejected(repeated, reviewer_client, reviewer):
    from repeats.services import match_decide

    _, new = repeated
    claim = figure_claim(new)
    assert reviewer_client.get(f"/api/v1/claims/{claim.pk}/status/").json()["matches"] == 1
    match_decide(match=ClaimMatch.objects.get(claim=claim), state="rejected", actor=reviewer)
    assert reviewer_client.get(f"/api/v1/claims/{claim.pk}/status/").json()["matches"] == 0
    assert claim.status == ClaimStatus.NEW
