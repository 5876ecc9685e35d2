"""How much a claim deserves a fact-checker's time, on a 0..1 scale.

The scores are a transparent ranking heuristic, not a trained model:
casualty counts and money are what desks verify first; a specific number
("141") is more checkable than a round one ("100"); a hedge ("about",
"nearly") makes a figure harder to falsify; an attributed sentence or a
quote with a named speaker can be traced to a source, an anonymous one
cannot.
"""

from __future__ import annotations

from decimal import Decimal

from claims.extraction.types import CASUALTY_COUNT, MONETARY_AMOUNT

_BASE = {CASUALTY_COUNT: 0.85, MONETARY_AMOUNT: 0.8}
_STATISTIC_BASE = 0.55
_HEDGED = frozenset({"approximately", "nearly", "up_to"})


def figure_score(
    kind: str, value: Decimal, qualifier: str, *, named_source: bool, is_word: bool
) -> float:
    """Score a figure claim."""
    score = _BASE.get(kind, _STATISTIC_BASE)
    if _is_round(value):
        score -= 0.05
    else:
        score += 0.05
    if qualifier == "exact":
        score += 0.03
    elif qualifier in _HEDGED:
        score -= 0.05
    if named_source:
        score += 0.05
    if is_word and value < 10:
        score -= 0.1  # "three people" is rarely in dispute
    return _clamp(score)


def quote_score(quote: str, speaker: str | None) -> float:
    """Score a quotation: attributed, substantive quotes rank higher."""
    score = 0.7 if speaker else 0.4
    words = len(quote.split())
    if words >= 12:
        score += 0.05
    if any(map(str.isdigit, quote)):
        score += 0.1  # a figure inside a quote is checked through the quote
    return _clamp(score)


def _is_round(value: Decimal) -> bool:
    if value != value.to_integral_value() or value == 0:
        return False
    magnitude = 10 if value < 1000 else 100
    return value % magnitude == 0 and value >= 10


def _clamp(score: float) -> float:
    """``max(0.0, min(1.0, score))`` without the two calls."""
    if not score < 1.0:
        return 1.0
    return score if score > 0.0 else 0.0
