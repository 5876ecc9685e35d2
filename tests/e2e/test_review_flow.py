"""A claim's way through the admin in a real browser: review, four eyes, conflict, highlights."""

from __future__ import annotations

import pytest

from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Peshawar, 16 December.\n\n"
    "Militants attacked the Army Public School. At least 141 people were killed, "
    "officials said. About 120 were injured.\n\n"
    "The government announced three days of mourning."
)


def make_claims():
    article = ArticleFactory(title="School attack", text=TEXT)
    claims = []
    for figure, unit in (("141", "killed"), ("120", "injured")):
        sentence_start = TEXT.rindex(". ", 0, TEXT.index(figure)) + 2
        sentence_end = TEXT.index(".", TEXT.index(figure)) + 1
        start = TEXT.index(figure)
        claims.append(
            ClaimFactory(
                article=article,
                text=TEXT[sentence_start:sentence_end],
                start=sentence_start,
                end=sentence_end,
                span_start=start,
                span_end=start + len(figure),
                value=int(figure),
                unit=unit,
            )
        )
    return article, claims


def claim_path(claim: Claim) -> str:
    return f"/admin/claims/claim/{claim.pk}/change/"


def submit(page, button: str) -> None:
    """Press a workflow button and wait for the page the POST redirects back to."""
    with page.expect_navigation():
        page.click(button)


def messages(page) -> str:
    return page.locator("ul.messagelist").inner_text()


def test_reviewer_proposes_and_another_editor_publishes(open_as, make_member):
    # Given a new claim, a reviewer and an editor
    _, (claim, _) = make_claims()
    rita = make_member("rita", "reviewers")
    eve = make_member("eve", "editors")

    # When the reviewer starts a review and proposes a verdict with a note
    page = open_as(rita)
    page.goto(claim_path(claim))
    submit(page, "#do-start_review")
    assert "Start review: claim" in messages(page)
    page.select_option("#propose-verdict", "accurate")
    page.fill("#propose-note", "Matches the provincial government's figure.")
    submit(page, "#do-propose_verdict")

    # Then the claim awaits approval, and the reviewer cannot publish
    assert "now awaiting approval" in messages(page)
    assert page.locator("#do-publish").count() == 0

    # When the editor publishes
    editor_page = open_as(eve)
    editor_page.goto(claim_path(claim))
    editor_page.once("dialog", lambda dialog: dialog.accept())  # "Publish claim #…?"
    submit(editor_page, "#do-publish")

    # Then it is published and the history shows every step
    assert "now published" in messages(editor_page)
    history = editor_page.locator("#history").inner_text()
    for step in ("Start review", "Propose verdict", "Publish", "Matches the provincial"):
        assert step in history
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.version) == ("published", "accurate", 4)


def test_the_proposer_cannot_publish_their_own_verdict(open_as, make_member):
    # Given an editor who reviewed a claim and proposed its verdict
    _, (claim, _) = make_claims()
    eve = make_member("eve", "editors")
    page = open_as(eve)
    page.goto(claim_path(claim))
    submit(page, "#do-start_review")
    page.select_option("#propose-verdict", "misleading")
    page.fill("#propose-note", "The toll rose to 145 the next day.")
    submit(page, "#do-propose_verdict")

    # Then no publish button is offered to them
    assert page.locator("#do-publish").count() == 0
    assert page.locator("#do-send_back").count() == 1

    # And a forged publish request is refused with a message, not an error page
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"/admin/claims/claim/{claim.pk}/transition/",
        form={"action": "publish", "version": "3", "csrfmiddlewaretoken": token},
        headers={"Referer": page.url},
    )
    # (the request follows the redirect back to the claim page, which shows the message)
    assert response.ok
    assert "Four eyes: you proposed this verdict" in response.text()
    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"


def test_same_claim_in_two_tabs_the_second_submit_gets_a_clear_conflict(open_as, make_member):
    # Given a reviewer with the same claim open in two tabs
    _, (claim, _) = make_claims()
    rita = make_member("rita", "reviewers")
    first = open_as(rita)
    first.goto(claim_path(claim))
    submit(first, "#do-start_review")
    second = first.context.new_page()
    second.goto(claim_path(claim))

    # When the first tab proposes a verdict and the second then proposes another
    first.select_option("#propose-verdict", "accurate")
    first.fill("#propose-note", "Confirmed by the hospital.")
    submit(first, "#do-propose_verdict")
    second.select_option("#propose-verdict", "inaccurate")
    second.fill("#propose-note", "My careful note that must not be lost.")
    submit(second, "#do-propose_verdict")

    # Then the second tab says someone else changed the claim, and keeps what was typed
    assert "This claim was changed by someone else since you opened it" in messages(second)
    assert "reload to see the current version" in messages(second)
    claim.refresh_from_db()
    assert (claim.status, claim.verdict) == ("awaiting_approval", "accurate")
    assert "My careful note that must not be lost." in second.locator("#draft").inner_text()
    # And the first tab's proposal stands in the history
    assert "Confirmed by the hospital." in second.locator("#history").inner_text()


def test_article_page_highlights_each_claim_by_status(open_as, make_member):
    # Given an article with two claims, one in review
    article, (killed, injured) = make_claims()
    rita = make_member("rita", "reviewers")
    Claim.objects.filter(pk=killed.pk).update(status="in_review")

    # When the reviewer opens the article
    page = open_as(rita)
    page.goto(f"/admin/claims/article/{article.pk}/change/")

    # Then each figure is highlighted in its status colour and links to its claim
    marks = page.locator("a.cd-hl")
    assert marks.count() == 2
    assert marks.nth(0).inner_text() == "141"
    assert "cd-status-in_review" in marks.nth(0).get_attribute("class")
    assert "cd-status-new" in marks.nth(1).get_attribute("class")
    colour = marks.nth(0).evaluate("e => getComputedStyle(e).borderBottomColor")
    assert colour == "rgb(37, 99, 235)"
    marks.nth(1).click()
    page.wait_for_url(f"**{claim_path(injured)}")
    assert page.locator("mark.cd-sentence").inner_text() == "About 120 were injured."
