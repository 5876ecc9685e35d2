"""Reads shaped for the API's hot paths: each answers in one query whatever the row count.

The general claim list lives in ``claims.selectors.claim_list``; these add what only the
API needs (status polling, article counts per status, ClaimReview rows) and apply the
public/desk visibility rule of ``claims.api.permissions``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
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
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from claims.api.permissions import is_desk_member
from claims.models import Article, Claim, ClaimEvent, ClaimStatus


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
        qs = qs.filter(claims_count__gt=0)  # type: ignore[misc]  # an annotation
    return qs


def _matches_table() -> str:
    """The table of claim matches, found through the reverse relation ``Claim.matches``
    (the matching app builds on claims; claims does not import it)."""
    return Claim._meta.get_field("matches").related_model._meta.db_table  # type: ignore[union-attr]


def _status_sql() -> str:
    from verification.models import CheckRun, Evidence, Source

    # Table names come from model metadata; the only value is a bound parameter.
    return f"""
        SELECT c.id, c.status, c.verdict, c.version, c.assignee_id, c.updated_at,
               ev.supports, ev.contradicts, ev.mentions, ev.not_found, ev.failed,
               ev.checked_at, ru.pending, ru.failed, ru.finished_at, ru.created_at,
               ru.started_at, ma.matches
        FROM {Claim._meta.db_table} c
        CROSS JOIN (
            SELECT COUNT(CASE WHEN s.fetch_status IN ('ok', 'pending')
                              AND e.stance = 'supports' THEN 1 END) AS supports,
                   COUNT(CASE WHEN s.fetch_status IN ('ok', 'pending')
                              AND e.stance = 'contradicts' THEN 1 END) AS contradicts,
                   COUNT(CASE WHEN s.fetch_status IN ('ok', 'pending')
                              AND e.stance = 'mentions' THEN 1 END) AS mentions,
                   COUNT(CASE WHEN s.fetch_status IN ('ok', 'pending')
                              AND e.stance = 'not_found' THEN 1 END) AS not_found,
                   COUNT(CASE WHEN s.fetch_status NOT IN ('ok', 'pending')
                              THEN 1 END) AS failed,
                   MAX(e.checked_at) AS checked_at
            FROM {Evidence._meta.db_table} e
            JOIN {Source._meta.db_table} s ON s.id = e.source_id
            WHERE e.claim_id = %(id)s
        ) ev
        CROSS JOIN (
            SELECT COUNT(CASE WHEN r.state IN ('queued', 'running') THEN 1 END) AS pending,
                   COUNT(CASE WHEN r.state = 'failed' THEN 1 END) AS failed,
                   MAX(r.finished_at) AS finished_at,
                   MAX(r.created_at) AS created_at,
                   MAX(r.started_at) AS started_at
            FROM {CheckRun._meta.db_table} r
            WHERE r.claim_id = %(id)s
        ) ru
        CROSS JOIN (
            SELECT COUNT(*) AS matches FROM {_matches_table()} m
            WHERE m.claim_id = %(id)s AND m.state <> 'rejected'
        ) ma
        WHERE c.id = %(id)s
    """  # noqa: S608


#: Name of the per-connection prepared statement behind ``claim_status`` on PostgreSQL.
STATUS_STATEMENT = "claimdesk_claim_status_v2"
BIGINT_MAX = 2**63 - 1
_PREPARED_ON = "_claimdesk_status_prepared_on"


def _status_row(claim_id: int) -> tuple[Any, ...] | None:
    """The status row, through a prepared statement on PostgreSQL when allowed.

    Planning the statement costs PostgreSQL more than running it (about 0.35 ms against
    0.2 ms with a few dozen evidence rows); a prepared statement is planned once per
    connection. It is created on first use on each connection, outside Django's query
    log as the connection's own setup is, and re-created if the server forgot it (a
    pooler's ``DISCARD ALL``). ``API_STATUS_PREPARED=0`` turns it off, e.g. behind a
    transaction-mode pooler that hands each transaction another server connection.
    """
    if connection.vendor != "postgresql" or not settings.API_STATUS_PREPARED:
        with connection.cursor() as cursor:
            cursor.execute(_status_sql(), {"id": claim_id})
            return cursor.fetchone()
    with connection.cursor() as cursor:
        _prepare_status(force=False)
        try:
            cursor.execute(f"EXECUTE {STATUS_STATEMENT}(%s)", [claim_id])
        except DatabaseError as exc:
            if not _statement_missing(exc) or connection.in_atomic_block:
                raise
            _prepare_status(force=True)
            cursor.execute(f"EXECUTE {STATUS_STATEMENT}(%s)", [claim_id])
        return cursor.fetchone()


def _statement_missing(exc: DatabaseError) -> bool:
    from psycopg import errors

    return isinstance(exc.__cause__, errors.InvalidSqlStatementName)


def _prepare_status(*, force: bool) -> None:
    raw = connection.connection
    if not force and getattr(connection, _PREPARED_ON, None) is raw:
        return
    with raw.cursor() as setup:  # type: ignore[union-attr]
        setup.execute("SELECT 1 FROM pg_prepared_statements WHERE name = %s", [STATUS_STATEMENT])
        if setup.fetchone() is None:
            sql = _status_sql().replace("%(id)s", "$1")
            setup.execute(f"PREPARE {STATUS_STATEMENT}(bigint) AS {sql}")
    setattr(connection, _PREPARED_ON, raw)


def _moment(value: Any) -> datetime | None:
    """An aware datetime: SQLite gives aggregates as strings and columns as naive UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value
    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


def claim_status(*, claim_id: int, user: Any) -> dict[str, Any] | None:
    """The polling view of one claim (``claim_status_row``); None when not visible."""
    row = claim_status_row(claim_id=claim_id)
    if row is None or not status_visible(row["status"], user):
        return None
    return row


def status_visible(status: str, user: Any) -> bool:
    """The visibility rule of ``visible_claims`` for one claim's status."""
    return status == ClaimStatus.PUBLISHED or is_desk_member(user)


def claim_status_row(*, claim_id: int) -> dict[str, Any] | None:
    """The polling view of one claim, from a single SQL statement; None when no such claim.

    Whoever asks: visibility is the caller's business (``claim_status``, the status
    cache), so one row can be cached for everyone.

    Evidence is partitioned: the four stance counts cover sources fetched successfully (or
    not fetched yet), ``failed`` counts evidence whose source fetch failed (blocked,
    unreachable, HTTP error, too large, unsupported type), so the five add up to the total.
    ``last_modified`` is the latest change to the claim, its evidence or its checks.

    Written in SQL rather than the ORM because this is the endpoint clients poll: building
    and compiling the equivalent annotated queryset cost ten times the query itself. Two
    aggregate-only derived tables always yield one row each, so the claim's row decides.
    """
    claim_id = int(claim_id)
    if not 0 < claim_id <= BIGINT_MAX:
        return None  # no such row; and a bigint parameter would refuse the number
    row = _status_row(claim_id)
    if row is None:
        return None
    (
        pk, status, verdict, version, assignee_id, updated_at,
        supports, contradicts, mentions, not_found, ev_failed, checked_at,
        pending, runs_failed, finished_at, created_at, started_at, matches,
    ) = row  # fmt: skip
    updated_at = _moment(updated_at)
    finished_at = _moment(finished_at)
    moments = [
        m
        for m in (updated_at, _moment(checked_at), finished_at, _moment(created_at),
                  _moment(started_at))
        if m is not None
    ]  # fmt: skip
    return {
        "id": pk,
        "status": status,
        "verdict": verdict or None,
        "version": version,
        "assignee": assignee_id,
        "updated_at": updated_at,
        "evidence": {
            "supports": supports,
            "contradicts": contradicts,
            "mentions": mentions,
            "not_found": not_found,
            "failed": ev_failed,
        },
        "checks": {"pending": pending, "failed": runs_failed, "last_finished_at": finished_at},
        "matches": matches,
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
