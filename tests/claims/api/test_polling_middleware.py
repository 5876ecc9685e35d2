"""Token polls answered by StatusPollingMiddleware look exactly like the view's answers."""

from __future__ import annotations

import pytest
from django.test import override_settings

from claims.api import polling
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_a_token_poll_is_answered_before_url_resolution(reviewer_client, monkeypatch):
    claim = ClaimFactory()
    reviewer_client.get(f"/api/v1/claims/{claim.pk}/status/")  # token now remembered
    resolved = []
    monkeypatch.setattr(
        "django.urls.resolvers.URLResolver.resolve",
        lambda self, path: resolved.append(path),
    )

    response = reviewer_client.get(f"/api/v1/claims/{claim.pk}/status/")

    assert response.status_code == 200
    assert response.json()["id"] == claim.pk
    assert resolved == []


def test_middleware_answers_carry_the_stack_s_security_headers(reviewer_client):
    claim = ClaimFactory()

    response = reviewer_client.get(f"/api/v1/claims/{claim.pk}/status/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@override_settings(ALLOWED_HOSTS=["claims.example"])
def test_an_unknown_host_is_refused_as_everywhere_else(reviewer_client):
    claim = ClaimFactory()

    response = reviewer_client.get(f"/api/v1/claims/{claim.pk}/status/", HTTP_HOST="evil.test")

    assert response.status_code == 400


@override_settings(API_THROTTLE_USER="2/min")
def test_a_poll_handed_down_the_stack_is_counted_once(outsider):
    """A token user without a role may not see an unpublished claim: the middleware hands
    the poll to the DRF view (404), and the throttle counts it once, not twice."""
    from tests.api.support import token_client

    client = token_client(outsider)
    hidden = ClaimFactory()

    codes = [client.get(f"/api/v1/claims/{hidden.pk}/status/").status_code for _ in range(3)]

    assert codes == [404, 404, 429]


def test_only_the_status_path_is_short_cut():
    assert polling._STATUS_PATH.fullmatch("/api/v1/claims/12/status/")
    assert not polling._STATUS_PATH.fullmatch("/api/v1/claims/12/status")
    assert not polling._STATUS_PATH.fullmatch("/api/v1/claims/12/evidence/")
    assert not polling._STATUS_PATH.fullmatch("/api/v1/claims/x/status/")
