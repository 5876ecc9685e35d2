"""Public fact-check pages in a real browser, as a reader (no login) sees them
(issue: the reviewer's workplace)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.api.support import publish
from tests.e2e.conftest import horizontal_overflow
from tests.factories import ArticleFactory, ClaimFactory
from verification.models import Evidence, Source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCE = "The relief fund has received over $500 million so far, the finance ministry said."


def published_money_claim():
    article = ArticleFactory(
        title="Relief fund passes half a billion", publisher="The Coastal Daily",
        url="https://coastal.example/relief-fund", text=SENTENCE,
        published_at=datetime(2026, 7, 9, 8, 30, tzinfo=UTC),
    )  # fmt: skip
    figure = SENTENCE.index("over $500 million")
    claim = ClaimFactory(
        article=article, kind="monetary_amount", text=SENTENCE, end=len(SENTENCE),
        span_start=figure, span_end=figure + len("over $500 million"),
        value=Decimal(500_000_000), qualifier="more_than", currency="USD", unit="",
    )  # fmt: skip
    source = Source.objects.create(
        url="https://gov.example/fund-report", fetch_status="ok", title="Fund report, July",
        archive_url="https://web.archive.org/web/2026/https://gov.example/fund-report",
    )  # fmt: skip
    Evidence.objects.create(
        claim=claim, source=source, stance="supports", checked_at=source.created_at,
        passage="Contributions reached $512 million by the end of June.",
    )  # fmt: skip
    failed = Source.objects.create(url="https://gone.example/x", fetch_status="http_error")
    Evidence.objects.create(claim=claim, source=failed, stance="", checked_at=source.created_at)
    return publish(claim, verdict="accurate", note="The ministry's July report says $512m.")


@pytest.fixture
def reader(browser, live_server, settings):
    settings.SITE_URL = live_server.url
    settings.CLAIMREVIEW_ORG_NAME = "Coastal Checks"
    context = browser.new_context(base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_a_published_fact_check_page_for_readers(reader, shoot):
    # Given a published claim with evidence (one page read, one that failed)
    claim = published_money_claim()

    # When a reader, not logged in, opens its public page
    response = reader.goto(f"/factchecks/{claim.pk}/")
    shoot(reader, "factcheck")

    # Then it is a public, cacheable page
    assert response.status == 200
    assert "public" in response.headers["cache-control"]
    assert "max-age=" in response.headers["cache-control"]
    assert "set-cookie" not in response.headers

    # And it shows the claim in its sentence, the verdict, the editor's note and the sources
    assert "over $500 million" in reader.locator("#claim-sentence").inner_text()
    assert reader.locator("#verdict h1").inner_text() == "Accurate"
    assert "$512m" in reader.locator("#editor-note").inner_text()
    sources = reader.locator("#evidence")
    assert "Fund report, July" in sources.inner_text()
    assert (
        sources.locator("a.fc-archive").get_attribute("href").startswith("https://web.archive.org/")
    )
    assert "gone.example" not in sources.inner_text()  # a page never read is no evidence
    assert "9 July 2026" in reader.locator("main").inner_text()
    assert "Fact-check published" in reader.locator("#dates").inner_text()
    assert reader.locator("#claimant").inner_text() == "finance ministry"

    # And it carries ClaimReview JSON-LD whose url is this page
    ld = json.loads(reader.locator("script[type='application/ld+json']").inner_text())
    assert ld["@type"] == "ClaimReview"
    assert ld["url"] == reader.url
    assert ld["author"]["name"] == "Coastal Checks"
    assert ld["itemReviewed"]["firstAppearance"]["url"] == "https://coastal.example/relief-fund"

    # And it is styled by its static stylesheet, and fits a phone
    colour = reader.locator(".fc-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(32, 80, 103)"
    reader.set_viewport_size({"width": 390, "height": 844})
    assert horizontal_overflow(reader) == 0


def test_an_unpublished_claim_has_no_public_page_and_an_article_lists_its_checks(reader, shoot):
    # Given an article with one published claim and one still in review
    claim = published_money_claim()
    draft = ClaimFactory(article=claim.article, status="in_review")

    # Then the draft's page is a 404 for readers
    assert reader.goto(f"/factchecks/{draft.pk}/").status == 404

    # And the article's page lists only the published fact-check, linking to it
    response = reader.goto(f"/factchecks/articles/{claim.article_id}/")
    shoot(reader, "article-factchecks")
    assert response.status == 200
    items = reader.locator("#factchecks li")
    assert items.count() == 1
    assert "Accurate" in items.first.inner_text()
    items.first.locator("a").click()
    reader.wait_for_url(f"**/factchecks/{claim.pk}/")

    # And an article without published fact-checks has no page
    assert reader.goto(f"/factchecks/articles/{ArticleFactory().pk}/").status == 404
