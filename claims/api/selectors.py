"""Reads shaped for the API: each answers in one query whatever the row count.

The general claim list lives in ``claims.selectors.claim_list``; these add what only the
API needs (article counts per status, ClaimReview rows) and apply the public/desk
visibility rule of ``claims.access``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from claims.access import visible_claims as visible_claims
from claims.extraction import CLAIM_JSON_FIELDS
from claims.models import Article, Claim, ClaimEvent, ClaimStatus
from desk.roles import is_desk_member


def _count(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT(*) subquery over ``queryset`` (already filtered on OuterRef)."""
    counted = queryset.order_by().annotate(_g=Value(1)).values("_g").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), Value(0))


def _latest(queryset: QuerySet[Any], field: str) -> Subquery:
    latest = queryset.order_by().annotate(_g=Value(1)).values("_g").annotate(m=Max(field))
    return Subquery(latest.values("m")[:1], output_field=DateTimeField())


#: The claim columns the API's claim JSON is made of (``ClaimSerializer``); a list reads
#: only these, never the article (its text can be a megabyte) nor evidence counts.
CLAIM_API_COLUMNS = (
    "id",
    "article_id",
    *CLAIM_JSON_FIELDS,
    "status",
    "verdict",
    "verdict_note",
    "assignee_id",
    "version",
    "created_at",
    "updated_at",
)


def claim_api_list(*, user: Any) -> QuerySet[Claim]:
    """The claims a caller may see, with only the columns the claim JSON uses.

    The assignee's username comes in the same query; filters and the order are applied by
    the view (``ClaimFilter``, ``KeysetPagination``), so the database can walk one index.
    """
    return (
        visible_claims(user=user)
        .select_related("assignee")
        .only(*CLAIM_API_COLUMNS, "assignee__username")
    )


def article_list(*, user: Any) -> QuerySet[Article]:
    """Articles with ``claims_count`` and ``n_<status>`` annotations, text deferred.

    The public sees only articles with at least one published claim, and counts of
    published claims only: counts of unpublished work would leak what the desk is doing.
    """
    member = is_desk_member(user)
    statuses = list(ClaimStatus.values) if member else [ClaimStatus.PUBLISHED.value]
    claims = Claim.objects.filter(article=OuterRef("pk"))
    annotations: dict[str, Any] = {
        f"n_{status}": _count(claims.filter(status=status)) for status in statuses
    }
    annotations["claims_count"] = _count(claims if member else claims.filter(status__in=statuses))
    qs = Article.objects.defer("text").annotate(**annotations)
    if not member:
        qs = qs.filter(claims_count__gt=0)  # type: ignore[misc]  # an annotation
    return qs


def published_claims(*, article_id: int | None = None) -> QuerySet[Claim]:
    """Published claims with their article and ``published_on`` (the latest publish event)."""
    published_on = (
        ClaimEvent.objects.filter(claim=OuterRef("pk"), to_status=ClaimStatus.PUBLISHED)
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    qs = (
        Claim.objects.filter(status=ClaimStatus.PUBLISHED)
        .select_related("article")
        .defer("article__text")
        .annotate(
            published_on=Coalesce(
                Subquery(published_on, output_field=DateTimeField()), "updated_at"
            )
        )
    )
    if article_id is not None:
        qs = qs.filter(article_id=article_id)
    return qs
