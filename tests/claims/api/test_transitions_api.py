"""POST claims/{id}/transitions/: the workflow's answers as HTTP status codes."""

from __future__ import annotations

import pytest

from claims.models import ClaimEvent, ClaimStatus
from tests.api.support import token_client
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def transition(client, claim, **body):
    return client.post(f"/api/v1/claims/{claim.pk}/transitions/", body, format="json")


def test_start_review_returns_the_updated_claim(reviewer_client, reviewer):
    claim = ClaimFactory()
    response = transition(reviewer_client, claim, action="start_review", version=1)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "in_review"
    assert data["assignee"] == reviewer.pk
    assert data["assignee_username"] == "rita"
    assert data["version"] == 2
    assert ClaimEvent.objects.filter(claim=claim, action="start_review").exists()


def test_stale_version_is_409(reviewer_client):
    claim = ClaimFactory(version=3)
    response = transition(reviewer_client, claim, action="start_review", version=2)
    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"


def test_action_not_allowed_in_this_status_is_409(editor_client):
    claim = ClaimFactory()
    response = transition(editor_client, claim, action="publish", version=1)
    assert response.status_code == 409
    assert response.json()["code"] == "action_not_allowed"


def test_editor_action_by_a_reviewer_is_403(reviewer_client):
    claim = ClaimFactory()
    response = transition(reviewer_client, claim, action="dismiss", version=1)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_missing_inputs_are_400_with_field_errors(reviewer_client, reviewer):
    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW, assignee=reviewer)
    response = transition(reviewer_client, claim, action="propose_verdict", version=1)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "verdict" in errors and "note" in errors


def test_unknown_action_and_missing_version_are_400(reviewer_client):
    claim = ClaimFactory()
    response = transition(reviewer_client, claim, action="teleport")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"action", "version"}


def test_assign_takes_a_user_id(editor_client, reviewer):
    claim = ClaimFactory()
    response = transition(editor_client, claim, action="assign", version=1, assignee=reviewer.pk)
    assert response.status_code == 200, response.json()
    assert response.json()["assignee"] == reviewer.pk


def test_full_review_to_publication_with_four_eyes(reviewer_client, editor, reviewer):
    claim = ClaimFactory()
    transition(reviewer_client, claim, action="start_review", version=1)
    proposed = transition(
        reviewer_client,
        claim,
        action="propose_verdict",
        version=2,
        verdict="accurate",
        note="Matches the police statement.",
    )
    assert proposed.json()["status"] == "awaiting_approval"
    published = transition(token_client(editor), claim, action="publish", version=3)
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    assert published.json()["verdict"] == "accurate"


def test_transitions_need_a_desk_role(anon_client, outsider):
    claim = ClaimFactory(status=ClaimStatus.PUBLISHED)
    assert transition(anon_client, claim, action="reopen", version=1).status_code == 401
    assert transition(token_client(outsider), claim, action="reopen", version=1).status_code == 403
