"""Reads for claim matching: candidate lookups (indexed, bounded) and match lists.

Candidates never come from a scan of all claims. Figures are looked up on the composite
index (family, published_on, value): same like-with-like key, articles within the event
window, values within a factor of the claimed one. Quotes are looked up on PostgreSQL by
trigram (GIN index on the normalised quote) within ``QUOTE_WINDOW_DAYS`` (the (kind,
published_on) index): stored quotes that contain the new one (``%>``, word similarity) or
that it contains (``%``, similarity at a low threshold), the most similar first. SQLite
has no trigram index; it reads the most recent quotes of the same speaker or of the
window, bounded by ``CANDIDATE_LIMIT``.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from claims.models import Claim, ClaimStatus
from repeats.models import ClaimFingerprint, ClaimMatch, MatchState
from repeats.rules import EVENT_WINDOW_DAYS, UPDATE_VALUE_FACTOR

#: At most this many candidates are read per claim and per kind of lookup.
CANDIDATE_LIMIT = 200
#: Quotes are looked for among articles this close in time: a quote is repeated for weeks,
#: and the window keeps the trigram search to a bounded slice of a large archive.
QUOTE_WINDOW_DAYS = 60
#: The closest this many quotes (by trigram similarity) go to the rules.
QUOTE_CANDIDATE_LIMIT = 50
#: pg_trgm thresholds: a stored quote containing the new one (word similarity), and a
#: stored quote the new one contains (plain similarity is low when one side is trimmed).
WORD_SIMILARITY = 0.5
TRIMMED_SIMILARITY = 0.25


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
    table = ClaimFingerprint._meta.db_table
    sql = f"""
        SELECT claim_id FROM {table}
        WHERE quote_norm <> '' AND (quote_norm %%> %s OR quote_norm %% %s)
          AND kind = 'quote' AND published_on BETWEEN %s AND %s
          AND claim_id < %s AND article_id <> %s
        ORDER BY GREATEST(word_similarity(%s, quote_norm), similarity(quote_norm, %s)) DESC,
                 claim_id DESC
        LIMIT %s
    """  # noqa: S608 - the table name comes from model metadata; values are parameters
    # The thresholds are set for this transaction only (set_config(..., true)).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true), "
            "set_config('pg_trgm.similarity_threshold', %s, true)",
            [str(WORD_SIMILARITY), str(TRIMMED_SIMILARITY)],
        )
        cursor.execute(
            sql,
            [
                fingerprint.quote_norm,
                fingerprint.quote_norm,
                fingerprint.published_on - timedelta(days=QUOTE_WINDOW_DAYS),
                fingerprint.published_on + timedelta(days=QUOTE_WINDOW_DAYS),
                fingerprint.claim_id,
                fingerprint.article_id,
                fingerprint.quote_norm,
                fingerprint.quote_norm,
                QUOTE_CANDIDATE_LIMIT,
            ],
        )
        return [row[0] for row in cursor.fetchall()]


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
        qs = qs.filter(matched_claim__status=ClaimStatus.PUBLISHED).exclude(
            state=MatchState.REJECTED
        )
    return qs


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
