"""The claim list reads at a glance: short titles, the article's words, age and
check-worthiness columns (issue: the reviewer's workplace)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = (
    "Provincial officials revise the flood toll again as relief convoys reach the last "
    "cut-off villages in the northern valleys after a week of rain, landslides and "
    "collapsed bridges that left thousands of families without shelter or clean water"
)
SENTENCE = "The scheme will cost over $500 million, the finance minister said."


def test_list_rows_are_one_line_titles_words_as_written_age_and_worth(open_as, make_member, shoot):
    # Given claims of an article with a very long title
    article = ArticleFactory(title=LONG_TITLE)
    figure = SENTENCE.index("over $500 million")
    ClaimFactory(
        article=article, kind="monetary_amount", text=SENTENCE, end=len(SENTENCE),
        span_start=figure, span_end=figure + len("over $500 million"),
        value=Decimal(500_000_000), qualifier="more_than", currency="USD", unit="",
        checkworthiness=0.88,
    )  # fmt: skip
    ClaimFactory.create_batch(3, article=article)
    page = open_as(make_member("rita", "reviewers"))

    # When the reviewer opens the claim list
    page.goto("/admin/claims/claim/")
    shoot(page, "claim-list")

    # Then the title takes one line, shortened, with the whole title on hover
    title = page.locator("td.field-article_display a.cd-list-title").first
    box = title.bounding_box()
    line = title.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 20")
    assert box["height"] <= line * 1.5
    assert title.get_attribute("title") == LONG_TITLE
    assert title.evaluate("e => e.scrollWidth > e.clientWidth")  # truncated with an ellipsis

    # And the claim reads as the article wrote it, with age and check-worthiness columns
    table = page.locator("#result_list")
    headers = table.locator("thead").inner_text().lower()
    assert "worth" in headers
    text = table.inner_text()
    assert "over $500 million" in text and "more than USD" not in text
    assert "88" in text
    assert page.locator("td.field-worth_display .cd-age").first.inner_text().strip() != ""
    # every column fits on a desktop screen, with the navigation and filters open
    results = page.locator("#changelist .results").bounding_box()
    for column in ("field-worth_display", "field-evidence_display"):
        cell = page.locator(f"td.{column}").first.bounding_box()
        assert cell["x"] + cell["width"] <= results["x"] + results["width"] + 8, column
