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


def factcheck_path(claim: Claim) -> str:
    """The public fact-check page of ``claim``: what ClaimReview's ``url`` points at."""
    return f"/factchecks/{claim.pk}/"


def claim_review_path(claim: Claim) -> str:
    return f"/api/v1/claims/{claim.pk}/claimreview/"


def _party(name: str) -> dict[str, str]:
    kind = "Organization" if _ORGANISATION_WORDS.search(name) else "Person"
    return {"@type": kind, "name": name}


#: "…, police said", "according to the health ministry", "officials told reporters": the
#: source a figure is attributed to in its own sentence, when extraction left no speaker.
_ATTRIBUTION = re.compile(
    r"(?:according to|,)\s+(?:the\s+)?"
    r"(?P<who>[A-Za-z][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){0,5}?)\s+"
    r"(?:said|says|told|reported|announced|confirmed|stated)\b"
    r"|according to\s+(?:the\s+)?(?P<source>[A-Za-z][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){0,5})",
    re.IGNORECASE,
)


def claimant(claim: Claim) -> str:
    """Who made the claim: its speaker, the source its sentence names, else ""."""
    if claim.speaker:
        return claim.speaker
    match = _ATTRIBUTION.search(claim.text)
    if match is None:
        return ""
    who = (match.group("who") or match.group("source") or "").strip(" .,;")
    if who.lower() in _PRONOUNS:
        return ""
    return who[:200]


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "officials said"})


#: Google's ClaimReview guidelines ask for a short claimReviewed (under about 75 chars).
CLAIM_REVIEWED_MAX = 75


def claim_reviewed_text(claim: Claim) -> str:
    """What was claimed, short: the whole quotation for a quote; for a figure, its clause.

    A figure's sentence is cut to the clause that holds the figure and, if that is still
    long, to the words around it (marked with "…"), never through the figure itself.
    """
    if claim.kind == ClaimKind.QUOTE and claim.quote:
        return claim.quote
    text = " ".join(claim.text.split())
    if len(text) <= CLAIM_REVIEWED_MAX:
        return text
    figure = _figure_offset(claim)
    clauses = list(re.finditer(r"[^,;:\u2013\u2014()]+", claim.text))
    for clause in clauses:
        if clause.start() <= figure < clause.end():
            piece = " ".join(clause.group().split())
            if 12 <= len(piece) <= CLAIM_REVIEWED_MAX:
                return piece
            break
    return _window(claim.text, figure, CLAIM_REVIEWED_MAX)


def _figure_offset(claim: Claim) -> int:
    if claim.span_start is not None and claim.start <= claim.span_start <= claim.end:
        return claim.span_start - claim.start
    return 0


def _window(text: str, focus: int, width: int) -> str:
    """Whole words around ``focus``, at most ``width`` characters with the ellipses."""
    words = list(re.finditer(r"\S+", text))
    if not words:
        return ""
    centre = next((i for i, w in enumerate(words) if w.end() > focus), len(words) - 1)
    low = high = centre
    length = len(words[centre].group())
    while True:
        grown = False
        if high + 1 < len(words) and length + 1 + len(words[high + 1].group()) <= width - 2:
            high += 1
            length += 1 + len(words[high].group())
            grown = True
        if low > 0 and length + 1 + len(words[low - 1].group()) <= width - 2:
            low -= 1
            length += 1 + len(words[low].group())
            grown = True
        if not grown:
            break
    piece = " ".join(w.group() for w in words[low : high + 1])
    return ("…" if low > 0 else "") + piece + ("…" if high < len(words) - 1 else "")


def claim_review(claim: Claim) -> dict[str, Any]:
    """The ClaimReview object of a published ``claim``.

    ``claim`` needs its article loaded and a ``published_on`` annotation (the date of the
    publish event), as ``claims.api.selectors.published_claims`` provides.
    """
    article = claim.article
    verdict = claim.verdict or Verdict.UNVERIFIABLE
    label = Verdict(verdict).label
    rating: dict[str, Any] = {
        "@type": "Rating",
        "name": label,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": label,
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

    item: dict[str, Any] = {
        "@type": "Claim",
        "appearance": [appearance],
        # The article is where the desk met the claim: its first known appearance.
        "firstAppearance": appearance,
    }
    who = claimant(claim)
    if who:
        item["author"] = _party(who)
    elif article.publisher:
        item["author"] = {"@type": "Organization", "name": article.publisher}
    if article.published_at:
        item["datePublished"] = article.published_at.date().isoformat()

    published_on = getattr(claim, "published_on", None) or claim.updated_at
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": settings.SITE_URL.rstrip("/") + factcheck_path(claim),
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
