"""Wikipedia search against a local replay of the MediaWiki Action API."""

from __future__ import annotations

import json
import threading
from decimal import Decimal

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.verification import fixtures_http as fx
from verification.providers import (
    ClaimQuery,
    ProviderError,
    ProviderRateLimited,
    SourceProvider,
    WikipediaSearch,
)
from verification.providers.wikipedia import key_terms

server = fx.server
module_server = fx.module_server

PESHAWAR = ClaimQuery(
    text=(
        "In Peshawar, 132 children were killed in the attack on the Army Public School"
        " in December 2014."
    ),
    kind="number",
    value=Decimal("132"),
    unit="children",
)


def provider(server: HTTPServer, **kwargs: object) -> WikipediaSearch:
    options: dict = {"min_interval": 0, "timeout": 2.0}
    options.update(kwargs)
    return WikipediaSearch(f"{fx.base_url(server)}/w/api.php", **options)


def test_search_returns_article_urls_on_the_api_host(server: HTTPServer) -> None:
    server.expect_request("/w/api.php").respond_with_json(fx.load_payload("wikipedia_search.json"))
    hits = provider(server).search(PESHAWAR)
    base = fx.base_url(server)
    assert [hit.url for hit in hits] == [
        f"{base}/wiki/2014_Peshawar_school_massacre",
        f"{base}/wiki/Army_Public_School,_Peshawar",
        f"{base}/wiki/Peshawar",
    ]
    first = hits[0]
    assert first.provider == "wikipedia"
    assert first.title == "2014 Peshawar school massacre"
    assert first.publisher == "Wikipedia"
    assert "<span" not in first.snippet
    assert "132 schoolchildren & staff" in first.snippet
    assert first.rating == ""


def test_request_parameters_and_user_agent(server: HTTPServer) -> None:
    server.expect_request("/w/api.php").respond_with_json(fx.load_payload("wikipedia_empty.json"))
    provider(server, limit=2).search(PESHAWAR)
    request, _ = server.log[0]
    args = request.args
    assert args["action"] == "query"
    assert args["list"] == "search"
    assert args["format"] == "json"
    assert args["srlimit"] == "2"
    assert args["utf8"] == "1"
    terms = args["srsearch"]
    for term in ("Peshawar", "Army Public School", "2014", "children"):
        assert term in terms
    assert "132" not in terms.split()
    assert request.headers["User-Agent"].startswith("Claimdesk/")


def test_limit_caps_the_hits(server: HTTPServer) -> None:
    server.expect_request("/w/api.php").respond_with_json(fx.load_payload("wikipedia_search.json"))
    assert len(provider(server, limit=1).search(PESHAWAR)) == 1


def test_article_url_is_served_by_the_replay_server(server: HTTPServer) -> None:
    server.expect_request("/w/api.php").respond_with_json(fx.load_payload("wikipedia_search.json"))
    server.expect_request("/wiki/2014_Peshawar_school_massacre").respond_with_data(
        "<p>Article</p>", content_type="text/html"
    )
    hit = provider(server).search(PESHAWAR)[0]
    assert httpx.get(hit.url).status_code == 200


def test_titles_are_percent_encoded_like_mediawiki(server: HTTPServer) -> None:
    search = provider(server)
    base = fx.base_url(server)
    assert search.article_url("Bank of England (UK)") == f"{base}/wiki/Bank_of_England_(UK)"
    assert search.article_url("Zürich") == f"{base}/wiki/Z%C3%BCrich"
    assert search.article_url("AC/DC") == f"{base}/wiki/AC/DC"
    assert search.article_url("100% Pure") == f"{base}/wiki/100%25_Pure"


def test_empty_results(server: HTTPServer) -> None:
    server.expect_request("/w/api.php").respond_with_json(fx.load_payload("wikipedia_empty.json"))
    assert provider(server).search(PESHAWAR) == []


def test_claim_without_terms_makes_no_request(server: HTTPServer) -> None:
    assert provider(server).search(ClaimQuery(text="  ", kind="quote")) == []
    assert server.log == []


def test_api_error_is_readable(server: HTTPServer) -> None:
    server.expect_request("/w/api.php").respond_with_json(fx.load_payload("wikipedia_error.json"))
    with pytest.raises(ProviderError, match="srsearch-text-disabled: text search is disabled"):
        provider(server).search(PESHAWAR)


@pytest.mark.parametrize("retry_after", ["7", "Wed, 21 Oct 2015 07:28:00 GMT", None])
def test_rate_limited(server: HTTPServer, retry_after: str | None) -> None:
    headers = {"Retry-After": retry_after} if retry_after else {}
    server.expect_request("/w/api.php").respond_with_data(
        "Too many requests", status=429, headers=headers
    )
    with pytest.raises(ProviderRateLimited) as caught:
        provider(server).search(PESHAWAR)
    error = caught.value
    assert error.transient and error.status == 429
    if retry_after == "7":
        assert error.retry_after == 7.0
        assert "retry after 7s" in str(error)
    elif retry_after:
        assert error.retry_after == 0.0  # a date in the past
    else:
        assert error.retry_after is None


@pytest.mark.parametrize(
    ("status", "transient"), [(503, True), (500, True), (404, False), (403, False)]
)
def test_http_errors(server: HTTPServer, status: int, transient: bool) -> None:
    server.expect_request("/w/api.php").respond_with_data("<h1>Wikimedia Error</h1>", status=status)
    with pytest.raises(ProviderError) as caught:
        provider(server).search(PESHAWAR)
    assert caught.value.status == status
    assert caught.value.transient is transient
    assert f"HTTP {status}" in str(caught.value)
    assert "Wikimedia Error" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<!DOCTYPE html><html>maintenance</html>", "not JSON"),
        ('{"query": {"search": ', "not JSON"),
        ("[]", "expected a JSON object"),
        ('{"batchcomplete": true}', "no query.search list"),
        ('{"query": {"search": {"title": "x"}}}', "no query.search list"),
        ('{"query": {"search": ["Peshawar"]}}', "without a title"),
        ('{"query": {"search": [{"ns": 0}]}}', "without a title"),
        ('{"error": "boom"}', "API error"),
    ],
)
def test_malformed_bodies(server: HTTPServer, body: str, message: str) -> None:
    server.expect_request("/w/api.php").respond_with_data(body, content_type="application/json")
    with pytest.raises(ProviderError, match=message):
        provider(server).search(PESHAWAR)


def test_timeout_is_a_transient_provider_error(server: HTTPServer) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(3)
        return Response(
            json.dumps(fx.load_payload("wikipedia_empty.json")), content_type="application/json"
        )

    server.expect_request("/w/api.php").respond_with_handler(slow)
    try:
        with pytest.raises(ProviderError, match="timed out") as caught:
            provider(server, timeout=0.3).search(PESHAWAR)
    finally:
        release.set()
    assert caught.value.transient


def test_unreachable_api_is_a_transient_provider_error() -> None:
    search = WikipediaSearch(f"http://127.0.0.1:{fx.closed_port()}/w/api.php", min_interval=0)
    with pytest.raises(ProviderError, match="could not reach") as caught:
        search.search(PESHAWAR)
    assert caught.value.transient


def test_rejects_a_non_http_api_url() -> None:
    with pytest.raises(ValueError):
        WikipediaSearch("ftp://example.org/api.php")


def test_is_a_source_provider(server: HTTPServer) -> None:
    assert isinstance(provider(server), SourceProvider)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            ClaimQuery(
                text="The Bank of England raised interest rates to 5.25 percent.",
                kind="number",
                unit="%",
                speaker="Andrew Bailey",
            ),
            "Andrew Bailey Bank of England percent",
        ),
        (
            ClaimQuery(
                text="Unemployment in the United Kingdom fell to 3.9% in March 2024.", kind="number"
            ),
            "Unemployment United Kingdom March 2024",
        ),
        (ClaimQuery(text="crime went up a lot", kind="comparison"), "crime went"),
    ],
)
def test_key_terms(claim: ClaimQuery, expected: str) -> None:
    assert key_terms(claim) == expected
