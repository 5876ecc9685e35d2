"""Checks that show themselves: live evidence (htmx), busy buttons, and results that do not
mislead, against a real HTTP server on 127.0.0.1 (issue: the reviewer's workplace)."""

from __future__ import annotations

import time

import pytest
from werkzeug.wrappers import Response

from claims.models import ClaimEvent
from tests.verification.check_fixtures import page, peshawar_claim
from verification.models import CheckRun, CheckState, Evidence, Source
from verification.services import check_run_finish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def local_checks(settings):
    """Providers off and the local page server reachable through the safe fetcher."""
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1", "localhost"]
    settings.FETCH_TIMEOUT = 5.0
    return settings


def claim_path(claim) -> str:
    return f"/admin/claims/claim/{claim.pk}/change/"


def test_a_running_check_is_followed_live_and_evidence_appears_without_reload(
    open_as, make_member, shoot
):
    # Given a check a worker has queued for the claim (no evidence yet)
    claim = peshawar_claim()
    run = CheckRun.objects.create(claim=claim, state=CheckState.QUEUED, urls=["https://a.example/"])
    page = open_as(make_member("rita", "reviewers"))
    page.goto(claim_path(claim))
    page.evaluate("() => { window.cdSamePage = true; }")
    assert f"Check #{run.pk} is queued" in page.locator("#check-running").inner_text()
    assert page.locator('#history tr[data-action="check_finished"]').count() == 0
    assert page.locator("#suggested-verdict").count() == 0  # no evidence, no suggestion
    shoot(page, "check-running")

    # When the worker finishes it and writes evidence
    source = Source.objects.create(
        url="https://a.example/", fetch_status="ok", title="Provincial report",
        text="The toll stood at 141.",
    )  # fmt: skip
    Evidence.objects.create(
        claim=claim, source=source, stance="supports", passage="The toll stood at 141.",
        checked_at=source.created_at,
    )  # fmt: skip
    run.sources = [{"source": source.pk, "provider": "reviewer"}]
    run.save(update_fields=["sources"])
    check_run_finish(run=run)

    # Then the evidence appears on the same page, without a reload, and polling stops
    page.wait_for_selector("#evidence tr.cd-ev-row", timeout=8_000)
    assert page.evaluate("() => window.cdSamePage") is True
    assert "Supports" in page.locator("#evidence").inner_text()
    assert "1 page read" in page.locator("#check-outcome").inner_text()
    assert page.locator("#evidence[data-polling]").count() == 0

    # And the evidence's suggested verdict appears with it, once, as a suggestion only
    suggestion = page.locator("#evidence #suggested-verdict")
    assert suggestion.count() == 1
    text = suggestion.inner_text()
    assert "Suggested verdict: Accurate — 1 source(s) support the claim" in text
    assert "a human decides the verdict" in text

    # And the history shows the check's finished row, still without a reload
    finished = page.locator('#history tr.cd-event[data-action="check_finished"]')
    finished.wait_for(timeout=8_000)
    assert f"Check #{run.pk}" in finished.inner_text()
    assert page.evaluate("() => window.cdSamePage") is True


def test_inline_check_shows_progress_and_disables_its_button(
    open_as,
    make_member,
    httpserver,
    local_checks,
):
    # Given no worker (checks run inline) and a source page that is slow to answer
    def slow(request):
        time.sleep(1.5)
        return Response(page("peshawar_attack.html"), content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    claim = peshawar_claim()
    page_ = open_as(make_member("rita", "reviewers"))
    page_.goto(claim_path(claim))

    # When the reviewer adds the URL and presses "Add and check"
    page_.fill("#source-url", httpserver.url_for("/slow"))
    page_.click("#do-add-source")

    # Then while the fetch runs the button is disabled and the page says it is working
    page_.wait_for_selector("#check-busy", state="visible", timeout=2_000)
    assert page_.locator("#do-add-source").is_disabled()

    # And the evidence lands in place when it is done, with an honest outcome
    page_.wait_for_selector("#evidence tr.cd-ev-row", timeout=10_000)
    assert "read 1 page" in page_.locator("#check-notice").inner_text()
    assert not page_.locator("#do-add-source").is_disabled()
    assert ClaimEvent.objects.filter(claim=claim, action="source_added").count() == 1
    assert ClaimEvent.objects.filter(claim=claim, action="check_finished").count() == 1


def test_a_404_reads_as_a_failure_and_check_now_covers_every_source(
    open_as,
    make_member,
    httpserver,
    local_checks,
    shoot,
):
    # Given a reviewer on a claim, a page that exists and one that answers 404
    httpserver.expect_request("/report").respond_with_data(
        page("peshawar_attack.html"), content_type="text/html"
    )
    httpserver.expect_request("/gone").respond_with_data("missing", status=404)
    claim = peshawar_claim()
    browser_page = open_as(make_member("rita", "reviewers"))
    browser_page.goto(claim_path(claim))

    # When the reviewer adds the missing page
    browser_page.fill("#source-url", httpserver.url_for("/gone"))
    browser_page.click("#do-add-source")
    browser_page.wait_for_selector("#check-notice")

    # Then the outcome is a failure with its reason, never a green "succeeded"
    notice = browser_page.locator("#check-notice")
    assert "read nothing usable" in notice.inner_text()
    assert "404" in notice.inner_text()
    assert "cd-notice-error" in notice.get_attribute("class")
    row = browser_page.locator("#evidence tr.cd-ev-row")
    assert "Not read" in row.inner_text() and "Not found" not in row.inner_text()
    assert row.inner_text().count("404") == 1  # the reason, printed once
    assert "cd-outcome-bad" in browser_page.locator("#check-outcome").get_attribute("class")
    assert "Try again" in row.inner_text()

    # When they add the good page, then press "Check sources now"
    browser_page.fill("#source-url", httpserver.url_for("/report"))
    browser_page.click("#do-add-source")
    browser_page.wait_for_selector("#evidence tr.cd-ev-row >> nth=1")
    assert "fetched" in browser_page.locator("#evidence thead").inner_text().lower()
    assert "ago" in browser_page.locator("#evidence tr.cd-ev-row .cd-fetched").first.inner_text()
    before = len(httpserver.log)
    browser_page.click("#do-check")
    browser_page.wait_for_function(
        "() => (document.querySelector('#check-notice') || {}).textContent"
        "?.includes('every source')"
    )
    shoot(browser_page, "check-now")

    # Then the re-check covered both URLs the reviewer added (the failed one fetched again)
    last = CheckRun.objects.filter(claim=claim).order_by("-id").first()
    assert set(last.urls) == {httpserver.url_for("/gone"), httpserver.url_for("/report")}
    assert [entry[0].path for entry in httpserver.log[before:]] == ["/gone"]
    assert "1 could not be read" in browser_page.locator("#check-notice").inner_text()


def test_refetch_now_is_offered_past_the_ttl(
    open_as,
    make_member,
    httpserver,
    local_checks,
):
    # Given evidence from a page fetched longer ago than FETCH_REFETCH_TTL
    local_checks.FETCH_REFETCH_TTL = 0
    httpserver.expect_request("/report").respond_with_data(
        page("peshawar_attack.html"), content_type="text/html"
    )
    claim = peshawar_claim()
    browser_page = open_as(make_member("rita", "reviewers"))
    browser_page.goto(claim_path(claim))
    browser_page.fill("#source-url", httpserver.url_for("/report"))
    browser_page.click("#do-add-source")
    browser_page.wait_for_selector("#evidence tr.cd-ev-row")

    # When the reviewer presses "Re-fetch now" on it
    button = browser_page.locator("#evidence tr.cd-ev-row form.cd-refetch button")
    assert button.inner_text() == "Re-fetch now"
    before = len(httpserver.log)
    earlier = browser_page.locator("#check-notice").inner_text()
    button.click()
    browser_page.wait_for_function(
        "old => { const n = document.querySelector('#check-notice');"
        " return n && n.textContent.trim() !== old.trim() && n.textContent.includes('read 1'); }",
        arg=earlier,
    )

    # Then the page was fetched again
    assert len(httpserver.log) == before + 1
