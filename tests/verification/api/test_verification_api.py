"""Contract tests of evidence, source/check requests and check runs."""

from __future__ import annotations

import pytest

from tests.api.support import add_check, add_evidence, published_claim, token_client
from tests.factories import ClaimFactory
from verification.models import CheckRun

pytestmark = pytest.mark.django_db

EVIDENCE_FIELDS = {
    "id",
    "url",
    "final_url",
    "title",
    "fetch_status",
    "stance",
    "passage",
    "found_value",
    "updated",
    "score",
    "explanation",
    "archive_url",
    "checked_at",
}


def test_evidence_lists_each_source_with_stance_passage_and_value(reviewer_client):
    claim = ClaimFactory()
    supports = add_evidence(claim, stance="supports")
    add_evidence(claim, stance="", fetch_status="unreachable")
    response = reviewer_client.get(f"/api/v1/claims/{claim.pk}/evidence/")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 2
    assert set(rows[0]) == EVIDENCE_FIELDS
    first = rows[0]
    assert first["url"] == supports.source.url
    assert first["stance"] == "supports"
    assert first["fetch_status"] == "ok"
    assert first["found_value"] == 3
    assert first["passage"].startswith("At least 3 people")
    assert first["archive_url"] is None
    assert first["updated"] is False
    # A page that could not be read has no stance: it is not "not_found"
    assert rows[1]["fetch_status"] == "unreachable"
    assert rows[1]["stance"] is None
    assert rows[1]["passage"] is None


def test_evidence_of_an_unpublished_claim_is_hidden_from_the_public(anon_client):
    hidden = ClaimFactory()
    shown = published_claim()
    assert anon_client.get(f"/api/v1/claims/{hidden.pk}/evidence/").status_code == 404
    assert anon_client.get(f"/api/v1/claims/{shown.pk}/evidence/").status_code == 200


def test_post_source_queues_a_check_of_that_url(reviewer_client, reviewer):
    claim = ClaimFactory()
    response = reviewer_client.post(
        f"/api/v1/claims/{claim.pk}/sources/", {"url": "https://news.example/a"}, format="json"
    )
    assert response.status_code == 202, response.json()
    run = CheckRun.objects.get()
    assert response.json() == {
        "check": run.pk,
        "state": "queued",
        "status_url": f"/api/v1/checks/{run.pk}/",
    }
    assert response["Location"] == f"/api/v1/checks/{run.pk}/"
    assert run.urls == ["https://news.example/a"]
    assert run.requested_by == reviewer
    assert run.claim == claim


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"url": "file:///etc/passwd"}, "Only http and https"),
        ({"url": "https://"}, "no host"),
        ({}, "This field is required."),
    ],
)
def test_post_source_with_a_bad_url_is_400_with_a_clear_message(editor_client, body, message):
    claim = ClaimFactory()
    response = editor_client.post(f"/api/v1/claims/{claim.pk}/sources/", body, format="json")
    assert response.status_code == 400
    assert message in response.json()["errors"]["url"][0]
    assert not CheckRun.objects.exists()


def test_post_check_queues_a_provider_run(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(f"/api/v1/claims/{claim.pk}/checks/", {}, format="json")
    assert response.status_code == 202
    run = CheckRun.objects.get(pk=response.json()["check"])
    assert run.urls == []
    assert run.state == "queued"


def test_check_requests_need_a_desk_role(anon_client, outsider):
    claim = published_claim()
    url = f"/api/v1/claims/{claim.pk}/checks/"
    assert anon_client.post(url, {}, format="json").status_code == 401
    assert token_client(outsider).post(url, {}, format="json").status_code == 403
    assert not CheckRun.objects.exists()


def test_check_run_detail(reviewer_client, anon_client):
    claim = ClaimFactory()
    run = add_check(claim, state="failed")
    response = reviewer_client.get(f"/api/v1/checks/{run.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert {"id", "claim", "state", "attempts", "error", "created_at", "finished_at"} <= set(data)
    assert data["claim"] == claim.pk
    assert data["state"] == "failed"
    assert data["error"] == "Provider timed out"
    assert data["finished_at"] is not None
    assert anon_client.get(f"/api/v1/checks/{run.pk}/").status_code == 401


def test_a_url_the_service_refuses_is_reported_on_the_url_field(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        f"/api/v1/claims/{claim.pk}/sources/", {"url": "http://no_tld_host/x"}, format="json"
    )
    assert response.status_code == 400
    assert "http or https URL" in response.json()["errors"]["url"][0]
