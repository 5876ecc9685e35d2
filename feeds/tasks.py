"""Feed polling tasks: beat runs ``feeds_poll_due``, which enqueues one poll per due feed."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="feeds.tasks.feeds_poll_due", queue="fetch", acks_late=True)
def feeds_poll_due() -> list[int]:
    """Periodic (beat): lease the due feeds and enqueue a poll of each."""
    from feeds.services import feeds_due

    feed_ids = feeds_due()
    for feed_id in feed_ids:
        feed_poll.delay(feed_id)
    return feed_ids


@shared_task(name="feeds.tasks.feed_poll", queue="fetch", acks_late=True)
def feed_poll(feed_id: int) -> str | None:
    """Poll one feed; failures are recorded on the feed (it backs off), never retried here."""
    from feeds.services import feed_poll as poll

    report = poll(feed_id=feed_id)
    if report is None:
        return None
    return report.error or f"{len(report.imports)} new imports"
