"""The two stages of a check run, and archiving its evidence (DESIGN §6).

1. ``check_stage_fetch`` (queue ``fetch``): take the run, gather candidate URLs (the
   reviewer's and the providers'), fetch each into the source cache.
2. ``check_stage_analyze`` (queue ``analyze``): match the claim against every source's
   text and, in one transaction, upsert ``Evidence`` per (claim, source) and close the run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from claims.models import Claim
from desk.fetch_policy import fetch_policy
from desk.queue import enqueue
from safefetch.fetch import FetchTransientError, make_client
from verification import matching
from verification.check_runs import (
    BROKER_ERRORS,
    check_run_finish,
    check_run_start,
    stage_deadline,
)
from verification.models import (
    NO_STANCE,
    CheckRun,
    CheckState,
    Evidence,
    FetchStatus,
    Source,
    Stance,
)
from verification.providers.base import ClaimQuery, ProviderError, ProviderRateLimited
from verification.providers.registry import archiver, search_providers
from verification.sources import source_fetch

logger = logging.getLogger(__name__)

#: The provider label of URLs a reviewer gave (not the workflow role of the same name).
REVIEWER_PROVIDER = "reviewer"

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
    items: list[dict[str, Any]] = [{"url": url, "provider": REVIEWER_PROVIDER} for url in run.urls]
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


def check_stage_analyze(*, run_id: int, task_id: str) -> CheckRun | None:
    """Match the claim against the run's sources, then upsert evidence and close the run.

    Matching happens outside any transaction (it is CPU work); the writes then happen in
    one transaction that first re-checks, under a row lock, that this stage still owns the
    run. Evidence is upserted on (claim, source), so a redelivered message rewrites the
    same rows instead of adding new ones.
    """
    started = CheckRun.objects.filter(id=run_id, state=CheckState.RUNNING, task_id=task_id).update(
        deadline_at=stage_deadline(timezone.now())
    )
    run = CheckRun.objects.select_related("claim").filter(id=run_id).first()
    if not started or run is None or run.state != CheckState.RUNNING or run.task_id != task_id:
        return None
    claim = run.claim
    by_id = Source.objects.in_bulk([item["source"] for item in run.sources])
    now = timezone.now()
    rows: dict[int, Evidence] = {}
    for item in run.sources:
        source = by_id.get(item["source"])
        if source is None:
            continue
        # A page that could not be read gets no stance (not not_found), and the why.
        result = matching.match_claim(
            claim,
            source.text,
            title=source.title,
            fetch_status=source.fetch_status,
            fetch_error=source.error,
        )
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
            updated=result.updated,
            checked_at=now,
        )
    with transaction.atomic():
        locked = (
            CheckRun.objects.select_for_update()
            .filter(id=run_id, state=CheckState.RUNNING, task_id=task_id)
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
        # check_run_finish bumps the claim's activity counter for the evidence written here too.
        finished = check_run_finish(run=locked)
        if archiver() is not None:
            transaction.on_commit(lambda: _archive_enqueue(run_id=run_id), robust=True)
    return finished


def _archive_enqueue(*, run_id: int) -> None:
    try:
        enqueue("verification.tasks.check_archive", args=[run_id])
    except BROKER_ERRORS as exc:
        logger.warning("archiving for check %s skipped: broker unreachable (%s)", run_id, exc)


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
    ).exclude(evidence__stance__in=[Stance.NOT_FOUND, NO_STANCE])
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
