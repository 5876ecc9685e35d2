"""Hostile request bodies get clear 4xx answers on every JSON endpoint, never a 500:
deep nesting is 400 ``parse_error``; a body over API_MAX_REQUEST_BYTES is 413 ``too_large``
decided on Content-Length, before the body is read. The client address for rate limits
comes from the socket unless NUM_PROXIES says otherwise."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import override_settings

from desk.api.throttling import client_address
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

DEEP = ("[" * 100_000 + "]" * 100_000).encode()
DEEP_OBJECT = ('{"a":' * 5_000 + "1" + "}" * 5_000).encode()
MODERATELY_DEEP = ("[" * 40 + "]" * 40).encode()


def json_endpoints(claim_id: int) -> list[str]:
    return [
        "/api/v1/auth/token/",
        "/api/v1/articles/",
        f"/api/v1/claims/{claim_id}/transitions/",
        f"/api/v1/claims/{claim_id}/sources/",
        f"/api/v1/claims/{claim_id}/checks/",
    ]


@pytest.mark.parametrize(
    "body", [DEEP, DEEP_OBJECT, MODERATELY_DEEP], ids=["array", "object", "40"]
)
def test_deeply_nested_json_is_a_parse_error_everywhere(editor_client, anon_client, body):
    claim = ClaimFactory()
    for url in json_endpoints(claim.pk):
        client = anon_client if url.endswith("token/") else editor_client
        response = client.post(url, data=body, content_type="application/json")
        assert response.status_code == 400, (url, response.status_code, response.content[:200])
        assert response.json()["code"] == "parse_error", url


def test_the_anonymous_token_endpoint_answers_nested_json_with_400(anon_client):
    response = anon_client.post("/api/v1/auth/token/", data=DEEP, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON parse error - nested deeper than 32 levels",
        "code": "parse_error",
    }


@override_settings(API_MAX_REQUEST_BYTES=4096)
def test_a_body_over_the_limit_is_413_on_every_endpoint(editor_client, anon_client):
    claim = ClaimFactory()
    body = b'{"note": "' + b"x" * 10_000 + b'"}'
    for url in json_endpoints(claim.pk):
        client = anon_client if url.endswith("token/") else editor_client
        response = client.post(url, data=body, content_type="application/json")
        assert response.status_code == 413, (url, response.status_code)
        assert response.json()["code"] == "too_large", url


def test_the_length_is_judged_before_the_body_is_read(client):
    """A request that declares 30 MB is refused without reading it (the body is not there:
    reading would block or fail)."""

    class Unreadable:
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    response = client.generic(
        "POST",
        "/api/v1/auth/token/",
        content_type="application/json",
        CONTENT_LENGTH=str(30 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_non_numeric_content_length_is_a_bad_request(client):
    response = client.generic(
        "POST", "/api/v1/auth/token/", content_type="application/json", CONTENT_LENGTH="lots"
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_request"


def _request(remote: str, forwarded: str | None = None) -> SimpleNamespace:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return SimpleNamespace(META=meta)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # the header is ignored without proxies
        (0, None, "10.0.0.2"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the proxy appended the client
        (2, "1.1.1.1, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (3, "203.0.113.9", "203.0.113.9"),  # fewer hops than proxies: the left-most
        (1, "", "10.0.0.2"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(proxies, forwarded, expected):
    with override_settings(NUM_PROXIES=proxies):
        assert client_address(_request("10.0.0.2", forwarded)) == expected


@override_settings(API_THROTTLE_ANON="3/min")
def test_rotating_x_forwarded_for_does_not_reset_the_anonymous_limit(anon_client):
    codes = [
        anon_client.get("/api/v1/claims/", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
        for i in range(6)
    ]
    assert codes == [200, 200, 200, 429, 429, 429]


@override_settings(API_THROTTLE_TOKEN="2/min", API_THROTTLE_ANON="100/min")
def test_the_token_endpoint_has_a_stricter_limit(anon_client):
    codes = [
        anon_client.post(
            "/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json"
        ).status_code
        for _ in range(4)
    ]
    assert codes == [400, 400, 429, 429]
