"""The review queue as the reviewer's home, in a real browser (issue: the reviewer's workplace)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.models import Claim
from tests.e2e.conftest import horizontal_overflow
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = (
    "Provincial officials revise the flood toll again as relief convoys reach the last "
    "cut-off villages in the northern valleys after a week of rain and landslides"
)


def contrast_ratio(page, selector: str) -> float:
    """WCAG contrast between an element's text colour and its background colour."""
    return page.evaluate(
        """sel => {
          const e = document.querySelector(sel), s = getComputedStyle(e);
          const lum = c => { const v = c.match(/\\d+/g).slice(0, 3).map(Number).map(x => {
              x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
            return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
          const a = lum(s.color), b = lum(s.backgroundColor);
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }""",
        selector,
    )


def test_index_has_a_visible_entry_button_to_the_queue(open_as, make_member, shoot):
    # Given a reviewer logged in on /admin/
    page = open_as(make_member("rita", "reviewers"))

    # Then the queue button's text stands out from its background
    button = page.locator("#open-queue")
    assert button.inner_text() == "Review queue"
    assert contrast_ratio(page, "#open-queue") >= 4.5
    shoot(page, "index")

    # And pressing it opens the queue
    button.click()
    page.wait_for_url("**/admin/claims/claim/queue/")
    assert page.locator("h1").inner_text() == "Review queue"


def test_queue_lists_what_needs_me_sent_back_new_by_worthiness_and_awaiting(
    open_as, make_member, shoot
):
    # Given claims in every situation a reviewer and an editor care about
    rita = make_member("rita", "reviewers")
    eve = make_member("eve", "editors")
    article = ArticleFactory(title=LONG_TITLE)
    text = "Officials said over $500 million was lost as at least 40 people died."
    low = ClaimFactory(
        article=article, text=text, end=len(text), span_start=15, span_end=32,
        kind="monetary_amount", value=Decimal(500_000_000), qualifier="more_than",
        currency="USD", unit="", checkworthiness=0.41,
    )  # fmt: skip
    high = ClaimFactory(article=article, checkworthiness=0.97)
    mine = ClaimFactory(article=article, status="in_review", assignee=rita)
    returned = ClaimFactory(
        article=article, status="in_review", assignee=rita, verdict="inaccurate"
    )
    waiting = ClaimFactory(
        article=article, status="awaiting_approval", verdict="accurate", proposed_by=rita
    )

    # When the reviewer opens the queue
    page = open_as(rita)
    page.goto("/admin/claims/claim/queue/")
    shoot(page, "queue-reviewer")

    # Then the claims sent back, their own and the new ones (most check-worthy first) show
    def ids(section: str) -> list[int]:
        rows = page.locator(f"#{section} tr.cd-queue-row")
        return [int(rows.nth(i).get_attribute("data-claim")) for i in range(rows.count())]

    assert ids("sent-back") == [returned.pk]
    assert "sent back" in page.locator("#sent-back").inner_text()
    assert ids("my-claims") == [mine.pk]
    assert ids("new-claims") == [high.pk, low.pk]
    assert page.locator("#awaiting-approval").count() == 0
    # in the article's words, not normalised
    new_text = page.locator("#new-claims").inner_text()
    assert "over $500 million" in new_text
    assert "more than USD" not in new_text
    assert "97" in page.locator(f"#new-claims tr[data-claim='{high.pk}']").inner_text()
    assert horizontal_overflow(page) == 0

    # And an editor also sees what awaits approval, and can open it from there
    editor_page = open_as(eve)
    editor_page.goto("/admin/claims/claim/queue/")
    shoot(editor_page, "queue-editor")
    assert ids.__call__  # (same helper, other page)
    rows = editor_page.locator("#awaiting-approval tr.cd-queue-row")
    assert rows.count() == 1
    assert "proposed by rita" in rows.first.inner_text()
    rows.first.locator("a").first.click()
    editor_page.wait_for_url(f"**/admin/claims/claim/{waiting.pk}/change/")

    # And at 390 px the queue does not overflow sideways
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert horizontal_overflow(page) == 0
    assert Claim.objects.count() == 5


def test_the_queue_shows_the_desk_at_a_glance(open_as, make_member, shoot):
    # Given a claim published after a week's work, and two new ones extracted since
    from datetime import timedelta

    from django.utils import timezone

    from claims.models import ClaimEvent

    now = timezone.now()
    done = ClaimFactory(status="published", verdict="accurate")
    Claim.objects.filter(pk=done.pk).update(created_at=now - timedelta(days=8))
    for days_ago, action, before, after in (
        (8, "extracted", "", "new"),
        (6, "start_review", "new", "in_review"),
        (3, "propose_verdict", "in_review", "awaiting_approval"),
        (1, "publish", "awaiting_approval", "published"),
    ):
        row = ClaimEvent.objects.create(
            claim=done, action=action, from_status=before, to_status=after
        )
        ClaimEvent.objects.filter(pk=row.pk).update(created_at=now - timedelta(days=days_ago))
    for fresh in ClaimFactory.create_batch(2):
        ClaimEvent.objects.create(claim=fresh, action="extracted", to_status="new")

    # When an editor opens the queue
    page = open_as(make_member("eve", "editors"))
    page.goto("/admin/claims/claim/queue/")
    shoot(page, "queue-glance")

    # Then an SVG chart draws one line per status over 30 days, ending at today's counts
    chart = page.locator("#backlog-chart")
    assert chart.is_visible()
    assert chart.locator("polyline.cd-line").count() == 5
    published = chart.locator("polyline[data-status='published']").get_attribute("points")
    assert len(published.split()) == 30
    heights = [float(p.split(",")[1]) for p in published.split()]
    assert heights[0] > heights[-1]  # none published a month ago, one now
    legend = page.locator("#desk-at-a-glance .cd-legend").inner_text()
    assert "Published 1" in legend and "New 2" in legend

    # And the median time from extraction to publication is shown (seven days = 168 h)
    assert page.locator("#median-lead").inner_text() == "168.0 h"
    assert page.locator("#lead-time-chart rect.cd-bar").count() == 4

    # And no script drew it: the chart is in the HTML the server sent
    html = page.request.get("/admin/claims/claim/queue/").text()
    assert 'id="backlog-chart"' in html and "<polyline" in html
    page.set_viewport_size({"width": 390, "height": 844})
    assert horizontal_overflow(page) == 0
