"""Writes of claim matching: find the repeats of a new article's claims, decide a match,
and propose a published verdict for a repeated claim (an editor still publishes)."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from claims.models import Article, Claim, ClaimEvent, ClaimKind, ClaimStatus, Verdict
from claims.workflow import ActionNotAllowed, RoleNotAllowed
from desk.roles import REVIEWER, user_roles
from repeats import rules
from repeats.models import ClaimFingerprint, ClaimMatch, MatchReason, MatchState
from repeats.selectors import figure_candidates, quote_candidates

logger = logging.getLogger(__name__)

MATCHED_KINDS = (
    ClaimKind.QUOTE,
    ClaimKind.CASUALTY_COUNT,
    ClaimKind.MONETARY_AMOUNT,
    ClaimKind.STATISTIC,
)


def _article_date(claim: Claim) -> date:
    article = claim.article
    moment = article.published_at or article.created_at or timezone.now()
    return moment.date()


def claim_side(claim: Claim, context: str = "") -> rules.ClaimSide:
    """The rules' view of a stored claim (its article must be loaded)."""
    return rules.ClaimSide(
        kind=claim.kind,
        text=claim.text,
        value=claim.value,
        qualifier=claim.qualifier or None,
        unit=claim.unit or None,
        currency=claim.currency or None,
        quote=claim.quote or None,
        speaker=claim.speaker or None,
        title=claim.article.title,
        published_on=_article_date(claim),
        context=context,
    )


def fingerprint_of(claim: Claim, text: str) -> ClaimFingerprint:
    """The lookup row of a claim (not saved)."""
    return ClaimFingerprint(
        claim=claim,
        article_id=claim.article_id,
        kind=claim.kind,
        family=rules.figure_family(claim.kind, claim.unit, claim.currency),
        value=claim.value,
        published_on=_article_date(claim),
        quote_norm=rules.quote_key(claim.quote) if claim.kind == ClaimKind.QUOTE else "",
        speaker_key=rules.speaker_key(claim.speaker)[:100],
        context=rules.claim_context(claim.article.title, text, claim.start, claim.end),
    )


def matches_find(*, article_id: int) -> list[ClaimMatch]:
    """Compare every claim of an article with earlier claims of other articles and store
    the likely repeats as ``suggested`` matches; returns the matches created now.

    The article's lookup rows are written with its matches, in one transaction: an article
    without them has not been matched (``matching_sweep`` relies on it). Idempotent: lookup
    rows and matches are unique per claim and per pair, so a redelivered task writes
    nothing twice (and sends no second webhook).
    """
    claims = list(
        Claim.objects.filter(article_id=article_id, kind__in=MATCHED_KINDS)
        .select_related("article")
        .defer("article__text")
        .order_by("id")
    )
    if not claims:
        return []
    text = Article.objects.values_list("text", flat=True).get(pk=article_id)
    fingerprints = [fingerprint_of(claim, text) for claim in claims]
    wanted: set[int] = set()
    for fingerprint in fingerprints:
        if fingerprint.kind == ClaimKind.QUOTE:
            wanted.update(quote_candidates(fingerprint=fingerprint))
        else:
            wanted.update(figure_candidates(fingerprint=fingerprint))
    by_article: dict[int, list[Claim]] = defaultdict(list)
    contexts: dict[int, str] = {}
    for old in (
        Claim.objects.filter(pk__in=wanted)
        .select_related("article", "fingerprint")
        .defer("article__text")
        .order_by("id")
        if wanted
        else []
    ):
        by_article[old.article_id].append(old)
        contexts[old.pk] = old.fingerprint.context
    new_sides = [claim_side(c, f.context) for c, f in zip(claims, fingerprints, strict=True)]
    found: list[ClaimMatch] = []
    for old_claims in by_article.values():
        old_sides = [claim_side(c, contexts[c.pk]) for c in old_claims]
        for i, j, repeat in rules.pick_repeats(new_sides, old_sides):
            found.append(
                ClaimMatch(
                    claim=claims[i],
                    matched_claim=old_claims[j],
                    score=repeat.score,
                    reason=repeat.reason,
                    explanation=repeat.explanation[:2000],
                )
            )
    with transaction.atomic():
        ClaimFingerprint.objects.bulk_create(fingerprints, ignore_conflicts=True)
        existing = set(
            ClaimMatch.objects.filter(claim__in=claims).values_list("claim_id", "matched_claim_id")
        )
        fresh = [m for m in found if (m.claim_id, m.matched_claim_id) not in existing]
        ClaimMatch.objects.bulk_create(fresh, ignore_conflicts=True)
        _announce(fresh)
    logger.info("article %s: %d new claim matches", article_id, len(fresh))
    return fresh


def _announce(matches: list[ClaimMatch]) -> None:
    """The claims' status answers change (their matches count: bump the activity counter
    the status ETag is made of), and a match to a published claim is announced to webhook
    subscribers once the transaction commits."""
    from claims.services import claim_activity_bump
    from webhooks.services import webhook_dispatch

    if not matches:
        return
    claim_activity_bump(claim_ids=sorted({m.claim_id for m in matches}))
    for match in matches:
        matched = match.matched_claim
        if matched.status != ClaimStatus.PUBLISHED:
            continue
        webhook_dispatch(
            event="claim.match_published",
            data={
                "claim": match.claim_id,
                "article": match.claim.article_id,
                "matched_claim": matched.pk,
                "matched_article": matched.article_id,
                "reason": match.reason,
                "score": match.score,
                "verdict": matched.verdict or None,
                "url": f"/api/v1/claims/{match.claim_id}/matches/",
            },
        )


DECISIONS = (MatchState.CONFIRMED, MatchState.REJECTED)


def match_decide(*, match: ClaimMatch, state: str, actor: Any) -> ClaimMatch:
    """A reviewer confirms or rejects a suggested match (or changes their mind).

    Writes a ``ClaimEvent`` on the newer claim so the decision is in its history.
    """
    if state not in DECISIONS:
        raise ValidationError(
            {"state": f"Expected one of {', '.join(DECISIONS)}, got {state!r}."}, code="invalid"
        )
    if REVIEWER not in user_roles(actor):
        raise RoleNotAllowed("You need the reviewer role to confirm or reject a match.")
    now = timezone.now()
    with transaction.atomic():
        updated = ClaimMatch.objects.filter(pk=match.pk).update(
            state=state, decided_by=actor, decided_at=now
        )
        if updated != 1:
            raise ValidationError("This match no longer exists.", code="gone")
        ClaimEvent.objects.create(
            claim_id=match.claim_id,
            actor=actor,
            action=f"match_{state}",
            from_status=match.claim.status,
            to_status=match.claim.status,
            note=f"{MatchReason(match.reason).label} of claim #{match.matched_claim_id}: {state}.",
        )
        from claims.services import claim_activity_bump

        claim_activity_bump(claim_ids=[match.claim_id])
    return ClaimMatch.objects.select_related("matched_claim__article", "decided_by").get(
        pk=match.pk
    )


def match_apply_verdict(*, match: ClaimMatch, actor: Any, version: int) -> Claim:
    """Propose the matched claim's published verdict for the repeated claim, in one step.

    Goes through the workflow: a ``new`` claim is first taken into review by the actor,
    then ``propose_verdict`` with a note linking the published claim. Publishing is left
    to an editor other than the proposer (four eyes). The match is confirmed on the way.
    """
    from claims.services import claim_transition

    matched = match.matched_claim
    if match.reason == MatchReason.UPDATED_FIGURE:
        raise ActionNotAllowed(
            "This match is an updated figure: the published verdict was about another value."
        )
    if match.state == MatchState.REJECTED:
        raise ActionNotAllowed("This match was rejected; confirm it first.")
    if matched.status != ClaimStatus.PUBLISHED or not matched.verdict:
        raise ActionNotAllowed("The matched claim has no published verdict to apply.")
    if REVIEWER not in user_roles(actor):
        raise RoleNotAllowed("You need the reviewer role to propose a verdict.")
    label = Verdict(matched.verdict).label
    note = (
        f"Repeats claim #{matched.pk} in “{matched.article.title}”, published as {label} "
        f"(/admin/claims/claim/{matched.pk}/change/)."
    )
    if matched.verdict_note:
        note += f" Its note: {matched.verdict_note[:1000]}"
    with transaction.atomic():
        claim = Claim.objects.get(pk=match.claim_id)
        if claim.status == ClaimStatus.NEW:
            claim = claim_transition(
                claim=claim, action="start_review", actor=actor, version=version
            )
            version = claim.version
        claim = claim_transition(
            claim=claim,
            action="propose_verdict",
            actor=actor,
            version=version,
            verdict=matched.verdict,
            note=note,
        )
        if match.state != MatchState.CONFIRMED:
            ClaimMatch.objects.filter(pk=match.pk).update(
                state=MatchState.CONFIRMED, decided_by=actor, decided_at=timezone.now()
            )
    return claim


#: Articles this long after ingest with claims still unmatched lost their task message.
MATCH_STALE_AFTER = timedelta(minutes=5)
#: The sweep looks back this far (the article's created_at index bounds it).
MATCH_SWEEP_LOOKBACK = timedelta(days=2)


def matching_sweep(*, now: datetime | None = None) -> list[int]:
    """Publish matching again for recent articles whose claims have no lookup rows yet:
    their message was never sent (the broker was down) or was lost. Returns the article
    ids. Matching is idempotent, so a duplicate does no harm."""
    from desk.queue import enqueue

    now = now or timezone.now()
    unmatched = Claim.objects.filter(
        article=OuterRef("pk"), kind__in=MATCHED_KINDS, fingerprint__isnull=True
    )
    stale = (
        Article.objects.filter(
            created_at__gte=now - MATCH_SWEEP_LOOKBACK, created_at__lt=now - MATCH_STALE_AFTER
        )
        .filter(Exists(unmatched))
        .order_by("id")
        .values_list("id", flat=True)
    )
    requeued: list[int] = []
    for article_id in stale:
        try:
            enqueue("repeats.tasks.match_article", args=[article_id])
        except Exception as exc:  # the broker is still down: try again next sweep
            logger.warning("article %s stays unmatched: cannot publish (%s)", article_id, exc)
        else:
            requeued.append(article_id)
    if requeued:
        logger.info("matching sweep: republished articles %s", requeued)
    return requeued
