"""Writes of the source-checking pipeline: request, run, record, close and sweep checks.

A check runs in two stages so each lands on the right worker pool (DESIGN §6):

1. ``check_stage_fetch`` (queue ``fetch``): take the run (a guarded update, so a
   duplicate or redelivered message does no harm), gather candidate URLs (the reviewer's
   and the providers'), fetch each through the safe fetcher and record a ``Source``.
2. ``check_stage_analyze`` (queue ``analyze``): match the claim against every source's
   text and, in one transaction, upsert ``Evidence`` per (claim, source) and close the run.

The ``CheckRun`` row is the durable record: a message lost with a dead broker or a killed
worker is found again by ``checks_sweep`` and published anew. Network I/O never happens
inside a database transaction; each write is its own short transaction.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from claims.models import Article, Claim, Verdict
from claims.services import claim_activity_bump
from safefetch.fetch import FetchPolicy, FetchResult, FetchTransientError, fetch_url, make_client
from verification import matching
from verification.models import CheckRun, CheckState, Evidence, FetchStatus, Source, Stance
from verification.policy import fetch_policy
from verification.providers.base import ClaimQuery, ProviderError, ProviderRateLimited
from verification.providers.registry import archiver, provider_names, search_providers
from verification.selectors import claim_evidence
from webhooks.services import check_completed

logger = logging.getLogger(__name__)

__all__ = [
    "BROKER_ERRORS",
    "CheckStageResult",
    "SuggestedVerdict",
    "SweepReport",
    "check_enqueue",
    "check_request",
    "check_requeue",
    "check_run_fail",
    "check_run_finish",
    "check_run_retry_pending",
    "check_stage_analyze",
    "check_stage_fetch",
    "checks_request_for_article",
    "checks_sweep",
    "evidence_archive",
    "source_fetch",
    "suggested_verdict",
]

#: Errors that mean "the broker is unreachable right now" when publishing a message.
BROKER_ERRORS: tuple[type[BaseException], ...] = (
    KombuOperationalError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionError,
    TimeoutError,
)

REVIEWER = "reviewer"
#: A run that was never published (the broker was down at request time) is picked up by
#: the sweep after this many seconds, or CHECK_QUEUED_STALE_AFTER if that is shorter.
NEVER_ENQUEUED_GRACE = 30

_url_validator = URLValidator(schemes=["http", "https"])


# ---------------------------------------------------------------------------- requesting


def _validated_urls(urls: Iterable[str]) -> list[str]:
    """http(s) URLs with a host, stripped and de-duplicated in order; else ValidationError."""
    cleaned: list[str] = []
    for raw in urls:
        url = (raw or "").strip() if isinstance(raw, str) else ""
        try:
            if not url or len(url) > 2000:
                raise ValidationError("bad")
            _url_validator(url)
        except ValidationError:
            shown = str(raw)[:200]
            raise ValidationError(
                f"Enter an http or https URL with a host name (at most 2000 characters); "
                f"{shown!r} is not one.",
                code="invalid_url",
            ) from None
        if url not in cleaned:
            cleaned.append(url)
    return cleaned


def check_request(
    *, claim: Claim, actor: AbstractBaseUser | AnonymousUser | None, urls: list[str] | None = None
) -> CheckRun:
    """Record a check of ``claim`` and publish it once the transaction commits.

    With ``urls`` only those pages are checked; without, the providers switched on in
    settings are asked for sources. If the broker is down the request still succeeds: the
    run stays ``queued`` and the sweep publishes it later.
    """
    cleaned = _validated_urls(urls or [])
    with transaction.atomic():
        run = CheckRun(
            claim=claim,
            requested_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
            urls=cleaned,
            providers=[] if cleaned else provider_names(),
            state=CheckState.QUEUED,
        )
        run.full_clean(exclude=["claim", "requested_by"])
        run.save()
        claim_activity_bump(claim_ids=[claim.pk])
        # robust: a failure while publishing (or while running inline) must not undo or
        # break the request that has already committed the run.
        transaction.on_commit(lambda: check_enqueue(run_id=run.pk), robust=True)
    run.refresh_from_db()
    return run


def checks_request_for_article(
    *, article: Article, actor: AbstractBaseUser | AnonymousUser | None
) -> list[CheckRun]:
    """Check every claim of a freshly ingested article with the providers switched on.

    Does nothing (returns ``[]``) unless ``CHECK_ON_INGEST`` is on and at least one search
    provider is configured, so the ingest path can call it unconditionally. One ``CheckRun``
    per claim, written together; each is published when the surrounding transaction
    commits (a broker that is down leaves them ``queued`` for the sweep). Claims that
    already have a queued or running check (an article ingested twice) are skipped.
    """
    if not settings.CHECK_ON_INGEST or not search_providers():
        return []
    providers = provider_names()
    busy = CheckRun.objects.filter(
        claim__article=article, state__in=[CheckState.QUEUED, CheckState.RUNNING]
    ).values("claim_id")
    claim_ids = list(
        Claim.objects.filter(article=article)
        .exclude(id__in=busy)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not claim_ids:
        return []
    requested_by = actor.pk if actor is not None and actor.is_authenticated else None
    with transaction.atomic():
        runs = CheckRun.objects.bulk_create(
            [
                CheckRun(
                    claim_id=claim_id,
                    requested_by_id=requested_by,
                    providers=providers,
                    state=CheckState.QUEUED,
                )
                for claim_id in claim_ids
            ]
        )
        claim_activity_bump(claim_ids=claim_ids)
        for run in runs:
            transaction.on_commit(
                lambda run_id=run.pk: check_enqueue(run_id=run_id),  # type: ignore[misc]
                robust=True,
            )
    return runs


def check_enqueue(*, run_id: int) -> bool:
    """Publish the fetch stage of a queued run; False (run left queued) if the broker is down.

    The task id is written first, so a message that does reach a worker is recognised as
    the run's own; ``enqueued_at`` is written only once the broker has the message, so a run
    without it is one the sweep must publish.
    """
    from verification.tasks import check_fetch

    task_id = str(uuid.uuid4())
    if not CheckRun.objects.filter(id=run_id, state=CheckState.QUEUED).update(task_id=task_id):
        return False
    try:
        check_fetch.apply_async(args=[run_id], task_id=task_id)
    except BROKER_ERRORS as exc:
        logger.warning(
            "check %s stays queued: the broker is unreachable (%s); the sweep will publish it",
            run_id,
            exc,
        )
        return False
    CheckRun.objects.filter(id=run_id, state=CheckState.QUEUED, task_id=task_id).update(
        enqueued_at=timezone.now()
    )
    return True


def check_requeue(*, run_ids: Iterable[int]) -> list[int]:
    """Queue finished-with-failure or stuck-in-queue runs again (the admin's action).

    A failed run starts afresh: attempts are reset and the error cleared. Running and
    succeeded runs are left alone; a running one is the sweep's business.
    """
    ids = list(run_ids)
    with transaction.atomic():
        rows = list(
            CheckRun.objects.select_for_update()
            .filter(id__in=ids, state__in=[CheckState.FAILED, CheckState.QUEUED])
            .values_list("id", "claim_id")
        )
        requeued = [run_id for run_id, _ in rows]
        CheckRun.objects.filter(id__in=requeued).update(
            state=CheckState.QUEUED, attempts=0, error="", finished_at=None, enqueued_at=None
        )
        claim_activity_bump(claim_ids=[claim_id for _, claim_id in rows])
        for run_id in requeued:
            transaction.on_commit(
                lambda run_id=run_id: check_enqueue(run_id=run_id),  # type: ignore[misc]
                robust=True,
            )
    return requeued


# ------------------------------------------------------------------------------ starting


def stage_deadline(now: datetime, *, waiting: float = 0) -> datetime:
    """When a stage started now (after ``waiting`` seconds) must be over if its worker lives.

    The task's hard time limit kills a stage at ``CELERY_TASK_TIME_LIMIT``, so a run still
    ``running`` past ``CHECK_STAGE_DEADLINE`` (that limit plus a margin) has lost its
    worker. This is what lets the sweep recover a run within minutes of a worker dying,
    instead of waiting for the broker's visibility timeout to hand the message back.
    """
    return now + timedelta(seconds=settings.CHECK_STAGE_DEADLINE + waiting)


def check_run_retry_pending(*, run_id: int, owner: str) -> None:
    """The fetch stage will be retried after a backoff: widen its deadline by that wait."""
    CheckRun.objects.filter(id=run_id, state=CheckState.RUNNING, task_id=owner).update(
        deadline_at=stage_deadline(timezone.now(), waiting=settings.CHECK_RETRY_BACKOFF_MAX)
    )


def _worker_name() -> str:
    return f"{socket.gethostname()}/{os.getpid()}"[:200]


def check_run_start(*, run_id: int, task_id: str, retrying: bool = False) -> CheckRun | None:
    """Take a run for this message, or return None when another message owns it.

    Taken when it is ``queued``; when it is ``running`` under this same task id (the same
    message redelivered after its worker died, or a planned retry); or when it is
    ``running`` past ``CHECK_RUN_DEADLINE`` (its worker is presumed gone). Planned retries
    do not count as attempts; anything else does, and a run out of attempts is failed.
    """
    now = timezone.now()
    deadline = now - timedelta(seconds=settings.CHECK_RUN_DEADLINE)
    startable = (
        Q(state=CheckState.QUEUED)
        | Q(state=CheckState.RUNNING, task_id=task_id)
        | Q(state=CheckState.RUNNING, deadline_at__lt=now)
        | Q(state=CheckState.RUNNING, deadline_at__isnull=True, started_at__lt=deadline)
    )
    changes: dict[str, Any] = {
        "state": CheckState.RUNNING,
        "started_at": now,
        "deadline_at": stage_deadline(now),
        "task_id": task_id,
        "worker": _worker_name(),
        "error": "",
    }
    if not retrying:
        changes["attempts"] = F("attempts") + 1
    limit = settings.CHECK_RUN_MAX_ATTEMPTS
    candidates = CheckRun.objects.filter(startable, id=run_id)
    # Taking a run changes nothing the status shows (queued and running are both pending),
    # so the claim's activity counter is left alone.
    taken = (candidates if retrying else candidates.filter(attempts__lt=limit)).update(**changes)
    if taken == 1:
        return CheckRun.objects.select_related("claim").get(id=run_id)
    exhausted = candidates.filter(attempts__gte=limit).first()
    if exhausted is not None and not retrying:
        check_run_fail(
            run_id=run_id,
            error=f"Gave up after {exhausted.attempts} attempts: the check never completed.",
        )
    return None


# ------------------------------------------------------------------------------- sources


def _published_at(result: FetchResult) -> datetime | None:
    """The page's own publication date when the fetcher reports one (made aware if naive)."""
    value = result.published_at
    if value is None:
        return None
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SourceFetch:
    source: Source
    reused: bool
    transient: bool = False


def source_fetch(
    *,
    url: str,
    provider: str = "",
    policy: FetchPolicy | None = None,
    client: httpx.Client | None = None,
) -> SourceFetch:
    """The ``Source`` for ``url``, fetched now unless a good copy is younger than the TTL.

    A failed refetch of a page we already hold keeps the earlier text (it was real
    evidence when read) and records the error beside it; a first fetch that fails is
    stored with its status so the desk sees why the page gave no evidence.
    """
    now = timezone.now()
    existing = Source.objects.filter(url=url).first()
    ttl = timedelta(seconds=settings.FETCH_REFETCH_TTL)
    if (
        existing is not None
        and existing.fetch_status == FetchStatus.OK
        and existing.fetched_at is not None
        and existing.fetched_at > now - ttl
    ):
        return SourceFetch(existing, reused=True)

    result = fetch_url(url, policy=policy or fetch_policy(), client=client)
    if result.ok:
        values: dict[str, Any] = {
            "final_url": result.final_url[:2000],
            "fetch_status": FetchStatus.OK,
            "http_status": result.http_status,
            "content_type": result.content_type[:200],
            "title": result.title[:500],
            "text": result.text,
            "content_sha256": result.content_sha256,
            "fetched_at": now,
            "published_at": _published_at(result),
            "error": "",
        }
    elif existing is not None and existing.fetch_status == FetchStatus.OK:
        values = {"error": f"Refetch failed ({result.fetch_status}): {result.error}"[:2000]}
    else:
        values = {
            "final_url": (result.final_url or url)[:2000],
            "fetch_status": result.fetch_status,
            "http_status": result.http_status,
            "content_type": result.content_type[:200],
            "fetched_at": now,
            "error": result.error or result.fetch_status,
        }
    if provider and (existing is None or not existing.provider):
        values["provider"] = provider[:40]
    source = _source_save(url=url, existing=existing, values=values)
    return SourceFetch(source, reused=False, transient=result.transient and not result.ok)


def _source_save(*, url: str, existing: Source | None, values: dict[str, Any]) -> Source:
    """Insert or update the row for ``url`` in one statement (INSERT ... ON CONFLICT).

    A concurrent first fetch of the same URL lands on the conflict branch instead of
    failing; only the fields in ``values`` are written over an existing row, so a failed
    refetch keeps the text read before. The returned object is ``existing`` (or a new
    one) with ``values`` applied.
    """
    source = existing if existing is not None else Source(url=url)
    for name, value in values.items():
        setattr(source, name, value)
    (saved,) = Source.objects.bulk_create(
        [source],
        update_conflicts=True,
        unique_fields=["url"],
        update_fields=sorted(values),
    )
    if "fetch_status" in values:
        # Counted as failed evidence or not: every claim citing the page may change.
        claim_activity_bump(
            claim_ids=Evidence.objects.filter(source_id=saved.pk).values_list("claim_id", flat=True)
        )
    return saved


# --------------------------------------------------------------------------- fetch stage


def _claim_query(claim: Claim) -> ClaimQuery:
    return ClaimQuery(
        text=claim.text,
        kind=claim.kind,
        value=claim.value,
        unit=claim.unit or None,
        speaker=claim.speaker or None,
        quote=claim.quote or None,
    )


@dataclass
class CheckStageResult:
    """What the fetch stage did; ``run`` is None when the message had nothing to do."""

    run: CheckRun | None
    sources: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _gather(run: CheckRun, *, final_try: bool, notes: list[str]) -> list[dict[str, Any]]:
    """Candidate URLs: the reviewer's first, then each switched-on provider's hits."""
    items: list[dict[str, Any]] = [{"url": url, "provider": REVIEWER} for url in run.urls]
    wanted = set(run.providers)
    if wanted:
        query = _claim_query(run.claim)
        for provider in search_providers():
            if provider.name not in wanted:
                continue
            try:
                hits = provider.search(query)
            except ProviderRateLimited as exc:
                if not final_try:
                    raise
                notes.append(f"{provider.name}: rate limited ({exc})")
                continue
            except ProviderError as exc:
                notes.append(f"{provider.name}: {exc}")
                logger.warning("provider %s failed for check %s: %s", provider.name, run.pk, exc)
                continue
            items.extend(
                {
                    "url": hit.url,
                    "provider": hit.provider or provider.name,
                    "rating": hit.rating,
                    "publisher": hit.publisher,
                }
                for hit in hits
            )
    seen: set[str] = set()
    unique = []
    for item in items:
        if item["url"] not in seen:
            seen.add(item["url"])
            unique.append(item)
    return unique[: settings.CHECK_MAX_SOURCES]


def check_stage_fetch(
    *, run_id: int, task_id: str, retrying: bool = False, final_try: bool = True
) -> CheckStageResult:
    """Take the run, gather and fetch its sources, and record them on the run.

    Unless this is the final try, a transient failure (a provider's rate limit, a page
    timing out or answering 503) raises ``ProviderRateLimited``/``FetchTransientError``
    for the task to retry with backoff; pages already fetched are reused on the retry. On
    the final try the failures are recorded and the run goes on with what it has.
    """
    run = check_run_start(run_id=run_id, task_id=task_id, retrying=retrying)
    if run is None:
        return CheckStageResult(run=None)
    notes: list[str] = []
    items = _gather(run, final_try=final_try, notes=notes)
    policy = fetch_policy()
    transient: list[str] = []
    gathered: list[dict[str, Any]] = []
    with make_client(policy) as client:
        for item in items:
            try:
                fetched = source_fetch(
                    url=item["url"], provider=item["provider"], policy=policy, client=client
                )
            except ValidationError as exc:  # a provider URL the model refuses
                notes.append(f"{item['url']}: {'; '.join(exc.messages)}")
                continue
            except DatabaseError:
                raise  # the database is the run's problem, not this source's
            except Exception as exc:
                # One bad source never fails the others: note it and go on.
                logger.exception("check %s: source %s failed unexpectedly", run_id, item["url"])
                notes.append(f"{item['url']}: {type(exc).__name__}: {exc}")
                continue
            if fetched.transient:
                transient.append(f"{item['url']}: {fetched.source.error}")
            gathered.append(
                {
                    "source": fetched.source.pk,
                    "provider": item["provider"],
                    "rating": item.get("rating", ""),
                    "publisher": item.get("publisher", ""),
                }
            )
    if transient and not final_try:
        CheckRun.objects.filter(id=run_id, state=CheckState.RUNNING, task_id=task_id).update(
            sources=gathered
        )
        raise FetchTransientError(message="; ".join(transient)[:2000])
    # Handed over to analysis: the message waits in the broker's queue, not inside a
    # worker, so the stage clock stops; CHECK_RUN_DEADLINE (from started_at) covers the wait.
    CheckRun.objects.filter(id=run_id, state=CheckState.RUNNING, task_id=task_id).update(
        sources=gathered, deadline_at=None
    )
    run.sources = gathered
    return CheckStageResult(run=run, sources=gathered, notes=notes)


# ------------------------------------------------------------------------- analyze stage


def _failed_fetch_result(source: Source) -> matching.MatchResult:
    status = FetchStatus(source.fetch_status).label if source.fetch_status else "not fetched"
    reason = f": {source.error}" if source.error else ""
    return matching.MatchResult(
        matching.NOT_FOUND,
        explanation=f"The page could not be read ({status}){reason}"[:1000],
    )


def check_stage_analyze(*, run_id: int, owner: str) -> CheckRun | None:
    """Match the claim against the run's sources, then upsert evidence and close the run.

    Matching happens outside any transaction (it is CPU work); the writes then happen in
    one transaction that first re-checks, under a row lock, that this stage still owns the
    run. Evidence is upserted on (claim, source), so a redelivered message rewrites the
    same rows instead of adding new ones.
    """
    started = CheckRun.objects.filter(id=run_id, state=CheckState.RUNNING, task_id=owner).update(
        deadline_at=stage_deadline(timezone.now())
    )
    run = CheckRun.objects.select_related("claim").filter(id=run_id).first()
    if not started or run is None or run.state != CheckState.RUNNING or run.task_id != owner:
        return None
    claim = run.claim
    by_id = Source.objects.in_bulk([item["source"] for item in run.sources])
    now = timezone.now()
    rows: dict[int, Evidence] = {}
    for item in run.sources:
        source = by_id.get(item["source"])
        if source is None:
            continue
        if source.fetch_status == FetchStatus.OK:
            result = matching.match_claim(claim, source.text, title=source.title)
        else:
            result = _failed_fetch_result(source)
        explanation = result.explanation
        if item.get("rating"):
            by = f" by {item['publisher']}" if item.get("publisher") else ""
            explanation = f"An earlier fact-check{by} rated it '{item['rating']}'. {explanation}"
        rows[source.pk] = Evidence(
            claim=claim,
            source=source,
            stance=result.stance,
            passage=result.passage,
            passage_start=result.passage_start,
            passage_end=result.passage_end,
            found_value=result.found_value,
            score=result.score,
            explanation=explanation,
            checked_at=now,
        )
    with transaction.atomic():
        locked = (
            CheckRun.objects.select_for_update()
            .filter(id=run_id, state=CheckState.RUNNING, task_id=owner)
            .first()
        )
        if locked is None:
            return None
        if rows:
            Evidence.objects.bulk_create(
                list(rows.values()),
                update_conflicts=True,
                unique_fields=["claim", "source"],
                update_fields=list(Evidence.RESULT_FIELDS),
            )
        # check_run_finish renews the claim's status cache for the evidence written here too.
        finished = check_run_finish(run=locked)
        if archiver() is not None:
            transaction.on_commit(lambda: _archive_enqueue(run_id=run_id), robust=True)
    return finished


def _archive_enqueue(*, run_id: int) -> None:
    from verification.tasks import check_archive

    try:
        check_archive.apply_async(args=[run_id])
    except BROKER_ERRORS as exc:
        logger.warning("archiving for check %s skipped: broker unreachable (%s)", run_id, exc)


# --------------------------------------------------------------------------------- close


def check_run_finish(*, run: CheckRun, error: str = "") -> CheckRun:
    """Close a run: ``succeeded``, or ``failed`` with a readable ``error``.

    The one place a run ends, so anything that must happen when a check finishes (a
    webhook, a notification) is added here. It runs in a transaction: the caller's (both
    callers hold the run's row lock), else its own.
    """
    if not transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            return check_run_finish(run=run, error=error)
    run.state = CheckState.FAILED if error else CheckState.SUCCEEDED
    run.error = error[:2000]
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "error", "finished_at"])
    claim_activity_bump(claim_ids=[run.claim_id])
    check_completed(run=run)
    return run


def check_run_fail(*, run_id: int, error: str, owner: str | None = None) -> CheckRun | None:
    """Fail an unfinished run (only the owning stage's, when ``owner`` is given)."""
    with transaction.atomic():
        runs = CheckRun.objects.select_for_update().filter(
            id=run_id, state__in=[CheckState.QUEUED, CheckState.RUNNING]
        )
        if owner is not None:
            runs = runs.filter(task_id=owner)
        run = runs.first()
        if run is None:
            return None
        return check_run_finish(run=run, error=error or "The check failed.")


# --------------------------------------------------------------------------------- sweep


@dataclass
class SweepReport:
    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    unpublished: list[int] = field(default_factory=list)


def checks_sweep(*, now: datetime | None = None) -> SweepReport:
    """Publish again every run whose message may be lost; fail those out of attempts.

    * ``queued`` and never published (the broker was down) for ``NEVER_ENQUEUED_GRACE``
      seconds, or published more than ``CHECK_QUEUED_STALE_AFTER`` seconds ago;
    * ``running`` past its stage deadline (``deadline_at``: the task time limit plus a
      margin, so a dead worker is noticed within minutes), or, while waiting between
      stages, started more than ``CHECK_RUN_DEADLINE`` seconds ago: put back to ``queued``
      and published, unless it has used ``CHECK_RUN_MAX_ATTEMPTS``, in which case it is
      failed with a clear error.

    A duplicate message is harmless (the start is a guarded update), so erring towards
    republishing costs a little work and never a lost check.
    """
    now = now or timezone.now()
    report = SweepReport()
    stale = timedelta(seconds=settings.CHECK_QUEUED_STALE_AFTER)
    grace = min(timedelta(seconds=NEVER_ENQUEUED_GRACE), stale)
    deadline = now - timedelta(seconds=settings.CHECK_RUN_DEADLINE)
    limit = settings.CHECK_RUN_MAX_ATTEMPTS

    overdue = CheckRun.objects.filter(state=CheckState.RUNNING).filter(
        Q(deadline_at__lt=now) | Q(deadline_at__isnull=True, started_at__lt=deadline)
    )
    for run in overdue.only("id", "claim_id", "attempts", "started_at", "deadline_at"):
        if run.attempts >= limit:
            if check_run_fail(
                run_id=run.pk,
                error=(
                    f"Gave up after {run.attempts} attempts: the last one did not finish "
                    "in time (its worker stopped)."
                ),
            ):
                report.failed.append(run.pk)
            continue
        # Guarded on both clocks: a stage that started meanwhile keeps its run.
        unchanged = Q(deadline_at=run.deadline_at) if run.deadline_at else Q(deadline_at=None)
        back = (
            CheckRun.objects.filter(id=run.pk, state=CheckState.RUNNING, started_at=run.started_at)
            .filter(unchanged)
            .update(state=CheckState.QUEUED, enqueued_at=None, deadline_at=None)
        )
        if back:
            claim_activity_bump(claim_ids=[run.claim_id])
            report.requeued.append(run.pk)

    waiting = CheckRun.objects.filter(state=CheckState.QUEUED).filter(
        Q(enqueued_at__isnull=True, created_at__lt=now - grace)
        | Q(enqueued_at__isnull=True, id__in=report.requeued)
        | Q(enqueued_at__lt=now - stale)
    )
    for run_id in waiting.values_list("id", flat=True).order_by("id"):
        if check_enqueue(run_id=run_id):
            if run_id not in report.requeued:
                report.requeued.append(run_id)
        else:
            report.unpublished.append(run_id)
    if report.requeued or report.failed or report.unpublished:
        logger.info(
            "sweep: republished %s, failed %s, still unpublished %s",
            report.requeued,
            report.failed,
            report.unpublished,
        )
    return report


# ------------------------------------------------------------------------------- archive


def evidence_archive(*, run_id: int) -> int:
    """Archive the pages behind a run's evidence in the Wayback Machine; returns how many.

    Only pages that said something (not ``not_found``) and have no archive yet; an
    existing capture is reused before asking for a new one.
    """
    wayback = archiver()
    run = CheckRun.objects.filter(id=run_id).first()
    if wayback is None or run is None:
        return 0
    ids = [item["source"] for item in run.sources]
    sources = Source.objects.filter(
        id__in=ids,
        archive_url="",
        fetch_status=FetchStatus.OK,
        evidence__claim_id=run.claim_id,
    ).exclude(evidence__stance=Stance.NOT_FOUND)
    archived = 0
    for source in sources.distinct():
        try:
            capture = wayback.snapshot(source.url) or wayback.archive(source.url)
        except ProviderRateLimited:
            raise
        except ProviderError as exc:
            logger.warning("archiving %s failed: %s", source.url, exc)
            continue
        if capture:
            Source.objects.filter(id=source.pk, archive_url="").update(archive_url=capture[:2000])
            archived += 1
    return archived


# ------------------------------------------------------------------------------- verdict


@dataclass(frozen=True)
class SuggestedVerdict:
    """A verdict the evidence points to, and why; the reviewer decides."""

    verdict: str
    reason: str


def _figure(value: Decimal | None) -> str:
    if value is None:
        return "a different figure"
    value = value.normalize()
    return f"{value:,f}" if value == value.to_integral_value() else f"{value:,}"


def suggested_verdict(*, claim: Claim) -> SuggestedVerdict | None:
    """Suggest a verdict from the claim's evidence; None when nothing has been checked.

    * only supporting sources -> ``accurate``;
    * only contradicting -> ``inaccurate``;
    * both, where a contradicting source was published after every supporting one ->
      ``outdated`` (the figure has moved on since);
    * both otherwise -> ``mostly_accurate`` when supports outnumber contradictions at
      least two to one, else ``misleading``;
    * sources read but none states the figure or quote -> ``unverifiable``.
    Pages that could not be fetched are left out.
    """
    evidence = list(claim_evidence(claim=claim))
    if not evidence:
        return None
    read = [e for e in evidence if e.source.fetch_status == FetchStatus.OK]
    supports = [e for e in read if e.stance == Stance.SUPPORTS]
    contradicts = [e for e in read if e.stance == Stance.CONTRADICTS]
    if not supports and not contradicts:
        unread = len(evidence) - len(read)
        tail = f"; {unread} could not be fetched" if unread else ""
        return SuggestedVerdict(
            Verdict.UNVERIFIABLE,
            f"None of the {len(read)} sources read confirms or refutes the claim{tail}.",
        )
    if supports and not contradicts:
        return SuggestedVerdict(
            Verdict.ACCURATE, f"{len(supports)} source(s) support the claim and none contradict it."
        )
    if contradicts and not supports:
        first = contradicts[0]
        return SuggestedVerdict(
            Verdict.INACCURATE,
            f"{len(contradicts)} source(s) contradict the claim and none support it; "
            f"{first.source.url} says {_figure(first.found_value)}."
            if first.found_value is not None
            else f"{len(contradicts)} source(s) contradict the claim and none support it.",
        )
    supported_dates = [e.source.published_at for e in supports]
    later = [
        e
        for e in contradicts
        if e.source.published_at is not None
        and all(d is not None and e.source.published_at > d for d in supported_dates)
    ]
    if later:
        newest = max(later, key=lambda e: e.source.published_at or timezone.now())
        when = newest.source.published_at.date().isoformat() if newest.source.published_at else ""
        return SuggestedVerdict(
            Verdict.OUTDATED,
            f"A later source ({newest.source.url}, published {when}) gives "
            f"{_figure(newest.found_value)}, after the sources that support the claim.",
        )
    if len(supports) >= 2 * len(contradicts):
        return SuggestedVerdict(
            Verdict.MOSTLY_ACCURATE,
            f"{len(supports)} source(s) support the claim but {len(contradicts)} contradict it.",
        )
    return SuggestedVerdict(
        Verdict.MISLEADING,
        f"Sources disagree: {len(supports)} support the claim and {len(contradicts)} "
        "contradict it.",
    )
