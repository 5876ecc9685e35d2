"""A reviewer's and an editor's whole path, click by click, with each page's load time.

Run with E2E_TIMINGS=1 and -s to print the timings (Navigation Timing: from the click's
request to the load event, as Chromium measured it; htmx swaps by wall clock).
"""

from __future__ import annotations

import os
import time

import pytest

from claims.models import Claim
from tests.verification.check_fixtures import page as fixture_page
from tests.verification.check_fixtures import peshawar_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Timings:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, float]] = []

    def page(self, who: str, step: str, page) -> None:
        ms = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return n.loadEventEnd - n.startTime; }"
        )
        self.rows.append((who, step, ms))

    def swap(self, who: str, step: str, started: float) -> None:
        self.rows.append((who, step, (time.perf_counter() - started) * 1000))

    def report(self) -> None:
        if os.environ.get("E2E_TIMINGS"):
            print()
            for who, step, ms in self.rows:
                print(f"{who:9} {ms:7.0f} ms  {step}")


def click_and_wait(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_reviewer_and_editor_paths_click_by_click(open_as, make_member, httpserver, settings):
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1", "localhost"]
    httpserver.expect_request("/report").respond_with_data(
        fixture_page("peshawar_attack.html"), content_type="text/html"
    )
    claim = peshawar_claim(checkworthiness=0.97)
    timings = Timings()
    rita, eve = make_member("rita", "reviewers"), make_member("eve", "editors")

    # Reviewer: home -> queue -> the most check-worthy new claim -> start review
    page = open_as(rita)
    timings.page("reviewer", "/admin/ (after login)", page)
    click_and_wait(page, "#open-queue")
    timings.page("reviewer", "Review queue", page)
    click_and_wait(page, f"#new-claims tr[data-claim='{claim.pk}'] a")
    timings.page("reviewer", "claim page", page)
    click_and_wait(page, "#do-start_review")
    timings.page("reviewer", "Start review (POST, redirect, claim page)", page)

    # ... add a source and see the evidence land without a reload
    page.fill("#source-url", httpserver.url_for("/report"))
    started = time.perf_counter()
    page.click("#do-add-source")
    page.wait_for_selector("#evidence tr.cd-ev-row")
    timings.swap("reviewer", "Add and check (inline fetch + match, htmx swap)", started)

    # ... propose a verdict
    page.select_option("#propose-verdict", "accurate")
    page.fill("#propose-note", "The report gives 141.")
    click_and_wait(page, "#do-propose_verdict")
    timings.page("reviewer", "Propose verdict", page)

    # Editor: queue -> awaiting approval -> send back with a reason
    editor = open_as(eve)
    timings.page("editor", "/admin/ (after login)", editor)
    click_and_wait(editor, "#open-queue")
    timings.page("editor", "Review queue (with the charts)", editor)
    click_and_wait(editor, f"#awaiting-approval tr[data-claim='{claim.pk}'] a")
    timings.page("editor", "claim page", editor)
    editor.fill("#note-send_back", "Name the report's page.")
    click_and_wait(editor, "#do-send_back")
    timings.page("editor", "Send back", editor)

    # Reviewer: the sent-back claim, its reason on top, the proposal prefilled
    page.goto("/admin/claims/claim/queue/")
    timings.page("reviewer", "Review queue", page)
    click_and_wait(page, f"#sent-back tr[data-claim='{claim.pk}'] a")
    timings.page("reviewer", "claim page (sent back)", page)
    assert "Name the report's page." in page.locator("#send-back-note").inner_text()
    page.fill("#propose-note", "The report gives 141 on page 2.")
    click_and_wait(page, "#do-propose_verdict")
    timings.page("reviewer", "Propose verdict again", page)

    # Editor: publish, confirmed, then the public page
    editor.goto("/admin/claims/claim/queue/")
    click_and_wait(editor, f"#awaiting-approval tr[data-claim='{claim.pk}'] a")
    timings.page("editor", "claim page", editor)
    editor.fill("#note-publish", "Checked page 2.")
    editor.once("dialog", lambda d: d.accept())
    click_and_wait(editor, "#do-publish")
    timings.page("editor", "Publish (confirmed)", editor)
    editor.goto(f"/factchecks/{claim.pk}/")
    timings.page("reader", "public fact-check page", editor)

    claim.refresh_from_db()
    assert claim.status == "published"
    assert Claim.objects.get(pk=claim.pk).verdict == "accurate"
    timings.report()
