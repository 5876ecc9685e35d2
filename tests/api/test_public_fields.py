"""Public (anonymous) answers never carry desk fields: who is assigned, who proposed."""

from __future__ import annotations

import pytest

from claims.access import DESK_FIELDS
from tests.api.support import published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned_published(editor):
    claim = published_claim()
    type(claim).objects.filter(pk=claim.pk).update(assignee=editor, proposed_by=editor)
    return claim


def _paths(claim) -> list[str]:
    return [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/status/",
        f"/api/v1/claims/{claim.pk}/evidence/",
        f"/api/v1/claims/{claim.pk}/claimreview/",
        "/api/v1/articles/",
        f"/api/v1/articles/{claim.article_id}/",
    ]


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_anonymous_answers_leave_out_desk_fields(anon_client, assigned_published, editor):
    for path in _paths(assigned_published):
        response = anon_client.get(path)
        assert response.status_code == 200, path
        assert not (_keys(response.json()) & DESK_FIELDS), (path, response.json())
        assert editor.username not in response.content.decode(), path


def test_desk_members_still_see_them(reviewer_client, assigned_published, editor):
    detail = reviewer_client.get(f"/api/v1/claims/{assigned_published.pk}/").json()
    assert detail["assignee"] == editor.pk and detail["assignee_username"] == editor.username
    status = reviewer_client.get(f"/api/v1/claims/{assigned_published.pk}/status/").json()
    assert status["assignee"] == editor.pk


@pytest.mark.parametrize("value", ["me", "none", "1", "99"])
def test_anonymous_callers_cannot_filter_by_assignee(anon_client, assigned_published, value):
    response = anon_client.get(f"/api/v1/claims/?assignee={value}")
    assert response.status_code == 400
    assert response.json()["errors"] == {"assignee": ["Only desk members can filter by assignee."]}


def test_desk_members_filter_by_assignee(reviewer_client, assigned_published, editor):
    response = reviewer_client.get(f"/api/v1/claims/?assignee={editor.pk}")
    assert [row["id"] for row in response.json()["results"]] == [assigned_published.pk]
