"""Recognise written numbers and turn them into exact ``Decimal`` values.

Digits ("1,234,567", "12.5"), scale words ("28 billion", "£85m", "$1.1bn")
and English number words ("a dozen", "twenty-five", "two hundred and fifty",
"half a million") are supported. Decimal arithmetic keeps "1.1bn" at exactly
1100000000 rather than a float approximation, so values can be compared with
the figures in a source document.

Vague plurals ("hundreds of", "thousands of", "dozens of") are deliberately
*not* numbers here: they carry no checkable value, and turning them into a
made-up lower bound would create claims nobody wrote.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from claims.extraction.lexicon import InitialScan, by_initial, trie_pattern, trie_rests

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALE_WORDS = ("dozen", "hundred", "thousand", "million", "billion", "trillion")
# Scale words. One-letter and short forms ("m", "bn", "k") are only read as
# scales right after a digit, which the digit pattern below guarantees.
SCALES: dict[str, Decimal] = {
    "hundred": Decimal(100),
    "thousand": Decimal(1000),
    "k": Decimal(1000),
    "lakh": Decimal(100_000),
    "lakhs": Decimal(100_000),
    "million": Decimal(1_000_000),
    "millions": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "mln": Decimal(1_000_000),
    "m": Decimal(1_000_000),
    "crore": Decimal(10_000_000),
    "crores": Decimal(10_000_000),
    "billion": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
    "b": Decimal(1_000_000_000),
    "trillion": Decimal(1_000_000_000_000),
    "tn": Decimal(1_000_000_000_000),
    "tr": Decimal(1_000_000_000_000),
    "trn": Decimal(1_000_000_000_000),
    "t": Decimal(1_000_000_000_000),
}
# Abbreviated scales that could also be units of measure ("85m" = metres).
AMBIGUOUS_SCALES = frozenset({"m", "b", "k", "t"})

_NUMBER_WORDS = [*_TENS, *_UNITS, *_SCALE_WORDS]
_NUMBER_WORD = "(?:" + trie_pattern(_NUMBER_WORDS) + ")"
# Each further word must end there: without the look-ahead the possessive loop would take the
# "ten" of "four tenants" and then fail as a whole, losing the "four".
_MORE_WORDS = rf"(?:(?:\s+and\s+|\s+|-){_NUMBER_WORD}(?!\w))*+(?![\w-])"
_A_SCALE = r"(?=(?:dozen|hundred|thousand|million|billion)\b)"


def _word_number_pattern() -> str:
    """ "a dozen", "half a million", "twenty-five", "two hundred and fifty".

    Case-insensitively, the same as
    ``(?<![\\w-])(?:(?:half\\s+)?an?\\s+A_SCALE)?NUMBER_WORD MORE_WORDS``,
    written out by initial letter (see ``lexicon.by_initial``) so that the
    scan of a long article is quicker.
    """
    words = trie_rests(_NUMBER_WORDS)
    rests = {initial: f"(?:{rest}){_MORE_WORDS}" for initial, rest in words.items()}
    rests["h"] = rf"(?:alf\s+an?\s+{_A_SCALE}{_NUMBER_WORD}|{words['h']}){_MORE_WORDS}"
    rests["a"] = rf"n?\s+{_A_SCALE}{_NUMBER_WORD}{_MORE_WORDS}"
    return by_initial(rests, r"[\w-]")


WORD_NUMBER = re.compile(_word_number_pattern())
# A number word at a word boundary: every WORD_NUMBER match contains one
# (its first word, or the scale after "a"/"half a"). Scanned over whole articles.
NUMBER_WORD_START = InitialScan(trie_rests(_NUMBER_WORDS), r"[\w-]")
_SMALL_MULTIPLIERS = {"dozen": 12, "hundred": 100}
_WORD_SPLIT = re.compile(r"[\s-]+")
_SEPARATORS = re.compile("[, \u00a0\u202f\u2009]")


def parse_digits(digits: str) -> Decimal | None:
    """Parse "1,234,567" or "12.5" (thousands commas, decimal point)."""
    try:
        return Decimal(_SEPARATORS.sub("", digits))
    except InvalidOperation:
        return None


def parse_number_words(words: str) -> Decimal | None:
    """Parse an English number phrase such as "two hundred and fifty".

    Returns ``None`` for phrases that are not a single number ("dozen"
    alone, a bare "hundred") so callers can drop them.
    """
    tokens = [t for t in _WORD_SPLIT.split(words.lower()) if t and t != "and"]
    if not tokens:
        return None
    half = False
    if tokens[0] == "half":
        half = True
        tokens = tokens[1:]
    if tokens and tokens[0] in {"a", "an"}:
        tokens[0] = "one"
    if not tokens or tokens[0] in {
        "dozen",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
    }:
        return None
    total = Decimal(0)
    current = Decimal(0)
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in _SMALL_MULTIPLIERS:
            current = (current or Decimal(1)) * _SMALL_MULTIPLIERS[token]
        elif token in SCALES:
            total += (current or Decimal(1)) * SCALES[token]
            current = Decimal(0)
        else:
            # The matcher is case-insensitive in Unicode (the long s, the Kelvin sign) while
            # the tables are ASCII: such a word is not a number we can read.
            return None
    value = total + current
    return value / 2 if half else value
