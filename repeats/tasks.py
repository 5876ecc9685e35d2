"""Claim matching task: thin, takes an article id, idempotent (see services.matches_find)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="repeats.tasks.match_article", queue="analyze", acks_late=True)
def match_article(article_id: int) -> int:
    """Find the repeats of one article's claims; returns how many matches were new."""
    from repeats.services import matches_find

    return len(matches_find(article_id=article_id))


@shared_task(name="repeats.tasks.sweep_matching", queue="analyze", acks_late=True)
def sweep_matching() -> list[int]:
    """Periodic (beat): publish matching again for articles whose message was lost."""
    from repeats.services import matching_sweep

    return matching_sweep()
