"""Google Fact Check Tools ``claims:search`` against a local replay server."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from tests.verification import fixtures_http as fx
from verification.providers import (
    ClaimQuery,
    FactCheckToolsSearch,
    ProviderError,
    ProviderRateLimited,
    SourceProvider,
)
from verification.providers.factcheck_tools import DEFAULT_FACTCHECK_API_URL

server = fx.server
module_server = fx.module_server

PATH = "/v1alpha1/claims:search"
CLAIM = ClaimQuery(text="132 children were killed in the Peshawar school attack", kind="number")


def provider(
    server: HTTPServer, key: str = "test-key-123", **kwargs: object
) -> FactCheckToolsSearch:
    options: dict = {"min_interval": 0, "timeout": 2.0}
    options.update(kwargs)
    return FactCheckToolsSearch(key, f"{fx.base_url(server)}{PATH}", **options)


def test_default_endpoint() -> None:
    assert FactCheckToolsSearch("k").api_url == DEFAULT_FACTCHECK_API_URL
    assert (
        DEFAULT_FACTCHECK_API_URL == "https://factchecktools.googleapis.com/v1alpha1/claims:search"
    )


def test_each_review_becomes_a_hit_with_its_rating(server: HTTPServer) -> None:
    server.expect_request(PATH).respond_with_json(fx.load_payload("factcheck_claims.json"))
    hits = provider(server).search(CLAIM)
    assert [hit.url for hit in hits] == [
        "https://factcheck.example.org/2014/12/peshawar-death-toll",
        "https://verify.example.net/peshawar-132",
        "https://deskcheck.example.com/aps-toll",
    ]
    first, second, third = hits
    assert first.provider == "factcheck_tools"
    assert first.rating == "Mostly true"
    assert first.publisher == "Example Fact Check"
    assert first.title == "Peshawar attack: how many children died?"
    assert (
        first.snippet
        == "Social media posts: 132 children were killed in the Peshawar school attack"
    )
    # Missing publisher name and review title fall back to the site and the claim text.
    assert second.publisher == "verify.example.net"
    assert second.title == "132 children were killed in the Peshawar school attack"
    assert third.rating == "False"
    assert third.snippet == "Over 200 pupils died at the Army Public School"


def test_request_parameters(server: HTTPServer) -> None:
    server.expect_request(PATH).respond_with_json({})
    provider(server, page_size=7).search(
        ClaimQuery(text="Die Arbeitslosigkeit sank auf 5 Prozent", kind="number", language="de")
    )
    request, _ = server.log[0]
    assert request.args["query"] == "Die Arbeitslosigkeit sank auf 5 Prozent"
    assert request.args["key"] == "test-key-123"
    assert request.args["languageCode"] == "de"
    assert request.args["pageSize"] == "7"
    assert "Claimdesk" in request.headers["User-Agent"]


def test_quote_is_preferred_and_long_text_is_shortened(server: HTTPServer) -> None:
    server.expect_request(PATH).respond_with_json({})
    provider(server).search(ClaimQuery(text="x", kind="quote", quote="We will build it"))
    long_claim = ClaimQuery(text="word " * 200, kind="number")
    provider(server).search(long_claim)
    assert server.log[0][0].args["query"] == "We will build it"
    assert len(server.log[1][0].args["query"]) <= 250


def test_empty_response_means_no_hits(server: HTTPServer) -> None:
    server.expect_request(PATH).respond_with_json({})
    assert provider(server).search(CLAIM) == []


def test_missing_key_fails_without_a_request(server: HTTPServer) -> None:
    with pytest.raises(ProviderError, match="no API key"):
        provider(server, key="").search(CLAIM)
    assert server.log == []


def test_invalid_key_error_is_readable_and_hides_the_key(server: HTTPServer) -> None:
    server.expect_request(PATH).respond_with_json(
        fx.load_payload("factcheck_error_400.json"), status=400
    )
    with pytest.raises(ProviderError) as caught:
        provider(server, key="secret-key-xyz").search(CLAIM)
    message = str(caught.value)
    assert "HTTP 400" in message
    assert "API key not valid" in message
    assert "secret-key-xyz" not in message
    assert not caught.value.transient


def test_quota_exhausted_is_rate_limited(server: HTTPServer) -> None:
    server.expect_request(PATH).respond_with_json(
        fx.load_payload("factcheck_error_429.json"), status=429, headers={"Retry-After": "30"}
    )
    with pytest.raises(ProviderRateLimited) as caught:
        provider(server).search(CLAIM)
    assert caught.value.retry_after == 30.0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json at all", "not JSON"),
        ('"claims"', "expected a JSON object"),
        ('{"claims": {"text": "x"}}', "'claims' is not a list"),
        ('{"claims": ["x"]}', "not an object"),
        (
            '{"claims": [{"text": "x", "claimReview": "Mostly true"}]}',
            "'claimReview' is not a list",
        ),
        ('{"claims": [{"text": "x", "claimReview": [42]}]}', "not an object"),
    ],
)
def test_malformed_bodies(server: HTTPServer, body: str, message: str) -> None:
    server.expect_request(PATH).respond_with_data(body, content_type="application/json")
    with pytest.raises(ProviderError, match=message):
        provider(server).search(CLAIM)


def test_reviews_without_url_are_skipped(server: HTTPServer) -> None:
    server.expect_request(PATH).respond_with_json(
        {
            "claims": [
                {
                    "text": "x",
                    "claimReview": [{"textualRating": "False"}, {"url": "https://a.example/r"}],
                }
            ]
        }
    )
    hits = provider(server).search(CLAIM)
    assert [hit.url for hit in hits] == ["https://a.example/r"]
    assert hits[0].publisher == "" and hits[0].rating == ""


def test_is_a_source_provider(server: HTTPServer) -> None:
    assert isinstance(provider(server), SourceProvider)
