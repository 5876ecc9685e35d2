"""The claim page as a workplace: one form per action, confirmation, notes never lost,
send-back reasons first, readable history, no internals (issue: the reviewer's workplace)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.models import Claim, ClaimEvent
from claims.services import claim_transition
from tests.e2e.conftest import horizontal_overflow
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Lahore, 3 March.\n\n"
    "The metro line cost over $500 million, the finance department said in its report "
    "to the provincial assembly on Tuesday.\n\nThe line opened in 2020."
)


def money_claim(**fields) -> Claim:
    article = ArticleFactory(title="Metro line audit", text=TEXT, url="https://news.example/metro")
    start = TEXT.index("The metro")
    end = TEXT.index("Tuesday.") + len("Tuesday.")
    figure = TEXT.index("over $500 million")
    return ClaimFactory(
        article=article, kind="monetary_amount", text=TEXT[start:end], start=start, end=end,
        span_start=figure, span_end=figure + len("over $500 million"),
        value=Decimal(500_000_000), qualifier="more_than", currency="USD", unit="",
        **fields,
    )  # fmt: skip


def claim_path(claim: Claim) -> str:
    return f"/admin/claims/claim/{claim.pk}/change/"


def submit(page, button: str) -> None:
    with page.expect_navigation():
        page.click(button)


def messages(page) -> str:
    return page.locator("ul.messagelist").inner_text()


def proposed(reviewer, **fields) -> Claim:
    claim = money_claim(status="in_review", assignee=reviewer, **fields)
    return claim_transition(
        claim=claim, action="propose_verdict", actor=reviewer, version=claim.version,
        verdict="accurate", note="The department's report says 512 million.",
    )  # fmt: skip


def test_publish_has_its_own_note_and_asks_for_confirmation(open_as, make_member, shoot):
    # Given a claim awaiting approval and an editor on its page
    rita = make_member("rita", "reviewers")
    claim = proposed(rita)
    page = open_as(make_member("eve", "editors"))
    page.goto(claim_path(claim))
    shoot(page, "claim-awaiting-editor")

    # Then send back and publish each have their own form and note
    assert page.locator("form.cd-action-send_back textarea[name=note]").count() == 1
    assert page.locator("form.cd-action-publish textarea[name=note]").count() == 1

    # When the editor types a publish note and cancels the confirmation
    page.fill("#note-publish", "Checked the report's annex myself.")
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("#do-publish")
    page.wait_for_timeout(300)

    # Then nothing is published, the question named the verdict, and the note is still there
    assert "Publish claim" in asked[0] and "Accurate" in asked[0]
    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"
    assert page.input_value("#note-publish") == "Checked the report's annex myself."

    # When the editor confirms
    page.once("dialog", lambda d: d.accept())
    submit(page, "#do-publish")

    # Then it is published and the note is kept in the audit
    assert "now published" in messages(page)
    event = ClaimEvent.objects.get(claim=claim, action="publish")
    assert event.note == "Checked the report's annex myself."
    assert "Checked the report's annex myself." in page.locator("#history").inner_text()


def test_without_script_publish_asks_on_a_page_that_keeps_the_note(open_as, make_member):
    # Given an editor whose browser runs no script
    rita = make_member("rita", "reviewers")
    claim = proposed(rita)
    eve = make_member("eve", "editors")
    page = open_as(eve)
    context = page.context.browser.new_context(
        base_url=page.url.split("/admin/")[0], java_script_enabled=False
    )
    context.add_cookies(page.context.cookies())
    nojs = context.new_page()
    nojs.goto(claim_path(claim))

    # When they type a note and press Publish
    nojs.fill("#note-publish", "Second pair of eyes: fine.")
    submit(nojs, "#do-publish")

    # Then a confirmation page asks, with the note still in it, and publishing waits
    assert nojs.locator("#confirm-note").input_value() == "Second pair of eyes: fine."
    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"
    submit(nojs, "#confirm-publish")
    claim.refresh_from_db()
    assert claim.status == "published"
    assert ClaimEvent.objects.get(claim=claim, action="publish").note == (
        "Second pair of eyes: fine."
    )
    context.close()


def test_a_stale_publish_shows_a_conflict_and_keeps_the_note(open_as, make_member):
    # Given two editors on the same claim awaiting approval
    rita = make_member("rita", "reviewers")
    claim = proposed(rita)
    eve, ed = make_member("eve", "editors"), make_member("ed", "editors")
    page = open_as(eve)
    page.goto(claim_path(claim))

    # When the other editor sends it back first, and this one then publishes with a note
    claim_transition(
        claim=claim, action="send_back", actor=ed, version=claim.version, note="Check the annex."
    )
    page.fill("#note-publish", "My publish note, not to be lost.")
    page.once("dialog", lambda d: d.accept())
    submit(page, "#do-publish")

    # Then the page says someone else changed it, and the note is back in the publish form
    assert "changed by someone else" in messages(page)
    assert (
        page.input_value("#note-publish") == "My publish note, not to be lost."
        if (page.locator("#note-publish").count())
        else "My publish note, not to be lost." in page.locator("#draft").inner_text()
    )
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_bulk_dismiss_asks_for_a_reason(open_as, make_member):
    # Given two new claims and an editor on the claim list
    claims = [money_claim(), ClaimFactory()]
    page = open_as(make_member("eve", "editors"))
    page.goto("/admin/claims/claim/")

    # When they select both and choose "Dismiss"
    for claim in claims:
        page.check(f"input[name=_selected_action][value='{claim.pk}']")
    page.select_option("select[name=action]", "bulk_dismiss")
    submit(page, "button[name=index]")

    # Then a page asks why, and the reason goes into each claim's history
    assert page.locator("#bulk-dismiss-note").is_visible()
    page.fill("#bulk-dismiss-note", "Both repeat the wire copy already checked.")
    submit(page, "#do-bulk-dismiss")
    assert "Dismiss: done for" in messages(page)
    for claim in claims:
        event = ClaimEvent.objects.get(claim=claim, action="dismiss")
        assert event.note == "Both repeat the wire copy already checked."


def test_send_back_reason_is_on_top_flagged_and_the_proposal_prefilled(open_as, make_member, shoot):
    # Given an editor sent a reviewer's proposal back with a reason
    rita = make_member("rita", "reviewers")
    eve = make_member("eve", "editors")
    claim = proposed(rita)
    editor_page = open_as(eve)
    editor_page.goto(claim_path(claim))
    editor_page.fill("#note-send_back", "Cite the report's page, not the press release.")
    submit(editor_page, "#do-send_back")
    assert "now in review" in messages(editor_page)

    # When the reviewer opens the queue and the list
    page = open_as(rita)
    page.goto("/admin/claims/claim/queue/")
    assert f"#{claim.pk}" in page.locator("#sent-back").inner_text()
    page.goto("/admin/claims/claim/")
    row = page.locator(f"tr:has(a[href$='/claim/{claim.pk}/change/'])")
    assert "sent back" in row.inner_text()

    # Then the claim page shows the reason first, and the verdict form has the proposal
    page.goto(claim_path(claim))
    shoot(page, "claim-sent-back")
    banner = page.locator("#send-back-note")
    assert "Sent back by eve" in banner.inner_text()
    assert "Cite the report's page" in banner.inner_text()
    first = page.locator(".cd-panel").first
    assert first.get_attribute("id") == "send-back-note"
    assert page.input_value("#propose-verdict") == "accurate"
    assert page.input_value("#propose-note") == "The department's report says 512 million."


def test_history_reads_in_words_and_the_page_hides_internals(open_as, make_member, shoot):
    # Given a claim a reviewer took, with a note; another reviewer opens it
    rita = make_member("rita", "reviewers")
    rob = make_member("rob", "reviewers")
    claim = money_claim()
    claim = claim_transition(claim=claim, action="start_review", actor=rita, version=1)
    page = open_as(rob)
    page.goto(claim_path(claim))
    shoot(page, "claim-other-reviewer")

    # Then the history says "Start review", not start_review, and statuses in words
    history = page.locator("#history").inner_text()
    assert "Start review" in history and "start_review" not in history
    assert "New → In review" in history

    # And no internals: no raw decimals, no offsets
    body = page.locator("#content").inner_text()
    assert "500000000.000000" not in body
    assert "over $500 million" in body
    for label in ("Span start", "Span end", "Start:", "End:"):
        assert label not in body

    # And the History button leads to the real history on this page
    history_link = page.locator(".object-tools a.historylink")
    assert history_link.get_attribute("href") == "#history"

    # And no link leads the reviewer to a 403 page: the assignee is plain text
    for href in page.locator("#content a").evaluate_all("els => els.map(e => e.href)"):
        if "/admin/auth/" in href:
            pytest.fail(f"a link to the user admin: {href}")

    # And "no workflow action" says why
    assert "assigned to someone else" in page.locator("#no-actions").inner_text()

    # And at 390 px nothing overflows sideways
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert horizontal_overflow(page) == 0
