"""The extraction pipeline: sentences, quotations, figures, speakers.

The text is never normalised: every offset is computed on the caller's
string, so ``text[c.start:c.end] == c.text`` holds for every candidate.
"""

from __future__ import annotations

from operator import attrgetter

from claims.extraction.attribution import attribute
from claims.extraction.currency import RupeeContext
from claims.extraction.figures import find_figures, number_word_starts
from claims.extraction.quotes import find_quotes
from claims.extraction.sentences import sentence_spans
from claims.extraction.types import ClaimCandidate


def extract_claims(text: str) -> list[ClaimCandidate]:
    """All figure and quote claims in ``text``, sorted by start offset."""
    return _extract(text, with_quotes=True)


def extract_figures(text: str) -> list[ClaimCandidate]:
    """Only the figure claims (casualty counts, money, statistics) in ``text``."""
    return _extract(text, with_quotes=False)


def _extract(text: str, *, with_quotes: bool) -> list[ClaimCandidate]:
    if not text or text.isspace():
        return []
    spans = sentence_spans(text)
    quotes = find_quotes(text)
    rupees = RupeeContext(text)
    word_starts = number_word_starts(text)
    figures: list[ClaimCandidate] = []
    previous: ClaimCandidate | None = None
    for start, end in spans:
        found = find_figures(text, start, end, rupees, word_starts, previous)
        if found:
            figures.extend(found)
            previous = found[-1]
    claims = attribute(text, spans, quotes, figures, with_quotes=with_quotes)
    claims.sort(key=attrgetter("start", "figure_start"))
    return claims
