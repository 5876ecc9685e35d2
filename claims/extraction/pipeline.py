"""The extraction pipeline: sentences, quotations, figures, speakers.

The text is never normalised: every offset is computed on the caller's
string, so ``text[c.start:c.end] == c.text`` holds for every candidate.
"""

from __future__ import annotations

from bisect import bisect_right

from claims.extraction.checkworthiness import quote_score
from claims.extraction.currency import RupeeContext
from claims.extraction.figures import find_figures, number_word_starts
from claims.extraction.quotes import QuoteSpan, find_quotes, is_claim
from claims.extraction.sentences import sentence_spans
from claims.extraction.speakers import Speaker, SpeakerTracker
from claims.extraction.types import QUOTE, ClaimCandidate

_BLANK = "\u2022"


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
    masked = [(q.start, q.end) for q in quotes]
    mask_starts = [q.start for q in quotes]
    rupees = RupeeContext(text)
    word_starts = number_word_starts(text)
    claims: list[ClaimCandidate] = []
    for start, end in spans:
        claims.extend(find_figures(text, start, end, masked, mask_starts, rupees, word_starts))
    if with_quotes and quotes:
        claims.extend(_quote_claims(text, spans, quotes))
    claims.sort(key=lambda c: (c.start, c.figure_start))
    return claims


def _quote_claims(
    text: str, spans: list[tuple[int, int]], quotes: list[QuoteSpan]
) -> list[ClaimCandidate]:
    starts = [s for s, _ in spans]
    quote_starts = [q.start for q in quotes]
    tracker = SpeakerTracker(text)
    previous: tuple[int, Speaker] | None = None
    claims: list[ClaimCandidate] = []
    for quote in quotes:
        if not is_claim(quote, text):
            continue
        first = max(0, bisect_right(starts, quote.start) - 1)
        last = max(first, bisect_right(starts, quote.end - 1) - 1)
        start, end = spans[first][0], spans[last][1]
        start = min(start, quote.start)
        end = max(end, quote.end)
        context = _blank_quotes(text, start, end, quotes, quote_starts)
        speaker = tracker.resolve(start, context, quote.start, quote.end, previous, first)
        if speaker is not None:
            previous = (last, speaker)
        words = quote.words(text)
        claims.append(
            ClaimCandidate(
                kind=QUOTE,
                text=text[start:end],
                start=start,
                end=end,
                quote=words,
                speaker=speaker.name if speaker else None,
                checkworthiness=quote_score(words, speaker.name if speaker else None),
                figure_start=quote.start,
                figure_end=quote.end,
            )
        )
    return claims


def _blank_quotes(
    text: str, start: int, end: int, quotes: list[QuoteSpan], quote_starts: list[int]
) -> str:
    """The context with quotations replaced by a same-length placeholder."""
    pieces: list[str] = []
    cursor = start
    first = max(0, bisect_right(quote_starts, start) - 1)
    for quote in quotes[first:]:
        if quote.start >= end:
            break
        if quote.end <= start:
            continue
        a, b = max(start, quote.start), min(end, quote.end)
        pieces.append(text[cursor:a])
        pieces.append(_BLANK * (b - a))
        cursor = b
    pieces.append(text[cursor:end])
    return "".join(pieces)
