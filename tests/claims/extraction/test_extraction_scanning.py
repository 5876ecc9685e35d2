"""The whole-text word scans find exactly what their plain patterns find.

``lexicon.InitialScan`` is a faster way of running a ``by_initial`` pattern
over a long article; these tests hold it to the plain ``finditer`` on edge
cases (start of text, hyphens, apostrophes, case folding) and on random text.
"""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction.figures import _last_word, number_word_starts
from claims.extraction.lexicon import InitialScan, trie_rests, word_list
from claims.extraction.numbers import NUMBER_WORD_START
from claims.extraction.sentences import _word_before

_SCAN = InitialScan(trie_rests(word_list("said says according ten tenth")), r"[\w-]", r"(?![\w-])")


def _plain(scan: InitialScan, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in scan.pattern.finditer(text)]


def _scanned(scan: InitialScan, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in scan.matches(text)]


def test_a_word_at_the_very_start_is_found():
    assert _scanned(_SCAN, "Said the mayor, who says ten.") == [(0, 4), (20, 24), (25, 28)]


def test_words_glued_to_letters_or_hyphens_are_not_found():
    text = "unsaid re-said ten-fold tenths x-ten Ten"
    assert _scanned(_SCAN, text) == _plain(_SCAN, text) == [(37, 40)]


def test_adjacent_words_after_single_characters():
    text = "said,said\nsaid(said)'said"
    assert _scanned(_SCAN, text) == _plain(_SCAN, text)
    assert len(_scanned(_SCAN, text)) == 5


def test_number_word_starts_cover_written_numbers_and_fractions():
    text = "Twenty-five of the forty people, two-thirds of them, and half the 300 staff."
    assert number_word_starts(text) == [0, 19, 33, 37, 57]  # not the five of twenty-five


_PIECES = [" ", "-", "\n", ",", "'", "\u2019", "x", "S", "\u017f", "said", "says", "ten"]
_PIECES += ["tenth", "twenty", "half of", "third the", "according", "thousand", "One"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_scans_match_the_plain_patterns_on_random_text(pieces):
    text = "".join(pieces)
    assert _scanned(_SCAN, text) == _plain(_SCAN, text)
    plain_starts = [m.start() for m in NUMBER_WORD_START.pattern.finditer(text)]
    assert NUMBER_WORD_START.starts(text) == plain_starts


# The word before a number: the first match of this pattern in the last 30 characters.
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.'\u2019-]*)[^\w]*$")
_LEFT_PIECES = [
    "a",
    "Z",
    ".",
    "'",
    "\u2019",
    "-",
    " ",
    "\u00a0",
    "\n",
    ",",
    "(",
    "1",
    "_",
    "\u00e9",
]
_LEFT_PIECES += ["said", "U.S.", "Mr.", "the", "rose to", "\u2022"]


def _plain_last_word(left: str) -> tuple[int, int] | None:
    match = _LAST_WORD.search(left, max(0, len(left) - 30))
    return None if match is None else match.span(1)


@pytest.mark.parametrize(
    "left",
    ["", "the toll rose to ", "by the U.S. ", "Mr. ", "said, (", "costs 3. ", "x" * 40 + " ",
     "abc\u00e9 ", "it\u2019s ", "anti-war: \n", "a" * 35],
)  # fmt: skip
def test_last_word_is_found_as_the_pattern_finds_it(left):
    assert _last_word(left) == _plain_last_word(left)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LEFT_PIECES), max_size=25))
def test_last_word_matches_the_pattern_on_random_text(pieces):
    left = "".join(pieces)
    assert _last_word(left) == _plain_last_word(left)


_BEFORE_PIECES = ["a", "b", ".", " ", "\n", "\t", "\u00a0", "\u2003", "(", '"', "Mr", "U.S", "Inc"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BEFORE_PIECES), max_size=30), st.integers(0, 200))
def test_word_before_a_period_matches_the_pattern(pieces, cut):
    text = "".join(pieces)
    dot = min(cut, len(text))
    match = re.compile(r"(\S+)$").search(text, max(0, dot - 24), dot)
    assert _word_before(text, dot) == (match.group(1) if match else None)
