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

News agencies quote a statement over several paragraphs by opening each
paragraph with a mark and closing only the last; such a run of paragraphs
is joined into one quotation. A quotation split by its attribution
(“We will appeal,” she said, “and we will win.”) is grouped into one claim
by ``group_split_quotes``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

MIN_QUOTE_WORDS = 4

_CURLY_DOUBLE = re.compile(r"\u201c((?:[^\u201c\u201d\n]|\n(?![^\S\n]*\n))*+)\u201d")
_STRAIGHT_DOUBLE = re.compile(r"\"((?:[^\"\n]|\n(?![^\S\n]*\n))*+)\"")
_CURLY_SINGLE = re.compile(r"(?<!\w)\u2018((?:[^\u2018\u2019\n]|\u2019(?=\w))*+)\u2019(?!\w)")
_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")
# A curly opening mark closed by a straight one after punctuation, or a straight opening
# mark (not after a letter or a digit: 5" is inches) closed by a curly one.
_MIXED = re.compile(
    r"\u201c[^\u201c\u201d\"\n]*[.,!?;]\"(?=\s|$)"
    r"|(?<![\w.,!?])\"[^\u201c\u201d\"\n]+\u201d"
)
# A mark opening a line: where a paragraph of a multi-paragraph quotation starts.
_LINE_OPENING = re.compile(r"(?m)^[^\S\n]*[\u201c\"]")
_OPENING_MARK = re.compile(r"[\u201c\"]")
_PARAGRAPH_JOINT = re.compile(r"\s*\n\s*[\u201c\"]?")
# What stands between the halves of a split quotation: an attribution and a comma, no full
# stop ("," she said, "").
_SPLIT_BETWEEN = re.compile(r"[^.!?\n\u201c\u201d\"]{2,80},\s*")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int

    def words(self, text: str) -> str:
        """The quoted words, trimmed of whitespace and a trailing comma."""
        return quote_words(text, self)


def quote_words(text: str, quote: QuoteSpan) -> str:
    """The quoted words; the marks opening follow-on paragraphs become spaces."""
    inner = text[quote.inner_start : quote.inner_end]
    if "\n" in inner:
        inner = _PARAGRAPH_JOINT.sub(" ", inner)
    return inner.strip().rstrip(",;:").strip()


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
    if '"' in text and ("\u201c" in text or "\u201d" in text):
        spans = _mixed_marks(text, spans)
    if "\n" in text:
        spans = _join_paragraphs(text, spans)
    return spans


def _mixed_marks(text: str, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quotations whose marks do not match, as content systems mangle them.

    A curly opening mark closed by a straight one after the sentence's punctuation
    (\u201cWe will rebuild." ), or a straight opening mark closed by a curly one ("We will
    rebuild,\u201d she said), within one paragraph and outside every quotation found.
    """
    found = [
        QuoteSpan(m.start(), m.end(), m.start() + 1, m.end() - 1)
        for m in _MIXED.finditer(text)
        if not any(q.start < m.end() and m.start() < q.end for q in spans)
    ]
    if not found:
        return spans
    return sorted([*spans, *found], key=lambda q: q.start)


def group_split_quotes(text: str, quotes: list[QuoteSpan]) -> list[list[QuoteSpan]]:
    """Quotations in order, the halves of a split quotation grouped together."""
    groups: list[list[QuoteSpan]] = []
    for quote in quotes:
        if groups:
            earlier = groups[-1][-1]
            between = text[earlier.end : quote.start]
            closing = text[earlier.inner_start : earlier.inner_end].rstrip()
            if (
                closing.endswith(",")
                and _SPLIT_BETWEEN.fullmatch(between)
                and quote.inner_start < len(text)
                and text[quote.inner_start : quote.inner_start + 1].islower()
            ):
                groups[-1].append(quote)
                continue
        groups.append([quote])
    return groups


def _join_paragraphs(text: str, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Join a paragraph that opens a quotation without closing it to the paragraphs after it.

    The quotation may open anywhere in its first paragraph ("He said: \u201cWe will ...");
    each following paragraph opens with a mark, and the run ends at the paragraph whose
    quotation closes. A run that never closes is left alone.
    """
    by_start = {q.start: q for q in spans}
    starts = [q.start for q in spans]
    joined: list[QuoteSpan] = []
    for match in _OPENING_MARK.finditer(text):
        mark = match.start()
        if mark in by_start or _inside(spans, starts, mark):
            continue
        if joined and joined[-1].start < mark < joined[-1].end:
            continue
        line_end = text.find("\n", mark)
        if line_end < 0:
            continue
        closer = "\u201d" if match.group() == "\u201c" else '"'
        if text.find(closer, mark + 1, line_end) >= 0:
            continue  # closed in its own paragraph
        if match.group() == '"' and mark > 0 and text[mark - 1].isalnum():
            continue  # a closing straight mark, not an opening one
        cursor = line_end
        while True:
            following = _LINE_OPENING.search(text, cursor)
            if following is None or text[cursor : following.start()].strip():
                break
            if text[cursor : following.start()].count("\n") > 2:
                break
            next_mark = following.end() - 1
            closed = by_start.get(next_mark)
            if closed is not None:
                joined.append(QuoteSpan(mark, closed.end, mark + 1, closed.inner_end))
                break
            cursor = text.find("\n", next_mark)
            if cursor < 0:
                break
    if not joined:
        return spans
    kept = [q for q in spans if not any(j.start <= q.start < j.end for j in joined)]
    return sorted([*kept, *joined], key=lambda q: q.start)


def _inside(spans: list[QuoteSpan], starts: list[int], position: int) -> bool:
    slot = bisect_right(starts, position) - 1
    return slot >= 0 and spans[slot].start <= position < spans[slot].end


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
