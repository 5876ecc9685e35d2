"""The desk at a glance: backlog per status over 30 days and publication lead time."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Claim, ClaimEvent
from claims.selectors import claim_status_counts, desk_trends
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def noon(days_ago: int) -> datetime:
    today = timezone.localdate()
    return timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(12)))


def event(claim: Claim, days_ago: int, action: str, from_status: str, to_status: str) -> None:
    row = ClaimEvent.objects.create(
        claim=claim, action=action, from_status=from_status, to_status=to_status
    )
    ClaimEvent.objects.filter(pk=row.pk).update(created_at=noon(days_ago))


def test_backlog_is_read_back_from_todays_counts_through_the_events():
    # Given a claim that went new -> in review -> awaiting -> published over ten days,
    # another extracted two days ago and still new, and a note (not a move)
    done = ClaimFactory(status="published")
    Claim.objects.filter(pk=done.pk).update(created_at=noon(10))
    event(done, 10, "extracted", "", "new")
    event(done, 5, "start_review", "new", "in_review")
    event(done, 3, "propose_verdict", "in_review", "awaiting_approval")
    event(done, 1, "publish", "awaiting_approval", "published")
    fresh = ClaimFactory()
    event(fresh, 2, "extracted", "", "new")
    event(fresh, 1, "check_requested", "", "")

    # When the trends are read
    counts = claim_status_counts()
    with CaptureQueriesContext(connection) as queries:
        trends = desk_trends(counts=counts)

    # Then each day ends with the claims it had
    def on(days_ago: int) -> dict[str, int]:
        i = len(trends.days) - 1 - days_ago
        return {s: v[i] for s, v in trends.backlog.items() if v[i]}

    assert len(trends.days) == 30 and trends.days[-1] == timezone.localdate()
    assert on(11) == {}
    assert on(10) == {"new": 1}
    assert on(5) == {"in_review": 1}
    assert on(3) == {"awaiting_approval": 1}
    assert on(2) == {"awaiting_approval": 1, "new": 1}
    assert on(1) == on(0) == {"published": 1, "new": 1}
    # And the lead time is extraction to publication: nine days
    assert trends.published == 1
    assert trends.median_hours == pytest.approx(9 * 24, abs=0.1)
    assert trends.weekly_median_hours[-1][1] == pytest.approx(9 * 24, abs=0.1)
    # In two queries (plus the caller's one grouped count)
    assert len(queries.captured_queries) == 2
