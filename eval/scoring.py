"""Scoring predicted claims against gold labels: pure functions and counters, no I/O.

Matching rule (also in ``eval/README.md``):

* A predicted figure matches a gold figure when the values are equal and the spans meet:
  the predicted figure span overlaps the gold figure's words, or (for a system that only
  gives a sentence span) the predicted sentence contains them. Pairs are taken best
  first (figure-span overlap before sentence containment, then nearest start), one to
  one. A gold figure left over that a predicted figure overlaps with a different value is
  a wrong value: it counts against value accuracy and recall, not as a false figure.
* A predicted figure that matches nothing is a false figure; one that matches an
  ``optional`` gold figure is neither credited nor charged.
* A predicted quote matches the gold quote its quoted span overlaps most (one to one).
  It is complete when it covers at least ``QUOTE_COVERAGE`` of the gold quote's span, so a
  split or multi-paragraph quote cut in pieces shows up as incomplete plus false quotes.
  One exception: a quote whose attribution ends a sentence ('"A," she said. "B."') may be
  given as one quote or as one quote per part, each with the right speaker; the other
  parts' predictions are then neither credited nor charged.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from eval.gold import Article, GoldFigure, GoldQuote, Trap

FIGURE_KINDS = frozenset({"casualty_count", "monetary_amount", "statistic"})
#: Share of a gold quote's span a predicted quote must cover to count as the whole quote.
QUOTE_COVERAGE = 0.8
#: Relative difference under which two values are the same number (float noise only).
VALUE_TOLERANCE = Decimal("1e-9")

_TITLES = frozenset(
    {
        *("dr", "doctor", "col", "colonel", "gen", "general", "lt", "maj", "major", "capt"),
        *("captain", "sgt", "sergeant", "mr", "mrs", "ms", "miss", "prof", "professor", "sen"),
        *("senator", "rep", "gov", "governor", "insp", "inspector", "det", "detective", "supt"),
        *("superintendent", "cmdr", "commander", "adm", "admiral", "rev", "reverend", "judge"),
        *("justice", "brig", "president", "minister", "chief", "sir", "dame", "lord", "lady"),
        "mayor",
    }
)
_NON_WORD = re.compile(r"[^\w\s-]+", re.UNICODE)


@dataclass(frozen=True)
class Prediction:
    """A claim as any system gives it; figure span -1 when the system has none."""

    kind: str | None
    start: int
    end: int
    value: Decimal | None = None
    qualifier: str | None = None
    unit: str | None = None
    currency: str | None = None
    speaker: str | None = None
    quote: str | None = None
    figure_start: int = -1
    figure_end: int = -1

    @property
    def is_quote(self) -> bool:
        return self.kind == "quote"

    @property
    def is_figure(self) -> bool:
        return not self.is_quote and self.value is not None

    @property
    def span(self) -> tuple[int, int]:
        """The figure or quoted words when known, else the sentence."""
        if self.figure_start >= 0 and self.figure_end > self.figure_start:
            return self.figure_start, self.figure_end
        return self.start, self.end


@dataclass
class Ratio:
    """hits out of total; ``rate`` is None when nothing was counted."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += int(hit)

    def extend(self, hits: int, total: int) -> None:
        self.hits += hits
        self.total += total

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        if not self.total:
            return "—"
        return f"{self.hits / self.total:.2f} ({self.hits}/{self.total})"


@dataclass
class TagStats:
    """Per phenomenon: how many gold items carry it, were found, were right, had the speaker.

    For figures ``right`` is the figure itself (kind, qualifier, unit, currency) and
    ``speaker`` is kept apart, so a missing speaker does not hide a right reading; for
    quotes ``right`` is complete and with the right speaker.
    """

    found: Ratio = field(default_factory=Ratio)
    right: Ratio = field(default_factory=Ratio)
    speaker: Ratio = field(default_factory=Ratio)


FIGURE_MEASURES = (
    "figure recall",
    "figure precision",
    "false figures",
    "value accuracy",
    "kind accuracy",
    "qualifier accuracy",
    "unit accuracy (casualty)",
    "currency accuracy",
    "figure speaker",
)
QUOTE_MEASURES = (
    "quote recall",
    "quote precision",
    "quote complete",
    "speaker accuracy",
)


@dataclass
class Scorecard:
    """Counters for one system over the corpus, with the misses kept for ``--verbose``."""

    measures: dict[str, Ratio] = field(
        default_factory=lambda: {m: Ratio() for m in FIGURE_MEASURES + QUOTE_MEASURES}
    )
    figure_tags: dict[str, TagStats] = field(default_factory=lambda: defaultdict(TagStats))
    quote_tags: dict[str, TagStats] = field(default_factory=lambda: defaultdict(TagStats))
    genre_figures: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    trap_tags: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    misses: list[str] = field(default_factory=list)

    def __getitem__(self, measure: str) -> Ratio:
        return self.measures[measure]


# ---------------------------------------------------------------------------- speakers


def normalise_name(name: str) -> str:
    """Lower case, no punctuation, no leading "the" or titles ("Col.", "Dr.") before a name."""
    words = _NON_WORD.sub(" ", name.lower().replace("'s ", " ")).split()
    while len(words) > 1 and (words[0] in _TITLES or words[0] == "the"):
        words = words[1:]
    return " ".join(words)


def speaker_matches(predicted: str | None, gold: Sequence[str]) -> bool:
    """Whether a predicted speaker names the gold one.

    Accepted: the gold name or a listed alternative, after ``normalise_name``; the gold
    person's surname alone ("Rauf" for "Ahmed Rauf"); or the gold name followed by an
    appositive ("Ahmed Rauf, the district chief"). A pronoun is never a speaker.
    """
    if not predicted or not gold:
        return False
    said = normalise_name(predicted)
    if not said:
        return False
    names = [normalise_name(g) for g in gold]
    if said in names:
        return True
    full = names[0].split()
    if len(full) >= 2 and said == full[-1]:
        return True
    head = normalise_name(predicted.split(",", 1)[0])
    return "," in predicted and head in names


# ----------------------------------------------------------------------------- figures


def same_value(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return False
    if a == b:
        return True
    scale = max(abs(a), abs(b))
    return bool(scale) and abs(a - b) / scale <= VALUE_TOLERANCE


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class FigureMatch:
    matched: list[tuple[GoldFigure, Prediction]]
    wrong_value: list[tuple[GoldFigure, Prediction]]
    false: list[Prediction]
    optional: list[Prediction]
    missed: list[GoldFigure]


def match_figures(golds: Sequence[GoldFigure], predictions: Sequence[Prediction]) -> FigureMatch:
    """Pair predicted figures with gold figures under the module's matching rule."""
    preds = [p for p in predictions if p.is_figure]
    candidates: list[tuple[int, int, int, int]] = []
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            if not any(same_value(pred.value, v) for v in gold.values):
                continue
            gold_span = (gold.start, gold.end)
            if pred.figure_start >= 0 and _overlaps(pred.span, gold_span):
                rank = 0
            elif pred.start <= gold.start and gold.end <= pred.end:
                rank = 1
            else:
                continue
            candidates.append((rank, abs(pred.span[0] - gold.start), gi, pi))
    gold_used: dict[int, int] = {}
    pred_used: set[int] = set()
    for _rank, _distance, gi, pi in sorted(candidates):
        if gi in gold_used or pi in pred_used:
            continue
        gold_used[gi] = pi
        pred_used.add(pi)
    wrong: list[tuple[GoldFigure, Prediction]] = []
    for gi, gold in enumerate(golds):
        if gi in gold_used or gold.optional:
            continue
        for pi, pred in enumerate(preds):
            if pi not in pred_used and _overlaps(pred.span, (gold.start, gold.end)):
                if pred.figure_start < 0 and pred.span[1] - pred.span[0] > 3 * len(gold.surface):
                    continue  # a bare sentence span is too coarse to call a wrong value
                wrong.append((gold, pred))
                pred_used.add(pi)
                break
    matched = [(golds[gi], preds[pi]) for gi, pi in gold_used.items() if not golds[gi].optional]
    optional = [preds[pi] for gi, pi in gold_used.items() if golds[gi].optional]
    wrong_golds = {id(g) for g, _ in wrong}
    missed = [
        g
        for gi, g in enumerate(golds)
        if gi not in gold_used and not g.optional and id(g) not in wrong_golds
    ]
    false = [p for pi, p in enumerate(preds) if pi not in pred_used]
    return FigureMatch(matched, wrong, false, optional, missed)


def figure_checks(gold: GoldFigure, pred: Prediction) -> dict[str, bool]:
    """The attribute checks that apply to one matched figure, by measure name."""
    checks: dict[str, bool] = {}
    if pred.kind is not None:
        checks["kind accuracy"] = pred.kind in gold.kinds
        checks["qualifier accuracy"] = (pred.qualifier or "exact") == gold.qualifier
    if gold.kinds == ("casualty_count",) and gold.units and pred.kind is not None:
        checks["unit accuracy (casualty)"] = pred.unit in gold.units
    if gold.currency and pred.kind is not None:
        checks["currency accuracy"] = (pred.currency or "").upper() == gold.currency.upper()
    if gold.speakers and pred.kind is not None:
        checks["figure speaker"] = speaker_matches(pred.speaker, gold.speakers)
    return checks


# ------------------------------------------------------------------------------ quotes


@dataclass
class QuoteMatch:
    matched: list[tuple[GoldQuote, Prediction]]
    false: list[Prediction]
    missed: list[GoldQuote]


def match_quotes(golds: Sequence[GoldQuote], predictions: Sequence[Prediction]) -> QuoteMatch:
    """Pair each gold quote with the predicted quote overlapping it most (one to one)."""
    preds = [p for p in predictions if p.is_quote]
    candidates = []
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            overlap = _overlaps(pred.span, (gold.start, gold.end))
            if overlap:
                candidates.append((-overlap, gi, pi))
    gold_used: dict[int, int] = {}
    pred_used: set[int] = set()
    for _overlap, gi, pi in sorted(candidates):
        if gi in gold_used or pi in pred_used:
            continue
        gold_used[gi] = pi
        pred_used.add(pi)
    return QuoteMatch(
        matched=[(golds[gi], preds[pi]) for gi, pi in gold_used.items()],
        false=[p for pi, p in enumerate(preds) if pi not in pred_used],
        missed=[g for gi, g in enumerate(golds) if gi not in gold_used],
    )


def quote_complete(gold: GoldQuote, pred: Prediction) -> bool:
    return _overlaps(pred.span, (gold.start, gold.end)) >= QUOTE_COVERAGE * (gold.end - gold.start)


def quote_given_in_parts(
    gold: GoldQuote, pred: Prediction, spare: Sequence[Prediction]
) -> list[Prediction]:
    """The spare predictions that, with ``pred``, give ``gold`` one quote per sentence part.

    Empty unless ``gold`` has sentence parts and every part is covered (``QUOTE_COVERAGE``)
    by ``pred`` or by one spare prediction naming the same speaker as ``pred``.
    """
    if not gold.sentence_parts:
        return []
    used: list[Prediction] = []
    for part in gold.sentence_parts:
        need = QUOTE_COVERAGE * (part[1] - part[0])
        if _overlaps(pred.span, part) >= need:
            continue
        piece = next(
            (
                p
                for p in spare
                if all(p is not u for u in used)
                and p.speaker == pred.speaker
                and _overlaps(p.span, part) >= need
            ),
            None,
        )
        if piece is None:
            return []
        used.append(piece)
    return used


# ---------------------------------------------------------------------------- articles


def figure_tags(article: Article, gold: GoldFigure) -> set[str]:
    """The figure's own tags plus those read off the text: in a quote, in the headline."""
    tags = set(gold.tags)
    if any(q.start <= gold.start and gold.end <= q.end for q in article.quotes):
        tags.add("figure_in_quote")
    if gold.start < article.text.find("\n") or "\n" not in article.text:
        tags.add("headline")
    return tags


def _trap_hits(traps: Iterable[Trap], false: Sequence[Prediction]) -> dict[Trap, bool]:
    hits = {}
    for trap in traps:
        hits[trap] = any(_overlaps(p.span, (trap.start, trap.end)) for p in false)
    return hits


def score_article(
    article: Article,
    predictions: Sequence[Prediction],
    card: Scorecard,
    *,
    quotes: bool = True,
) -> None:
    """Add one article's counts to ``card`` (``quotes=False`` for figure-only systems)."""
    where = article.slug
    figures = match_figures(article.figures, predictions)
    required = [g for g in article.figures if not g.optional]
    for _ in figures.matched:
        card["figure recall"].add(True)
    for gold in required:
        if not any(g is gold for g, _ in figures.matched):
            card["figure recall"].add(False)
    n_preds = sum(1 for p in predictions if p.is_figure) - len(figures.optional)
    card["figure precision"].extend(len(figures.matched), n_preds)
    card["false figures"].extend(len(figures.false), n_preds)
    for _ in figures.matched:
        card["value accuracy"].add(True)
    for gold, misread in figures.wrong_value:
        card["value accuracy"].add(False)
        card.misses.append(f"{where}: value {gold.surface!r} read as {misread.value}")
    matched = {id(g): p for g, p in figures.matched}
    for gold in required:
        tags = figure_tags(article, gold)
        found = matched.get(id(gold))
        checks = figure_checks(gold, found) if found is not None else {}
        for measure, ok in checks.items():
            card[measure].add(ok)
            if not ok and found is not None:
                card.misses.append(f"{where}: {measure} {gold.surface!r}: {_describe(found)}")
        card.genre_figures[article.genre].add(found is not None)
        reading = [ok for measure, ok in checks.items() if measure != "figure speaker"]
        for tag in tags:
            card.figure_tags[tag].found.add(found is not None)
            card.figure_tags[tag].right.add(found is not None and all(reading))
            if "figure speaker" in checks:
                card.figure_tags[tag].speaker.add(checks["figure speaker"])
    for gold in figures.missed:
        card.misses.append(f"{where}: missed figure {gold.surface!r} ({','.join(gold.tags)})")
    for pred in figures.false:
        excerpt = article.text[pred.span[0] : pred.span[1]][:60]
        card.misses.append(f"{where}: false figure {pred.value} at {excerpt!r}")
    false_quotes: list[Prediction] = []
    if quotes:
        false_quotes = _score_quotes(article, predictions, card)
    for trap, hit in _trap_hits(article.traps, figures.false + false_quotes).items():
        for tag in trap.tags:
            card.trap_tags[tag].add(hit)


def _score_quotes(
    article: Article, predictions: Sequence[Prediction], card: Scorecard
) -> list[Prediction]:
    where = article.slug
    result = match_quotes(article.quotes, predictions)
    matched = {id(g): p for g, p in result.matched}
    spare = list(result.false)
    for gold in article.quotes:
        pred = matched.get(id(gold))
        card["quote recall"].add(pred is not None)
        complete = pred is not None and quote_complete(gold, pred)
        if pred is not None and not complete:
            pieces = quote_given_in_parts(gold, pred, spare)
            complete = bool(pieces)
            spare = [p for p in spare if all(p is not q for q in pieces)]
        speaker_ok = pred is not None and speaker_matches(pred.speaker, gold.speakers)
        if pred is not None:
            card["quote complete"].add(complete)
            card["speaker accuracy"].add(speaker_ok)
            if not speaker_ok:
                card.misses.append(
                    f"{where}: speaker {pred.speaker!r} for {gold.speaker!r}: {gold.text[:50]!r}"
                )
        else:
            card.misses.append(f"{where}: missed quote ({gold.speaker}) {gold.text[:60]!r}")
        for tag in gold.tags or ("untagged",):
            card.quote_tags[tag].found.add(pred is not None)
            card.quote_tags[tag].right.add(complete and speaker_ok)
            if pred is not None:
                card.quote_tags[tag].speaker.add(speaker_ok)
    given = sum(1 for p in predictions if p.is_quote) - (len(result.false) - len(spare))
    card["quote precision"].extend(len(result.matched), given)
    for pred in spare:
        excerpt = article.text[pred.span[0] : pred.span[1]][:60]
        card.misses.append(f"{where}: false quote {excerpt!r}")
    return spare


def _describe(pred: Prediction) -> str:
    return f"got {pred.kind}/{pred.qualifier}/{pred.unit}/{pred.currency}/speaker={pred.speaker!r}"


# ------------------------------------------------------------------------------ stance


@dataclass
class StanceTally:
    """Confusion counts of expected against predicted stance, with the misses."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    tags: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    misses: list[str] = field(default_factory=list)

    def add(self, expected: str, predicted: str, tags: Iterable[str], label: str) -> None:
        self.confusion[(expected, predicted)] += 1
        for tag in tags:
            self.tags[tag].add(expected == predicted)
        if expected != predicted:
            self.misses.append(f"{label}: expected {expected}, got {predicted}")

    @property
    def accuracy(self) -> Ratio:
        total = sum(self.confusion.values())
        right = sum(n for (e, p), n in self.confusion.items() if e == p)
        return Ratio(right, total)

    def false(self, stance: str) -> int:
        """How many cases were given ``stance`` that should have had another."""
        return sum(n for (e, p), n in self.confusion.items() if p == stance and e != stance)
