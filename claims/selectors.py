"""Reads of articles and claims for the admin and the API, shaped so no caller causes N+1."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from claims.models import Article, Claim, ClaimEvent, ClaimStatus
from claims.workflow import EDITOR, FINAL_STATUSES, ROLE_GROUPS, user_roles


def _evidence_count(stance: str) -> Coalesce:
    """Evidence rows of one stance for the outer claim.

    A correlated subquery rather than ``Count("evidence", filter=...)`` over a join: it is
    evaluated only for the rows a page shows, and needs no GROUP BY over every selected
    column (the article's full text included, on SQLite).
    """
    from verification.models import Evidence

    counted = (
        Evidence.objects.filter(claim=OuterRef("pk"), stance=stance)
        .order_by()
        .values("claim")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def claim_list(*, filters: dict[str, Any] | None = None, user: Any = None) -> QuerySet[Claim]:
    """Claims with article, assignee and proposer joined and evidence counts annotated.

    ``user=None`` is an internal caller and sees everything; a user without a workflow
    role (anonymous included) sees published claims only, as the public API does.

    ``filters`` (all optional): ``status``, ``kind``, ``verdict``, ``article`` (id),
    ``assignee`` (a user id, ``"me"`` or ``"none"``), ``search`` (text, quote, speaker).
    """
    filters = filters or {}
    qs = Claim.objects.select_related("article", "assignee", "proposed_by").annotate(
        evidence_supports=_evidence_count("supports"),
        evidence_contradicts=_evidence_count("contradicts"),
    )
    if user is not None and not user_roles(user):
        qs = qs.filter(status=ClaimStatus.PUBLISHED)
    for field in ("status", "kind", "verdict"):
        if filters.get(field):
            qs = qs.filter(**{field: filters[field]})
    if filters.get("article"):
        qs = qs.filter(article_id=filters["article"])
    assignee = filters.get("assignee")
    if assignee == "me":
        qs = qs.filter(assignee_id=getattr(user, "pk", None)) if user else qs.none()
    elif assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif assignee:
        qs = qs.filter(assignee_id=assignee)
    search = (filters.get("search") or "").strip()
    if search:
        qs = qs.filter(
            Q(text__icontains=search) | Q(quote__icontains=search) | Q(speaker__icontains=search)
        )
    return qs


def article_claim_counts(article: Article) -> dict[str, int]:
    """Claims of ``article`` per status, every status present (zero when none)."""
    return claim_status_counts(queryset=Claim.objects.filter(article=article))


def claim_status_counts(*, queryset: QuerySet[Claim] | None = None) -> dict[str, int]:
    """Claims per status over ``queryset`` (all claims by default), every status present.

    One grouped ``COUNT(*)``: with a plain queryset PostgreSQL answers it from the status
    index alone (an index-only scan), never reading the claim rows.
    """
    counts = dict.fromkeys(ClaimStatus.values, 0)
    qs = Claim.objects.all() if queryset is None else queryset
    for status, n in qs.order_by().values_list("status").annotate(n=Count("*")):
        counts[status] = n
    return counts


@dataclass(frozen=True)
class ReviewQueue:
    """What the review queue page shows: counts per status and two short lists."""

    counts: dict[str, int]
    mine: QuerySet[Claim]
    awaiting: QuerySet[Claim] | list[Claim]


#: Rows in each of the queue's lists.
QUEUE_LIST_LENGTH = 50


def review_queue(*, user: Any) -> ReviewQueue:
    """The queue of ``user``: status counts, their open claims, what awaits approval.

    Each part is one query on an index whatever the number of claims: the counts group
    the status index (no joins, no annotations); "mine" walks (assignee, updated_at) and
    "awaiting" walks (status, updated_at), stopping after ``QUEUE_LIST_LENGTH`` rows, and
    only those rows get their evidence counts.
    """
    visible = Claim.objects.all()
    if not user_roles(user):
        visible = visible.filter(status=ClaimStatus.PUBLISHED)
    open_statuses = [s for s in ClaimStatus.values if s not in FINAL_STATUSES]
    mine = (
        claim_list(filters={"assignee": "me"}, user=user)
        .filter(status__in=open_statuses)
        .defer("article__text")
        .order_by("-updated_at", "-id")[:QUEUE_LIST_LENGTH]
    )
    awaiting: QuerySet[Claim] | list[Claim] = (
        claim_list(filters={"status": ClaimStatus.AWAITING_APPROVAL}, user=user)
        .defer("article__text")
        .order_by("updated_at", "id")[:QUEUE_LIST_LENGTH]
        if EDITOR in user_roles(user)
        else []
    )
    return ReviewQueue(counts=claim_status_counts(queryset=visible), mine=mine, awaiting=awaiting)


def claim_events(*, claim: Claim) -> QuerySet[ClaimEvent]:
    """The audit trail of ``claim``, oldest first, with the actor joined."""
    return (
        ClaimEvent.objects.filter(claim=claim).select_related("actor").order_by("created_at", "id")
    )


def desk_members() -> QuerySet[Any]:
    """Active users who can review: members of either role group, and superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=ROLE_GROUPS.values()) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )
