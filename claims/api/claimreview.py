"""schema.org ClaimReview JSON-LD for published claims (https://schema.org/ClaimReview).

Verdicts map to ``reviewRating`` on a 5 (best) .. 1 (worst) scale, with the desk's label
as ``alternateName``:

=================  ===========  ======================================================
verdict            ratingValue  why
=================  ===========  ======================================================
accurate           5            the claim is right
mostly_accurate    4            right in substance, wrong in a detail
outdated           3            was right, is no longer: not false, no longer true
misleading         2            literally defensible, but leaves a false impression
inaccurate         1            the claim is wrong
unverifiable       (none)       no rating of truth is possible; only alternateName
=================  ===========  ======================================================

``unverifiable`` carries no ``ratingValue`` on purpose: any number would state a degree of
truth the desk did not find. Consumers read ``alternateName`` (Google's ClaimReview
guidelines make it the required field and ratingValue optional).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

from claims.models import Claim, ClaimKind, Verdict

RATINGS: dict[str, int | None] = {
    Verdict.ACCURATE: 5,
    Verdict.MOSTLY_ACCURATE: 4,
    Verdict.OUTDATED: 3,
    Verdict.MISLEADING: 2,
    Verdict.INACCURATE: 1,
    Verdict.UNVERIFIABLE: None,
}

# A speaker naming a body rather than a person ("the Foreign Ministry", "police").
_ORGANISATION_WORDS = re.compile(
    r"\b(ministry|police|army|military|government|department|agency|office|council|"
    r"committee|commission|authority|authorities|bank|company|corporation|inc|ltd|"
    r"organi[sz]ation|university|hospital|court|parliament|party|union|association|"
    r"spokesperson for|officials|un|who|unicef|ngo|foundation|institute|group)\b",
    re.IGNORECASE,
)


def claim_review_path(claim: Claim) -> str:
    return f"/api/v1/claims/{claim.pk}/claimreview/"


def _party(name: str) -> dict[str, str]:
    kind = "Organization" if _ORGANISATION_WORDS.search(name) else "Person"
    return {"@type": kind, "name": name}


def claim_reviewed_text(claim: Claim) -> str:
    """What was claimed, in words: the quotation for a quote, the sentence otherwise."""
    if claim.kind == ClaimKind.QUOTE and claim.quote:
        return claim.quote
    return claim.text


def claim_review(claim: Claim) -> dict[str, Any]:
    """The ClaimReview object of a published ``claim``.

    ``claim`` needs its article loaded and a ``published_on`` annotation (the date of the
    publish event), as ``claims.api.selectors.published_claims`` provides.
    """
    article = claim.article
    verdict = claim.verdict or Verdict.UNVERIFIABLE
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": Verdict(verdict).label,
    }
    if RATINGS.get(verdict) is not None:
        rating["ratingValue"] = RATINGS[verdict]
    if claim.verdict_note:
        rating["ratingExplanation"] = claim.verdict_note

    appearance: dict[str, Any] = {"@type": "NewsArticle", "headline": article.title}
    if article.url:
        appearance["url"] = article.url
    if article.published_at:
        appearance["datePublished"] = article.published_at.isoformat()
    if article.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": article.publisher}

    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if claim.speaker:
        item["author"] = _party(claim.speaker)
    elif article.publisher:
        item["author"] = {"@type": "Organization", "name": article.publisher}
    if article.published_at:
        item["datePublished"] = article.published_at.date().isoformat()

    published_on = getattr(claim, "published_on", None) or claim.updated_at
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": settings.SITE_URL.rstrip("/") + claim_review_path(claim),
        "claimReviewed": claim_reviewed_text(claim),
        "itemReviewed": item,
        "author": {
            "@type": "Organization",
            "name": settings.CLAIMREVIEW_ORG_NAME,
            "url": settings.CLAIMREVIEW_ORG_URL,
        },
        "datePublished": published_on.date().isoformat(),
        "reviewRating": rating,
    }
