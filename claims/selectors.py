"""Reads of articles and claims for the admin and the API, shaped so no caller causes N+1."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from claims.access import can_see_status, visible_claims
from claims.models import Article, Claim, ClaimEvent, ClaimStatus
from claims.workflow import FINAL_STATUSES
from desk.roles import EDITOR, ROLE_GROUPS, user_roles


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
class StatusCount:
    """Claims in one status: exact, or (``estimated``) the planner's statistics."""

    n: int
    estimated: bool = False

    def __str__(self) -> str:
        return f"about {self.n:,}" if self.estimated else str(self.n)


#: Claims per status are counted exactly up to here; above it they are estimated. The
#: queue is a summary: "about 30,000 in review" says as much as the exact figure, and
#: five bounded scans of 1,001 index entries stay cheap even when the index is not cached.
STATUS_COUNT_EXACT_UP_TO = 1_000


def queue_status_counts(
    *, statuses: list[str], exact_up_to: int = STATUS_COUNT_EXACT_UP_TO
) -> dict[str, StatusCount]:
    """Claims per status for the queue, as cheap at a million claims as at a hundred.

    One grouped query over a ``LIMIT exact_up_to + 1`` index-only scan per status, so it
    reads at most that many index entries per status instead of every claim. A status
    above the limit takes PostgreSQL's statistics for the column (the fraction of rows
    in that status, times the table's row count), shown as "about". SQLite counts
    exactly in one grouped query.
    """
    counts = {status: StatusCount(0) for status in statuses}
    if connection.vendor != "postgresql":
        for status, n in claim_status_counts(
            queryset=Claim.objects.filter(status__in=statuses)
        ).items():
            if status in counts:
                counts[status] = StatusCount(n)
        return counts
    # The table name comes from model metadata; every value is a bound parameter.
    table = Claim._meta.db_table
    branches = " UNION ALL ".join(
        f"(SELECT status FROM {table} WHERE status = %s LIMIT %s)"  # noqa: S608
        for _ in statuses
    )
    params: list[Any] = [value for status in statuses for value in (status, exact_up_to + 1)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT status, COUNT(*) FROM ({branches}) b GROUP BY status",  # noqa: S608
            params,
        )
        for status, n in cursor.fetchall():
            counts[status] = StatusCount(n)
    capped = [s for s, c in counts.items() if c.n > exact_up_to]
    if capped:
        estimates = _status_estimates()
        for status in capped:
            counts[status] = StatusCount(max(estimates.get(status, 0), counts[status].n), True)
    return counts


def _status_estimates() -> dict[str, int]:
    """Rows per status from the column statistics ANALYZE keeps (most common values)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT s.most_common_vals::text::text[], s.most_common_freqs, c.reltuples
            FROM pg_stats s
            JOIN pg_class c ON c.relname = s.tablename
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname
            WHERE s.schemaname = current_schema() AND s.tablename = %s AND s.attname = 'status'
            """,
            [Claim._meta.db_table],
        )
        row = cursor.fetchone()
    if row is None or row[0] is None:
        return {}
    values, freqs, total = row
    return {value: round(freq * max(total, 0)) for value, freq in zip(values, freqs, strict=True)}


@dataclass(frozen=True)
class ReviewQueue:
    """What the review queue page shows: counts per status and two short lists."""

    counts: dict[str, StatusCount]
    mine: QuerySet[Claim]
    awaiting: QuerySet[Claim] | list[Claim]


#: Rows in each of the queue's lists.
QUEUE_LIST_LENGTH = 50


def review_queue(*, user: Any) -> ReviewQueue:
    """The queue of ``user``: status counts, their open claims, what awaits approval.

    Each part reads a bounded stretch of one index whatever the number of claims: the
    counts (``queue_status_counts``) at most 1,001 entries per status; "mine" walks
    (assignee, updated_at) and "awaiting" walks (status, updated_at), stopping after
    ``QUEUE_LIST_LENGTH`` rows, and only those rows get their evidence counts.
    """
    statuses = [status for status in ClaimStatus.values if can_see_status(status, user)]
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
    return ReviewQueue(counts=queue_status_counts(statuses=statuses), mine=mine, awaiting=awaiting)


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
