"""The API docs render offline: Swagger UI and ReDoc come from the project's own static
files, never a CDN (issue: the reviewer's workplace)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCAL = {"127.0.0.1", "localhost"}


@pytest.mark.parametrize(
    ("path", "title"),
    [("/api/docs/", ".swagger-ui .info .title"), ("/api/docs/redoc/", "h1")],
)
def test_docs_render_with_no_outside_request(browser, live_server, path, title):
    # Given a browser that cannot reach anything but this machine
    context = browser.new_context(base_url=live_server.url)
    outside: list[str] = []

    def only_local(route):
        if urlsplit(route.request.url).hostname in LOCAL:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()

    # When it opens the docs
    page.goto(path)

    # Then they render, and nothing was asked of another host
    page.wait_for_selector(f"{title}:has-text('Claimdesk API')", timeout=15_000)
    assert outside == []
    scripts = page.locator("script[src]").evaluate_all("els => els.map(e => e.src)")
    assert scripts and all(urlsplit(src).hostname in LOCAL for src in scripts)
    assert any("drf_spectacular_sidecar" in src for src in scripts)
    context.close()
