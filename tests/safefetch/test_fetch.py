"""Fetching against a real local HTTP server: statuses, limits, types and encodings."""

from __future__ import annotations

import gzip
import hashlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from safefetch.fetch import (
    FetchPolicy,
    FetchResult,
    FetchTransientError,
    HostResolutionError,
    default_resolver,
    fetch_url,
    make_client,
)
from tests.verification import fixtures_http as fx

server = fx.server
module_server = fx.module_server

ARTICLE = """<!doctype html>
<html><head><title>Unemployment falls to 3.9% | Example Times</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Unemployment falls to 3.9%</h1>
<p>The national statistics office said on Tuesday that unemployment fell to 3.9 percent
in March, the lowest level since 2008.</p>
<p>Economists had expected a rate of 4.1 percent. The figure covers people aged 16 to 64
and is seasonally adjusted.</p>
<p>"This is good news for working families," said the labour minister, Jane Doe.</p>
</article>
<footer>Copyright 2024 Example Times. All rights reserved.</footer>
</body></html>"""


def fetch(server: HTTPServer, path: str, **policy: object) -> FetchResult:
    return fetch_url(f"{fx.base_url(server)}{path}", policy=fx.local_policy(**policy))


def test_article_is_fetched_and_reduced_to_main_text(server: HTTPServer) -> None:
    server.expect_request("/article").respond_with_data(
        ARTICLE, content_type="text/html; charset=utf-8"
    )
    result = fetch(server, "/article")
    assert result.fetch_status == "ok", result
    assert result.http_status == 200
    assert result.error == "" and not result.transient
    assert result.title == "Unemployment falls to 3.9%"
    assert "fell to 3.9 percent" in result.text
    assert "Jane Doe" in result.text
    assert "Sport" not in result.text
    assert "\n\n" in result.text
    assert result.content_sha256 == hashlib.sha256(result.text.encode("utf-8")).hexdigest()
    assert result.redirects == ()
    request, _ = server.log[0]
    assert "Claimdesk" in request.headers["User-Agent"]


def test_user_agent_comes_from_policy(server: HTTPServer) -> None:
    server.expect_request("/ua").respond_with_data("hello", content_type="text/plain")
    fetch(server, "/ua", user_agent="Claimdesk/9.9 (desk test)")
    assert server.log[0][0].headers["User-Agent"] == "Claimdesk/9.9 (desk test)"


def test_plain_text_is_kept_as_is(server: HTTPServer) -> None:
    body = "Line one of the report.\n\nLine two: 3.9% unemployment.\n"
    server.expect_request("/t.txt").respond_with_data(
        body, content_type="text/plain; charset=utf-8"
    )
    result = fetch(server, "/t.txt")
    assert result.fetch_status == "ok"
    assert result.text == body.strip()
    assert result.title == ""


def test_xhtml_is_accepted(server: HTTPServer) -> None:
    server.expect_request("/x").respond_with_data(ARTICLE, content_type="application/xhtml+xml")
    assert fetch(server, "/x").fetch_status == "ok"


def test_gzip_body_is_decoded(server: HTTPServer) -> None:
    server.expect_request("/gz").respond_with_data(
        gzip.compress(ARTICLE.encode()),
        headers={"Content-Encoding": "gzip"},
        content_type="text/html",
    )
    result = fetch(server, "/gz")
    assert result.fetch_status == "ok"
    assert "3.9 percent" in result.text


def test_redirect_is_followed_and_recorded(server: HTTPServer) -> None:
    server.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new?x=1"}
    )
    server.expect_request("/new").respond_with_data(ARTICLE, content_type="text/html")
    result = fetch(server, "/old")
    assert result.fetch_status == "ok"
    assert result.url.endswith("/old")
    assert result.final_url == f"{fx.base_url(server)}/new?x=1"
    assert result.redirects == (result.final_url,)


def test_redirect_without_location_is_an_http_error(server: HTTPServer) -> None:
    server.expect_request("/nowhere").respond_with_data("", status=302)
    result = fetch(server, "/nowhere")
    assert result.fetch_status == "http_error"
    assert result.http_status == 302


def test_empty_page_is_ok_with_empty_text(server: HTTPServer) -> None:
    server.expect_request("/empty").respond_with_data("", content_type="text/html")
    result = fetch(server, "/empty")
    assert result.fetch_status == "ok"
    assert result.text == "" and result.title == ""
    assert result.content_sha256 == hashlib.sha256(b"").hexdigest()


def test_html_without_content_type_is_sniffed(server: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        response = Response(ARTICLE.encode())
        del response.headers["Content-Type"]
        return response

    server.expect_request("/bare").respond_with_handler(handler)
    assert fetch(server, "/bare").fetch_status == "ok"


def test_binary_without_content_type_is_unsupported(server: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        response = Response(b"\x00\x01\x02PK\x03\x04" * 100)
        del response.headers["Content-Type"]
        return response

    server.expect_request("/blob").respond_with_handler(handler)
    assert fetch(server, "/blob").fetch_status == "unsupported_type"


@pytest.mark.parametrize(
    "content_type",
    ["application/octet-stream", "image/png", "application/pdf", "application/json", "video/mp4"],
)
def test_other_types_are_unsupported(server: HTTPServer, content_type: str) -> None:
    server.expect_request("/file").respond_with_data(
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048, content_type=content_type
    )
    result = fetch(server, "/file")
    assert result.fetch_status == "unsupported_type"
    assert result.http_status == 200
    assert result.content_type == content_type
    assert content_type in result.error
    assert result.text == "" and result.content_sha256 == ""


@pytest.mark.parametrize(
    ("status", "transient"),
    [
        (404, False),
        (410, False),
        (500, False),
        (403, False),
        (429, True),
        (502, True),
        (503, True),
        (504, True),
    ],
)
def test_http_errors(server: HTTPServer, status: int, transient: bool) -> None:
    server.expect_request("/e").respond_with_data(
        "error page", status=status, content_type="text/html"
    )
    result = fetch(server, "/e")
    assert result.fetch_status == "http_error"
    assert result.http_status == status
    assert result.transient is transient
    assert result.error.startswith(f"HTTP {status}")


def test_connection_refused_is_unreachable_and_transient() -> None:
    result = fetch_url(f"http://127.0.0.1:{fx.closed_port()}/", policy=fx.local_policy())
    assert result.fetch_status == "unreachable"
    assert result.transient
    assert "connect" in result.error.lower()


def test_temporary_dns_failure_is_transient() -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise HostResolutionError(
            "DNS lookup failed for slow.example: Temporary failure", transient=True
        )

    result = fetch_url("http://slow.example/", policy=FetchPolicy(), resolver=resolver)
    assert result.fetch_status == "unreachable" and result.transient


def test_default_resolver_reads_local_names(server: HTTPServer) -> None:
    """The real resolver, on a name that never leaves the machine (/etc/hosts)."""
    assert set(default_resolver("localhost", 80)) & {"127.0.0.1", "::1"}
    server.expect_request("/lh").respond_with_data("resolved locally", content_type="text/plain")
    policy = fx.local_policy(allowed_private_hosts=frozenset({"localhost"}))
    result = fetch_url(f"http://localhost:{server.port}/lh", policy=policy)
    assert result.fetch_status == "ok", result
    assert result.text == "resolved locally"


# ------------------------------------------------------------------ size limits


def _streaming_handler(total: int, chunk: int, counter: list[int], *, declare: bool) -> object:
    def handler(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            block = b"<p>" + b"x" * (chunk - 7) + b"</p>\n"
            for _ in range(total // chunk):
                counter[0] += chunk
                yield block

        headers = {"Content-Length": str(total)} if declare else {}
        return Response(body(), content_type="text/html", headers=headers)

    return handler


def test_huge_streamed_page_stops_early() -> None:
    """A 50 MB page without Content-Length: reading stops just past the limit."""
    sent = [0]
    streaming = fx.LocalServer()
    streaming.expect_request("/huge").respond_with_handler(
        _streaming_handler(50 * 1024 * 1024, 64 * 1024, sent, declare=False)
    )
    streaming.start()
    try:
        started = time.monotonic()
        result = fetch_url(
            f"http://127.0.0.1:{streaming.port}/huge",
            policy=fx.local_policy(max_bytes=1024 * 1024, timeout=10),
        )
        elapsed = time.monotonic() - started
    finally:
        streaming.clear()
        streaming.stop()
    assert result.fetch_status == "too_large"
    assert "1048576" in result.error
    assert elapsed < 3
    # The server produced far less than 50 MB (socket buffers hold a little extra).
    assert sent[0] < 12 * 1024 * 1024


def test_declared_huge_length_is_refused_before_reading(server: HTTPServer) -> None:
    sent = [0]
    server.expect_request("/declared").respond_with_handler(
        _streaming_handler(50 * 1024 * 1024, 64 * 1024, sent, declare=True)
    )
    started = time.monotonic()
    result = fetch(server, "/declared", max_bytes=1024 * 1024)
    assert result.fetch_status == "too_large"
    assert time.monotonic() - started < 2
    assert sent[0] < 12 * 1024 * 1024


def test_page_at_the_limit_is_accepted(server: HTTPServer) -> None:
    body = "a" * 4096
    server.expect_request("/exact").respond_with_data(body, content_type="text/plain")
    assert fetch(server, "/exact", max_bytes=4096).fetch_status == "ok"
    server.expect_request("/over").respond_with_data(body + "b", content_type="text/plain")
    assert fetch(server, "/over", max_bytes=4096).fetch_status == "too_large"


def test_gzip_bomb_is_limited_by_decoded_size(server: HTTPServer) -> None:
    bomb = gzip.compress(b"<p>" + b"A" * (20 * 1024 * 1024) + b"</p>")
    server.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html"
    )
    result = fetch(server, "/bomb", max_bytes=1024 * 1024)
    assert len(bomb) < 1024 * 1024
    assert result.fetch_status == "too_large"


# ------------------------------------------------------------------ slow servers


def test_slow_drip_body_hits_the_wall_clock_timeout(server: HTTPServer) -> None:
    """One small chunk every 0.2 s never trips a per-read timeout, only the deadline."""

    def handler(request: Request) -> Response:
        def drip() -> Iterator[bytes]:
            for _ in range(50):
                yield b"<p>still coming</p>\n"
                time.sleep(0.2)

        return Response(drip(), content_type="text/html")

    server.expect_request("/drip").respond_with_handler(handler)
    started = time.monotonic()
    result = fetch(server, "/drip", timeout=1.0)
    elapsed = time.monotonic() - started
    assert result.fetch_status == "unreachable"
    assert result.transient
    assert "Timed out after 1s" in result.error
    assert elapsed < 2.0


def test_stalled_headers_hit_the_timeout(server: HTTPServer) -> None:
    release = threading.Event()

    def handler(request: Request) -> Response:
        release.wait(5)
        return Response("late", content_type="text/plain")

    server.expect_request("/stall").respond_with_handler(handler)
    started = time.monotonic()
    try:
        result = fetch(server, "/stall", timeout=1.0)
    finally:
        release.set()
    assert result.fetch_status == "unreachable"
    assert result.transient
    assert "Timed out" in result.error
    assert time.monotonic() - started < 2.0


def test_headers_dripping_byte_by_byte_hit_the_deadline() -> None:
    """Each read gets a byte within 0.1 s, so only the socket-level deadline can stop it."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: ")
            for _ in range(60):
                if stop.wait(0.1):
                    break
                try:
                    conn.sendall(b"a")
                except OSError:
                    break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        result = fetch_url(f"http://127.0.0.1:{port}/", policy=fx.local_policy(timeout=1.0))
    finally:
        stop.set()
        thread.join(2)
        listener.close()
    assert result.fetch_status == "unreachable"
    assert "Timed out" in result.error
    assert time.monotonic() - started < 2.0


def test_deadline_covers_redirect_hops(server: HTTPServer) -> None:
    def slow_redirect(request: Request) -> Response:
        time.sleep(0.4)
        return Response("", status=302, headers={"Location": "/slow"})

    server.expect_request("/slow").respond_with_handler(slow_redirect)
    started = time.monotonic()
    result = fetch(server, "/slow", timeout=1.0)
    assert result.fetch_status == "unreachable"
    assert "Timed out" in result.error
    assert time.monotonic() - started < 2.0


# ------------------------------------------------------------------ encodings


def test_windows_1252_without_declaration(server: HTTPServer) -> None:
    text = "Le café coûte 3,9 € à Paris, déclare le ministre — « c\u2019est énorme ». " * 4
    html = f"<html><body><p>{text}</p></body></html>"
    server.expect_request("/fr").respond_with_data(html.encode("cp1252"), content_type="text/html")
    result = fetch(server, "/fr")
    assert result.fetch_status == "ok"
    assert "café coûte 3,9 € à Paris" in result.text
    assert "c\u2019est énorme" in result.text


def test_koi8r_declared_in_header(server: HTTPServer) -> None:
    text = "Безработица снизилась до 3,9 процента, заявил министр труда."
    html = f"<html><head><title>Новости</title></head><body><p>{text}</p></body></html>"
    server.expect_request("/ru").respond_with_data(
        html.encode("koi8-r"), content_type="text/html; charset=KOI8-R"
    )
    result = fetch(server, "/ru")
    assert result.text == text
    assert result.title == "Новости"


def test_shift_jis_declared_in_meta(server: HTTPServer) -> None:
    text = "東京都の失業率は三・九パーセントに低下したと大臣が述べた。"
    html = f'<html><head><meta charset="Shift_JIS"></head><body><p>{text}</p></body></html>'
    server.expect_request("/ja").respond_with_data(
        html.encode("shift_jis"), content_type="text/html"
    )
    assert fetch(server, "/ja").text == text


# ------------------------------------------------------------------ callers


def test_caller_supplied_client_is_left_open(server: HTTPServer) -> None:
    server.expect_request("/c").respond_with_data("from a shared client", content_type="text/plain")
    policy = fx.local_policy()
    with make_client(policy) as client:
        first = fetch_url(f"{fx.base_url(server)}/c", policy=policy, client=client)
        second = fetch_url(f"{fx.base_url(server)}/c", policy=policy, client=client)
        assert not client.is_closed
    assert first.text == second.text == "from a shared client"


def test_transient_error_carries_the_result() -> None:
    result = FetchResult(
        url="http://a.example/",
        final_url="http://a.example/",
        fetch_status="http_error",
        http_status=503,
        error="HTTP 503 Service Unavailable",
        transient=True,
    )
    error = FetchTransientError(result)
    assert error.result is result
    assert str(error) == "HTTP 503 Service Unavailable"
    assert not result.ok
