"""Find quotations: curly double, straight double and curly single marks.

Every quoted span is returned (figures inside any of them are not figure
claims), and those with at least ``MIN_QUOTE_WORDS`` words are quote claims.
The four-word threshold is what separates scare quotes such as “all weather
friend” (three words, not a claim) from short attributed phrases a desk does
check, such as a spokesperson's “deeply shocked and saddened” (four words).

A quotation never crosses a blank line: news copy opens a new paragraph
with a fresh mark rather than closing the previous one, and an unpaired
mark must not swallow the rest of the article. A curly single quote only
counts when it opens after a non-letter and closes before one, so the
apostrophes inside words ("it\u2019s") never pair up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_QUOTE_WORDS = 4

_CURLY_DOUBLE = re.compile(r"\u201c((?:[^\u201c\u201d\n]|\n(?![^\S\n]*\n))*+)\u201d")
_STRAIGHT_DOUBLE = re.compile(r"\"((?:[^\"\n]|\n(?![^\S\n]*\n))*+)\"")
_CURLY_SINGLE = re.compile(r"(?<!\w)\u2018((?:[^\u2018\u2019\n]|\u2019(?=\w))*+)\u2019(?!\w)")
_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int

    def words(self, text: str) -> str:
        """The quoted words, trimmed of whitespace and a trailing comma."""
        return text[self.inner_start : self.inner_end].strip().rstrip(",;:").strip()


def find_quotes(text: str) -> list[QuoteSpan]:
    """All quoted spans in document order; single quotes nested in doubles are dropped."""
    spans: list[QuoteSpan] = []
    for pattern in (_CURLY_DOUBLE, _STRAIGHT_DOUBLE):
        for match in pattern.finditer(text):
            spans.append(QuoteSpan(match.start(), match.end(), match.start(1), match.end(1)))
    spans.sort(key=lambda q: q.start)
    spans = _drop_overlaps(spans)
    if "\u2018" in text:
        singles = [
            QuoteSpan(m.start(), m.end(), m.start(1), m.end(1))
            for m in _CURLY_SINGLE.finditer(text)
        ]
        spans = _drop_overlaps(sorted([*spans, *singles], key=lambda q: (q.start, -q.end)))
    return spans


def is_claim(quote: QuoteSpan, text: str) -> bool:
    """True when the quotation is long enough to be a quote claim."""
    return len(_WORD.findall(text, quote.inner_start, quote.inner_end)) >= MIN_QUOTE_WORDS


def _drop_overlaps(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    kept: list[QuoteSpan] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
