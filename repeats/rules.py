"""Is one claim a repeat of another? Pure rules over two claims, no Django.

The desk should never check the same toll or quote twice, so a new claim is compared
with earlier claims of other articles. The comparison reuses what source matching
already knows (``verification.matching``): qualifier intervals, unit and currency
families, key terms and quote normalisation. Nothing here reads a database; the
candidates come from indexed lookups in ``repeats.selectors``.

* Quotes repeat when their normalised words are (nearly) the same, tolerant of a quote
  trimmed or extended by the other outlet, and the speakers are compatible. A different
  quote by the same speaker is not a repeat; the same words from another speaker are not
  either. An unknown speaker on one side is accepted only for a very close, long quote.
* Figures repeat when kind and unit family (or currency) agree, both sentences are about
  the same event (shared key terms, names and places; article dates close together) and
  the values are compatible under both qualifiers (``same_figure``). A different value
  about the same event is an ``updated_figure``: the earlier claim may be outdated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from rapidfuzz import fuzz

from claims.extraction.lexicon import ORG_WORDS
from verification.matching import (
    FIGURE_KINDS,
    ClaimFacts,
    Interval,
    claim_interval,
    currency_family,
    event_relevance,
    key_terms,
    normalise_quote,
    unit_family,
)

SAME_QUOTE = "same_quote"
SAME_FIGURE = "same_figure"
UPDATED_FIGURE = "updated_figure"
REASONS = (SAME_QUOTE, SAME_FIGURE, UPDATED_FIGURE)

#: rapidfuzz partial ratio (0-100) two quotes of compatible speakers must reach.
QUOTE_SIMILARITY = 88.0
#: With an unknown speaker on one side the words must be nearly identical, and long.
QUOTE_SIMILARITY_UNKNOWN_SPEAKER = 97.0
QUOTE_MIN_WORDS_UNKNOWN_SPEAKER = 8
#: Below this many words a quote is too generic for a partial match: exact words only.
QUOTE_MIN_WORDS_PARTIAL = 5
#: Mean share of each sentence's key-term weight found in the other's context (its
#: article title and neighbouring sentences). Tuned on eval/matching/pairs.json.
EVENT_RELEVANCE = 0.55
#: A different value claims more than a repeat does, so the event test is stricter.
UPDATE_RELEVANCE = 0.65
#: Neither direction may fall below this: a thin sentence ("At least 110 people were
#: wounded.") must not vouch for a long one on a single shared word.
EVENT_FLOOR = 0.25
#: How far above "at least N" (below "fewer than N") a repeat may go: an open interval
#: overlaps every other one above it, but "at least 14 injured" does not repeat "at least
#: 110 injured".
OPEN_BOUND_REACH = Decimal("0.10")
#: Articles further apart than this are about different events (or a later anniversary).
EVENT_WINDOW_DAYS = 10
#: Candidate values for an update lie within this factor of the claimed figure.
UPDATE_VALUE_FACTOR = Decimal(4)


@dataclass(frozen=True)
class ClaimSide(ClaimFacts):
    """One claim as the rules see it: the facts matching reads, plus the article's title
    and date."""

    title: str = ""
    published_on: date | None = None
    #: The article title and the text around the claim (a sentence or two either side).
    context: str = ""

    @property
    def around(self) -> str:
        return self.context or f"{self.title}\n{self.text}"


@dataclass(frozen=True)
class Repeat:
    """A claim repeats an earlier one: why, how sure (0-1), and a readable sentence."""

    reason: str
    score: float
    explanation: str


# ---------------------------------------------------------------------------- keys


def figure_family(kind: str, unit: str | None, currency: str | None) -> str:
    """The like-with-like key of a figure: its currency family for money, else its unit
    family ("" when the figure has neither and so cannot be compared)."""
    if kind not in FIGURE_KINDS:
        return ""
    if kind == "monetary_amount" or currency:
        family = currency_family(currency)
        return f"{kind}:cur:{family}" if family else ""
    family = unit_family(unit)
    return f"{kind}:{family}" if family else ""


def quote_key(quote: str | None) -> str:
    """The stored form of a quote for lookups: ``normalise_quote`` (case, marks, spaces)."""
    return normalise_quote(quote or "")


_TITLES = frozenset(
    """
    mr mrs ms dr sir dame prof professor president prime minister chief minister's
    spokesperson spokesman spokeswoman secretary general senator governor mayor
    minister chairman chairwoman chair director officer inspector commissioner the
    of for and a an
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
_NAME_TOKEN_RE = re.compile(r"[^\W\d_][\w'\u2019.-]*")


def _speaker_tokens(speaker: str | None) -> list[str]:
    words = [w.casefold().strip(".'\u2019-") for w in _NAME_TOKEN_RE.findall(speaker or "")]
    return [w for w in words if w and w not in _TITLES]


def speaker_key(speaker: str | None) -> str:
    """The lookup key of a speaker: a person's surname; for an organisation (a word of
    the extractor's ``ORG_WORDS``), its first organisation word in alphabetical order, so
    "Health Ministry" and "Ministry of Health" (or "Police Department" and "Department of
    Police") share a key whatever the word order. The key only narrows the lookup:
    ``speakers_compatible`` still tells the Health from the Defence Ministry."""
    tokens = _speaker_tokens(speaker)
    if not tokens:
        return ""
    bodies = sorted(token for token in tokens if token in ORG_WORDS)
    return bodies[0] if bodies else tokens[-1]


def speakers_compatible(a: str | None, b: str | None) -> bool | None:
    """True when two attributions may name the same person or body; None if one is unknown.

    "Imran Khan" and "Khan" are compatible, as are "Health Ministry" and "the ministry of
    health"; "Imran Khan" and "Sadiq Khan" are not (the first names differ).
    """
    left, right = _speaker_tokens(a), _speaker_tokens(b)
    if not left or not right:
        return None
    if set(left) <= set(right) or set(right) <= set(left):
        return True
    if left[-1] != right[-1]:
        return False
    if len(left) > 1 and len(right) > 1:
        first_a, first_b = left[0], right[0]
        # An initial ("I. Khan") is compatible with a first name that starts with it.
        if len(first_a) == 1 or len(first_b) == 1:
            return first_a[0] == first_b[0]
        return first_a == first_b
    return True


#: Characters of article text either side of a claim that count as its context.
CONTEXT_BEFORE = 300
CONTEXT_AFTER = 150


def claim_context(title: str, text: str, start: int, end: int) -> str:
    """The article title and the text around a claim: about a sentence either side, as
    news copy often names the event in one sentence and gives the figure in the next."""
    begin = max(0, start - CONTEXT_BEFORE)
    finish = min(len(text), end + CONTEXT_AFTER)
    window = text[begin:finish]
    if begin > 0 and " " in window:
        window = window.split(" ", 1)[1]  # no half word at the edges
    if finish < len(text) and " " in window:
        window = window.rsplit(" ", 1)[0]
    return f"{title}\n{window}"


# -------------------------------------------------------------------------- quotes


def compare_quotes(new: ClaimSide, old: ClaimSide) -> Repeat | None:
    """``same_quote`` when the words match (trimmed or extended) and the speakers may."""
    a, b = quote_key(new.quote), quote_key(old.quote)
    if not a or not b:
        return None
    short, long = sorted((a, b), key=len)
    words = len(short.split())
    if words < QUOTE_MIN_WORDS_PARTIAL:
        similarity = 100.0 if a == b else 0.0
    else:
        similarity = float(fuzz.partial_ratio(short, long))
    speakers = speakers_compatible(new.speaker, old.speaker)
    if speakers is False:
        return None
    if speakers is None:
        if similarity < QUOTE_SIMILARITY_UNKNOWN_SPEAKER or words < QUOTE_MIN_WORDS_UNKNOWN_SPEAKER:
            return None
        who = "one side names no speaker"
        score = similarity / 100 * 0.9
    else:
        if similarity < QUOTE_SIMILARITY:
            return None
        who = f"both attributed to {old.speaker}"
        score = similarity / 100
    shape = "the same words" if a == b else "nearly the same words"
    if a != b and (a in b or b in a):
        shape = "a trimmed or extended form of the same words"
    return Repeat(SAME_QUOTE, round(score, 3), f"The quote has {shape}; {who}.")


# ------------------------------------------------------------------------- figures


#: A trailing attribution (", health minister Samanta Lal Sen said.", "according to the
#: ministry"): who said it is not what happened, and the extractor does not always catch
#: the speaker's name.
_ATTRIBUTION_RE = re.compile(
    r"(?:,\s*(?:[^,]{0,80}?\s)?(?:said|says|told [\w ]{1,40}|reported|added)"
    r"(?:\s+on\s+\w+)?|,?\s*according to [^,.]{1,80})[.\"'\u201d]*\s*$",
    re.IGNORECASE,
)
#: A claim sentence with less key-term weight than this ("At least 46 people were killed,
#: the minister said.") is read with its neighbouring sentences instead.
THIN_SENTENCE = 3.0


def _event_terms(side: ClaimSide) -> dict[str, float]:
    """Key terms of the claim sentence without a trailing attribution ("..., police
    said."): who said it is not what happened. A thin sentence borrows the terms of the
    text around it (not the title)."""
    terms = key_terms(_ATTRIBUTION_RE.sub("", side.text))
    if sum(terms.values()) < THIN_SENTENCE and side.context:
        terms = key_terms(side.context.split("\n", 1)[-1])
    return terms


def _without_speaker(terms: dict[str, float], side: ClaimSide) -> dict[str, float]:
    for word in _speaker_tokens(side.speaker):
        for stem in key_terms(f"x {word}"):
            terms.pop(stem, None)
    return terms


def _names_conflict(new: ClaimSide, old: ClaimSide) -> bool:
    """Each sentence names a person or place the other story never mentions: "turnout was
    48 percent in Jakarta" is not "turnout was 47.6 percent, the Pakistani commission said"
    however much else the sentences share."""
    # The speaker is left out: the same toll attributed to the army in one story and to a
    # hospital in another is one toll.
    new_names = {t for t, w in _without_speaker(_event_terms(new), new).items() if w > 1}
    old_names = {t for t, w in _without_speaker(_event_terms(old), old).items() if w > 1}
    return bool(new_names - key_terms(old.around).keys()) and bool(
        old_names - key_terms(new.around).keys()
    )


def same_event_score(new: ClaimSide, old: ClaimSide) -> float:
    """How surely two figure sentences are about the same event (0-1).

    The mean of the two directions: each sentence's key terms (names and places count
    double) looked for in the other claim's context (its article title and neighbouring
    sentences). 0 when articles were published more than ``EVENT_WINDOW_DAYS`` apart or
    when both sentences name someone or somewhere the other story does not.
    """
    apart = (
        abs((new.published_on - old.published_on).days)
        if new.published_on and old.published_on
        else 0
    )
    if apart > EVENT_WINDOW_DAYS:
        return 0.0
    if _names_conflict(new, old):
        return 0.0
    forward = event_relevance(_event_terms(new), old.around)
    backward = event_relevance(_event_terms(old), new.around)
    if min(forward, backward) < EVENT_FLOOR:
        return 0.0
    return (forward + backward) / 2


def values_compatible(new: ClaimSide, old: ClaimSide) -> bool:
    """True when some value is allowed by both figures under their qualifiers.

    Bounds are read closed ("more than 150,000" repeats "150,000": reporters round down
    to a figure they can say "more than" of) and open ends reach ``OPEN_BOUND_REACH`` past
    the figure; a figure rounded from the other is the same figure (67 percent and 67.07
    percent; 48 and 47.6), while 142 does not repeat 141.
    """
    if new.value is None or old.value is None:
        return False
    a, b = _stated(new.value, new.qualifier), _stated(old.value, old.qualifier)
    return a.overlaps(b) or _rounds_to(new.value, old.value) or _rounds_to(old.value, new.value)


def _stated(value: Decimal, qualifier: str | None) -> Interval:
    """The qualifier interval with closed bounds, its open ends reined in near the figure."""
    interval = claim_interval(value, qualifier)
    reach = abs(value) * OPEN_BOUND_REACH
    low = interval.low if interval.low is not None else value - reach
    high = interval.high if interval.high is not None else value + reach
    if qualifier in {"fewer_than", "up_to"}:
        low = max(low, value - reach)
    return Interval(low, high)


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _rounds_to(precise: Decimal, rounded: Decimal) -> bool:
    """True when ``precise`` rounded to the decimal places of ``rounded`` gives ``rounded``."""
    places = _places(rounded)
    if places >= _places(precise):
        return False
    step = Decimal(1).scaleb(-places)
    return precise.quantize(step, rounding=ROUND_HALF_UP) == rounded.normalize()


def compare_figures(new: ClaimSide, old: ClaimSide) -> Repeat | None:
    """``same_figure`` or ``updated_figure`` for two figures of one family, else None."""
    if new.kind != old.kind or new.value is None or old.value is None:
        return None
    family = figure_family(new.kind, new.unit, new.currency)
    if not family or family != figure_family(old.kind, old.unit, old.currency):
        return None
    event = same_event_score(new, old)
    if values_compatible(new, old):
        if event < EVENT_RELEVANCE:
            return None
        return Repeat(
            SAME_FIGURE,
            round(min(1.0, 0.5 + event / 2), 3),
            f"The same figure ({_figure(old)}) about the same event "
            f"({round(event * 100)}% of key terms shared).",
        )
    if event < UPDATE_RELEVANCE:
        return None
    return Repeat(
        UPDATED_FIGURE,
        round(min(1.0, 0.4 + event / 2), 3),
        f"A different figure for the same event: {_figure(new)} where the earlier claim "
        f"has {_figure(old)}.",
    )


def _figure(side: ClaimSide) -> str:
    value = (side.value or Decimal(0)).normalize()
    number = f"{value:,f}" if value == value.to_integral_value() else f"{value:,}"
    if side.currency:
        number = f"{side.currency} {number}"
    return f"{number} {side.unit}".strip() if side.unit and side.unit != "percent" else number


# ---------------------------------------------------------------------------- entry


def compare_claims(new: ClaimSide, old: ClaimSide) -> Repeat | None:
    """Whether ``new`` repeats (or updates) the earlier ``old``; None when unrelated."""
    if new.kind == "quote" or old.kind == "quote":
        if new.kind != old.kind:
            return None
        return compare_quotes(new, old)
    if new.kind in FIGURE_KINDS:
        return compare_figures(new, old)
    return None


def pick_repeats(
    new_claims: list[ClaimSide], old_claims: list[ClaimSide]
) -> list[tuple[int, int, Repeat]]:
    """The repeats between one new article's claims and one earlier article's claims.

    Returns ``(new index, old index, repeat)``, at most one repeat per new claim (its
    best). ``updated_figure`` is kept only where it
    can be an update: not when the new claim also repeats a figure of that article, nor
    when the new article repeats the old figure itself (an article that says "141 killed,
    132 of them children" does not update 141 to 132), and at most one per old claim and
    per new claim (the closest value).
    """
    found: list[tuple[int, int, Repeat]] = []
    for i, new in enumerate(new_claims):
        for j, old in enumerate(old_claims):
            repeat = compare_claims(new, old)
            if repeat is not None:
                found.append((i, j, repeat))
    confirmed_new = {i for i, _, r in found if r.reason == SAME_FIGURE}
    confirmed_old = {j for _, j, r in found if r.reason == SAME_FIGURE}
    # A claim repeats one claim of an earlier article, not several: keep its best-scoring
    # (then closest in value) repeat there.
    best: dict[int, tuple[int, int, Repeat]] = {}
    for item in sorted(
        (f for f in found if f[2].reason != UPDATED_FIGURE),
        key=lambda f: (-f[2].score, _distance(new_claims[f[0]], old_claims[f[1]])),
    ):
        best.setdefault(item[0], item)
    kept = list(best.values())
    updates = [
        (i, j, r)
        for i, j, r in found
        if r.reason == UPDATED_FIGURE and i not in confirmed_new and j not in confirmed_old
    ]
    updates.sort(
        key=lambda item: (-item[2].score, _distance(new_claims[item[0]], old_claims[item[1]]))
    )
    used_new: set[int] = set()
    used_old: set[int] = set()
    for i, j, repeat in updates:
        if i in used_new or j in used_old:
            continue
        used_new.add(i)
        used_old.add(j)
        kept.append((i, j, repeat))
    return kept


def _distance(a: ClaimSide, b: ClaimSide) -> Decimal:
    if a.value is None or b.value is None:
        return Decimal(0)
    return abs(a.value - b.value) / max(abs(a.value), abs(b.value), Decimal(1))
