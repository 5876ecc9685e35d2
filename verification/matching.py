"""Claim versus source text: the stance a source takes, the passage, and the figure found.

Pure Python (no Django) so it is quick to test exhaustively and runs the same in the
worker, the shell and the benchmarks. The rules, in short (the full table with examples
is in ``docs/verification.md``):

* Passages are sentences, each scored with a window of one sentence either side, because
  news copy often names the event in one sentence and gives the figure in the next.
  Passages are ranked with Okapi BM25 over the claim's key terms plus a rapidfuzz token
  score. BM25 is fifteen lines over one page's few hundred sentences; a package for it
  (rank-bm25, bm25s) would add a dependency and gain nothing measurable at this size.
* Figures are read from the source with the same extractor that read the claim, then
  compared like with like (killed with killed, USD with USD, percent with percent) under
  the claim's qualifier, each side read as an interval of values it allows.
* A figure can only support or contradict when its passage is about the same event:
  enough of the claim's key terms (names and places count double) appear in the
  passage's window or the page title. Otherwise the figure is at most a mention.
* Quotes are compared after normalising case, whitespace, quotation marks and trailing
  punctuation; a close but reworded quote is a mention that names the differing words.
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import chain
from typing import Any, Protocol

from rapidfuzz import fuzz

from claims.extraction import ClaimCandidate, extract_figures

__all__ = [
    "CONTRADICTS",
    "MENTIONS",
    "NOT_FOUND",
    "STANCES",
    "SUPPORTS",
    "ClaimFacts",
    "Interval",
    "MatchResult",
    "claim_interval",
    "compare_figures",
    "event_relevance",
    "match_claim",
    "normalise_quote",
    "source_interval",
]

SUPPORTS = "supports"
CONTRADICTS = "contradicts"
MENTIONS = "mentions"
NOT_FOUND = "not_found"
STANCES = (SUPPORTS, CONTRADICTS, MENTIONS, NOT_FOUND)

#: Share of the claim's key-term weight a passage (with its window and the page title)
#: must contain to be "about the same event". Tuned on tests/verification/pages/.
EVENT_RELEVANCE = 0.4
#: Below this a figure of the right unit is not even worth a mention.
MENTION_RELEVANCE = 0.2
#: ``approximately`` and ``nearly`` allow this relative distance from the stated figure.
APPROXIMATE_TOLERANCE = Decimal("0.10")
#: rapidfuzz partial_ratio at or above which a reworded quote is a mention.
QUOTE_SIMILARITY = 80.0
#: Normalised quotes shorter than this are too generic to fuzzy-match.
MIN_FUZZY_QUOTE = 12
#: How many ranked passages a figure claim reads figures from: each with its window of
#: one sentence either side, so at most 3 x TOP_PASSAGES sentences go to the extractor.
TOP_PASSAGES = 12

FIGURE_KINDS = frozenset({"casualty_count", "monetary_amount", "statistic"})


class ClaimLike(Protocol):
    """What matching reads from a claim: a ``ClaimCandidate``, a ``Claim`` row or facts."""

    kind: str
    text: str


@dataclass(frozen=True)
class ClaimFacts:
    """The facts of a claim that matching needs, detached from any model."""

    kind: str
    text: str
    value: Decimal | None = None
    qualifier: str | None = None
    unit: str | None = None
    currency: str | None = None
    quote: str | None = None
    speaker: str | None = None

    @classmethod
    def of(cls, claim: Any) -> ClaimFacts:
        """Read the fields from any claim-shaped object; "" and None both mean unset."""
        if isinstance(claim, ClaimFacts):
            return claim
        value = getattr(claim, "value", None)
        return cls(
            kind=str(getattr(claim, "kind", "") or ""),
            text=str(getattr(claim, "text", "") or ""),
            value=Decimal(value) if value is not None else None,
            qualifier=getattr(claim, "qualifier", None) or None,
            unit=getattr(claim, "unit", None) or None,
            currency=getattr(claim, "currency", None) or None,
            quote=getattr(claim, "quote", None) or None,
            speaker=getattr(claim, "speaker", None) or None,
        )


@dataclass(frozen=True)
class MatchResult:
    """What one source says about one claim; ``explanation`` is one readable sentence."""

    stance: str
    passage: str = ""
    passage_start: int | None = None
    passage_end: int | None = None
    found_value: Decimal | None = None
    score: float = 0.0
    explanation: str = ""


# ------------------------------------------------------------------------------ intervals


@dataclass(frozen=True)
class Interval:
    """The values a figure allows; ``None`` bounds are unbounded."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, Decimal):
            return False
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            return False
        return not (
            self.high is not None and (value > self.high or (self.high_open and value == self.high))
        )

    def contains(self, other: Interval) -> bool:
        """True when every value of ``other`` lies in this interval."""
        if self.low is not None:
            if other.low is None or other.low < self.low:
                return False
            if other.low == self.low and self.low_open and not other.low_open:
                return False
        if self.high is not None:
            if other.high is None or other.high > self.high:
                return False
            if other.high == self.high and self.high_open and not other.high_open:
                return False
        return True

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both intervals."""
        low, low_open = _max_bound(self.low, self.low_open, other.low, other.low_open)
        high, high_open = _min_bound(self.high, self.high_open, other.high, other.high_open)
        if low is None or high is None:
            return True
        if low < high:
            return True
        return low == high and not low_open and not high_open


def _max_bound(
    a: Decimal | None, a_open: bool, b: Decimal | None, b_open: bool
) -> tuple[Decimal | None, bool]:
    if a is None:
        return b, b_open
    if b is None or a > b:
        return a, a_open
    if b > a:
        return b, b_open
    return a, a_open or b_open


def _min_bound(
    a: Decimal | None, a_open: bool, b: Decimal | None, b_open: bool
) -> tuple[Decimal | None, bool]:
    if a is None:
        return b, b_open
    if b is None or a < b:
        return a, a_open
    if b < a:
        return b, b_open
    return a, a_open or b_open


def _rounding_half_step(value: Decimal) -> Decimal:
    """Half the place of the last significant digit of a round scaled amount, else 0.

    "$28 billion" is a rounded figure, so a source's $28.3 billion is the same amount; but
    "140 killed" is a count, and 141 is a different one. Only amounts of a million or more
    that end in at least five zeros are read as rounded.
    """
    magnitude = abs(value)
    if magnitude < 1_000_000 or magnitude != magnitude.to_integral_value():
        return Decimal(0)
    digits = str(int(magnitude))
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros < 5:
        return Decimal(0)
    return Decimal(10) ** zeros / 2


def claim_interval(value: Decimal, qualifier: str | None) -> Interval:
    """The values a figure with this qualifier allows (the table in docs/verification.md)."""
    tolerance = abs(value) * APPROXIMATE_TOLERANCE
    match qualifier or "exact":
        case "at_least":
            return Interval(value, None)
        case "more_than":
            return Interval(value, None, low_open=True)
        case "fewer_than":
            return Interval(Decimal(0), value, high_open=True)
        case "up_to":
            return Interval(Decimal(0), value)
        case "approximately":
            return Interval(value - tolerance, value + tolerance)
        case "nearly":
            return Interval(value - tolerance, value, high_open=True)
        case _:
            step = _rounding_half_step(value)
            if step:
                return Interval(value - step, value + step, high_open=True)
            return Interval(value, value)


_QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "fewer_than": "fewer than ",
    "up_to": "up to ",
    "approximately": "about ",
    "nearly": "nearly ",
}


def describe_figure(
    value: Decimal, qualifier: str | None, unit: str | None, currency: str | None
) -> str:
    """A short reading of a figure for explanations: "more than 140 killed", "USD 28,000,000"."""
    number = value.normalize()
    text = f"{number:,f}" if number == number.to_integral_value() else f"{number:,}"
    if currency:
        text = f"{currency} {text}"
    if unit == "percent":
        text = f"{text}%"
    elif unit:
        text = f"{text} {unit}"
    return _QUALIFIER_WORDS.get(qualifier or "exact", "") + text


def source_interval(value: Decimal, qualifier: str | None) -> Interval:
    """The values a source's figure allows: like a claim's, except "about N" reads as N.

    A page saying "about 141" is reporting 141 with the usual caution, not a range.
    """
    if qualifier == "approximately":
        return Interval(value, value)
    if qualifier in {None, "exact"}:
        return Interval(value, value)
    return claim_interval(value, qualifier)


def compare_figures(
    claim_value: Decimal,
    claim_qualifier: str | None,
    source_value: Decimal,
    source_qualifier: str | None,
) -> str:
    """Stance of one source figure towards one claimed figure, before any relevance test.

    ``supports`` when everything the source allows lies within what the claim allows (or
    the source hedges the very number claimed: "at least 141" for an exact 141);
    ``contradicts`` when nothing does; ``mentions`` when they merely overlap ("up to 150"
    neither confirms nor refutes "at least 141").
    """
    claimed = claim_interval(claim_value, claim_qualifier)
    source = source_interval(source_value, source_qualifier)
    if not claimed.overlaps(source):
        return CONTRADICTS
    if claimed.contains(source):
        return SUPPORTS
    if (claim_qualifier or "exact") == "exact" and source_value == claim_value:
        return SUPPORTS
    return MENTIONS


# -------------------------------------------------------------------------------- terms

_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019-]*", re.UNICODE)
_STOPWORDS = frozenset(
    """
    a about above after again against all almost also am an and any are as at be because
    been before being below between both but by can could did do does doing down during
    each few for from further had has have having he her here hers herself him himself his
    how i if in into is it its itself just least less like many me more most much my myself
    nearly no nor not now of off on once only or other our ours out over own per same she
    should so some such than that the their theirs them themselves then there these they
    this those through to too under until up upon very was we were what when where which
    while who whom why will with would you your yours said says say told according
    including included people persons person total number figure figures reported reports
    report official officials least around roughly estimated some almost mr mrs ms dr new
    one two three year years day days week weeks month months today yesterday monday
    tuesday wednesday thursday friday saturday sunday percent per cent million billion
    thousand hundred killed dead died death deaths toll lost lives injured wounded hurt
    missing
    """.split()  # noqa: SIM905 - a word list reads better as prose
)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A deliberately light stemmer: enough to make "attacks", "attacked" and "attack" meet."""
    word = word.lower().replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + "y" if suffix in {"ied", "ies"} else stem
    return word


@lru_cache(maxsize=65536)
def _term(word: str) -> str:
    """The index term of a word, or "" for a stopword or a one-letter stem."""
    stem = _stem(word)
    return stem if len(stem) > 1 and stem not in _STOPWORDS else ""


def _terms(text: str) -> list[str]:
    term = _term
    return [t for t in map(term, _WORD_RE.findall(text)) if t]


def key_terms(text: str) -> dict[str, float]:
    """Content words of a claim sentence with weights: capitalised names and places count 2."""
    weights: dict[str, float] = {}
    for index, match in enumerate(_WORD_RE.finditer(text)):
        word = match.group()
        stem = _stem(word)
        if not stem or stem in _STOPWORDS or len(stem) < 2:
            continue
        # A capital that does not start the sentence marks a name, a place or an organisation.
        weight = 2.0 if word[0].isupper() and index > 0 else 1.0
        weights[stem] = max(weights.get(stem, 0.0), weight)
    return weights


def event_relevance(claim_terms: dict[str, float], context: str | set[str]) -> float:
    """Share (0-1) of the claim's key-term weight that appears in ``context``.

    ``context`` is a text, or the set of its terms when the caller already has them.
    """
    total = sum(claim_terms.values())
    if not total:
        return 0.0
    present = context if isinstance(context, set) else set(_terms(context))
    return sum(weight for term, weight in claim_terms.items() if term in present) / total


# ------------------------------------------------------------------------------ passages

_SENTENCE_END_RE = re.compile(
    r"([.!?\u2026][\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n"
)


@dataclass(frozen=True)
class Passage:
    """One sentence of the source and its offsets; ``window`` adds its neighbours."""

    start: int
    end: int
    text: str
    window: str


def split_passages(text: str) -> list[Passage]:
    """Sentences of the source with a one-sentence window each side (within the page)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for boundary in _SENTENCE_END_RE.finditer(text):
        _add_span(spans, text, position, boundary.end(1) if boundary.group(1) else boundary.start())
        position = boundary.end()
    _add_span(spans, text, position, len(text))
    passages = []
    for index, (start, end) in enumerate(spans):
        window_start = spans[max(0, index - 1)][0]
        window_end = spans[min(len(spans) - 1, index + 1)][1]
        passages.append(Passage(start, end, text[start:end], text[window_start:window_end]))
    return passages


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class PassageRanker:
    """Okapi BM25 over one page's passage windows, blended with a rapidfuzz token score."""

    k1 = 1.5
    b = 0.75

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.passages = passages
        # Each sentence is tokenised once; a window is the sum of its sentences' counts.
        sentences = [_terms(p.text) for p in passages]
        self.documents = [
            Counter(chain.from_iterable(sentences[max(0, i - 1) : i + 2]))
            for i in range(len(sentences))
        ]
        lengths = [sum(doc.values()) for doc in self.documents]
        self.average_length = (sum(lengths) / len(lengths)) if lengths else 0.0
        self.lengths = lengths
        frequency: Counter[str] = Counter()
        for doc in self.documents:
            frequency.update(doc.keys())
        count = len(self.documents)
        self.idf = {
            term: math.log(1 + (count - n + 0.5) / (n + 0.5)) for term, n in frequency.items()
        }

    def bm25(self, index: int, query: Iterable[str]) -> float:
        doc = self.documents[index]
        length_norm = 1 - self.b + self.b * (self.lengths[index] / (self.average_length or 1))
        score = 0.0
        for term in query:
            tf = doc.get(term, 0)
            if tf:
                score += self.idf[term] * tf * (self.k1 + 1) / (tf + self.k1 * length_norm)
        return score

    def rank(self, claim_text: str, query: Iterable[str]) -> list[tuple[float, int]]:
        """(score, passage index) best first; score is 0-1 (BM25 scaled, plus fuzz/100)."""
        terms = list(query)
        raw = [self.bm25(i, terms) for i in range(len(self.passages))]
        top = max(raw, default=0.0) or 1.0
        scored = [
            (0.7 * (raw[i] / top) + 0.3 * fuzz.token_set_ratio(claim_text, p.text) / 100, i)
            for i, p in enumerate(self.passages)
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return scored


# -------------------------------------------------------------------------------- figures

_UNIT_FAMILIES = {
    "dead": "killed",
    "died": "killed",
    "deaths": "killed",
    "death": "killed",
    "persons": "people",
    "person": "people",
}
#: "Rs" is resolved to a currency from context the claim sentence often lacks, so the
#: rupees are compared with each other; the same-event test keeps Pakistan and India apart.
_CURRENCY_FAMILIES = {"PKR": "rupee", "INR": "rupee", "NPR": "rupee", "LKR": "rupee"}


def _unit_family(unit: str | None) -> str:
    unit = (unit or "").lower()
    return _UNIT_FAMILIES.get(unit, unit)


def _currency_family(currency: str | None) -> str:
    currency = (currency or "").upper()
    return _CURRENCY_FAMILIES.get(currency, currency)


#: Public names for comparing two stored claims with each other (claim matching).
unit_family = _unit_family
currency_family = _currency_family


def _comparable(claim: ClaimFacts, figure: ClaimCandidate) -> bool:
    """Like with like: the same unit family, and for money the same currency (family)."""
    if figure.value is None:
        return False
    if claim.kind == "monetary_amount" or claim.currency:
        return bool(claim.currency) and _currency_family(figure.currency) == _currency_family(
            claim.currency
        )
    if figure.currency:
        return False
    return bool(claim.unit) and _unit_family(claim.unit) == _unit_family(figure.unit)


@dataclass(frozen=True)
class _FigureReading:
    figure: ClaimCandidate
    stance: str
    relevance: float
    rank: float


@dataclass(frozen=True)
class _Prepared:
    """What matching derives from a source text alone, shared by every claim checked on it."""

    passages: list[Passage]
    ranker: PassageRanker
    starts: list[int]


@lru_cache(maxsize=32)
def _prepare(source_text: str) -> _Prepared:
    """Sentence split and BM25 index of a page, cached per text (the claims of one article
    are usually checked against the same pages, one after another in the same worker)."""
    passages = split_passages(source_text)
    return _Prepared(passages, PassageRanker(passages), [p.start for p in passages])


def _figures_near(
    source_text: str, prepared: _Prepared, ranked: list[tuple[float, int]]
) -> list[ClaimCandidate]:
    """Figures of the ``TOP_PASSAGES`` best-ranked passages and their windows.

    A short page is read whole. On a longer one the kept sentences are grouped into runs
    of neighbours and each run is read on its own (offsets shifted back to the page's), so
    the extractor never walks the rest of the page; every kept sentence is read with its
    neighbours, as a claim sentence would be.
    """
    passages = prepared.passages
    if len(passages) <= 3 * TOP_PASSAGES:
        return extract_figures(source_text)
    last = len(passages) - 1
    keep = sorted(
        {
            j
            for _, index in ranked[:TOP_PASSAGES]
            for j in range(max(0, index - 1), min(last, index + 1) + 1)
        }
    )
    runs: list[list[int]] = []
    for index in keep:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    figures: list[ClaimCandidate] = []
    for run in runs:
        offset = passages[run[0]].start
        for figure in extract_figures(source_text[offset : passages[run[-1]].end]):
            figures.append(
                replace(
                    figure,
                    start=figure.start + offset,
                    end=figure.end + offset,
                    figure_start=figure.figure_start + offset
                    if figure.figure_start >= 0
                    else figure.figure_start,
                    figure_end=figure.figure_end + offset
                    if figure.figure_end >= 0
                    else figure.figure_end,
                )
            )
    return figures


def _match_figure(claim: ClaimFacts, source_text: str, title: str) -> MatchResult:
    assert claim.value is not None
    terms = key_terms(claim.text)
    claimed = describe_figure(claim.value, claim.qualifier, claim.unit, claim.currency)
    prepared = _prepare(source_text)
    passages, ranker, starts = prepared.passages, prepared.ranker, prepared.starts
    if not passages:
        return MatchResult(NOT_FOUND, explanation="The source has no text to compare with.")
    ranked = ranker.rank(claim.text, terms)
    title_terms = set(_terms(title))
    rank_score = {index: score for score, index in ranked}

    # Figures are read around the best-ranked passages (see _figures_near); each is then
    # weighed by its own window, so a figure in a sentence that shares few words with the
    # claim still counts when its neighbours name the event.
    readings: list[_FigureReading] = []
    for figure in _figures_near(source_text, prepared, ranked):
        if figure.value is None or not _comparable(claim, figure):
            continue
        anchor = figure.figure_start if figure.figure_start >= 0 else figure.start
        index = max(0, bisect.bisect_right(starts, anchor) - 1)
        relevance = event_relevance(terms, title_terms | ranker.documents[index].keys())
        stance = compare_figures(claim.value, claim.qualifier, figure.value, figure.qualifier)
        readings.append(_FigureReading(figure, stance, relevance, rank_score.get(index, 0.0)))

    on_event = [r for r in readings if r.relevance >= EVENT_RELEVANCE]
    # A source that states the claimed figure supports it even if it also reports a later
    # update; the reviewer sees the other figure in the explanation.
    for wanted in (SUPPORTS, CONTRADICTS):
        chosen = [r for r in on_event if r.stance == wanted]
        if chosen:
            best = max(chosen, key=_strength)
            others = sorted({_found(r, claim) for r in on_event if r.stance != wanted})
            verb = "which supports" if wanted == SUPPORTS else "which contradicts"
            explanation = (
                f"The source says {_found(best, claim)} about the same event, {verb} {claimed}"
            )
            if others:
                explanation += f" (it also reports {', '.join(others)})"
            return _result(wanted, best, explanation + ".")

    hedged = [r for r in on_event if r.stance == MENTIONS]
    if hedged:
        best = max(hedged, key=_strength)
        return _result(
            MENTIONS,
            best,
            f"The source says {_found(best, claim)}, which fits {claimed} "
            "but is too loose to confirm it.",
        )

    nearby = [r for r in readings if r.relevance >= MENTION_RELEVANCE]
    if nearby:
        best = max(nearby, key=_strength)
        return _result(
            MENTIONS,
            best,
            f"The source gives {_found(best, claim)}, but the passage shares too little "
            "with the claim to say it is the same event.",
        )

    best_score, best_index = ranked[0]
    passage = passages[best_index]
    if event_relevance(terms, title_terms | ranker.documents[best_index].keys()) >= EVENT_RELEVANCE:
        return MatchResult(
            MENTIONS,
            passage=passage.text,
            passage_start=passage.start,
            passage_end=passage.end,
            score=round(best_score * EVENT_RELEVANCE, 3),
            explanation=f"The source covers the same event but gives no figure for {claimed}.",
        )
    return MatchResult(
        NOT_FOUND,
        explanation=f"The source has no passage about this event with a figure for {claimed}.",
    )


def _strength(reading: _FigureReading) -> tuple[float, float]:
    return (reading.relevance, reading.rank)


def _found(reading: _FigureReading, claim: ClaimFacts) -> str:
    figure = reading.figure
    return describe_figure(figure.value or Decimal(0), figure.qualifier, claim.unit, claim.currency)


def _result(stance: str, reading: _FigureReading, explanation: str) -> MatchResult:
    figure = reading.figure
    passage_text = figure.text
    return MatchResult(
        stance,
        passage=passage_text,
        passage_start=figure.start,
        passage_end=figure.end,
        found_value=figure.value,
        score=round(reading.relevance, 3),
        explanation=explanation,
    )


# --------------------------------------------------------------------------------- quotes

_QUOTE_MARKS = frozenset(
    "\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a"
    "\u300c\u300d\u300e\u300f"
)
_TRAILING_PUNCTUATION = ".,;:!?\u2026-\u2013\u2014 "


def normalise_quote(text: str) -> str:
    """Case, whitespace, quotation marks and trailing punctuation removed, for comparison."""
    return _normalise_with_map(text)[0].strip(_TRAILING_PUNCTUATION)


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset in ``text``."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _QUOTE_MARKS:
            continue
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(index)
            continue
        lowered = char.casefold()
        for piece in lowered:
            chars.append(piece)
            origin.append(index)
    return "".join(chars), origin


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to the enclosing passage(s) of the source."""
    for passage in split_passages(text):
        if passage.start <= start < passage.end:
            start = passage.start
        if passage.start < end <= passage.end:
            end = passage.end
    return start, end


def _word_differences(claimed: str, found: str) -> str:
    """ "source has 'X' where the claim has 'Y'" for each differing stretch of words."""
    claim_words = claimed.split()
    found_words = found.split()
    matcher = difflib.SequenceMatcher(a=claim_words, b=found_words, autojunk=False)
    parts = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        said = " ".join(claim_words[a1:a2])
        has = " ".join(found_words[b1:b2])
        if tag == "replace":
            parts.append(f"source has '{has}' where the claim has '{said}'")
        elif tag == "delete":
            parts.append(f"the source lacks '{said}'")
        elif tag == "insert":
            parts.append(f"the source adds '{has}'")
    return "; ".join(parts[:3]) or "the wording differs"


def _speaker_note(claim: ClaimFacts, window: str) -> str:
    if not claim.speaker:
        return ""
    surname = claim.speaker.split()[-1]
    if surname.lower() in window.lower():
        return f", attributed to {claim.speaker}"
    return f", though the passage does not name {claim.speaker}"


_TOKEN_RE = re.compile(r"\S+")


def _aligned_words(wanted: str, haystack: str, dest_start: int, dest_end: int) -> tuple[int, int]:
    """The whole source words that line up with the claimed quote around a fuzzy hit.

    rapidfuzz aligns characters; a few words either side are added and then trimmed to
    the stretch that word-level alignment pairs with the claim, so a changed first or last
    word is reported instead of silently cut off.
    """
    tokens = [
        m.span()
        for m in _TOKEN_RE.finditer(
            haystack, max(0, dest_start - 60), min(len(haystack), dest_end + 60)
        )
    ]
    inside = [i for i, (a, b) in enumerate(tokens) if b > dest_start and a < dest_end]
    if not inside:
        return dest_start, dest_end
    claim_words = wanted.split()
    lo = max(0, inside[0] - 3)
    hi = min(len(tokens), inside[-1] + 4)
    window = [haystack[a:b].strip(_TRAILING_PUNCTUATION) for a, b in tokens[lo:hi]]
    matcher = difflib.SequenceMatcher(a=claim_words, b=window, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return tokens[inside[0]][0], tokens[inside[-1]][1]
    first, last = blocks[0], blocks[-1]
    begin = max(0, first.b - first.a)
    finish = min(len(window), last.b + last.size + (len(claim_words) - last.a - last.size))
    return tokens[lo + begin][0], tokens[lo + finish - 1][1]


def _match_quote(claim: ClaimFacts, source_text: str) -> MatchResult:
    wanted = normalise_quote(claim.quote or "")
    if not wanted:
        return MatchResult(NOT_FOUND, explanation="The claim has no quoted words to look for.")
    haystack, origin = _normalise_with_map(source_text)
    position = haystack.find(wanted)
    if position >= 0:
        start = origin[position]
        end = origin[position + len(wanted) - 1] + 1
        p_start, p_end = _sentence_around(source_text, start, end)
        note = _speaker_note(claim, source_text[max(0, p_start - 300) : p_end + 300])
        return MatchResult(
            SUPPORTS,
            passage=source_text[p_start:p_end],
            passage_start=p_start,
            passage_end=p_end,
            score=1.0,
            explanation=f"The source carries the quote word for word{note}.",
        )
    if len(wanted) < MIN_FUZZY_QUOTE or not haystack:
        return MatchResult(NOT_FOUND, explanation="The source does not carry the quote.")
    alignment = fuzz.partial_ratio_alignment(wanted, haystack, score_cutoff=QUOTE_SIMILARITY)
    if alignment is None:
        return MatchResult(NOT_FOUND, explanation="The source does not carry the quote.")
    found_start, found_end = _aligned_words(
        wanted, haystack, alignment.dest_start, alignment.dest_end
    )
    found = haystack[found_start:found_end].strip(_TRAILING_PUNCTUATION)
    start = origin[found_start]
    end = origin[max(found_start, found_end - 1)] + 1
    p_start, p_end = _sentence_around(source_text, start, end)
    differences = _word_differences(wanted, found)
    return MatchResult(
        MENTIONS,
        passage=source_text[p_start:p_end],
        passage_start=p_start,
        passage_end=p_end,
        score=round(alignment.score / 100, 3),
        explanation=f"The source has a close but different wording: {differences}.",
    )


# ---------------------------------------------------------------------------------- entry


def match_claim(
    claim: ClaimLike | ClaimFacts | Any, source_text: str, *, title: str = ""
) -> MatchResult:
    """What ``source_text`` says about ``claim``. Never raises on odd input.

    ``title`` (the page title) counts as context for every passage when judging whether
    a passage is about the same event.
    """
    facts = ClaimFacts.of(claim)
    text = source_text or ""
    if facts.kind == "quote" or (facts.quote and facts.value is None):
        return _match_quote(facts, text)
    if facts.value is None or facts.kind not in FIGURE_KINDS:
        return MatchResult(NOT_FOUND, explanation="The claim has no figure or quote to check.")
    try:
        return _match_figure(facts, text, title or "")
    except (InvalidOperation, ArithmeticError):
        return MatchResult(NOT_FOUND, explanation="The figures could not be compared.")
