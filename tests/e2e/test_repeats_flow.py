"""A repeated claim in the browser: the claim page shows its match to a published claim,
one click proposes the same verdict, and an editor (not the proposer) publishes it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claims.models import Claim, ClaimKind, ClaimStatus, Verdict
from repeats.models import ClaimMatch, MatchState
from tests.api.support import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EARLIER = (
    "Gunmen storm army school in Peshawar",
    "Taliban gunmen stormed the Army Public School in Peshawar on Tuesday. At least 141 "
    "people were killed, the army said.",
)
LATER = (
    "Pakistan mourns victims of Peshawar school attack",
    "Pakistan began three days of mourning for the victims of the Army Public School attack "
    "in Peshawar. The army said 141 people were killed in the school.",
)


def ingest(title: str, text: str):
    from claims.services import article_ingest

    # A live-server test commits for real: the ingest hook matches after commit.
    return article_ingest(
        text=text, title=title, published_at=datetime(2014, 12, 16, tzinfo=UTC)
    ).article


def submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_a_repeat_shows_its_match_and_applying_the_verdict_needs_an_editor(open_as, make_member):
    rita = make_member("rita", "reviewers")
    eve = make_member("eve", "editors")
    earlier = Claim.objects.get(article=ingest(*EARLIER), kind=ClaimKind.CASUALTY_COUNT)
    publish(earlier, verdict=Verdict.ACCURATE, note="Confirmed by the army and hospitals.")
    later = Claim.objects.get(article=ingest(*LATER), kind=ClaimKind.CASUALTY_COUNT)
    match = ClaimMatch.objects.get(claim=later)

    # The reviewer opens the repeated claim and sees the match with its verdict
    page = open_as(rita)
    page.goto(f"/admin/claims/claim/{later.pk}/change/")
    row = page.locator(f"tr:has(#match-{match.pk}-confirmed)")
    assert "Gunmen storm army school in Peshawar" in row.inner_text()
    assert "Accurate" in row.inner_text() and "Same figure" in row.inner_text()

    # One click proposes the published verdict, with a note linking the earlier claim
    submit(page, f"#match-{match.pk}-apply")
    assert "an editor publishes it" in page.locator("ul.messagelist").inner_text()
    later.refresh_from_db()
    assert later.status == ClaimStatus.AWAITING_APPROVAL
    assert later.verdict == Verdict.ACCURATE and f"#{earlier.pk}" in later.verdict_note
    assert ClaimMatch.objects.get(pk=match.pk).state == MatchState.CONFIRMED
    assert page.locator("#do-publish").count() == 0  # four eyes: not the proposer

    # The editor publishes it
    editor_page = open_as(eve)
    editor_page.goto(f"/admin/claims/claim/{later.pk}/change/")
    editor_page.once("dialog", lambda dialog: dialog.accept())  # Publish asks first
    submit(editor_page, "#do-publish")
    later.refresh_from_db()
    assert later.status == ClaimStatus.PUBLISHED

    # And the claim list filter finds it as a repeat of a published claim
    editor_page.goto("/admin/claims/claim/?repeats=published")
    listed = editor_page.locator("#result_list tbody tr")
    assert listed.count() == 1 and f"{later.pk}" in listed.first.inner_text()
