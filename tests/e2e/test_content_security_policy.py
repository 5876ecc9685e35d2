"""The admin works under its Content-Security-Policy: real Chromium reports no violation
on the pages a desk uses, and the header is on every page."""

from __future__ import annotations

import pytest

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_pages_run_under_the_policy_without_violations(open_as, make_member):
    editor = make_member("csp-editor", "editors")
    editor.is_superuser = True  # every admin page, the webhooks' included
    editor.save()
    claim = ClaimFactory()
    page = open_as(editor)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    headers = []
    for path in (
        "/admin/",
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.pk}/change/",
        f"/admin/claims/article/{claim.article_id}/change/",
        "/admin/verification/checkrun/",
        "/admin/webhooks/webhooksubscription/add/",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        headers.append(response.headers.get("content-security-policy", ""))
        page.wait_for_load_state("load")
    assert violations == []
    assert all("default-src 'self'" in h and "frame-ancestors 'none'" in h for h in headers)
    assert all("unsafe-inline" not in h for h in headers)
