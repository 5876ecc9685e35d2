"""Reading the labelled corpus: articles with their gold figures, quotes and traps.

Each article is ``corpus/articles/<slug>.txt`` with its labels in ``<slug>.json`` beside
it (schema in ``eval/README.md``). Offsets are stored in the JSON and checked on load
against the surface text they claim to delimit, so an edit to an article that shifts its
labels fails loudly instead of scoring against the wrong words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"
ARTICLES = CORPUS / "articles"

FIGURE_KINDS = frozenset({"casualty_count", "monetary_amount", "statistic"})
QUALIFIERS = frozenset(
    {"exact", "at_least", "more_than", "fewer_than", "up_to", "approximately", "nearly"}
)
GENRES = frozenset(
    {
        "disasters",
        "attacks",
        "health",
        "economy",
        "aid",
        "courts",
        "elections",
        "environment",
        "sport",
        "science",
        "transport",
        "labour",
        "crime",
    }
)


#: The batch of an article or stance case that names none: the corpus as first written.
BASE_BATCH = "base"
_BATCH_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


class GoldError(ValueError):
    """A gold file that does not parse or does not fit its article's text."""


@dataclass(frozen=True)
class GoldFigure:
    """One figure a fact-checker would check; ``start``/``end`` delimit its surface."""

    start: int
    end: int
    surface: str
    value: Decimal
    kinds: tuple[str, ...]
    qualifier: str
    units: tuple[str, ...]
    currency: str | None
    speakers: tuple[str, ...]
    tags: tuple[str, ...]
    optional: bool = False
    #: Other readings of the value that are as right ("one in five": 0.2 or 20 per cent).
    value_alt: tuple[Decimal, ...] = ()

    @property
    def values(self) -> tuple[Decimal, ...]:
        return (self.value, *self.value_alt)

    @property
    def speaker(self) -> str | None:
        return self.speakers[0] if self.speakers else None


@dataclass(frozen=True)
class GoldQuote:
    """One quote claim: ``start``/``end`` run from its first quoted word to its last."""

    start: int
    end: int
    text: str
    speakers: tuple[str, ...]
    tags: tuple[str, ...]
    #: For a quote given in ``parts`` whose attribution ends a sentence ('"A," she said.
    #: "B."'), the span of each part. News style leaves it open whether that is one quote or
    #: a quote and its follow-on, so the scorer accepts either reading (eval/README.md).
    sentence_parts: tuple[tuple[int, int], ...] = ()

    @property
    def speaker(self) -> str:
        return self.speakers[0]


@dataclass(frozen=True)
class Trap:
    """Words that must not come out as a claim (a year, an age, a scare quote ...)."""

    start: int
    end: int
    text: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    slug: str
    genre: str
    title: str
    text: str
    figures: tuple[GoldFigure, ...]
    quotes: tuple[GoldQuote, ...]
    traps: tuple[Trap, ...]
    #: Which batch of the corpus the article came in, so a held-out batch written after
    #: the rules were tuned can be reported apart from the rest.
    batch: str = BASE_BATCH


def batch_name(raw: dict[str, Any], where: str) -> str:
    """The optional ``batch`` of a label file or stance case; ``base`` when it names none."""
    batch = raw.get("batch", BASE_BATCH)
    if not isinstance(batch, str) or not _BATCH_NAME.fullmatch(batch):
        raise GoldError(f"{where}: batch {batch!r} must be lower-case letters, digits and '-'")
    return batch


def load_articles(folder: Path = ARTICLES) -> list[Article]:
    """Every labelled article in ``folder``, sorted by slug; raises ``GoldError`` on bad gold."""
    articles = []
    for text_path in sorted(folder.glob("*.txt")):
        gold_path = text_path.with_suffix(".json")
        if not gold_path.exists():
            raise GoldError(f"{text_path.name}: no gold file {gold_path.name}")
        articles.append(load_article(text_path, gold_path))
    orphans = {p.stem for p in folder.glob("*.json")} - {a.slug for a in articles}
    if orphans:
        raise GoldError(f"gold files without an article: {sorted(orphans)}")
    return articles


def load_article(text_path: Path, gold_path: Path) -> Article:
    text = text_path.read_text(encoding="utf-8")
    where = gold_path.name
    try:
        raw = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldError(f"{where}: not JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: top level must be an object")
    genre = raw.get("genre")
    if genre not in GENRES:
        raise GoldError(f"{where}: genre {genre!r} is not one of {sorted(GENRES)}")
    figures = tuple(
        _figure(item, text, f"{where} figure {i}") for i, item in enumerate(raw.get("figures", []))
    )
    quotes = tuple(
        parse_quote(item, text, f"{where} quote {i}")
        for i, item in enumerate(raw.get("quotes", []))
    )
    traps = tuple(
        _trap(item, text, f"{where} trap {i}") for i, item in enumerate(raw.get("traps", []))
    )
    return Article(
        slug=text_path.stem,
        genre=genre,
        title=str(raw.get("title") or text.split("\n", 1)[0]),
        text=text,
        figures=figures,
        quotes=quotes,
        traps=traps,
        batch=batch_name(raw, where),
    )


def _span(item: dict[str, Any], text: str, surface: str, where: str) -> tuple[int, int]:
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        raise GoldError(f"{where}: start/end missing (run python -m eval.label)")
    if not 0 <= start < end <= len(text):
        raise GoldError(f"{where}: span {start}-{end} lies outside the text ({len(text)})")
    if text[start:end] != surface:
        raise GoldError(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {surface!r}")
    return start, end


def _names(item: dict[str, Any], where: str, *, required: bool) -> tuple[str, ...]:
    speaker = item.get("speaker")
    if speaker is None:
        if required:
            raise GoldError(f"{where}: a quote needs a speaker")
        return ()
    if not isinstance(speaker, str) or not speaker.strip():
        raise GoldError(f"{where}: speaker must be a non-empty string")
    alternatives = item.get("speaker_alt", [])
    if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        raise GoldError(f"{where}: speaker_alt must be a list of strings")
    return (speaker, *alternatives)


def _tags(item: dict[str, Any], where: str) -> tuple[str, ...]:
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        raise GoldError(f"{where}: tags must be a list of strings")
    return tuple(tags)


def _one_or_many(value: Any, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) and v for v in values):
        raise GoldError(f"{where}: {name} must be a string or a list of strings")
    return tuple(values)


def _figure(item: Any, text: str, where: str) -> GoldFigure:
    if not isinstance(item, dict):
        raise GoldError(f"{where}: must be an object")
    surface = item.get("figure")
    if not isinstance(surface, str) or not surface:
        raise GoldError(f"{where}: 'figure' (the words of the figure) is required")
    start, end = _span(item, text, surface, where)
    try:
        value = Decimal(str(item["value"]))
        value_alt = tuple(Decimal(str(v)) for v in item.get("value_alt", []))
    except (KeyError, InvalidOperation, TypeError) as exc:
        raise GoldError(f"{where}: value missing or not a number") from exc
    kinds = _one_or_many(item.get("kind"), where, "kind")
    if not kinds or not set(kinds) <= FIGURE_KINDS:
        raise GoldError(f"{where}: kind {kinds} must be among {sorted(FIGURE_KINDS)}")
    qualifier = item.get("qualifier", "exact")
    if qualifier not in QUALIFIERS:
        raise GoldError(f"{where}: qualifier {qualifier!r} is not one of {sorted(QUALIFIERS)}")
    currency = item.get("currency")
    if "monetary_amount" in kinds and kinds == ("monetary_amount",) and not currency:
        raise GoldError(f"{where}: a monetary amount needs its currency")
    return GoldFigure(
        start=start,
        end=end,
        surface=surface,
        value=value,
        kinds=kinds,
        qualifier=qualifier,
        units=_one_or_many(item.get("unit"), where, "unit"),
        currency=currency,
        speakers=_names(item, where, required=False),
        tags=_tags(item, where),
        optional=bool(item.get("optional", False)),
        value_alt=value_alt,
    )


def quote_surface(item: dict[str, Any], text: str, where: str) -> str:
    """What the quote's span covers: its own words, or from its first part to its last."""
    if "parts" in item:
        parts = item["parts"]
        if not isinstance(parts, list) or len(parts) < 2:
            raise GoldError(f"{where}: parts must list two or more pieces of the quote")
        start = item.get("start")
        end = item.get("end")
        if isinstance(start, int) and isinstance(end, int):
            return text[start:end]
        raise GoldError(f"{where}: start/end missing (run python -m eval.label)")
    quote = item.get("quote")
    if not isinstance(quote, str) or not quote:
        raise GoldError(f"{where}: 'quote' or 'parts' is required")
    return quote


def parse_quote(item: Any, text: str, where: str) -> GoldQuote:
    if not isinstance(item, dict):
        raise GoldError(f"{where}: must be an object")
    surface = quote_surface(item, text, where)
    start, end = _span(item, text, surface, where)
    if "parts" in item:
        for part in item["parts"]:
            if not isinstance(part, str) or part not in surface:
                raise GoldError(f"{where}: part {part!r} is not inside the quote's span")
        if not surface.startswith(item["parts"][0]) or not surface.endswith(item["parts"][-1]):
            raise GoldError(f"{where}: the span must run from the first part to the last")
    return GoldQuote(
        start=start,
        end=end,
        text=" ".join(item["parts"]) if "parts" in item else surface,
        speakers=_names(item, where, required=True),
        tags=_tags(item, where),
        sentence_parts=_sentence_parts(item.get("parts", ()), surface, start),
    )


#: An attribution between two parts that ends its sentence: '" she said. "'.
_SENTENCE_BREAK = re.compile(r"[.!?][\s\"\'\u201c\u2018]*$")


def _sentence_parts(parts: Sequence[str], surface: str, start: int) -> tuple[tuple[int, int], ...]:
    """The parts' spans when every attribution between them closes a sentence, else ()."""
    spans: list[tuple[int, int]] = []
    position = 0
    for part in parts:
        at = surface.find(part, position)
        spans.append((start + at, start + at + len(part)))
        position = at + len(part)
    gaps = [surface[a[1] - start : b[0] - start] for a, b in pairwise(spans)]
    if not gaps or not all(_SENTENCE_BREAK.search(gap) for gap in gaps):
        return ()
    return tuple(spans)


def _trap(item: Any, text: str, where: str) -> Trap:
    if not isinstance(item, dict):
        raise GoldError(f"{where}: must be an object")
    surface = item.get("text")
    if not isinstance(surface, str) or not surface:
        raise GoldError(f"{where}: 'text' is required")
    start, end = _span(item, text, surface, where)
    tags = _tags(item, where)
    if not tags:
        raise GoldError(f"{where}: a trap needs a tag saying what it is (year, age ...)")
    return Trap(start=start, end=end, text=surface, tags=tags)
