"""Reads for feeds: the list with how many articles each feed brought in."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from feeds.models import Feed, FeedEntry


def feed_list() -> QuerySet[Feed]:
    """Feeds with ``articles_count``: entries that became (or already were) an article."""
    counted = (
        FeedEntry.objects.filter(feed=OuterRef("pk"))
        .filter(Q(article__isnull=False) | Q(article_import__article__isnull=False))
        .order_by()
        .values("feed")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Feed.objects.annotate(
        articles_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
    ).order_by("id")
