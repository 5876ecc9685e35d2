"""The sample article's complete claim list, pinned exactly."""

from decimal import Decimal
from pathlib import Path

import pytest

from claims.extraction import ClaimCandidate, extract_claims, extract_figures
from tests.contracts import CLAIM_JSON_KEYS

ARTICLE = (Path(__file__).parent / "fixtures" / "peshawar_2014.txt").read_text(encoding="utf-8")

EXPECTED_FIGURES = [
    ("casualty_count", 141, "exact", "killed", None, "On December 16, 141 people"),
    ("casualty_count", 132, "exact", "killed", None, "On December 16, 141 people"),
    ("casualty_count", 18, "exact", "killed", None, "Earlier this year, an attack on Jinnah"),
    ("casualty_count", 29, "exact", "killed", None, "In China, meanwhile"),
    ("casualty_count", 140, "more_than", "injured", None, "In China, meanwhile"),
    ("casualty_count", 31, "exact", "killed", None, "In May, a car bomb"),
    ("casualty_count", 100, "nearly", "injured", None, "In May, a car bomb"),
    ("monetary_amount", 500_000_000, "more_than", None, "USD", "According to the Pakistan-China"),
    ("monetary_amount", 28_000_000_000, "exact", None, "USD", "By comparison, the U.S."),
    ("monetary_amount", 11_000_000_000, "exact", None, "USD", "By comparison, the U.S."),
]

EXPECTED_QUOTES = [
    ("deeply shocked and saddened", "Qin Gang"),
    ("in the strongest terms.", "Qin Gang"),
    ("will stand firmly with the Pakistani government", "Qin Gang"),
    ("Counter-terrorism and law-enforcement cooperation", "Qin Gang"),
    ("China will stand firmly behind Pakistan", "Qin Gang"),
    (
        "many ETIM terrorists and their affiliates have also been killed",
        "Inter-Service Public Relations",
    ),
    ("Pakistan will have to face the brunt", "Sartaj Aziz"),
]


@pytest.fixture(scope="module")
def claims() -> list[ClaimCandidate]:
    return extract_claims(ARTICLE)


def test_figures_are_exactly_the_expected_set(claims):
    figures = [c for c in claims if c.kind != "quote"]
    got = [(c.kind, int(c.value), c.qualifier, c.unit, c.currency) for c in figures]
    assert got == [e[:5] for e in EXPECTED_FIGURES]
    for claim, expected in zip(figures, EXPECTED_FIGURES, strict=True):
        assert claim.text.startswith(expected[5])


def test_quotes_are_exactly_the_expected_set(claims):
    quotes = [c for c in claims if c.kind == "quote"]
    assert len(quotes) == len(EXPECTED_QUOTES)
    for claim, (words, speaker) in zip(quotes, EXPECTED_QUOTES, strict=True):
        assert claim.quote.startswith(words)
        assert claim.speaker == speaker
        assert claim.value is None and claim.qualifier is None


def test_scare_quote_is_not_a_claim(claims):
    assert not any(c.quote and "all weather" in c.quote for c in claims)


def test_multi_sentence_quote_spans_both_sentences(claims):
    quote = next(c for c in claims if c.quote and c.quote.startswith("China will stand"))
    assert quote.text.startswith("\u201cChina will stand")
    assert quote.text.endswith("in this area.\u201d")


def test_offsets_slice_the_article(claims):
    for claim in claims:
        assert ARTICLE[claim.start : claim.end] == claim.text
        assert claim.start <= claim.figure_start < claim.figure_end <= claim.end
    assert ARTICLE[claims[0].figure_start : claims[0].figure_end] == "141"


def test_figure_spans_cover_qualifier_and_currency(claims):
    spans = {ARTICLE[c.figure_start : c.figure_end] for c in claims if c.kind != "quote"}
    assert {"over 140", "almost 100", "over $500 million", "$28 billion"} <= spans


def test_claims_are_sorted_by_start(claims):
    assert [c.start for c in claims] == sorted(c.start for c in claims)


def test_extract_figures_omits_quotes(claims):
    figures = extract_figures(ARTICLE)
    assert figures == [c for c in claims if c.kind != "quote"]


def test_json_contract(claims):
    first = claims[0].to_dict()
    assert list(first) == CLAIM_JSON_KEYS
    assert first["value"] == 141 and isinstance(first["value"], int)
    assert first["kind"] == "casualty_count" and first["unit"] == "killed"
    assert first["quote"] is None and first["currency"] is None
    assert 0.0 <= first["checkworthiness"] <= 1.0
    assert claims[0].value == Decimal(141)


def test_casualties_rank_above_quotes_without_numbers(claims):
    top = max(claims, key=lambda c: c.checkworthiness)
    assert top.kind == "casualty_count"
