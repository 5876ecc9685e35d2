"""Wayback Machine availability and Save Page Now against a local replay server."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from tests.verification import fixtures_http as fx
from verification.providers import ProviderError, ProviderRateLimited, WaybackArchiver
from verification.providers.wayback import DEFAULT_AVAILABILITY_URL, DEFAULT_SAVE_URL

server = fx.server
module_server = fx.module_server

SOURCE = "http://example.com/news/peshawar"
CAPTURE_PATH = f"/web/20241217093000/{SOURCE}"


def archiver(server: HTTPServer) -> WaybackArchiver:
    base = fx.base_url(server)
    return WaybackArchiver(
        f"{base}/wayback/available", f"{base}/save/", min_interval=0, timeout=2.0
    )


def test_defaults() -> None:
    assert DEFAULT_AVAILABILITY_URL == "https://archive.org/wayback/available"
    assert DEFAULT_SAVE_URL == "https://web.archive.org/save/"
    wayback = WaybackArchiver()
    assert (wayback.availability_url, wayback.save_url) == (
        DEFAULT_AVAILABILITY_URL,
        DEFAULT_SAVE_URL,
    )


def test_snapshot_returns_the_closest_capture(server: HTTPServer) -> None:
    server.expect_request("/wayback/available").respond_with_json(
        fx.load_payload("wayback_available.json")
    )
    assert archiver(server).snapshot(SOURCE) == (
        "http://web.archive.org/web/20141217000000/http://example.com/news/peshawar"
    )
    request, _ = server.log[0]
    assert request.args["url"] == SOURCE
    assert "Claimdesk" in request.headers["User-Agent"]


def test_snapshot_none_when_not_archived(server: HTTPServer) -> None:
    server.expect_request("/wayback/available").respond_with_json(
        fx.load_payload("wayback_none.json")
    )
    assert archiver(server).snapshot(SOURCE) is None


def test_snapshot_ignores_unavailable_capture(server: HTTPServer) -> None:
    payload = fx.load_payload("wayback_available.json")
    payload["archived_snapshots"]["closest"]["available"] = False
    server.expect_request("/wayback/available").respond_with_json(payload)
    assert archiver(server).snapshot(SOURCE) is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<html>Service Unavailable</html>", "not JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"archived_snapshots": []}', "'archived_snapshots' is not an object"),
        ('{"archived_snapshots": {"closest": "yes"}}', "'closest' is not an object"),
    ],
)
def test_snapshot_malformed(server: HTTPServer, body: str, message: str) -> None:
    server.expect_request("/wayback/available").respond_with_data(
        body, content_type="application/json"
    )
    with pytest.raises(ProviderError, match=message):
        archiver(server).snapshot(SOURCE)


def test_snapshot_rate_limited(server: HTTPServer) -> None:
    server.expect_request("/wayback/available").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "60"}
    )
    with pytest.raises(ProviderRateLimited) as caught:
        archiver(server).snapshot(SOURCE)
    assert caught.value.retry_after == 60.0


def test_archive_reads_content_location(server: HTTPServer) -> None:
    server.expect_request(f"/save/{SOURCE}").respond_with_data(
        "<html>saved</html>", headers={"Content-Location": CAPTURE_PATH}, content_type="text/html"
    )
    assert archiver(server).archive(SOURCE) == f"{fx.base_url(server)}{CAPTURE_PATH}"
    assert len(server.log) == 1


def test_archive_reads_redirect_location_without_fetching_the_capture(server: HTTPServer) -> None:
    server.expect_request(f"/save/{SOURCE}").respond_with_data(
        "", status=302, headers={"Location": CAPTURE_PATH}
    )
    assert archiver(server).archive(SOURCE) == f"{fx.base_url(server)}{CAPTURE_PATH}"
    assert len(server.log) == 1


def test_archive_follows_intermediate_redirects(server: HTTPServer) -> None:
    server.expect_request(f"/save/{SOURCE}").respond_with_data(
        "", status=302, headers={"Location": "/save/status/abc"}
    )
    server.expect_request("/save/status/abc").respond_with_data(
        "", status=302, headers={"Location": CAPTURE_PATH}
    )
    assert archiver(server).archive(SOURCE) == f"{fx.base_url(server)}{CAPTURE_PATH}"


def test_archive_without_location_falls_back_to_availability(server: HTTPServer) -> None:
    server.expect_request(f"/save/{SOURCE}").respond_with_data(
        "<html>Saving page...</html>", content_type="text/html"
    )
    server.expect_request("/wayback/available").respond_with_json(
        fx.load_payload("wayback_available.json")
    )
    assert (
        archiver(server)
        .archive(SOURCE)
        .endswith("/web/20141217000000/http://example.com/news/peshawar")
    )
    assert [req.path for req, _ in server.log] == [f"/save/{SOURCE}", "/wayback/available"]


def test_archive_failure_falls_back_to_an_existing_capture(server: HTTPServer) -> None:
    server.expect_request(f"/save/{SOURCE}").respond_with_data("Job failed", status=520)
    server.expect_request("/wayback/available").respond_with_json(
        fx.load_payload("wayback_available.json")
    )
    assert archiver(server).archive(SOURCE).startswith("http://web.archive.org/web/20141217000000/")


def test_archive_failure_without_capture_raises_the_save_error(server: HTTPServer) -> None:
    server.expect_request(f"/save/{SOURCE}").respond_with_data("Bad gateway", status=502)
    server.expect_request("/wayback/available").respond_with_json(
        fx.load_payload("wayback_none.json")
    )
    with pytest.raises(ProviderError, match="HTTP 502") as caught:
        archiver(server).archive(SOURCE)
    assert caught.value.transient


def test_archive_nothing_anywhere_returns_none(server: HTTPServer) -> None:
    server.expect_request(f"/save/{SOURCE}").respond_with_data("ok", content_type="text/plain")
    server.expect_request("/wayback/available").respond_with_json(
        fx.load_payload("wayback_none.json")
    )
    assert archiver(server).archive(SOURCE) is None


def test_archive_rate_limited_does_not_fall_back(server: HTTPServer) -> None:
    server.expect_request(f"/save/{SOURCE}").respond_with_data(
        "You have already reached the limit of active sessions",
        status=429,
        headers={"Retry-After": "120"},
    )
    with pytest.raises(ProviderRateLimited) as caught:
        archiver(server).archive(SOURCE)
    assert caught.value.retry_after == 120.0
    assert len(server.log) == 1
