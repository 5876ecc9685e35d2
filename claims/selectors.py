"""Reads of articles and claims for the admin and the API, shaped so no caller causes N+1."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from claims.access import visible_claims
from claims.models import Article, Claim, ClaimEvent, ClaimStatus
from desk.roles import ROLE_GROUPS


def _evidence_count(stance: str) -> Coalesce:
    """Evidence rows of one stance for the outer claim.

    A correlated subquery rather than ``Count("evidence", filter=...)`` over a join: it is
    evaluated only for the rows a page shows, and needs no GROUP BY over every selected
    column (the article's full text included, on SQLite).
    """
    # Through the reverse relation of verification's Evidence: claims imports nothing of
    # verification, and the subquery is still one correlated count per shown row.
    counted = (
        Claim.objects.filter(pk=OuterRef("pk"))
        .order_by()
        .values("pk")
        .annotate(n=Count("evidence", filter=Q(evidence__stance=stance)))
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
    base = Claim.objects.all() if user is None else visible_claims(user=user)
    qs = base.select_related("article", "assignee", "proposed_by").annotate(
        evidence_supports=_evidence_count("supports"),
        evidence_contradicts=_evidence_count("contradicts"),
    )
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
    """Claims per status over ``queryset`` (all claims by default), every status present."""
    counts = dict.fromkeys(ClaimStatus.values, 0)
    qs = Claim.objects.all() if queryset is None else queryset
    for status, n in qs.order_by().values_list("status").annotate(n=Count("pk")):
        counts[status] = n
    return counts


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
