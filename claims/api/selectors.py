"""Reads shaped for the API's hot paths: each answers in one query whatever the row count.

The general claim list lives in ``claims.selectors.claim_list``; these add what only the
API needs (status polling, article counts per status, ClaimReview rows) and apply the
public/desk visibility rule of ``claims.api.permissions``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from claims.api.permissions import is_desk_member
from claims.models import Article, Claim, ClaimEvent, ClaimStatus

STANCES = ("supports", "contradicts", "mentions", "not_found")


def _count(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT(*) subquery over ``queryset`` (already filtered on OuterRef)."""
    counted = queryset.order_by().annotate(_g=Value(1)).values("_g").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), Value(0))


def _latest(queryset: QuerySet[Any], field: str) -> Subquery:
    latest = queryset.order_by().annotate(_g=Value(1)).values("_g").annotate(m=Max(field))
    return Subquery(latest.values("m")[:1], output_field=DateTimeField())


def visible_claims(*, user: Any) -> QuerySet[Claim]:
    """All claims for desk members; published claims for everyone else."""
    qs = Claim.objects.all()
    return qs if is_desk_member(user) else qs.filter(status=ClaimStatus.PUBLISHED)


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
        qs = qs.filter(claims_count__gt=0)
    return qs


def claim_status(*, claim_id: int, user: Any) -> dict[str, Any] | None:
    """The polling view of one claim, from a single SQL statement; None when not visible.

    Evidence is partitioned: the four stance counts cover sources fetched successfully (or
    not fetched yet), ``failed`` counts evidence whose source fetch failed (blocked,
    unreachable, HTTP error, too large, unsupported type), so the five add up to the total.
    ``last_modified`` is the latest change to the claim, its evidence or its checks.
    """
    from verification.models import CheckRun, CheckState, Evidence, FetchStatus

    evidence = Evidence.objects.filter(claim=OuterRef("pk"))
    usable = Q(source__fetch_status__in=[FetchStatus.OK, FetchStatus.PENDING])
    runs = CheckRun.objects.filter(claim=OuterRef("pk"))
    row = (
        Claim.objects.filter(pk=claim_id)
        .annotate(
            **{f"ev_{s}": _count(evidence.filter(usable, stance=s)) for s in STANCES},
            ev_failed=_count(evidence.exclude(usable)),
            runs_pending=_count(runs.filter(state__in=[CheckState.QUEUED, CheckState.RUNNING])),
            runs_failed=_count(runs.filter(state=CheckState.FAILED)),
            runs_finished_at=_latest(runs, "finished_at"),
            runs_changed_at=_latest(runs, "created_at"),
            runs_started_at=_latest(runs, "started_at"),
            ev_checked_at=_latest(evidence, "checked_at"),
        )
        .values(
            "id",
            "status",
            "verdict",
            "version",
            "assignee_id",
            "updated_at",
            "ev_supports",
            "ev_contradicts",
            "ev_mentions",
            "ev_not_found",
            "ev_failed",
            "runs_pending",
            "runs_failed",
            "runs_finished_at",
            "runs_changed_at",
            "runs_started_at",
            "ev_checked_at",
        )
        .first()
    )
    if row is None:
        return None
    if row["status"] != ClaimStatus.PUBLISHED and not is_desk_member(user):
        return None
    moments: list[datetime] = [
        m
        for m in (
            row["updated_at"],
            row["ev_checked_at"],
            row["runs_finished_at"],
            row["runs_changed_at"],
            row["runs_started_at"],
        )
        if m is not None
    ]
    return {
        "id": row["id"],
        "status": row["status"],
        "verdict": row["verdict"] or None,
        "version": row["version"],
        "assignee": row["assignee_id"],
        "updated_at": row["updated_at"],
        "evidence": {
            "supports": row["ev_supports"],
            "contradicts": row["ev_contradicts"],
            "mentions": row["ev_mentions"],
            "not_found": row["ev_not_found"],
            "failed": row["ev_failed"],
        },
        "checks": {
            "pending": row["runs_pending"],
            "failed": row["runs_failed"],
            "last_finished_at": row["runs_finished_at"],
        },
        "last_modified": max(moments),
    }


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
