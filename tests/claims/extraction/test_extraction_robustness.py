"""Offsets, empty input, markup, pathological input and property tests."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract_claims
from claims.extraction.sentences import sentence_spans


@pytest.mark.parametrize("text", ["", " ", "\n\n\t ", "\u00a0\u2003", "Nothing to see here."])
def test_no_claims(text):
    assert extract_claims(text) == []


def test_markup_does_not_crash():
    text = "<script>alert(1)</script><p>At least 12 people were killed.</p> <b>“quoted</b>"
    claims = extract_claims(text)
    assert [(c.kind, int(c.value)) for c in claims] == [("casualty_count", 12)]
    assert all(text[c.start : c.end] == c.text for c in claims)


def test_offsets_survive_crlf_nbsp_and_non_ascii():
    text = (
        "Ünïcödé héadline\r\n\r\nIn São Paulo,\u00a0at least 17\u00a0people were killed.\r\n"
        "The city will spend R$ 40 million — officials said — on repairs. 😀 Über 5 tonnes."
    )
    claims = extract_claims(text)
    assert [int(c.value) for c in claims if c.kind != "quote"][:2] == [17, 40_000_000]
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    "text",
    [
        "9" * 200_000,
        "," * 1_000_000,
        "1," * 300_000,
        "." * 500_000 + " A",
        "“" * 200_000,
        '"' + "a " * 300_000,
        "killed " * 100_000 + "5",
        "(" * 200_000 + "12 people were killed",
        "12 " * 30_000,
    ],
    ids=[
        "digits",
        "commas",
        "digit-commas",
        "dots",
        "curly-opens",
        "open-quote",
        "words",
        "parens",
        "numbers",
    ],
)
def test_pathological_input_is_linear(text):
    # CPU time, not wall time: a busy machine must not fail a test of the algorithm.
    started = time.process_time()
    claims = extract_claims(text)
    assert time.process_time() - started < 5
    assert all(text[c.start : c.end] == c.text for c in claims)


def test_sentence_segmentation_of_news_abbreviations():
    text = (
        "The U.S. Army said Mr. Smith arrived on Dec. 16 at 9 a.m. local time. "
        "He met Gen. J. K. Adams in Washington. The talks ended at 5 p.m. The next day, "
        "officials left.”Quiet,” he said. “It is over.” She agreed."
    )
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == [
        "The U.S. Army said Mr. Smith arrived on Dec. 16 at 9 a.m. local time.",
        "He met Gen. J. K. Adams in Washington.",
        "The talks ended at 5 p.m.",
        "The next day, officials left.”Quiet,” he said.",
        "“It is over.”",
        "She agreed.",
    ]


def test_headlines_and_bylines_are_their_own_sentences():
    text = "Flood Toll Rises\nBy Staff Writer\n\nAt least 40 people died."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Flood Toll Rises",
        "By Staff Writer",
        "At least 40 people died.",
    ]


_NEWSY = st.lists(
    st.sampled_from(
        [
            *"abcXYZ 0123456789.,;:!?$£€¥%-/()\"'\u201c\u201d\u2018\u2019\n\r\t\u00a0é中😀",
            *["killed ", "people ", "million ", "said ", "Mr. ", "U.S. ", "at least ", "Rs "],
        ]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_NEWSY)
def test_offsets_always_slice_the_input(text):
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text
        assert 0 <= claim.start < claim.end <= len(text)
        assert 0.0 <= claim.checkworthiness <= 1.0
        if claim.kind != "quote":
            assert claim.value is not None and claim.qualifier is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_offsets_on_arbitrary_unicode(text):
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=2, max_value=10**15))
def test_thousands_separated_integers_round_trip(n):
    text = f"The ministry said {n:,} people were killed."
    (claim,) = extract_claims(text)
    assert claim.value == n
    assert claim.unit == "killed"
    assert claim.kind == "casualty_count"


def test_unicode_case_folds_of_number_words_do_not_crash():
    text = "\u017fix people died in the fire, police said. \u212aILLED were none."
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text
