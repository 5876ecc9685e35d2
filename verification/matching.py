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
  passage's window or the page title, and one of the claim's names or places is near it
  or in the lead. Otherwise the figure is at most a mention. A refutation needs all of
  the claim's names and places there.
* Among a page's figures, the verdict goes to the claim's own: the figure whose clause
  names the claim's party or place, not one given for another ("Lindal, with 365 dead");
  for a casualty count, the count the page opens with, not a different one further down
  (another attack, an earlier day, a part), unless that one is given as a change ("has
  risen to") or names a place of the claim the opening does not.
* Both figures must count the same thing over the same span (``figure_scope``: no
  projection, one day's part, increment, rate or severity subset against a plain
  count, no amount for another purpose) and not be one the page says it replaced ("up
  from a previous 11", "initially sought"); a refutation also needs stronger evidence
  and is never read from a currency conversion, an estimate, an earlier or provisional
  lower count, nor while the page gives the claimed number itself for another group or
  party (``_guarded_stance``).
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

from claims.extraction import ClaimCandidate, extract_claims, extract_figures
from verification.figure_scope import (
    CERTAIN,
    CLAIMED,
    COMBINED,
    CONVERSION,
    FUTURE,
    PROJECTION,
    claimed_by,
    compound_remainder,
    earlier_count,
    estimate,
    financial_measure,
    provisional,
    replaced_count,
    scope_marks,
)

__all__ = [
    "CONTRADICTS",
    "MENTIONS",
    "NOT_FOUND",
    "STANCES",
    "SUPPORTS",
    "UNREAD",
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

#: The stance of a source that could not be read (blocked, unreachable, an HTTP error ...):
#: none, and deliberately not one of ``STANCES``. "The source does not say it" is
#: ``not_found``; "we could not read the source" is no answer at all.
UNREAD = ""
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
#: A refutation needs stronger same-event evidence than a confirmation: a false
#: ``contradicts`` sends a reviewer after a true claim.
CONTRADICT_RELEVANCE = 0.5
#: A passage sharing this much of the claim's wording may confirm it without repeating a
#: name or place the claim gives (the page's name for it may differ); it never refutes so.
NAMELESS_SUPPORT = 0.6
#: How far past a figure's sentence a count is read as provisional ("... has risen to 60.
#: The number is expected to rise."): about one more sentence.
PROVISIONAL_REACH = 200
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
    #: The source gives a later figure for the same event ("the toll has risen to 71")
    #: beyond what the claim allows: the claim may be outdated rather than wrong.
    updated: bool = False


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


def rounding_half_step(value: Decimal, written: str = "") -> Decimal:
    """Half the place of the last digit a figure was written to, when it reads as rounded.

    Number-form tolerance, so "$4.6 million" and "4,617,300 dollars" are the same amount:

    * a figure written with a scale word ("4.6 million", "$28bn", "1.25 million people")
      is rounded to its last written digit: "$4.6 million" allows 4.55-4.65 million;
    * without the written form, an amount of a million or more that ends in at least
      five zeros is read the same way ("$28 billion" allows 27.5-28.5 billion);
    * anything else is exact: "140 killed" is a count, and 141 is a different one.

    Returns 0 for an exact figure.
    """
    step = Decimal(0)
    scaled = _SCALED_RE.search(written) if written else None
    if scaled:
        mantissa_text = scaled.group(1).replace(",", "").replace(" ", "")
        try:
            mantissa = Decimal(mantissa_text)
        except InvalidOperation:
            mantissa = Decimal(0)
        if mantissa:
            places = len(mantissa_text.partition(".")[2])
            step = abs(value / mantissa) * Decimal(10) ** -places / 2
    magnitude = abs(value)
    if magnitude >= 1_000_000 and magnitude == magnitude.to_integral_value():
        digits = str(int(magnitude))
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros >= 5:
            step = max(step, Decimal(10) ** zeros / 2)
    return step


_SCALED_RE = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*-?\s*(?:thousand|million|billion|trillion|mn|bn|tn|m|b|k|t|lakh|"
    r"lakhs|crore|crores)\b",
    re.IGNORECASE,
)


def round_count_half_step(value: Decimal) -> Decimal:
    """Half the place of a round count below a million ("4,000 injured": 500), else 0.

    Reporters round counts in the thousands ("4,000 injured" for 4,412), but not always,
    so such a figure is never read as confirming a nearby count: only as too uncertain to
    contradict it (see ``compare_figures``).
    """
    magnitude = abs(value)
    if magnitude < 1000 or magnitude >= 1_000_000 or magnitude != magnitude.to_integral_value():
        return Decimal(0)
    digits = str(int(magnitude))
    zeros = len(digits) - len(digits.rstrip("0"))
    return Decimal(10) ** zeros / 2 if zeros >= 3 else Decimal(0)


def claim_interval(value: Decimal, qualifier: str | None, written: str = "") -> Interval:
    """The values a figure with this qualifier allows (the table in docs/verification.md).

    ``written`` is the figure as written ("$4.6 million"), when known, for its precision.
    """
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
            step = rounding_half_step(value, written)
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


def source_interval(value: Decimal, qualifier: str | None, written: str = "") -> Interval:
    """The values a source's figure allows: like a claim's, except "about N" reads as N.

    A page saying "about 141" is reporting 141 with the usual caution, not a range.
    """
    if qualifier in {None, "exact", "approximately"}:
        return claim_interval(value, "exact", written)
    return claim_interval(value, qualifier, written)


def _place(value: Decimal) -> Decimal:
    """The place of a whole number's last significant digit: 4,000 -> 1,000; 141 -> 1."""
    magnitude = abs(value)
    if not magnitude or magnitude != magnitude.to_integral_value():
        return Decimal(1)
    digits = str(int(magnitude))
    return Decimal(10) ** (len(digits) - len(digits.rstrip("0")))


def confirming_interval(value: Decimal, qualifier: str | None, written: str = "") -> Interval:
    """The values a hedged source figure confirms, narrower than the values it allows.

    "more than 4,000 injured" allows any count above 4,000 but confirms only what a
    reporter would round down to it: above 4,000 and up to the next step of its last
    significant digit, at most a quarter more (4,000-5,000 here; 140-150 for "more than
    140"). "about"/"nearly" confirm one step of their last significant digit, at most
    10 % ("about 2,300": 2,200-2,400); "up to"/"fewer than" confirm nothing beyond the
    number itself (an upper bound says little about the actual count).
    """
    match qualifier or "exact":
        case "more_than" | "at_least":
            place = _place(value)
            reach = min(place, abs(value) * Decimal("0.25")) or place
            return Interval(value, value + reach, low_open=qualifier == "more_than")
        case "approximately" | "nearly":
            band = min(_place(value), abs(value) * APPROXIMATE_TOLERANCE)
            if qualifier == "nearly":
                return Interval(value - band, value, high_open=True)
            return Interval(value - band, value + band)
        case "up_to" | "fewer_than":
            return Interval(value, value)
        case _:
            return source_interval(value, qualifier, written)


#: Two figures this many times apart are not the same quantity misreported ($15 an hour
#: against $1 trillion): no contradiction is read from them.
MAGNITUDE_APART = Decimal(100)


def compare_figures(
    claim_value: Decimal,
    claim_qualifier: str | None,
    source_value: Decimal,
    source_qualifier: str | None,
    *,
    claim_written: str = "",
    source_written: str = "",
) -> str:
    """Stance of one source figure towards one claimed figure, before any relevance test.

    Both sides are intervals (``claim_interval``, ``source_interval``), widened by the
    precision of the written form when it is given (``rounding_half_step``):

    * ``supports`` when everything the source allows lies within what the claim allows;
      or the claim is exact and the source's hedge confirms its number ("more than 4,000"
      for 4,412; "at least 141" for 141; "$4.6 million" for $4,617,300);
    * ``contradicts`` when nothing does, unless one side is a round count close enough to
      the other to be its rounding ("4,000 injured" against 4,412: ``mentions``) or the
      two are ``MAGNITUDE_APART`` (a hundred times) or more apart (another quantity);
    * ``mentions`` when they merely overlap ("up to 150" neither confirms nor refutes "at
      least 141"; "more than 4,000" allows but does not confirm 9,000).
    """
    claimed = claim_interval(claim_value, claim_qualifier, claim_written)
    source = source_interval(source_value, source_qualifier, source_written)
    exact_claim = (claim_qualifier or "exact") == "exact"
    if not claimed.overlaps(source):
        small, large = sorted((abs(claim_value), abs(source_value)))
        if small and large / small >= MAGNITUDE_APART:
            return MENTIONS  # another quantity altogether, not a disagreement
        hedge = source_qualifier in {"approximately", "nearly"}
        if (
            hedge
            and exact_claim
            and claim_value in confirming_interval(source_value, source_qualifier)
        ):
            return SUPPORTS  # "some 2,300 injured" for 2,271
        if exact_claim and (source_qualifier or "exact") in {"exact", "approximately"}:
            # "4,000 injured" for 4,412 (or the claim's 4,000 for the page's 4,412).
            slack = max(round_count_half_step(source_value), round_count_half_step(claim_value))
            if slack and abs(source_value - claim_value) <= slack:
                return MENTIONS
        return CONTRADICTS
    if claimed.contains(source):
        return SUPPORTS
    # An upper bound ("up to 41 months", "faces up to 20 years") is a ceiling, often a
    # maximum penalty or one end of a range: it confirms no exact figure, even its own.
    if exact_claim and source_qualifier not in {"up_to", "fewer_than"}:
        confirms = confirming_interval(source_value, source_qualifier, source_written)
        if source_value == claim_value or claimed.contains(confirms) or claim_value in confirms:
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


# -------------------------------------------------------------------------------- groups

#: Who a count is about, by family: a count of children is not a count of people in
#: general, so one can never contradict the other (141 people, 132 of them children).
_GROUP_TABLE = """
children: children child kids kid minors minor schoolchildren pupils babies baby infants
children: toddlers juveniles
teenagers: teenagers teens adolescents youths
students: students student
women: women woman girls girl mothers
men: men man boys boy
civilians: civilians civilian noncombatants
soldiers: soldiers soldier troops servicemen servicemembers personnel marines sailors
soldiers: paratroopers conscripts
police: police policemen policewomen officers officer constables gendarmes
militants: militants militant fighters fighter insurgents rebels gunmen attackers
militants: terrorists jihadists combatants
rescuers: firefighters rescuers paramedics
medics: doctors nurses medics physicians
workers: workers employees staff miners labourers laborers
passengers: passengers travellers travelers
crew: crew crewmembers
journalists: journalists reporters
tourists: tourists visitors
foreigners: foreigners expatriates
migrants: migrants refugees asylum-seekers
prisoners: prisoners inmates detainees
patients: patients
protesters: protesters protestors demonstrators
worshippers: worshippers pilgrims
elderly: elderly pensioners
"""
_GROUP_FAMILIES = {
    word: family.strip()
    for family, words in (line.split(":") for line in _GROUP_TABLE.strip().splitlines())
    for word in words.split()
}
#: Words for everyone involved: the claim's "141 people" and a page's "141 dead" agree.
_GENERIC_GROUPS = frozenset(
    "people persons person individuals victims dead casualties bodies lives others "  # noqa: SIM905
    "residents".split()
)
#: Words that end the noun phrase after a figure (verbs, prepositions): stop looking.
_GROUP_STOP = frozenset(
    "in at on from since by for to and or but who that which when after before during "  # noqa: SIM905
    "had have has killed died injured wounded hurt missing dead".split()
)
_NESTED_OF_RE = re.compile(
    r"\s*,?\s*(?:of\s+(?:them|whom|those|these|the\s+[\w-]+)|among\s+them)\s*,?\s*"
    r"(?:(?:were|was|are|is|being)\s+)?",
    re.IGNORECASE,
)
_NUMBER_OF_RE = re.compile(
    r"\b(?:number|toll|count|tally)\s+of\s+(?:dead\s+|injured\s+|wounded\s+)?([\w-]+)"
    r"[^,]*$",
    re.IGNORECASE,
)
_WERE_RE = re.compile(r"\s*(?:were|was|are|is)\s+", re.IGNORECASE)
_GROUP_WORD_RE = re.compile(r"[^\W\d_][\w'-]*")


def _demonym(word: str) -> str:
    """ "palestinians" for a capitalised plural like "Palestinians" or "Iraqis", else ""."""
    if word[:1].isupper() and len(word) > 4 and word.endswith(("ans", "is", "ese")):
        return word.lower()
    return ""


def counted_group(text: str, figure_end: int, figure_start: int = -1) -> str:
    """Who a count in ``text`` is about, read from the words after its figure.

    "132 children", "132 of them children", "132 of the dead were children", "132 were
    children", "400 Palestinian civilians" give the group's family ("children",
    "civilians"), or a plural demonym ("palestinians"); "141 people", "141 killed", "the
    toll rose to 141" give "" (everyone involved, or nothing says); "the number of
    children killed has risen to 50" gives "children" (``figure_start`` lets it look
    back). Two figures about different groups are a sub-group or super-group of one
    another, not a disagreement.
    """
    tail = text[figure_end : figure_end + 80]
    if figure_start >= 0:
        # "the number of children killed has risen to 50": the group comes first.
        head = _NUMBER_OF_RE.search(
            re.split(r"[.;:!?]", text[max(0, figure_start - 120) : figure_start])[-1]
        )
        if head:
            return _group_word(head.group(1)) or ""
    nested = _NESTED_OF_RE.match(tail) or _WERE_RE.match(tail)
    if nested:
        tail = tail[nested.end() :]
    tail = re.split(r"[.;:!?()\u2014\u2013]|,(?!\s*(?:of|among)\b)", tail, maxsplit=1)[0]
    for word in _GROUP_WORD_RE.findall(tail)[:4]:
        group = _group_word(word)
        if group is not None:
            return group
    return ""


def _group_word(word: str) -> str | None:
    """The group a word names, "" for everyone or a stop word, None to read on."""
    lowered = word.lower()
    if lowered in _GROUP_FAMILIES:
        return _GROUP_FAMILIES[lowered]
    if lowered in _GENERIC_GROUPS or lowered in _GROUP_STOP:
        return ""
    return _demonym(word) or None


def is_nationality(group: str) -> bool:
    """A group named by nationality ("palestinians"): in most reports, everyone counted."""
    return bool(group) and group != "total" and group not in _GROUP_FAMILIES.values()


def group_of_unit(unit: str | None) -> str | None:
    """The group family when the extractor used a group noun as the unit ("children")."""
    lowered = (unit or "").lower()
    if lowered in _GROUP_FAMILIES:
        return _GROUP_FAMILIES[lowered]
    if lowered in _GENERIC_GROUPS:
        return ""
    return None


# ------------------------------------------------------------------------- figure roles

_DENOMINATOR_RE = re.compile(
    r"\b(?:per|for\s+every|in\s+every|out\s+of\s+every|every|one\s+in|1\s+in)\s*$",
    re.IGNORECASE,
)
#: "a town of 27,000 residents", "a population of 4 million", "home to 80,000 people": the
#: size of a place, whatever count its sentence is about.
_POPULATION_RE = re.compile(
    r"\b(?:(?:town|city|village|community|country|nation|district|county|province|state|"
    r"island|region|municipality|camp|neighbou?rhood)\s+of|population\s+of|home\s+to|"
    r"(?:inhabited|populated)\s+by)\s+(?:some|about|around|nearly|almost|more\s+than|over)?\s*$",
    re.IGNORECASE,
)
#: A count in words, as the part of "sixty-eight of the 150 seats".
_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|"
    r"a\s+dozen)"
)
_TOTAL_OF_RE = re.compile(
    # "68 of the 150", "68 of the chamber's 150", "303 seats out of 553": in "A of B" the
    # B is the whole (the chamber, all votes cast), never a figure of the part.
    r"(?:\d[\d,.]*|\b" + _NUMBER_WORD + r")\s+(?:[^\W\d_]+,?\s+){0,2}?(?:out\s+)?of\s+"
    r"(?:(?:the|its|their|his|her|our|a)\s+)?(?:total\s+(?:of\s+)?)?"
    r"(?:[^\W\d_][\w-]*(?:'s|\u2019s|s'|\u2019)\s+)?$"
    # "cast their ballots out of total 3,465,736"
    r"|\bout\s+of\s+(?:a\s+|the\s+)?total\s+(?:of\s+)?$"
    # "Of the 45 deaths, 40 took place in ...": the total the sentence then breaks down
    r"|^\W*(?:of|among)\s+(?:the|these|those|its|their)\s+$",
    re.IGNORECASE,
)
_IMPLIED_MORE_RE = re.compile(
    r"\b(?:exceed(?:s|ed|ing)?|top(?:s|ped|ping)?|surpass(?:es|ed|ing)?|pass(?:es|ed|ing)?|"
    r"beyond|(?:climb|rise|rose|risen|rising|jump|soar|surge|go|went|gone)\w*\s+"
    r"(?:past|above|beyond|over))\s*$",
    re.IGNORECASE,
)
_EARLIER_RE = re.compile(
    r"\b(?:(?:up|down)\s+from|compared\s+(?:with|to)|against|previously|from)\s*$",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_PAST_YEAR_RE = re.compile(r"\b(?:back\s+in|in|since)\s+(?:19[5-9]\d|20[0-4]\d)\b", re.IGNORECASE)
_PAST_MARK_RE = re.compile(
    r"\b(?:last\s+year|a\s+year\s+(?:ago|earlier)|years\s+(?:ago|earlier)|"
    r"the\s+previous\s+year|a\s+decade\s+ago|last\s+year's|"
    r"last\s+(?:week|month|spring|summer|autumn|fall|winter)(?:'s)?|"
    r"(?:weeks|months)\s+(?:ago|earlier|before)|a\s+(?:week|month)\s+(?:ago|earlier|before)|"
    r"earlier\s+this\s+(?:year|month)|"
    r"(?:a|an|the|that)\s+(?:previous|earlier|prior|past|separate|similar|last)\s+(?:[\w-]+\s+)?"
    r"(?:attacks?|bombings?|blasts?|explosions?|quakes?|earthquakes?|floods?|flooding|storms?|"
    r"cyclones?|typhoons?|hurricanes?|crash(?:es)?|fires?|wildfires?|incidents?|outbreaks?|"
    r"epidemics?|elections?|votes?|polls?|disasters?|strikes?|raids?|shootings?|clashes|"
    r"landslides?|tsunamis?|eruptions?|collapses?|protests?))\b",
    re.IGNORECASE,
)


_PAST_MONTH_RE = re.compile(
    r"\b(?:in|since|last|back\s+in|early|late|mid-?)\s+(january|february|march|april|may|june|"
    r"july|august|september|october|november|december)\b(?!\s+\d{1,2}\b)",
    re.IGNORECASE,
)


#: "the 150-seat parliament", "the 27-member council": the size of the whole.
_SIZE_OF_WHOLE_RE = re.compile(r"^-(?:seat|member|strong)\b", re.IGNORECASE)


def figure_role(before: str, after: str = "") -> str:
    """What the words just before a figure make of it: "denominator" ("per 100,000",
    "one in 5", "a town of 27,000 residents": a population), "total" (the 300 of "142 of
    300 seats", the 553 of "303 seats out of 553", the 150 of "the 150-seat parliament",
    the 45 of "Of the 45 deaths, 40 were in ..."), "more_than" (an implied
    lower bound: "topped 9,400", "climbed past 300"), "earlier" (a figure things moved
    from: "up from 19", "compared with 45": the page has replaced it, so it neither
    confirms nor refutes), or "" for a plain figure."""
    before = before[-40:]
    if _DENOMINATOR_RE.search(before) or _POPULATION_RE.search(before):
        return "denominator"
    if _TOTAL_OF_RE.search(before) or _SIZE_OF_WHOLE_RE.match(after):
        return "total"
    if _IMPLIED_MORE_RE.search(before):
        return "more_than"
    if _EARLIER_RE.search(before):
        return "earlier"
    return ""


#: ", approved by Congress two weeks ago," ", which opened in 2019,": a non-restrictive
#: clause, set off by commas, that describes the noun before it.
_ASIDE_RE = re.compile(
    r",\s*(?:which|who|whose|[a-z]+ed)\b[^,;:]{0,120},",
)


#: "Friday's bombing", "on Sunday", "this week", "yesterday": a time the claim's reader
#: places from the claim's own date, close to it.
_NEAR_TIME_RE = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|last\s+night|"
    r"this\s+(?:week|weekend|morning|afternoon|evening))\b",
    re.IGNORECASE,
)
#: "in 2019", "the 1994 Markale massacre", "On October 10, 2015,": an event dated by its
#: year, as news copy dates past events (its own it dates by weekday).
_DATED_BY_YEAR_RE = re.compile(
    r"\b(?:(?i:in|back\s+in)\s+(?:19|20)\d\d\b|(?i:the)\s+(?:19|20)\d\d(?:'s)?\s+[^\W\d]|"
    r"(?i:on)\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d\b)",
)
#: A page about an event's anniversary: its figures are the earlier event's.
_RETROSPECTIVE_RE = re.compile(
    r"\b(?:anniversar(?:y|ies)|commemorat\w*|remembers?|remembrance|"
    r"(?:years?|decades?)\s+(?:since|after))\b",
    re.IGNORECASE,
)


def other_time(
    sentence: str,
    claim_text: str,
    page_years: frozenset[str],
    lead_years: frozenset[str] = frozenset(),
    opening: str = "",
) -> bool:
    """True when a figure's sentence is about an earlier year than the claim and the page.

    "In 2019 a flood in the same valley killed 40" on a page about this year's flood: the
    figure's sentence names a year that the claim does not, and that is either earlier
    than the latest year the page or the claim names, or, when the page's lead (its title
    and first sentence, ``lead_years``) names none of its years, a year given as past
    ("in 2017", "back in 2017"). A dateline's year or a projection ("by 2033") is not
    another time. "last year", "years ago" are. An aside between commas that describes a
    noun ("The package, approved two weeks ago, brings the total to $54 billion") dates
    that noun, not the figure, and is not read.

    A claim dated only from its own day ("Friday's bombing", "on Sunday", "this week") is
    about the days around it: a figure whose sentence dates its event by a year ("in
    2019", "the 2019 bombing at the market", said after any day it names) is another
    event, whatever year the page is from, and so is any figure of a page whose
    ``opening`` marks an anniversary ("Crowds gathered to commemorate ...") unless its
    own sentence is dated by a day too.
    """
    sentence = _ASIDE_RE.sub(",", sentence)
    claim_years = set(_YEAR_RE.findall(claim_text))
    if not claim_years and _NEAR_TIME_RE.search(claim_text):
        dated = [m.start() for m in _DATED_BY_YEAR_RE.finditer(sentence)]
        near = [m.start() for m in _NEAR_TIME_RE.finditer(sentence)]
        if dated and max(dated) > max(near, default=-1):
            return True  # the time said last before the figure is a year
        if (
            _RETROSPECTIVE_RE.search(opening)
            and not _RETROSPECTIVE_RE.search(claim_text)
            and not _NEAR_TIME_RE.search(sentence)
        ):
            return True
    years = set(_YEAR_RE.findall(sentence))
    if claim_years and years and not years & claim_years:
        return True  # the claim names its year; the figure's sentence names only others
    if years and not years & (claim_years | lead_years):
        latest = max(page_years | claim_years | years)
        if all(year < latest for year in years):
            return True
        if _PAST_YEAR_RE.search(sentence) and not lead_years & years:
            return True
    month = _PAST_MONTH_RE.search(sentence)
    if month and month.group(1).lower() not in claim_text.lower():
        return True  # "In March, a blast there killed 40": another month than the claim's
    return bool(_PAST_MARK_RE.search(sentence)) and not _PAST_MARK_RE.search(claim_text)


_CLAUSE_BREAK_RE = re.compile(
    r"[;:,(\u2013\u2014]|\b(?:while|whereas|but|and|with|after|as)\b", re.IGNORECASE
)
_ATTRIBUTION_RE = re.compile(
    r"\b(?:said|says|say|told|added|according\s+to|reported|estimated|announced)\b",
    re.IGNORECASE,
)


_PARENTHESIS_RE = re.compile(r"\([^()]*\)")
#: "As for Uwan, ...", "Regarding the Rusk Fire, ...": a fronted topic that the whole
#: sentence, and so every figure in it, is about.
_TOPIC_RE = re.compile(
    r"\W*(?:as\s+for|as\s+to|regarding|concerning|across|throughout)\s+((?:the\s+)?[A-Z][^,]{0,60}),",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(r"\s*(?:which|who|whose)\b", re.IGNORECASE)
#: A run of capitalised words at the end of a text ("... for the Farmers Party,").
_NAME_RUN_END_RE = re.compile(r"((?:[A-Z][\w'\u2019-]*\s+)*[A-Z][\w'\u2019-]*)\W*$")


def clause_names(sentence: str, position: int) -> set[str]:
    """The names (capitalised words, not the sentence's first) in the clause that leads
    up to ``position`` in ``sentence``, after any attribution ("Officials said ...").

    "The Liberal Alliance took 88 seats, while the Greens won 31": {"liberal", "alliance"}
    for 88 and {"greens"} for 31; the actor a figure belongs to. A figure in a "with"
    phrase or a relative clause belongs to the name before it: "the worst-hit towns were
    Lindal, with 365 dead, and Brek, with 308" gives {"lindal"} for 365 and {"brek"} for
    308; "the Farmers Party, which has 30 seats" gives {"farmers", "party"}.
    """
    # A parenthetical aside ("Uwan (international name: Fung-Wong) has ...") names no
    # actor of the clause; blanked out, so offsets stay.
    head = _PARENTHESIS_RE.sub(lambda aside: " " * len(aside.group()), sentence[:position])
    breaks = list(_CLAUSE_BREAK_RE.finditer(head))
    start = breaks[-1].end() if breaks else 0
    said = list(_ATTRIBUTION_RE.finditer(head, start))
    if said:
        start = said[-1].end()
    names = _names_in(head, start, len(head))
    topic = _TOPIC_RE.match(sentence)
    if topic and topic.end() <= position:
        # "As for Uwan, which reached super typhoon level, officials said 28 were killed"
        names |= _names_in(sentence, topic.start(1), topic.end(1))
    if not names and breaks and not said:
        # "Lindal, with 365 dead", "the Farmers Party, which has 30 seats": the phrase
        # belongs to the name right before it.
        hangs = breaks[-1].group().lower() == "with" or _RELATIVE_RE.match(head, start)
        run = _NAME_RUN_END_RE.search(head[: breaks[-1].start()]) if hangs else None
        if run:
            names = _names_in(head, run.start(1), run.end(1))
    return names


def _names_in(text: str, start: int, end: int) -> set[str]:
    """The terms of the capitalised words in ``text[start:end]``, not the text's first."""
    names = set()
    for match in _WORD_RE.finditer(text, start, end):
        word = match.group()
        if match.start() == 0 or not word[0].isupper():
            continue
        term = _term(word)
        if term:
            names.add(term)
    return names


# ------------------------------------------------------------------------------- updates

_UPDATE_UP_RE = re.compile(
    r"(?:\b(?:risen|rose|rises|rise|rising|climbed|climbs|climbing|jumped|jumps|increased|"
    r"increases|grown|grew|grows|soared|soars|surged|surges|mounted|mounts|swelled|swollen|"
    r"spiked|shot\s+up|gone\s+up|went\s+up|goes\s+up)\s+(?:to|past|above|beyond|over)"
    r"|\b(?:reached|reaches|hit|hits|passed|passes|topped|tops|exceeded|exceeds|surpassed|"
    r"surpasses|crossed|crosses))\s*$",
    re.IGNORECASE,
)
_UPDATE_DOWN_RE = re.compile(
    r"\b(?:fell|fallen|falls|dropped|drops|declined|declines|decreased|decreases|lowered|"
    r"gone\s+down|went\s+down|revised\s+down(?:wards?)?|scaled\s+back)\s+(?:to|below|under)\s*$",
    re.IGNORECASE,
)
_UPDATE_ANY_RE = re.compile(
    r"(?:\b(?:revised|updated|raised|lifted|corrected|adjusted)\b[^.;:]{0,40}?\bto"
    r"|\bnow\s+(?:stands?\s+at|at|totals?|numbers?)"
    r"|\b(?:new|latest|updated|revised)\s+(?:death\s+)?(?:toll|figure|count|tally)\s+"
    r"(?:of|is|was|stands\s+at|stood\s+at))\s*$",
    re.IGNORECASE,
)
_UP_FROM_RE = re.compile(r"^[^.;:]{0,40}?\b(up|down)\s+from\b", re.IGNORECASE)


def update_direction(before: str, after: str = "") -> str:
    """ "up", "down" or "any" when a figure is reported as a change from an earlier one.

    ``before`` is the text of its sentence up to the figure ("The death toll has risen
    to "), ``after`` what follows it (", up from 45"). "" when nothing says it is an
    update. The caller checks the direction against the claim: a toll that "has risen to
    71" makes a claim of 45 outdated, not one of 80.
    """
    before = before[-90:]
    if _UPDATE_UP_RE.search(before):
        return "up"
    if _UPDATE_DOWN_RE.search(before):
        return "down"
    if _UPDATE_ANY_RE.search(before):
        return "any"
    moved = _UP_FROM_RE.match(after)
    if moved:
        return moved.group(1).lower()
    return ""


def is_later_figure(claimed: Interval, value: Decimal, direction: str) -> bool:
    """True when ``value``, reported as an update in ``direction``, lies past the claim."""
    above = claimed.high is not None and (
        value > claimed.high or (claimed.high_open and value == claimed.high)
    )
    below = claimed.low is not None and (
        value < claimed.low or (claimed.low_open and value == claimed.low)
    )
    return (
        (direction == "up" and above)
        or (direction == "down" and below)
        or (direction == "any" and (above or below))
    )


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


_CASUALTY_WORD_RE = re.compile(
    r"\b(?:(?P<killed>killed|kill|kills|killing|dead|died|die|dies|death|deaths|toll|lives|"
    r"fatalities|perished)|(?P<injured>injured|injuring|injuries|injury|wounded|wounding|wounds|wound|hurt)|"
    r"(?P<missing>missing))\b",
    re.IGNORECASE,
)


def _sentence_casualty(figure: ClaimCandidate) -> str:
    """The casualty family governing a figure whose unit is a group noun ("including 132
    children" after "killed 141 people"): the nearest casualty word before it in its
    sentence, else the nearest after it ("13 children among at least 136 killed")."""
    sentence = figure.text
    position = figure.figure_start - figure.start if figure.figure_start >= 0 else 0
    before = [m for m in _CASUALTY_WORD_RE.finditer(sentence, 0, max(0, position))]
    match = before[-1] if before else _CASUALTY_WORD_RE.search(sentence, max(0, position))
    return (match.lastgroup or "") if match else ""


def _figure_unit(claim: ClaimFacts, figure: ClaimCandidate) -> tuple[bool, str | None]:
    """Whether a source figure is like the claim's, and its group when its unit names one.

    Like with like: the same unit family, and for money the same currency (family). A
    count whose unit is a group noun ("132 children") is a casualty count of its
    sentence's casualty word, so it is compared with a claim of that kind.
    """
    if figure.value is None:
        return False, None
    if claim.kind == "monetary_amount" or claim.currency:
        same = bool(claim.currency) and _currency_family(figure.currency) == _currency_family(
            claim.currency
        )
        return same, None
    if figure.currency or not claim.unit:
        return False, None
    if _unit_family(claim.unit) == _unit_family(figure.unit):
        return True, None
    group = group_of_unit(figure.unit)
    if group is not None and _unit_family(claim.unit) in {"killed", "injured", "missing"}:
        return _sentence_casualty(figure) == _unit_family(claim.unit), group
    return False, None


@lru_cache(maxsize=4096)
def _claim_figures(text: str) -> tuple[ClaimCandidate, ...]:
    return tuple(extract_figures(text))


def _claim_form(claim: ClaimFacts) -> tuple[str, str]:
    """The claimed figure as written in its sentence, and the group it counts."""
    for figure in _claim_figures(claim.text):
        if figure.value == claim.value and figure.figure_start >= 0:
            written = claim.text[figure.figure_start : figure.figure_end]
            if (
                figure_role(claim.text[: figure.figure_start], claim.text[figure.figure_end :])
                == "total"
            ):
                return written, "total"
            group = group_of_unit(figure.unit)
            if group is None:
                group = counted_group(claim.text, figure.figure_end, figure.figure_start)
            return written, group
    return "", ""


#: Capitalised words that name no place or actor: months, and titles before a name.
_NOT_NAMES = frozenset(
    _stem(word)
    for word in "january february march april may june july august september october "  # noqa: SIM905
    "november december president minister ministry spokesman spokeswoman spokesperson "
    "chief head director governor mayor police".split()
)


_HEAD_WORD_RE = re.compile(r"[^\W\d_][\w'-]*|[^\w\s]")


def counted_head(after: str) -> str:
    """The head noun of what a statistic counts, read after its figure: "cases" for "4,500
    cholera cases since March", "patients" for "4,500 cholera patients", "cases" for
    "4,500 cases of cholera"; "" when the figure has no noun after it.

    Two figures of the same unit ("cholera") that count different heads (cases, patients,
    beds) are different quantities."""
    head = ""
    for word in _HEAD_WORD_RE.findall(after[:60])[:4]:
        lowered = word.lower()
        if not word[0].isalpha() or lowered in _STOPWORDS or lowered in _GROUP_STOP:
            break
        if head and lowered.endswith(("ed", "ing")):
            break  # "15 seats compared with 14": a participle after the noun ends it
        head = _stem(word)
    return head


_PURPOSE_RE = re.compile(
    r"^[^.;:()]{0,25}?\b(?:for|to\s+(?:provide|fund|pay\s+for|support|help)|towards?)\s+"
    r"([^.;:()]{0,90})",
    re.IGNORECASE,
)


def spending_purpose(after: str) -> frozenset[str]:
    """What an amount is for, as content terms, read from the words after it: "$6 billion
    for weapons and training" gives {"weapon", "training"}; frozenset() when no "for ..."
    or "to provide ..." follows.

    A budget is reported as its parts ("$8.8 billion for a fund ..., about $4.3 billion
    for refugees"): two amounts with purposes that share no word are different lines of
    it, even when the numbers agree."""
    match = _PURPOSE_RE.match(after)
    if match is None:
        return frozenset()
    return frozenset(_terms(match.group(1))[:8])


_GOVERNOR_SKIP = frozenset(
    "a an the to of some about around nearly almost roughly more less than over under "  # noqa: SIM905
    "at least up total further another additional estimated also".split()
)


def governing_word(before: str) -> str:
    """The content word that governs an amount in its clause, read back from the figure:
    "was fined $" gives "fined", "ordered to forfeit $" "forfeit", "netted more than $"
    "nett" (words are stemmed); "" when the clause has none.

    What an amount is (a fine, a forfeiture, bail, damages, a pledge) is said by the verb
    or noun before it, not after it as for a count."""
    clause = re.split(r"[,;:()\u2013\u2014]|\band\b", before[-80:])[-1]
    for word in reversed(_WORD_RE.findall(clause)):
        lowered = word.lower()
        if lowered not in _GOVERNOR_SKIP:
            return _stem(lowered)
    return ""


def _claim_governor(claim: ClaimFacts) -> str:
    """The word governing the claimed amount in its own sentence (see ``governing_word``)."""
    for figure in _claim_figures(claim.text):
        if figure.value == claim.value and figure.figure_start >= 0:
            return governing_word(claim.text[: figure.figure_start])
    return ""


def _named_by(names: set[str], title_terms: set[str] | frozenset[str], text: str, end: int) -> bool:
    """Whether the page has named all of ``names`` by ``end`` (or in its title). In a
    roundup of several companies or places, a figure is about what came before it: the
    next item's name after it ("Its earnings rose to $979 million. Dow Chemical said
    ...") does not make the figure Dow's."""
    return names <= (set(title_terms) | set(key_terms(text[:end])))


def _claim_measure(claim: ClaimFacts) -> str:
    """The financial measure the claimed figure gives (see ``financial_measure``)."""
    for figure in _claim_figures(claim.text):
        if figure.value == claim.value and figure.figure_start >= 0:
            return financial_measure(claim.text[: figure.figure_start])
    return ""


def _claim_remainder(claim: ClaimFacts) -> Decimal:
    """The rest of a compound duration the claim writes (see ``compound_remainder``)."""
    for figure in _claim_figures(claim.text):
        if figure.value == claim.value and figure.figure_start >= 0:
            return compound_remainder(
                claim.text[figure.figure_start : figure.figure_end],
                claim.text[figure.figure_end :],
            )
    return Decimal(0)


def _claim_purpose(claim: ClaimFacts) -> frozenset[str]:
    """The purpose of the claimed amount in its own sentence (see ``spending_purpose``)."""
    for figure in _claim_figures(claim.text):
        if figure.value == claim.value and figure.figure_start >= 0:
            return spending_purpose(claim.text[figure.figure_end :])
    return frozenset()


#: Capitalised words that belong to many organisations' names ("Green Party", "Labor
#: Party"): they do not tell two actors apart, so they never make a figure the claim's.
_ORGANISATION_WORDS = frozenset(
    _stem(word)
    for word in "party parties alliance front union movement league bloc coalition "  # noqa: SIM905
    "congress council assembly group national democratic".split()
)


def _claim_scope(claim: ClaimFacts, money: bool) -> frozenset[str]:
    """The scope marks of the claimed figure in its own sentence (see ``scope_marks``)."""
    for figure in _claim_figures(claim.text):
        if figure.value == claim.value and figure.figure_start >= 0:
            return scope_marks(
                claim.text[: figure.figure_start],
                claim.text[figure.figure_start : figure.figure_end],
                claim.text[figure.figure_end :],
                money=money,
            )
    return frozenset()


#: Units whose figures belong to one party among several (a party's seats or votes).
_PARTY_UNITS = frozenset({"seats", "seat", "votes", "vote", "mandates"})


def _guarded_stance(
    stance: str,
    *,
    claim: ClaimFacts,
    claim_scope: frozenset[str],
    figure_scope: frozenset[str],
    relevance: float,
    named: bool,
    actors: frozenset[str],
    claim_names: set[str],
    provisional_count: bool,
    earlier: bool,
    allowed: Interval,
    value: Decimal,
    inferred_unit: bool = False,
    estimated: bool = False,
    all_named: bool = True,
    replaced: bool = False,
    nameless_ok: bool = True,
    other_place: str = "",
    claimant: str = "",
) -> tuple[str, str]:
    """Downgrade a ``supports`` or ``contradicts`` to ``mentions`` where the evidence that
    both figures count the same thing at the same time is weak; returns the stance and,
    when downgraded, why.

    Both verdicts need a figure of the same scope (no projection against an actual, no
    one day's part against a running total, no increment, rate or severity subset against
    a count, no percentage points against a percentage, no amount for another purpose; a
    confirmed count may confirm a plain claim; a side's own claim, ``claimant``, only a
    claim given as that side's too), no figure the page says it replaced
    (``replaced``: "up from a previous toll of 11") and, when the claim names a name or
    place, one of them near the figure or in the title (``named``), or failing that
    ``NAMELESS_SUPPORT`` of its wording for a confirmation, from a figure that names no
    other place or actor while the page names none of the claim's (``nameless_ok``).
    A refutation also needs all of the claim's names there (``all_named``),
    ``CONTRADICT_RELEVANCE``, no currency conversion on either side (exchange rates
    differ by date and outlet), the claim's party for a party's seats or votes, and is
    not read from a provisional count ("at least", "so far", "expected to rise") lower
    than the claim (that may only be an earlier count), from a count given as an earlier
    one, from an estimate on either side, nor from a statistic whose counted noun is
    only inferred from the words around it.
    """
    if stance not in (SUPPORTS, CONTRADICTS):
        return stance, ""
    differ = (claim_scope ^ figure_scope) - {CONVERSION, FUTURE}
    if stance == SUPPORTS and CERTAIN not in claim_scope:
        differ -= {CERTAIN}  # "16 confirmed dead" confirms "16 died"
    if stance == SUPPORTS:
        differ -= {COMBINED}  # "the combined toll is 297" confirms "they killed 297"
    if CLAIMED in differ:
        # "the group said it killed 40": one side's account. It neither confirms a claim
        # stated as fact nor refutes one; the reviewer is told whose account it is.
        return MENTIONS, f"is given only as a claim by {claimant or 'one side'}"
    if differ:
        return MENTIONS, "counts " + " and ".join(sorted(differ)) + " apart from the claim"
    if other_place:
        return MENTIONS, f"is given for {other_place}, which the claim does not name"
    if not named and (stance == CONTRADICTS or relevance < NAMELESS_SUPPORT or not nameless_ok):
        return MENTIONS, "names none of the claim's names or places near it"
    if replaced:
        # "up from a previous toll of 11", "compared with 50 on election night": the page
        # itself says the figure has been overtaken, so it neither confirms nor refutes.
        return MENTIONS, "is given as an earlier count that the page has since replaced"
    party = _unit_family(claim.unit) in _PARTY_UNITS
    if stance == SUPPORTS:
        return stance, ""
    if not all_named:
        return MENTIONS, "does not name all of the claim's names and places near it"
    if relevance < CONTRADICT_RELEVANCE:
        return MENTIONS, "shares too little with the claim to refute it"
    if CONVERSION in claim_scope | figure_scope:
        return MENTIONS, "is a currency conversion"
    if FUTURE in claim_scope ^ figure_scope:
        return MENTIONS, "is a plan or pledge, not what happened"
    if party and not actors & claim_names:
        return MENTIONS, "does not name the claim's party beside it"
    if earlier:
        return MENTIONS, "is given as an earlier count"
    if estimated:
        return MENTIONS, "or the claim's is an estimate, and estimates differ without refuting"
    if inferred_unit and not party:
        return MENTIONS, "has no noun of its own to show it counts the same thing"
    below = allowed.low is not None and value < allowed.low
    if provisional_count and below:
        return MENTIONS, "is a provisional count below the claim, perhaps an earlier one"
    return stance, ""


def _claim_head(claim: ClaimFacts) -> str:
    """The head noun after the claimed figure in its sentence (see ``counted_head``)."""
    for figure in _claim_figures(claim.text):
        if figure.value == claim.value and figure.figure_start >= 0:
            return counted_head(claim.text[figure.figure_end :])
    return ""


@dataclass(frozen=True)
class _FigureReading:
    figure: ClaimCandidate
    stance: str
    relevance: float
    rank: float
    #: The page's group when it differs from the claim's ("people" against "children").
    other_group: str | None = None
    updated: bool = False
    #: Names in the clause leading to the figure ("the Liberal Alliance took 88").
    actors: frozenset[str] = frozenset()
    #: Set when those names are another actor than the claim's.
    other_actor: str = ""
    #: Why a confirmation or refutation was held back (see ``_guarded_stance``).
    held_back: str = ""
    #: The content terms of the figure's own sentence.
    sentence_terms: frozenset[str] = frozenset()
    #: A plain count of the claim's group: no scope mark, not held back, not a change.
    plain: bool = False
    #: The page gives it as a change ("has risen to 71", "up from 45").
    moved: bool = False
    #: The page gives it as a share of a total ("Of the total, 269 were due to Tino").
    part: bool = False


#: A paragraph of at most this many sentences is one story: a figure anywhere in it is
#: judged with the whole paragraph as context, not only the sentence either side. News
#: paragraphs are short; a longer run (a page without paragraph breaks) is not trusted so.
PARAGRAPH_CONTEXT = 6


def _governed_readings(
    readings: list[_FigureReading], source_text: str, governor: str
) -> list[_FigureReading]:
    """Keep a money verdict to the amounts of the claim's kind.

    "Black was fined $6.1 million" against "ordered to forfeit $6.1 million and fined
    $125,000": when one of the page's amounts is governed by the claim's word ("fined"),
    the amounts governed by other words (a forfeiture, bail, a sum sought) are other
    sums, and neither confirm nor refute the claim."""
    if not governor:
        return readings

    def governs(reading: _FigureReading) -> str:
        figure = reading.figure
        if figure.figure_start < 0:
            return ""
        return governing_word(source_text[figure.start : figure.figure_start])

    if not any(r.relevance >= EVENT_RELEVANCE and governs(r) == governor for r in readings):
        return readings
    return [
        replace(
            r,
            stance=MENTIONS,
            updated=False,
            held_back=f"is a sum of another kind ({governs(r) or 'unnamed'}), while the page "
            f"gives the claim's kind ({governor}) elsewhere",
        )
        if _is_verdict(r) and governs(r) != governor
        else r
        for r in readings
    ]


#: "Of the total number, 269 were ...", "of them, 40 ...", "among these, 12 ...": a
#: figure the page gives as a share of the count before it.
_PART_OF_RE = re.compile(
    r"\b(?:of|among)\s+(?:the\s+total(?:\s+number)?|the\s+dead|the\s+victims|them|these|"
    r"those|whom)\s*,?\s*$",
    re.IGNORECASE,
)


#: At most how many passages open a page (title line, dateline, lead sentence): its
#: opening, where a news page names its event and gives its headline count. The opening
#: ends with the first passage of ``LEAD_SENTENCE_WORDS`` words or more, the lead.
LEAD_PASSAGES = 3
LEAD_SENTENCE_WORDS = 20


@dataclass(frozen=True)
class _Prepared:
    """What matching derives from a source text alone, shared by every claim checked on it."""

    passages: list[Passage]
    ranker: PassageRanker
    starts: list[int]
    #: Per passage, the terms of its window and, in a short paragraph, of the paragraph.
    contexts: list[frozenset[str]]
    #: The years the page names (the latest is taken as the page's own).
    years: frozenset[str] = frozenset()
    #: The years its first sentence names (a dateline, the lead).
    lead_years: frozenset[str] = frozenset()
    #: The terms of its opening (the first ``LEAD_PASSAGES`` passages) and where it ends.
    opening_terms: frozenset[str] = frozenset()
    opening_end: int = 0
    #: Every term of the page.
    page_terms: frozenset[str] = frozenset()


@lru_cache(maxsize=32)
def _prepare(source_text: str) -> _Prepared:
    """Sentence split and BM25 index of a page, cached per text (the claims of one article
    are usually checked against the same pages, one after another in the same worker)."""
    passages = split_passages(source_text)
    ranker = PassageRanker(passages)
    contexts = [frozenset(document) for document in ranker.documents]
    paragraph: list[int] = []
    for index, passage in enumerate(passages):
        paragraph.append(index)
        following = passages[index + 1].start if index + 1 < len(passages) else len(source_text)
        if index + 1 == len(passages) or "\n" in source_text[passage.end : following]:
            if 1 < len(paragraph) <= PARAGRAPH_CONTEXT:
                shared = frozenset().union(*(contexts[i] for i in paragraph))
                for member in paragraph:
                    contexts[member] = shared
            paragraph = []
    years = frozenset(_YEAR_RE.findall(source_text))
    lead = passages[0].text if passages else ""
    lead_years = frozenset(_YEAR_RE.findall(lead))
    opening = passages[:LEAD_PASSAGES]
    for index, passage in enumerate(opening):
        if len(passage.text.split()) >= LEAD_SENTENCE_WORDS:
            opening = opening[: index + 1]  # the title and dateline, then the lead sentence
            break
    return _Prepared(
        passages,
        ranker,
        [p.start for p in passages],
        contexts,
        years,
        lead_years,
        opening_terms=frozenset(_terms(" ".join(p.text for p in opening))),
        opening_end=opening[-1].end if opening else 0,
        page_terms=frozenset().union(*contexts) if contexts else frozenset(),
    )


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
    claim_written, claim_group = _claim_form(claim)
    claim_names = {term for term, weight in terms.items() if weight > 1}
    allowed = claim_interval(claim.value, claim.qualifier, claim_written)
    money = claim.kind == "monetary_amount" or bool(claim.currency)
    claim_scope = _claim_scope(claim, money)
    claim_head = _claim_head(claim) if claim.kind == "statistic" else ""
    claim_estimated = estimate(claim.text)
    claim_purpose = _claim_purpose(claim) if money else frozenset()
    claim_measure = _claim_measure(claim)
    claim_remainder = _claim_remainder(claim)
    # The page's title and lead name the event's place and actors once; a later paragraph
    # often does not repeat them.
    lead_terms = title_terms | prepared.contexts[0]
    # Who says it (", the Red Crescent said") is no name of the event.
    told = _told_names(claim.text)
    event_names = (claim_names | _opening_name(claim.text, source_text)) - _NOT_NAMES - told
    opening_terms = title_terms | prepared.opening_terms
    claim_actors = _claim_actors(claim) or claim_names
    # A page that never names the claim's places or actors (its source aside) may still
    # confirm it in the claim's own words, unless the figure's sentence names a place or
    # actor of its own: then it is another event ("40 died in the Morel delta").
    page_named = not event_names or bool(event_names & (title_terms | prepared.page_terms))
    claim_words = set(terms)
    counted = not money and _unit_family(claim.unit) in {"killed", "injured", "missing"}
    opening_text = f"{title}\n{source_text[: prepared.opening_end]}"

    # Figures are read around the best-ranked passages (see _figures_near); each is then
    # weighed by its own window, so a figure in a sentence that shares few words with the
    # claim still counts when its neighbours name the event.
    readings: list[_FigureReading] = []
    for figure in _figures_near(source_text, prepared, ranked):
        like, unit_group = _figure_unit(claim, figure)
        if not like or figure.value is None:
            continue
        located = figure.figure_start >= 0
        anchor = figure.figure_start if located else figure.start
        index = max(0, bisect.bisect_right(starts, anchor) - 1)
        relevance = event_relevance(terms, title_terms | prepared.contexts[index])
        written = source_text[figure.figure_start : figure.figure_end] if located else ""
        role = (
            figure_role(
                source_text[figure.start : figure.figure_start],
                source_text[figure.figure_end : figure.end],
            )
            if located
            else ""
        )
        if role == "denominator":
            continue  # "per 100,000": the size of a population, not a count of anything
        qualifier = figure.qualifier
        if role == "more_than" and (qualifier or "exact") == "exact":
            qualifier = "more_than"  # "topped $1 trillion" is a lower bound
        # "2 years and 6 months": compare the whole duration, not its first part.
        whole = figure.value + (
            compound_remainder(written, source_text[figure.figure_end : figure.end])
            if located
            else 0
        )
        stance = compare_figures(
            claim.value + claim_remainder,
            claim.qualifier,
            whole,
            qualifier,
            claim_written=claim_written,
            source_written=written,
        )
        lead_years = prepared.lead_years | frozenset(_YEAR_RE.findall(title))
        # The time a figure is about is said before it in its sentence ("In 2019, a flood
        # killed 40") or in its own clause after it ("up from 19 four years ago").
        after = source_text[figure.figure_end : figure.end] if located else ""
        own_time = (
            source_text[figure.start : figure.figure_start] + _CLAUSE_BREAK_RE.split(after, 1)[0]
            if located
            else figure.text
        )
        if stance != MENTIONS and other_time(
            own_time, claim.text, prepared.years, lead_years, opening_text
        ):
            # The same kind of figure for another year ("in 2019 a flood there killed
            # 40"): not about the claim's event, so it cannot confirm or refute it.
            relevance = min(relevance, MENTION_RELEVANCE)
        other_group: str | None = None
        updated = False
        # "451 in Cebu": a figure given for a place the claim and the page's opening do
        # not name is that place's share, not the claim's figure.
        # "As for Uwan, ... 28 were killed": the sentence's fronted topic, when the claim
        # does not name it, is whose figure it is.
        elsewhere = ""
        if located and counted:
            place = figure_place(source_text[figure.figure_end : figure.end])
            if place and not place & (event_names | set(terms) | opening_terms):
                elsewhere = " ".join(sorted(place))
        topic = _TOPIC_RE.match(figure.text) if located else None
        if topic and topic.end() <= figure.figure_start - figure.start:
            named_topic = _names_in(figure.text, topic.start(1), topic.end(1)) - _NOT_NAMES
            if named_topic and not named_topic & set(terms):
                elsewhere = " ".join(sorted(named_topic))
        figure_scope = (
            scope_marks(
                source_text[figure.start : figure.figure_start],
                written,
                source_text[figure.figure_end : figure.end],
                money=money,
            )
            if located
            else frozenset()
        )
        # Revenue against profit is another quantity, never a later or earlier reading.
        measure = financial_measure(source_text[figure.start : figure.figure_start])
        other_measure = bool(claim_measure and located and measure and measure != claim_measure)
        if other_measure:
            figure_scope = figure_scope | {f"another measure ({measure})"}
        actors: frozenset[str] = frozenset()
        if located and claim_names:
            actors = (
                frozenset(clause_names(figure.text, figure.figure_start - figure.start))
                - _ORGANISATION_WORDS
            )
        group = "total" if role == "total" else unit_group
        if group is None:
            group = (
                counted_group(source_text, figure.figure_end, figure.figure_start)
                if located
                else ""
            )
        if not money and group != claim_group:
            # A sub-group or super-group of the claim's: neither confirms nor refutes it.
            # A nationality against everyone ("413 Palestinians", "413 people") is usually
            # the same count, so it may support, but is never enough to contradict.
            loose = not (group and claim_group) and is_nationality(group or claim_group)
            if not (loose and stance == SUPPORTS):
                other_group = group
                stance = MENTIONS
        elif (
            stance == CONTRADICTS
            and located
            and role != "earlier"
            and not figure_scope & {PROJECTION, FUTURE}
            and not other_measure
            and COMBINED not in figure_scope - claim_scope
            and event_names <= (lead_terms | prepared.contexts[index])
            and _named_by(event_names, title_terms, source_text, figure.end)
            and not elsewhere
            # "the governing party fell to 49 seats": another actor's figure moved, not the
            # claim's ("won 68 seats"), even when the page's lead names the claim's actor.
            and not (actors and not actors & claim_actors)
        ):
            direction = update_direction(
                source_text[figure.start : figure.figure_start],
                source_text[figure.figure_end : figure.end],
            )
            updated = bool(direction) and is_later_figure(allowed, figure.value, direction)
        held_back = ""
        if not updated and stance in (SUPPORTS, CONTRADICTS):
            inferred = False
            if claim_head and located:
                head = counted_head(source_text[figure.figure_end : figure.end])
                if head and head != claim_head and head != _stem(claim.unit or ""):
                    figure_scope = figure_scope | {f"other things ({head})"}
                # No noun after the page's figure: its unit was read from the words around
                # it, which is enough to confirm but not to refute.
                inferred = not head
            if claim_purpose and located:
                purpose = spending_purpose(source_text[figure.figure_end : figure.end])
                if purpose and not purpose & claim_purpose:
                    figure_scope = figure_scope | {"another purpose"}
            stance, held_back = _guarded_stance(
                stance,
                claim=claim,
                claim_scope=claim_scope,
                figure_scope=figure_scope,
                relevance=relevance,
                named=not event_names
                or bool(event_names & (lead_terms | prepared.contexts[index])),
                all_named=event_names <= (lead_terms | prepared.contexts[index]),
                other_place=elsewhere,
                nameless_ok=page_named
                or not (_sentence_names(figure.text) - claim_words - _NOT_NAMES),
                actors=actors,
                claim_names=claim_actors,
                provisional_count=counted
                and provisional(source_text[figure.start : figure.end + PROVISIONAL_REACH]),
                earlier=located
                and earlier_count(
                    source_text[figure.start : figure.figure_start],
                    source_text[figure.figure_end : figure.end],
                ),
                replaced=role == "earlier"
                or (
                    located
                    and replaced_count(
                        source_text[figure.start : figure.figure_start],
                        source_text[figure.figure_end : figure.end],
                    )
                ),
                allowed=allowed,
                value=figure.value,
                inferred_unit=inferred,
                estimated=claim_estimated or estimate(figure.text),
                claimant=claimed_by(
                    source_text[figure.start : figure.figure_start],
                    source_text[figure.figure_end : figure.end],
                )
                if CLAIMED in figure_scope
                else "",
            )
        moved = located and bool(
            update_direction(
                source_text[figure.start : figure.figure_start],
                source_text[figure.figure_end : figure.end],
            )
        )
        readings.append(
            _FigureReading(
                figure,
                stance,
                relevance,
                rank_score.get(index, 0.0),
                other_group,
                updated,
                actors=actors,
                held_back=held_back,
                sentence_terms=frozenset(_terms(figure.text)),
                plain=located
                and not figure_scope
                and not held_back
                and other_group is None
                and role == "",
                moved=moved,
                part=located
                and bool(_PART_OF_RE.search(source_text[figure.start : figure.figure_start])),
            )
        )

    # Parallel figures for several actors ("the Liberal Alliance took 88 seats, while the
    # Greens won 31"): when one figure's clause names the claim's actor, the figures whose
    # clauses name another actor belong to that actor and neither support nor refute.
    if any(r.actors & claim_actors for r in readings if r.relevance >= EVENT_RELEVANCE):
        readings = [
            replace(r, stance=MENTIONS, other_actor=" ".join(sorted(r.actors)))
            if r.stance in (SUPPORTS, CONTRADICTS) and r.actors and not r.actors & claim_actors
            else r
            for r in readings
        ]
    # The page's opening (title and first passages) names its own event.
    opening = title_terms | prepared.opening_terms
    readings = _placed_readings(readings, event_names - opening)
    if money:
        readings = _governed_readings(readings, source_text, _claim_governor(claim))
    if counted:
        readings = _lead_readings(readings, prepared, opening, event_names, claim.unit)
    on_event = [r for r in readings if r.relevance >= EVENT_RELEVANCE]
    # A later figure for the same event wins even over the claimed figure on the same
    # page: the page itself says the claimed figure has been overtaken.
    later = [r for r in on_event if r.updated]
    if later:
        best = max(later, key=_strength)
        return _result(
            CONTRADICTS,
            best,
            f"The source reports a later figure for the same event, {_found(best, claim)}, "
            f"past {claimed}: the claim may be outdated.",
            updated=True,
        )
    # A source that states the claimed figure supports it; the reviewer sees any other
    # figure it gives in the explanation.
    for wanted in (SUPPORTS, CONTRADICTS):
        chosen = [r for r in on_event if r.stance == wanted]
        if chosen:
            best = max(chosen, key=_strength)
            if wanted == CONTRADICTS:
                unread = _unread_claimed_number(claim_written, source_text, prepared, terms)
                if unread is not None:
                    # The page writes the claimed number about the event in words the
                    # extractor could not read (inside a quote, say): unsure, so no verdict.
                    return MatchResult(
                        MENTIONS,
                        passage=unread.text,
                        passage_start=unread.start,
                        passage_end=unread.end,
                        score=round(best.relevance * EVENT_RELEVANCE, 3),
                        explanation=(
                            f"The source writes the claimed number in a passage about the "
                            f"same event, in a form that could not be compared; elsewhere it "
                            f"says {_found(best, claim)}."
                        ),
                    )
                claimed_there = [
                    r
                    for r in on_event
                    if r.stance == MENTIONS and r.figure.value in allowed and r is not best
                ]
                if claimed_there:
                    # The page gives the claimed number for this kind of count, held back
                    # as another group, actor or scope: which of its figures the claim
                    # took is unclear, so no refutation.
                    own = max(claimed_there, key=_strength)
                    return _result(
                        MENTIONS,
                        own,
                        f"The source gives {_found(own, claim)} "
                        f"({_held_reason(own, claim_group)}) and elsewhere says "
                        f"{_found(best, claim)}: it neither confirms nor refutes {claimed}.",
                    )
            others = sorted(
                {
                    _found(r, claim)
                    for r in on_event
                    if r.stance != wanted and r.other_group is None and not r.other_actor
                }
            )
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
        if best.other_actor:
            explanation = (
                f"The source gives {_found(best, claim)} for another party named beside "
                f"it ({best.other_actor}), which neither confirms nor refutes {claimed}."
            )
        elif best.held_back:
            explanation = (
                f"The source says {_found(best, claim)}, but that figure {best.held_back}, "
                f"so it neither confirms nor refutes {claimed}."
            )
        elif best.other_group is not None:
            page_group = best.other_group or "everyone counted"
            explanation = (
                f"The source gives {_found(best, claim)} for {page_group}, not for "
                f"{claim_group or 'everyone counted'} as the claim does: a different group, "
                f"which neither confirms nor refutes {claimed}."
            )
        else:
            explanation = (
                f"The source says {_found(best, claim)}, which fits {claimed} "
                "but is too loose to confirm it."
            )
        return _result(MENTIONS, best, explanation)

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
    if event_relevance(terms, title_terms | prepared.contexts[best_index]) >= EVENT_RELEVANCE:
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


_DIGITS_RE = re.compile(r"\d[\d,.]*\d")


def _unread_claimed_number(
    written: str, source_text: str, prepared: _Prepared, terms: dict[str, float]
) -> Passage | None:
    """A passage about the event that writes the claim's number (4+ characters, so
    "100,000" but not "45"), found as text rather than by the extractor."""
    digits = _DIGITS_RE.search(written)
    if digits is None or len(digits.group()) < 4:
        return None
    pattern = re.compile(r"(?<![\d,.])" + re.escape(digits.group()) + r"(?![\d]|[,.]\d)")
    for found in pattern.finditer(source_text):
        index = max(0, bisect.bisect_right(prepared.starts, found.start()) - 1)
        if event_relevance(terms, set(prepared.contexts[index])) >= EVENT_RELEVANCE:
            return prepared.passages[index]
    return None


_PLACE_AFTER_RE = re.compile(
    r"^[^.;:,()\u2013\u2014\d]{0,50}?\b(?:in|from|at)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?"
    r"(?:of\s+)?((?:[A-Z][\w'\u2019-]*)(?:\s+(?:del\s+|de\s+)?[A-Z][\w'\u2019-]*)*)"
)


def figure_place(after: str) -> set[str]:
    """The place a figure is given for, named after it in its clause and before any other
    number: "451 in Cebu" gives {"cebu"}, "40 took place in the city of Maguindanao"
    {"maguindanao"}, "170 deaths were reported from the Visayas region" {"visayas"};
    set() when no place follows ("141 people were killed")."""
    match = _PLACE_AFTER_RE.match(after[:80])
    if match is None:
        return set()
    return {term for term in map(_term, _WORD_RE.findall(match.group(1))) if term} - _NOT_NAMES


def _opening_name(claim_text: str, source_text: str) -> set[str]:
    """The claim's first word as a name ("Kerala floods killed 40"), when the page never
    writes it in lower case; ``key_terms`` cannot tell a name from a common word at the
    start of a sentence, but the page can ("Floods" appears there as "floods")."""
    first = _WORD_RE.search(claim_text)
    if first is None or not first.group()[0].isupper() or first.start() > 2:
        return set()
    term = _term(first.group())
    lowered = first.group().lower()
    if not term or re.search(r"\b" + re.escape(lowered) + r"\b", source_text):
        return set()
    return {term}


_TOLD_RE = re.compile(
    r",[^,]{0,60}?\b(?:said|says|told|added|reported|announced)\b[^,.;]*\W*$"
    r"|\baccording\s+to\b[^,.;]*"
    r"|^\W*(?:[\w'.\u2019-]+\s+){0,6}?(?:said|says|told)\b",
    re.IGNORECASE,
)


def _sentence_names(sentence: str) -> set[str]:
    """The names a sentence gives outside its attribution ("At least 40 died in the Morel
    delta, officials said": {"morel"})."""
    return _names_in(sentence, 0, len(sentence)) - _told_names(sentence)


def _told_names(claim_text: str) -> set[str]:
    """The names in the claim's attribution ("..., the Tarvia Red Crescent said", "according
    to Reuters"): who says it, which a page reporting the same event may not repeat."""
    names: set[str] = set()
    for match in _TOLD_RE.finditer(claim_text):
        names |= _names_in(claim_text, match.start(), match.end())
    return names


def _claim_actors(claim: ClaimFacts) -> set[str]:
    """The names in the claim's own clause before its figure ("The Green Party has 15
    seats in New Zealand's parliament": {"green"}), without organisation words; the actor
    the figure belongs to, as opposed to the place it happened."""
    for figure in _claim_figures(claim.text):
        if figure.value == claim.value and figure.figure_start >= 0:
            return clause_names(claim.text, figure.figure_start) - _ORGANISATION_WORDS
    return set()


def _is_verdict(reading: _FigureReading) -> bool:
    return reading.stance in (SUPPORTS, CONTRADICTS) or reading.updated


def _placed_readings(readings: list[_FigureReading], specific: set[str]) -> list[_FigureReading]:
    """Keep the verdict to the figures given for the claim's own place or actor.

    ``specific`` are the claim's names that the page's lead does not give ("North
    Carolina" on a page about floods across the south-east). When one sentence names
    them all beside a figure of the claim's group, that is the claim's figure (even when
    it is itself held back); figures in sentences naming none of them are the wider
    story's (the region's toll) and neither confirm nor refute.
    """
    if not specific or not any(
        r.other_group is None
        and not r.other_actor
        and r.relevance >= EVENT_RELEVANCE
        and specific <= r.sentence_terms
        for r in readings
    ):
        return readings
    return [
        replace(
            r,
            stance=MENTIONS,
            updated=False,
            held_back="is given for the page's wider story, while another of its sentences "
            "gives the figure for the claim's place or actor",
        )
        if _is_verdict(r) and not specific & r.sentence_terms
        else r
        for r in readings
    ]


def _lead_readings(
    readings: list[_FigureReading],
    prepared: _Prepared,
    opening: set[str],
    event_names: set[str],
    unit: str | None,
) -> list[_FigureReading]:
    """Keep a casualty verdict to the count the page leads with.

    A news page leads with its event's toll; a different count of the same unit and group
    further down, not given as a change ("has risen to"), is usually another event ("on
    Thursday eight were killed in a similar attack"), an earlier one or a part ("Nova
    Friburgo, with 365 dead"). Such a figure neither confirms nor refutes the claim,
    unless its sentence names a place or actor of the claim that the lead does not (the
    claim is about that part) or the page gives it as a share of a total ("Of the total,
    269 were due to Tino").
    """
    lead_end = prepared.opening_end
    leads = [
        r
        for r in readings
        if r.plain and r.figure.figure_start < lead_end and r.relevance >= EVENT_RELEVANCE
    ]
    if not leads:
        return readings
    result = []
    for r in readings:
        value = r.figure.value
        if (
            value is not None
            and r.stance in (SUPPORTS, CONTRADICTS)
            and not r.updated
            and not r.moved
            and not r.part
            and r.figure.figure_start >= lead_end
            and not (event_names & r.sentence_terms) - opening
            and not any(
                value in confirming_interval(lead.figure.value or Decimal(0), lead.figure.qualifier)
                for lead in leads
            )
        ):
            led = describe_figure(
                leads[0].figure.value or Decimal(0), leads[0].figure.qualifier, unit, None
            )
            r = replace(
                r,
                stance=MENTIONS,
                held_back=f"differs from the count the page leads with ({led}), so it may "
                "be about another event or only part of this one",
            )
        result.append(r)
    return result


def _held_reason(reading: _FigureReading, claim_group: str) -> str:
    """Why a figure of the claim's unit was read as neither confirming nor refuting."""
    if reading.other_actor:
        return f"for another party, {reading.other_actor}"
    if reading.other_group is not None:
        return f"for {reading.other_group or 'everyone counted'}, not {claim_group or 'everyone'}"
    return f"but it {reading.held_back}" if reading.held_back else "loosely"


def _strength(reading: _FigureReading) -> tuple[float, float]:
    return (reading.relevance, reading.rank)


def _found(reading: _FigureReading, claim: ClaimFacts) -> str:
    figure = reading.figure
    return describe_figure(figure.value or Decimal(0), figure.qualifier, claim.unit, claim.currency)


def _result(
    stance: str, reading: _FigureReading, explanation: str, *, updated: bool = False
) -> MatchResult:
    figure = reading.figure
    return MatchResult(
        stance,
        passage=figure.text,
        passage_start=figure.start,
        passage_end=figure.end,
        found_value=figure.value,
        score=round(reading.relevance, 3),
        explanation=explanation,
        updated=updated,
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


#: Words dropped before speakers are compared: titles, roles and articles, so "Foreign
#: Minister Ali Haidar", "Mr Haidar" and "Haidar" are one speaker.
_SPEAKER_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend father sister
    president vice prime minister ministers secretary general gen lt col colonel maj major
    capt captain sgt sergeant adm admiral cmdr commander chief spokesman spokeswoman
    spokesperson senator sen rep representative congressman congresswoman governor gov
    mayor judge justice ambassador king queen prince princess sheikh imam pope cardinal
    bishop deputy foreign interior health defence defense finance home state former acting
    interim assistant associate director head the a an of for his her its their
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
_SPEAKER_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019.-]*")
#: rapidfuzz ratio at or above which two surnames are one spelling ("Hasan", "Hassan").
SURNAME_SIMILARITY = 85.0


def speaker_key(name: str) -> list[str]:
    """The words of a speaker's name that identify them: lower case, titles stripped."""
    words = []
    for word in _SPEAKER_WORD_RE.findall(name or ""):
        word = word.lower().replace("\u2019", "'").strip(".'-")
        if word.endswith("'s"):
            word = word[:-2]
        if word and word not in _SPEAKER_TITLES:
            words.append(word)
    return words


def same_speaker(first: str, second: str) -> bool:
    """Whether two speaker names are one person or body, tolerantly.

    Titles and roles are stripped ("Dr. Maria Olsen" = "Olsen"), and two names agree
    when their surnames are spelled alike or one name's words are all in the other
    ("Ban Ki-moon" = "Ban"; "the Health Ministry" = "health ministry"). A name with
    nothing left after stripping cannot disagree with anyone.
    """
    a, b = speaker_key(first), speaker_key(second)
    if not a or not b:
        return True
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    return fuzz.ratio(a[-1], b[-1]) >= SURNAME_SIMILARITY


#: How far before a quote the page is read again to attribute it (the speaker may be
#: named a paragraph or two earlier and referred to by a pronoun).
SPEAKER_CONTEXT = 1500


_SPEECH_VERBS = r"(?:said|says|told|added|warned|stated|wrote|declared|insisted|noted)"
_NAME = r"((?:[A-Z][\w'\u2019-]+\s+){0,3}[A-Z][\w'\u2019-]+)"
#: "Ban recently said that ..." right before the opening quotation mark.
_SAID_BEFORE_RE = re.compile(
    _NAME + r"\s+(?:\w+ly\s+)?" + _SPEECH_VERBS + r"(?:\s+that)?\s*[:,]?\s*$"
)
#: "..." said Col. Ann Ruiz / "..." Ruiz said, right after the closing mark.
_SAID_AFTER_RE = re.compile(
    r"^\s*,?\s*(?:"
    + _SPEECH_VERBS
    + r"\s+(?:[A-Z][a-z]{0,4}\.\s+)?"
    + _NAME
    + r"|"
    + _NAME
    + r"\s+"
    + _SPEECH_VERBS
    + r")\b"
)


def _adjacent_speaker(source_text: str, mark_start: int, mark_end: int) -> str | None:
    """A name the page puts right next to a quote with a speech verb, if any.

    This is the plainest attribution there is, so it overrides the extractor's running
    resolution when the two disagree (the extractor can carry a speaker on too far).
    """
    before = _SAID_BEFORE_RE.search(source_text[max(0, mark_start - 80) : mark_start])
    if before:
        return before.group(1)
    after = _SAID_AFTER_RE.match(source_text[mark_end : mark_end + 80])
    if after:
        name = after.group(1) or after.group(2)
        if name and name.split()[0] not in {"He", "She", "They", "It", "We", "I"}:
            return name
    return None


def _page_speaker(source_text: str, start: int, end: int) -> str | None:
    """Who the page says spoke the words at ``[start, end)``.

    The claim extractor reads the page around the quote (pronouns need the running
    text); a name right next to the quotation marks with a speech verb wins over it.
    """
    begin = max(0, start - SPEAKER_CONTEXT)
    if begin:
        paragraph = source_text.find("\n", begin, start)
        begin = paragraph + 1 if paragraph >= 0 else begin
    region_end = min(len(source_text), end + 400)
    for claim in extract_claims(source_text[begin:region_end]):
        if claim.kind != "quote" or claim.figure_start < 0:
            continue
        if claim.figure_start + begin <= end and claim.figure_end + begin >= start:
            adjacent = _adjacent_speaker(
                source_text, claim.figure_start + begin, claim.figure_end + begin
            )
            if claim.speaker and (adjacent is None or same_speaker(adjacent, claim.speaker)):
                quote_start, quote_end = claim.figure_start + begin, claim.figure_end + begin
                rival = _pronoun_rival(source_text, quote_start, quote_end, claim.speaker)
                return rival or claim.speaker  # the extractor's name is the fuller one
            return adjacent
    return None


_PRONOUN_AFTER_RE = re.compile(
    r"^\W{0,4}\s*(?:he|she)\s+(?:\w+ly\s+)?" + _SPEECH_VERBS + r"\b", re.IGNORECASE
)
_PRONOUN_BEFORE_RE = re.compile(
    r"\b(?:he|she)\s+(?:\w+ly\s+)?" + _SPEECH_VERBS + r"(?:\s+that)?\s*[:,]?\s*\W{0,2}$",
    re.IGNORECASE,
)
#: A person named as the subject of a verb: "Miliband apologised", "Haidar told".
_SUBJECT_RE = re.compile(
    r"\b([A-Z][a-z][\w'\u2019-]*(?:\s+[A-Z][a-z][\w'\u2019-]*){0,2})\s+(?:\w+ly\s+)?"
    r"(?:" + _SPEECH_VERBS + r"|[a-z]{3,}ed)\b"
)


def _pronoun_rival(source_text: str, start: int, end: int, speaker: str) -> str | None:
    """Another person a "he said" / "she said" quote more likely belongs to.

    A pronoun takes the person named most recently in the running text, not the speaker
    of the quote before. When the page attributes the quote at ``[start, end)`` by a
    pronoun and, after the last mention of ``speaker``, names someone else as the
    subject of a verb ("Miliband apologised ..."), that person is returned."""
    after = source_text[end : end + 40]
    before = source_text[max(0, start - 40) : start]
    if not (_PRONOUN_AFTER_RE.match(after) or _PRONOUN_BEFORE_RE.search(before)):
        return None
    surname = speaker_key(speaker)[-1:] or [speaker.lower()]
    region_start = max(0, start - SPEAKER_CONTEXT)
    last = source_text.lower().rfind(surname[0], region_start, start)
    region = source_text[(last + len(surname[0])) if last >= 0 else region_start : start]
    region = re.sub(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]", " ", region)  # quoted words
    subjects = [
        m.group(1)
        for m in _SUBJECT_RE.finditer(region)
        if m.group(1).split()[0] not in {"The", "He", "She", "It", "They", "We", "I", "But"}
    ]
    if subjects and not same_speaker(subjects[-1], speaker):
        return subjects[-1]
    return None


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


def _verbatim(
    claim: ClaimFacts, source_text: str, start: int, end: int, page_speaker: str | None
) -> MatchResult:
    """The page carries the quoted words at ``[start, end)``: support, unless the page
    gives them to someone else."""
    p_start, p_end = _sentence_around(source_text, start, end)
    if claim.speaker and page_speaker and not same_speaker(claim.speaker, page_speaker):
        # The right words in the wrong mouth: how misattributed quotes spread.
        return MatchResult(
            MENTIONS,
            passage=source_text[p_start:p_end],
            passage_start=p_start,
            passage_end=p_end,
            score=0.5,
            explanation=(
                f"The source carries the quote word for word but attributes it to "
                f"{page_speaker}, not {claim.speaker}."
            ),
        )
    if page_speaker:
        note = f", attributed to {claim.speaker or page_speaker}"
    else:
        note = _speaker_note(claim, source_text[max(0, p_start - 300) : p_end + 300])
    return MatchResult(
        SUPPORTS,
        passage=source_text[p_start:p_end],
        passage_start=p_start,
        passage_end=p_end,
        score=1.0,
        explanation=f"The source carries the quote word for word{note}.",
    )


def _word_key(text: str) -> str:
    """Words only, case-folded: "We will appeal," and "we will appeal" are one key."""
    return " ".join(re.findall(r"\w+", text.casefold()))


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_GAP_SAID_RE = re.compile(
    r"^(?:the\s+)?(?P<before>[\w.'\u2019 -]{2,60}?)\s+" + _SPEECH_VERBS + r"\b"
    r"|^" + _SPEECH_VERBS + r"\s+(?:the\s+)?(?P<after>[\w.'\u2019 -]{2,60}?)"
    r"(?:\s+(?:in|on|at|to|from|during|after|before|when|while)\b|$)",
    re.IGNORECASE,
)


def _gap_speaker(gap: str) -> str | None:
    """The speaker named in the attribution that splits a quote ("the port authority said
    in a statement"), or None for a pronoun or nothing."""
    text = gap.strip(" ,;:-\u2013\u2014\"'\u201c\u201d\u2018\u2019\n")
    match = _GAP_SAID_RE.match(text)
    if match is None:
        return None
    name = (match.group("before") or match.group("after") or "").strip()
    if not name or name.lower() in _PRONOUNS:
        return None
    return name


#: At most this many characters of attribution between the two halves of a split quote.
SPLIT_ATTRIBUTION = 120


def _split_quote(wanted: str, source_text: str, near: int) -> tuple[int, int, str | None] | None:
    """The page's quote around ``near`` that, joined across its attribution ("We will
    appeal," she said, "and we will win."), is the claimed quote: its span and speaker.

    The page's quotes are read with the claim extractor; two quotes split only by a short
    attribution are joined, whether or not the extractor joined them itself.
    """
    key = _word_key(wanted)
    begin = max(0, near - SPEAKER_CONTEXT)
    region_end = min(len(source_text), near + SPEAKER_CONTEXT)
    quotes = [
        c
        for c in extract_claims(source_text[begin:region_end])
        if c.kind == "quote" and c.quote and c.figure_start >= 0
    ]
    spans = [(c.figure_start, c.figure_end, _word_key(c.quote or ""), c.speaker) for c in quotes]
    for (a_start, a_end, a_key, a_speaker), (b_start, b_end, b_key, b_speaker) in zip(
        spans, [*spans[1:], (-1, -1, "", None)], strict=True
    ):
        joined = [(a_start, a_end, a_key, a_speaker)]
        gap = source_text[begin + a_end : begin + b_start] if b_start >= 0 else ""
        if b_start >= 0 and len(gap) <= SPLIT_ATTRIBUTION and not re.search(r"[.!?]\s", gap):
            named = _gap_speaker(gap) or a_speaker or b_speaker
            joined.append((a_start, b_end, f"{a_key} {b_key}", named))
        for start, end, text, speaker in joined:
            if key and key in text:
                start, end = start + begin, end + begin
                adjacent = _adjacent_speaker(source_text, start, end)
                if speaker and (adjacent is None or same_speaker(adjacent, speaker)):
                    return start, end, speaker
                return start, end, adjacent or speaker
    return None


def _match_quote(claim: ClaimFacts, source_text: str) -> MatchResult:
    wanted = normalise_quote(claim.quote or "")
    if not wanted:
        return MatchResult(NOT_FOUND, explanation="The claim has no quoted words to look for.")
    haystack, origin = _normalise_with_map(source_text)
    position = haystack.find(wanted)
    if position >= 0:
        start = origin[position]
        end = origin[position + len(wanted) - 1] + 1
        return _verbatim(claim, source_text, start, end, _page_speaker(source_text, start, end))
    if len(wanted) < MIN_FUZZY_QUOTE or not haystack:
        return MatchResult(NOT_FOUND, explanation="The source does not carry the quote.")
    # A quote split by its attribution: look where its first words are.
    opening = " ".join(_word_key(wanted).split()[:4])
    anchor = _word_key(source_text).find(opening) if len(opening.split()) == 4 else -1
    if anchor >= 0:
        head = haystack.find(" ".join(wanted.split()[:2]))
        split = _split_quote(wanted, source_text, origin[head] if head >= 0 else 0)
        if split is not None:
            return _verbatim(claim, source_text, *split)
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
    page_speaker = _page_speaker(source_text, start, end)
    attribution = ""
    if claim.speaker and page_speaker and not same_speaker(claim.speaker, page_speaker):
        attribution = f"; it attributes the words to {page_speaker}, not {claim.speaker}"
    return MatchResult(
        MENTIONS,
        passage=source_text[p_start:p_end],
        passage_start=p_start,
        passage_end=p_end,
        score=round(alignment.score / 100, 3),
        explanation=f"The source has a close but different wording: {differences}{attribution}.",
    )


# ---------------------------------------------------------------------------------- entry


#: How an unread page's fetch status (DESIGN §6 names) reads in an explanation.
_FETCH_FAILURES = {
    "pending": "not fetched",
    "blocked": "blocked by the address rules",
    "unreachable": "unreachable",
    "http_error": "HTTP error",
    "too_large": "too large",
    "unsupported_type": "unsupported type",
}


def match_claim(
    claim: ClaimLike | ClaimFacts | Any,
    source_text: str,
    *,
    title: str = "",
    fetch_status: str = "ok",
    fetch_error: str = "",
) -> MatchResult:
    """What ``source_text`` says about ``claim``. Never raises on odd input.

    ``title`` (the page title) counts as context for every passage when judging whether
    a passage is about the same event. A ``fetch_status`` other than ``ok`` means the page
    could not be read: the result has no stance (``UNREAD``), only an explanation that
    says why (with ``fetch_error``), whatever text was passed.
    """
    if fetch_status != "ok":
        failure = _FETCH_FAILURES.get(fetch_status, fetch_status or "not fetched")
        reason = f": {fetch_error}" if fetch_error else ""
        return MatchResult(
            UNREAD, explanation=f"The page could not be read ({failure}){reason}"[:1000]
        )
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
