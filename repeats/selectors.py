"""Reads for claim matching: candidate lookups (indexed, bounded) and match lists.

Candidates never come from a scan of all claims. Figures are looked up on the composite
index (family, published_on, value): same like-with-like key, articles within the event
window, values within a factor of the claimed one. Quotes are looked up on PostgreSQL by
pg_trgm similarity over a slice read through a B-tree index: the same speaker's quotes
(and those of no known speaker) within ``QUOTE_WINDOW_DAYS`` through (kind, speaker_key,
published_on), or for a quote without a speaker every quote of a shorter window through
(kind, published_on); the most similar first.
SQLite has no trigram index; it reads the most recent quotes of the same speaker or of the
window, bounded by ``CANDIDATE_LIMIT``.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import OperationalError, connection, transaction
from django.db.models import Q, QuerySet

from claims.models import Claim, ClaimStatus
from repeats.models import ClaimFingerprint, ClaimMatch, MatchReason, MatchState
from repeats.rules import EVENT_WINDOW_DAYS, UPDATE_VALUE_FACTOR

logger = logging.getLogger(__name__)

#: At most this many candidates are read per claim and per kind of lookup.
CANDIDATE_LIMIT = 200
#: Quotes are looked for among articles this close in time: a quote is repeated for weeks,
#: and the window keeps the trigram search to a bounded slice of a large archive.
QUOTE_WINDOW_DAYS = 60
#: Quotes without a known speaker are compared with every quote of a shorter window.
UNATTRIBUTED_WINDOW_DAYS = 14
#: The closest this many quotes (by trigram similarity) go to the rules.
QUOTE_CANDIDATE_LIMIT = 50
#: pg_trgm similarity a stored quote must reach: low, because a quote trimmed to a third
#: (or extended to three times its length) by another outlet shares few trigrams overall.
#: The rules then decide on the words.
TRIMMED_SIMILARITY = 0.25
#: A quote lookup taking longer than this gives up (no candidates) instead of stalling.
QUOTE_LOOKUP_TIMEOUT_MS = 2000


def figure_candidates(*, fingerprint: ClaimFingerprint) -> list[int]:
    """Ids of earlier figure claims of other articles that may repeat or be updated by this one."""
    if not fingerprint.family or fingerprint.value is None:
        return []
    window = timedelta(days=EVENT_WINDOW_DAYS)
    value = fingerprint.value
    bounds = sorted((value / UPDATE_VALUE_FACTOR, value * UPDATE_VALUE_FACTOR))
    if value == 0:
        bounds = [Decimal(-1), Decimal(1)]
    qs = (
        ClaimFingerprint.objects.filter(
            family=fingerprint.family,
            published_on__range=(
                fingerprint.published_on - window,
                fingerprint.published_on + window,
            ),
            value__range=(bounds[0], bounds[1]),
            claim_id__lt=fingerprint.claim_id,
        )
        .exclude(article_id=fingerprint.article_id)
        .order_by("-published_on", "-claim_id")
        .values_list("claim_id", flat=True)[:CANDIDATE_LIMIT]
    )
    return list(qs)


def quote_candidates(*, fingerprint: ClaimFingerprint) -> list[int]:
    """Ids of earlier quote claims of other articles whose words may be the same."""
    if not fingerprint.quote_norm:
        return []
    if connection.vendor == "postgresql":
        return _quote_candidates_trigram(fingerprint)
    window = timedelta(days=QUOTE_WINDOW_DAYS)
    recent = Q(
        published_on__range=(
            fingerprint.published_on - window,
            fingerprint.published_on + window,
        )
    )
    if fingerprint.speaker_key:
        recent |= Q(speaker_key=fingerprint.speaker_key)
    qs = (
        ClaimFingerprint.objects.filter(recent, kind="quote", claim_id__lt=fingerprint.claim_id)
        .exclude(article_id=fingerprint.article_id)
        .order_by("-claim_id")
        .values_list("claim_id", flat=True)[:CANDIDATE_LIMIT]
    )
    return list(qs)


def _quote_candidates_trigram(fingerprint: ClaimFingerprint) -> list[int]:
    """Quotes whose trigram similarity to this one passes ``TRIMMED_SIMILARITY``, closest
    first.

    The slice compared is read through a B-tree index first, so the cost depends on how
    many quotes the desk stored in the window, never on how alike they are: a quote with
    a known speaker is compared with quotes of the same surname or of no known speaker
    within ``QUOTE_WINDOW_DAYS`` (the rules refuse other speakers anyway); a quote without
    a speaker with every quote of ``UNATTRIBUTED_WINDOW_DAYS``. (A GIN trigram index was
    measured first: on an archive of like-worded quotes its bitmap covered all of them,
    2.5 s a lookup at a million claims.) ``QUOTE_LOOKUP_TIMEOUT_MS`` bounds the query;
    past it the quote gets no candidates (logged) rather than holding the worker.
    """
    table = ClaimFingerprint._meta.db_table
    days = QUOTE_WINDOW_DAYS if fingerprint.speaker_key else UNATTRIBUTED_WINDOW_DAYS
    window = [
        fingerprint.published_on - timedelta(days=days),
        fingerprint.published_on + timedelta(days=days),
    ]
    speakers = "AND speaker_key IN (%s, '')" if fingerprint.speaker_key else ""
    sql = f"""
        WITH slice AS MATERIALIZED (
            SELECT claim_id, quote_norm FROM {table}
            WHERE kind = 'quote' {speakers} AND published_on BETWEEN %s AND %s
              AND claim_id < %s AND article_id <> %s AND quote_norm <> ''
        )
        SELECT claim_id FROM slice WHERE quote_norm %% %s
        ORDER BY similarity(quote_norm, %s) DESC, claim_id DESC
        LIMIT %s
    """  # noqa: S608 - table name from model metadata, a fixed clause; values are parameters
    quote = fingerprint.quote_norm
    params: list[Any] = [fingerprint.speaker_key] if fingerprint.speaker_key else []
    params += [*window, fingerprint.claim_id, fingerprint.article_id, quote, quote]
    params.append(QUOTE_CANDIDATE_LIMIT)
    try:
        # The threshold and the time limit hold for this transaction only.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true), "
                "set_config('statement_timeout', %s, true)",
                [str(TRIMMED_SIMILARITY), str(QUOTE_LOOKUP_TIMEOUT_MS)],
            )
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]
    except OperationalError as exc:
        logger.warning("quote lookup for claim %s gave up: %s", fingerprint.claim_id, exc)
        return []


def claim_matches(*, claim: Claim, user: Any = None, public: bool = False) -> QuerySet[ClaimMatch]:
    """The earlier claims ``claim`` repeats, best first, with their articles joined.

    ``public``: only matches to published claims that no reviewer rejected (what the
    public API shows: published verdicts are public, the desk's suggestions are not).
    """
    qs = (
        ClaimMatch.objects.filter(claim=claim)
        .select_related("matched_claim__article", "decided_by")
        .defer("matched_claim__article__text")
        .order_by("-score", "id")
    )
    if public:
        qs = qs.filter(PUBLIC_MATCH)
    return qs


#: What the public may know of a claim's matches: those to published claims (published
#: verdicts are public, the desk's unpublished work is not) that no reviewer rejected.
#: The one rule for the matches list and the status answer's count.
PUBLIC_MATCH = Q(matched_claim__status=ClaimStatus.PUBLISHED) & ~Q(state=MatchState.REJECTED)


def match_count(*, claim_id: int, public: bool = False) -> int:
    """Matches of ``claim_id`` not rejected; with ``public``, those ``PUBLIC_MATCH`` allows."""
    qs = ClaimMatch.objects.filter(claim_id=claim_id).exclude(state=MatchState.REJECTED)
    return (qs.filter(PUBLIC_MATCH) if public else qs).count()


def later_figure(*, claim: Claim) -> Claim | None:
    """The newest later claim updating ``claim``'s figure: an ``updated_figure`` match (not
    rejected) whose claim's article was published after ``claim``'s; None without one.

    Both articles need a publication date: without them "later" is unknown, and a figure
    is not called outdated on a guess.
    """
    since = claim.article.published_at
    if since is None:
        return None
    match = (
        later_matches(claim=claim)
        .filter(reason=MatchReason.UPDATED_FIGURE, claim__article__published_at__gt=since)
        .first()
    )
    return match.claim if match is not None else None


def later_matches(*, claim: Claim) -> QuerySet[ClaimMatch]:
    """Later claims that repeat or update ``claim`` (an updated figure may make it outdated)."""
    return (
        ClaimMatch.objects.filter(matched_claim=claim)
        .exclude(state=MatchState.REJECTED)
        .select_related("claim__article")
        .defer("claim__article__text")
        .order_by("-claim__article__published_at", "-id")
    )


def repeats_published_filter() -> Q:
    """Claims with a match (not rejected) to a published claim, as a Q on Claim."""
    return Q(
        matches__matched_claim__status=ClaimStatus.PUBLISHED,
        matches__state__in=[MatchState.SUGGESTED, MatchState.CONFIRMED],
    )
