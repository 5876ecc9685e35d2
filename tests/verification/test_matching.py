"""Matching: the qualifier table of docs/verification.md row by row, synonyms, currencies,
same-event contradictions, quotes, and a property test that matching never raises."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract_claims
from verification.matching import (
    CONTRADICTS,
    MENTIONS,
    NOT_FOUND,
    STANCES,
    SUPPORTS,
    ClaimFacts,
    compare_figures,
    match_claim,
    normalise_quote,
)

D = Decimal

# (claim qualifier, claim value, source qualifier, source value, expected) — one line per
# row of the table in docs/verification.md.
QUALIFIER_TABLE = [
    ("exact", 141, "exact", 141, SUPPORTS),
    ("exact", 141, "exact", 149, CONTRADICTS),
    ("exact", 141, "approximately", 141, SUPPORTS),
    ("exact", 141, "at_least", 141, SUPPORTS),
    ("exact", 141, "more_than", 140, SUPPORTS),
    ("exact", 4412, "more_than", 4000, SUPPORTS),
    ("exact", 9000, "more_than", 4000, MENTIONS),
    ("exact", 4412, "exact", 4000, MENTIONS),
    ("exact", 4000, "exact", 4412, MENTIONS),
    ("exact", 4412, "exact", 3000, CONTRADICTS),
    ("exact", 96, "nearly", 100, SUPPORTS),
    ("exact", 60, "up_to", 100, MENTIONS),
    ("exact", 41, "up_to", 41, MENTIONS),
    ("exact", 141, "more_than", 141, CONTRADICTS),
    ("exact", 141, "approximately", 200, CONTRADICTS),
    ("at_least", 141, "exact", 141, SUPPORTS),
    ("at_least", 141, "exact", 149, SUPPORTS),
    ("at_least", 141, "exact", 132, CONTRADICTS),
    ("at_least", 141, "up_to", 150, MENTIONS),
    ("at_least", 141, "at_least", 149, SUPPORTS),
    ("exact", 141, "nearly", 141, CONTRADICTS),
    ("more_than", 140, "exact", 143, SUPPORTS),
    ("more_than", 140, "exact", 140, CONTRADICTS),
    ("more_than", 140, "exact", 120, CONTRADICTS),
    ("fewer_than", 100, "exact", 96, SUPPORTS),
    ("fewer_than", 100, "exact", 100, CONTRADICTS),
    ("fewer_than", 100, "more_than", 120, CONTRADICTS),
    ("fewer_than", 100, "up_to", 50, SUPPORTS),
    ("up_to", 100, "exact", 100, SUPPORTS),
    ("up_to", 100, "exact", 60, SUPPORTS),
    ("up_to", 100, "exact", 101, CONTRADICTS),
    ("approximately", 100, "exact", 108, SUPPORTS),
    ("approximately", 100, "exact", 90, SUPPORTS),
    ("approximately", 100, "exact", 89, CONTRADICTS),
    ("approximately", 100, "exact", 111, CONTRADICTS),
    ("nearly", 100, "exact", 96, SUPPORTS),
    ("nearly", 100, "exact", 90, SUPPORTS),
    ("nearly", 100, "exact", 100, CONTRADICTS),
    ("nearly", 100, "more_than", 100, CONTRADICTS),
    ("nearly", 100, "exact", 60, CONTRADICTS),
    ("exact", 28_000_000_000, "exact", 28_300_000_000, SUPPORTS),
    ("exact", 28_000_000_000, "exact", 29_000_000_000, CONTRADICTS),
]


@pytest.mark.parametrize(("cq", "cv", "sq", "sv", "expected"), QUALIFIER_TABLE)
def test_qualifier_table_row(cq, cv, sq, sv, expected):
    assert compare_figures(D(cv), cq, D(sv), sq) == expected


EVENT = (
    "Taliban gunmen stormed the Army Public School in Peshawar on Tuesday morning. "
    "{figure} Most of the victims were pupils."
)


def claim_of(sentence: str, index: int = 0):
    return extract_claims(sentence)[index]


PESHAWAR_141 = (
    "141 people were killed when Taliban gunmen attacked the Army Public School in Peshawar."
)


@pytest.mark.parametrize(
    "phrase",
    [
        "The attack killed 141 people, officials said.",
        "In all, 141 people were dead, officials said.",
        "Officials said 141 people died.",
        "The death toll stood at 141, officials said.",
        "Officials said 141 people lost their lives.",
    ],
)
def test_killed_synonyms_support_the_same_count(phrase):
    # Given a claim of 141 killed and a page using a synonym for killed
    result = match_claim(claim_of(PESHAWAR_141), EVENT.format(figure=phrase))
    # Then the page supports it and the figure is stored
    assert result.stance == SUPPORTS, result
    assert result.found_value == D(141)
    assert "141" in result.passage


@pytest.mark.parametrize(
    "phrase",
    ["At least 114 people were wounded.", "Another 114 were hurt.", "114 people were injured."],
)
def test_injured_synonyms(phrase):
    claim = claim_of(
        "At least 114 people were injured when Taliban gunmen attacked the Army Public School "
        "in Peshawar."
    )
    result = match_claim(claim, EVENT.format(figure=phrase))
    assert result.stance == SUPPORTS, result


def test_injured_is_not_compared_with_killed():
    # Given a claim about the injured and a page that only counts the dead
    claim = claim_of(
        "114 people were injured when Taliban gunmen attacked the Army Public School in Peshawar."
    )
    result = match_claim(claim, EVENT.format(figure="The attack killed 141 people."))
    # Then the killed figure neither supports nor contradicts it
    assert result.stance in {MENTIONS, NOT_FOUND}
    assert result.found_value is None


def test_same_event_different_count_contradicts():
    result = match_claim(
        claim_of(PESHAWAR_141), EVENT.format(figure="The death toll rose to 149, officials said.")
    )
    assert result.stance == CONTRADICTS
    assert result.found_value == D(149)
    assert "149" in result.explanation and "141" in result.explanation


def test_unrelated_passage_does_not_contradict():
    # Given a page about another event with a different death toll
    page = (
        "Floods swept through Sindh province last August. The death toll rose to 149, "
        "the disaster agency said. Thousands of homes were destroyed."
    )
    result = match_claim(claim_of(PESHAWAR_141), page)
    # Then it is at most a mention, never a contradiction
    assert result.stance in {MENTIONS, NOT_FOUND}


def test_more_than_supported_by_higher_count():
    claim = claim_of(
        "More than 140 people were killed when Taliban gunmen attacked the Army Public School "
        "in Peshawar."
    )
    assert match_claim(claim, EVENT.format(figure="143 people were killed.")).stance == SUPPORTS
    assert match_claim(claim, EVENT.format(figure="120 people were killed.")).stance == CONTRADICTS


def test_nearly_supported_by_slightly_lower():
    claim = claim_of(
        "Almost 100 people were killed when Taliban gunmen attacked the Army Public School in "
        "Peshawar."
    )
    assert match_claim(claim, EVENT.format(figure="96 people were killed.")).stance == SUPPORTS
    assert match_claim(claim, EVENT.format(figure="60 people were killed.")).stance == CONTRADICTS


CURRENCY_CLAIM = "The Karachi metro line cost $28 billion, the transport ministry said."


def test_same_currency_compared():
    page = (
        "The Karachi metro line opened on Monday. The project cost $28 billion in total, "
        "according to the transport ministry."
    )
    assert match_claim(claim_of(CURRENCY_CLAIM), page).stance == SUPPORTS


def test_other_currency_not_compared():
    page = (
        "The Karachi metro line opened on Monday. The project cost Rs 28 billion in total, "
        "according to the transport ministry."
    )
    result = match_claim(claim_of(CURRENCY_CLAIM), page)
    assert result.stance in {MENTIONS, NOT_FOUND}
    assert result.found_value is None


def test_currency_contradiction():
    page = (
        "The Karachi metro line opened on Monday. The project cost $35 billion, "
        "the transport ministry said."
    )
    result = match_claim(claim_of(CURRENCY_CLAIM), page)
    assert result.stance == CONTRADICTS
    assert result.found_value == D(35_000_000_000)


def test_percent_with_percent():
    claim = claim_of(
        "Turnout in the Punjab provincial election was 52 percent, the commission said."
    )
    page = "The Punjab provincial election commission published its results. Turnout was 52%."
    assert match_claim(claim, page).stance == SUPPORTS


def test_same_event_without_figure_is_a_mention():
    page = "Taliban gunmen stormed the Army Public School in Peshawar. The army responded."
    result = match_claim(claim_of(PESHAWAR_141), page)
    assert result.stance == MENTIONS
    assert result.passage


def test_empty_source_is_not_found():
    result = match_claim(claim_of(PESHAWAR_141), "")
    assert result.stance == NOT_FOUND
    assert result.explanation


QUOTE_CLAIM = (
    '"We will not rest until every terrorist is eliminated," Prime Minister Nawaz Sharif said.'
)


def test_quote_verbatim_after_normalising_marks_case_and_punctuation():
    page = (
        "Speaking in Peshawar, Sharif vowed:  \u201cwe will NOT rest until every terrorist is "
        "eliminated!\u201d The army began operations."
    )
    result = match_claim(claim_of(QUOTE_CLAIM), page)
    assert result.stance == SUPPORTS
    assert "eliminated" in result.passage
    assert "Nawaz Sharif" in result.explanation
    assert page[result.passage_start : result.passage_end] == result.passage


def test_quote_reworded_is_a_mention_naming_the_words():
    page = 'Sharif said: "We shall not rest until every terrorist is eliminated." Later...'
    result = match_claim(claim_of(QUOTE_CLAIM), page)
    assert result.stance == MENTIONS
    assert "source has 'shall' where the claim has 'will'" in result.explanation


def test_quote_absent_is_not_found():
    page = "The prime minister visited the hospital and met the families of the victims."
    result = match_claim(claim_of(QUOTE_CLAIM), page)
    assert result.stance == NOT_FOUND
    assert result.explanation


def test_normalise_quote():
    assert normalise_quote(" \u201cHello,   World!\u201d ") == "hello, world"


def test_claim_facts_accepts_plain_values():
    facts = ClaimFacts(kind="casualty_count", text=PESHAWAR_141, value=D(141), unit="killed")
    result = match_claim(facts, EVENT.format(figure="The attack killed 141 people."))
    assert result.stance == SUPPORTS


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.text(max_size=400),
    value=st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=2)),
    qualifier=st.sampled_from(
        [None, "exact", "at_least", "more_than", "fewer_than", "up_to", "approximately", "nearly"]
    ),
    kind=st.sampled_from(["casualty_count", "monetary_amount", "statistic", "quote", "date", ""]),
    quote=st.one_of(st.none(), st.text(max_size=60)),
)
def test_match_never_raises_and_stance_is_known(source, value, qualifier, kind, quote):
    facts = ClaimFacts(
        kind=kind,
        text="At least 3 people died in Lahore.",
        value=value,
        qualifier=qualifier,
        unit="killed",
        quote=quote,
    )
    result = match_claim(facts, source)
    assert result.stance in STANCES
    assert result.explanation
