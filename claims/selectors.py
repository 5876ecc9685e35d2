"""Reads of articles and claims for the admin and the API, shaped so no caller causes N+1."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from claims.access import can_see_status, visible_claims
from claims.models import Article, Claim, ClaimEvent, ClaimStatus
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


# --- the reviewer's queue -------------------------------------------------------------

#: A claim back in review that still carries an earlier verdict proposal: an editor sent
#: it back (or reopened it). ``send_back`` and ``reopen`` keep the verdict and clear
#: ``proposed_by``, so the row alone says so, without reading its history.
SENT_BACK = Q(status=ClaimStatus.IN_REVIEW) & ~Q(verdict="")

QUEUE_SECTION_SIZE = 20


def claim_is_sent_back(claim: Claim) -> bool:
    """The row-level reading of ``SENT_BACK`` for a claim already loaded."""
    return claim.status == ClaimStatus.IN_REVIEW and bool(claim.verdict)


@dataclass(frozen=True)
class ReviewQueue:
    """What the queue page shows one user: counts per status and the claims to pick up."""

    counts: dict[str, StatusCount]
    sent_back: list[Claim]
    mine: list[Claim]
    new: list[Claim]
    awaiting: list[Claim]


def _queue_rows() -> QuerySet[Claim]:
    return Claim.objects.select_related("article", "assignee", "proposed_by").defer("article__text")


def review_queue(*, user: Any) -> ReviewQueue:
    """The reviewer's home: counts per status, then four short lists to pick up from.

    Counts come from ``queue_status_counts`` (bounded index scans, estimates above the
    limit) over the statuses ``user`` may see. Each list is bounded
    (``QUEUE_SECTION_SIZE``) and walks an index: (status, assignee) for what is sent back
    and assigned, (status, checkworthiness) for new claims, (status, updated_at) for what
    awaits approval; so the page costs the same at a hundred claims or a million.
    """
    roles = user_roles(user)
    statuses = [status for status in ClaimStatus.values if can_see_status(status, user)]
    counts = queue_status_counts(statuses=statuses)
    if not roles:
        return ReviewQueue(counts=counts, sent_back=[], mine=[], new=[], awaiting=[])
    size = QUEUE_SECTION_SIZE
    rows = _queue_rows()
    open_statuses = [ClaimStatus.NEW, ClaimStatus.IN_REVIEW]
    sent_back = list(rows.filter(SENT_BACK, assignee=user).order_by("-updated_at", "-id")[:size])
    mine = list(
        rows.filter(status__in=open_statuses, assignee=user)
        .exclude(SENT_BACK)
        .order_by("-updated_at", "-id")[:size]
    )
    new = list(
        rows.filter(status=ClaimStatus.NEW, assignee__isnull=True).order_by(
            "-checkworthiness", "-id"
        )[:size]
    )
    awaiting: list[Claim] = []
    if EDITOR in roles:
        awaiting = list(
            rows.filter(status=ClaimStatus.AWAITING_APPROVAL).order_by("updated_at", "id")[:size]
        )
    return ReviewQueue(counts=counts, sent_back=sent_back, mine=mine, new=new, awaiting=awaiting)


def claim_latest_return(*, claim: Claim) -> ClaimEvent | None:
    """The send-back (or reopen) that put ``claim`` back in review, while it is there.

    Shown at the top of the claim page: the editor's reason is what the reviewer must read
    first. Reads the indexed (claim, created_at) history backwards; one row.
    """
    if claim.status != ClaimStatus.IN_REVIEW:
        return None
    return (
        ClaimEvent.objects.filter(claim=claim, action__in=["send_back", "reopen"])
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )


def article_with_text(text: str) -> Article | None:
    """The article already holding this text (after the same normalising ingest does)."""
    from claims.documents import normalise_text
    from claims.services import content_hash

    return (
        Article.objects.defer("text")
        .filter(content_sha256=content_hash(normalise_text(text)))
        .first()
    )


def article_edits(*, article: Article) -> QuerySet[Any]:
    """The metadata edits of ``article``, oldest first, with the actor joined."""
    from claims.models import ArticleEdit

    return (
        ArticleEdit.objects.filter(article=article)
        .select_related("actor")
        .order_by("created_at", "id")
    )


# --- the desk at a glance -------------------------------------------------------------


@dataclass(frozen=True)
class DeskTrends:
    days: list[Any]
    backlog: dict[str, list[int]]
    median_hours: float | None
    weekly_median_hours: list[tuple[str, float | None]]
    published: int


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def desk_trends(
    *, counts: dict[str, int], days: int = 30, now: datetime | None = None
) -> DeskTrends:
    """Claims per status at the end of each of the last ``days`` days, and publication lead.

    The backlog is read backwards from today's ``counts`` through the status changes of
    the window (one grouped query on the indexed ``ClaimEvent.created_at``): a day's end
    is the next day's end minus that next day's net moves. Lead time is from a claim's
    extraction to its publish event, over the publications of the window (bounded).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    first = today - timedelta(days=days - 1)
    start = timezone.make_aware(datetime.combine(first, time.min))
    moves = (
        ClaimEvent.objects.filter(created_at__gte=start)
        .exclude(from_status=F("to_status"))
        .annotate(day=TruncDate("created_at"))
        .values_list("day", "from_status", "to_status")
        .annotate(n=Count("id"))
        .order_by()
    )
    net: dict[Any, dict[str, int]] = {}
    for day, from_status, to_status, n in moves:
        per_day = net.setdefault(day, {})
        if to_status:
            per_day[to_status] = per_day.get(to_status, 0) + n
        if from_status:
            per_day[from_status] = per_day.get(from_status, 0) - n
    calendar = [first + timedelta(days=i) for i in range(days)]
    end_of_day = dict(counts)
    backlog: dict[str, list[int]] = {status: [] for status in ClaimStatus.values}
    for day in reversed(calendar):
        for status in ClaimStatus.values:
            backlog[status].append(max(0, end_of_day.get(status, 0)))
        for status, change in net.get(day, {}).items():
            end_of_day[status] = end_of_day.get(status, 0) - change
    for values in backlog.values():
        values.reverse()

    published = list(
        ClaimEvent.objects.filter(
            created_at__gte=start, action="publish", to_status=ClaimStatus.PUBLISHED
        )
        .values_list("created_at", "claim__created_at")
        .order_by("-created_at")[:5000]
    )
    hours = [(done - made).total_seconds() / 3600 for done, made in published]
    weeks: list[tuple[str, float | None]] = []
    for w in range(4, 0, -1):
        low = now - timedelta(days=7 * w)
        high = now - timedelta(days=7 * (w - 1))
        in_week = [
            (done - made).total_seconds() / 3600 for done, made in published if low <= done < high
        ]
        weeks.append((low.strftime("%d %b"), _median(in_week)))
    return DeskTrends(
        days=calendar,
        backlog=backlog,
        median_hours=_median(hours),
        weekly_median_hours=weeks,
        published=len(published),
    )
