"""Where the evidence that two figures count the same thing is weak, matching answers
``mentions``: never a confirmation or refutation read from another year, a total against
a sub-group, a projection against an actual, or a figure of another scope.

The sentences are written for these tests; each names the phenomenon it guards.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract_claims
from verification.figure_scope import (
    CONVERSION,
    INCREMENT,
    PARTIAL,
    POINTS,
    PROJECTION,
    RATE,
    SEVERITY,
    earlier_count,
    estimate,
    provisional,
    scope_marks,
)
from verification.matching import CONTRADICTS, MENTIONS, NOT_FOUND, SUPPORTS, match_claim

VERDICTS = {SUPPORTS, CONTRADICTS}


def claim_of(sentence: str):
    figures = [c for c in extract_claims(sentence) if c.kind != "quote" and c.value is not None]
    assert figures, sentence
    return figures[0]


# ------------------------------------------------------------------ property-based invariants

FLOOD_PAGE = (
    "Floodwater swept through the river town of Marlow Ford in the Denvale district on "
    "Tuesday night. {sentence} Rescue crews were still searching the lower valley on "
    "Thursday."
)


@settings(max_examples=40, deadline=None)
@given(
    claimed=st.integers(min_value=5, max_value=5000),
    found=st.integers(min_value=5, max_value=5000),
    year=st.integers(min_value=1995, max_value=2022),
    phrase=st.sampled_from(
        [
            "In {year}, a flood in Marlow Ford killed {found} people.",
            "A flood in Marlow Ford in {year} killed {found} people.",
            "The previous flood in Marlow Ford killed {found} people.",
            "Last year's flood in Marlow Ford killed {found} people.",
        ]
    ),
)
def test_a_passage_about_another_year_never_supports_or_contradicts(claimed, found, year, phrase):
    # Given a page whose only figure is about an earlier flood in the same town
    sentence = phrase.format(year=year, found=f"{found:,}")
    page = FLOOD_PAGE.format(sentence=sentence)
    claim = claim_of(f"The flood in Marlow Ford killed {claimed:,} people in 2025.")
    # Then it neither confirms nor refutes this year's claim
    assert match_claim(claim, page).stance not in VERDICTS


GROUPS = ["children", "women", "soldiers", "police officers", "civilians", "students"]


@settings(max_examples=40, deadline=None)
@given(
    claimed=st.integers(min_value=2, max_value=900),
    total=st.integers(min_value=2, max_value=5000),
    group=st.sampled_from(GROUPS),
    verb=st.sampled_from(["killed", "left dead", "wounded"]),
)
def test_a_page_with_only_a_total_never_contradicts_a_subgroup_claim(claimed, total, group, verb):
    # Given a page that gives only everyone counted
    page = FLOOD_PAGE.format(sentence=f"The flood {verb} {total:,} people in Marlow Ford.")
    unit = "killed" if verb != "wounded" else "wounded"
    claim = claim_of(f"The flood in Marlow Ford {unit} {claimed:,} {group}.")
    # Then a claim about one group within them is never refuted by it
    assert match_claim(claim, page).stance != CONTRADICTS


@settings(max_examples=40, deadline=None)
@given(
    claimed=st.integers(min_value=2, max_value=5000),
    projected=st.integers(min_value=2, max_value=5000),
    hedge=st.sampled_from(
        [
            "Officials fear the toll could reach {n}.",
            "The toll is expected to rise to {n}, officials said.",
            "Aid agencies warned that as many as {n} people may have died.",
            "The district projects that {n} people will need shelter by 2027.",
        ]
    ),
)
def test_a_projection_never_contradicts_an_actual(claimed, projected, hedge):
    # Given a page whose only figure is what may yet happen
    page = FLOOD_PAGE.format(sentence=hedge.format(n=f"{projected:,}"))
    claim = claim_of(f"The flood in Marlow Ford killed {claimed:,} people.")
    # Then it never refutes a claim of what did happen
    assert match_claim(claim, page).stance != CONTRADICTS


# ------------------------------------------------------------------- false refutations

QUAKE = (
    "A strong earthquake shook the hill province of Ostrava Vale early on Saturday. "
    "{sentence} Aftershocks kept families outdoors through the night."
)

NO_REFUTATION = [
    pytest.param(
        "",
        "Unemployment in Harlen rose 1.5 percentage points last quarter, the statistics "
        "office said.",
        "Unemployment in Harlen rose 2.5% last quarter.",
        id="percentage points against a percentage",
    ),
    pytest.param(
        "The Harlen port expansion will cost 4 billion kroner.",
        "The Harlen port expansion will cost 4 billion kroner (about $390 million), the "
        "ministry said.",
        "The Harlen port expansion will cost $420 million.",
        id="currency conversion in parentheses",
    ),
    pytest.param(
        "",
        QUAKE.format(sentence="Rescuers pulled 38 bodies from the rubble on Sunday alone."),
        "The earthquake in Ostrava Vale killed 210 people.",
        id="one day's part against the running total",
    ),
    pytest.param(
        "",
        QUAKE.format(
            sentence="The earthquake has killed 90 people in Ostrava Vale so far, the "
            "governor said, and the toll is expected to rise."
        ),
        "The earthquake in Ostrava Vale killed 126 people.",
        id="a provisional count below a later claim",
    ),
    pytest.param(
        "",
        QUAKE.format(sentence="Hospitals in Ostrava Vale said 14 people were critically injured."),
        "The earthquake in Ostrava Vale injured 60 people.",
        id="a severity subset against all injured",
    ),
    pytest.param(
        "",
        QUAKE.format(
            sentence="The toll has climbed sharply from the 12 people reported "
            "killed earlier in Ostrava Vale."
        ),
        "The earthquake in Ostrava Vale killed 47 people.",
        id="an earlier count",
    ),
    pytest.param(
        "",
        QUAKE.format(sentence="A further 9 bodies were found in Ostrava Vale on Sunday."),
        "The earthquake in Ostrava Vale killed 47 people.",
        id="an increment",
    ),
    pytest.param(
        "",
        "In the Harlen assembly vote, 23 seats went to parties outside the governing bloc.",
        "The Farmers' League won 31 seats in the Harlen assembly vote.",
        id="seats with no party named",
    ),
]


@pytest.mark.parametrize(("_note", "page", "claim_sentence"), NO_REFUTATION)
def test_other_quantities_never_contradict(_note, page, claim_sentence):
    claim_sentence = claim_sentence or _note
    result = match_claim(claim_of(claim_sentence), page)
    assert result.stance != CONTRADICTS, result


def test_the_same_quantity_still_contradicts():
    # The guards leave a plain disagreement about the same event alone
    page = QUAKE.format(
        sentence="The earthquake in Ostrava Vale killed 86 people, the governor said."
    )
    claim = claim_of("The earthquake in Ostrava Vale killed 47 people.")
    assert match_claim(claim, page).stance == CONTRADICTS


def test_the_same_quantity_still_supports():
    page = QUAKE.format(
        sentence="The earthquake in Ostrava Vale killed 47 people, the governor said."
    )
    claim = claim_of("The earthquake in Ostrava Vale killed 47 people.")
    assert match_claim(claim, page).stance == SUPPORTS


def test_a_figure_of_another_place_confirms_nothing():
    # Weak same-event evidence: the page is about a quake, but nowhere it names the
    # claim's province, and it shares little else with the claim
    page = (
        "A strong earthquake shook the coastal city of Brelin early on Saturday. The quake "
        "killed 47 people, the mayor said."
    )
    claim = claim_of("Officials in Ostrava Vale said the quake killed 47 villagers there.")
    assert match_claim(claim, page).stance in {MENTIONS, NOT_FOUND}


# ------------------------------------------------------------------------- scope reading

SCOPES = [
    ("Officials fear the toll could reach ", "500", " by Friday.", PROJECTION),
    ("The toll is expected to rise to ", "80", ".", PROJECTION),
    ("Rescuers found ", "40", " bodies on Sunday alone.", PARTIAL),
    ("Clinics saw ", "120", " cases in the past 24 hours.", PARTIAL),
    ("Officials reported ", "30", " more deaths.", INCREMENT),
    ("Inflation rose ", "2", " percentage points.", POINTS),
    ("The rate was ", "12", " per 100,000 residents.", RATE),
    ("Workers earn ", "$15", " an hour.", RATE),
    ("Another ", "14", " were critically injured.", SEVERITY),
]


@pytest.mark.parametrize(("before", "written", "after", "mark"), SCOPES)
def test_scope_marks_read_from_the_words_around_a_figure(before, written, after, mark):
    assert mark in scope_marks(before, written, after)


def test_plain_figures_have_no_scope_mark():
    assert scope_marks("The flood killed ", "141", " people in the valley.") == frozenset()
    assert scope_marks("Another ", "114", " were hurt.") == frozenset()
    assert scope_marks("Clinics logged ", "4,000", " new cases.") == frozenset()


def test_a_parenthesised_amount_is_a_conversion_only_for_money():
    assert CONVERSION in scope_marks(
        "It costs 4 billion kroner (about ", "$390 million", ")", money=True
    )
    assert CONVERSION in scope_marks(
        "It costs 4 billion kroner, or about ", "$390 million", ".", money=True
    )
    assert CONVERSION not in scope_marks("It costs ", "$390 million", ".", money=True)


def test_provisional_and_earlier_counts():
    assert provisional("At least 90 people died.")
    assert provisional("The toll has risen to 60. It is expected to rise.")
    assert not provisional("The flood killed 141 people.")
    assert earlier_count("a steep rise on the ", " people reported killed earlier")
    assert not earlier_count("The quake killed ", " people in the valley")


# ------------------------------------------------------------- plans, heads, other months

CLINIC = (
    "Health workers in the lake district of Mokele are racing to contain an outbreak of "
    "cholera. {sentence} Schools in Mokele stay closed this week."
)


def test_a_pledge_confirms_the_same_pledge_but_never_refutes_what_was_paid():
    page = (
        "The Harlen council approved flood relief for Marlow Ford on Monday. The council "
        "will pay $4 million to families in Marlow Ford, the mayor said."
    )
    pledged = claim_of("The Harlen council will pay $4 million to flood families in Marlow Ford.")
    paid = claim_of("The Harlen council paid $1.5 million to flood families in Marlow Ford.")
    assert match_claim(pledged, page).stance == SUPPORTS
    assert match_claim(paid, page).stance != CONTRADICTS


def test_a_statistic_of_other_things_under_the_same_unit_never_contradicts():
    # "cholera beds" and "cholera cases" share the extractor's unit, not the quantity
    page = CLINIC.format(sentence="Clinics in Mokele have set up 900 cholera beds.")
    claim = claim_of("Mokele has recorded 4,500 cholera cases, health workers said.")
    assert match_claim(claim, page).stance != CONTRADICTS


def test_a_statistic_with_no_noun_of_its_own_never_contradicts():
    page = CLINIC.format(
        sentence="Cholera cases in Mokele were first confirmed in May, and officials now "
        "expect the count to pass 9,000."
    )
    claim = claim_of("Mokele has recorded 4,500 cholera cases, health workers said.")
    assert match_claim(claim, page).stance != CONTRADICTS


@pytest.mark.parametrize(
    "sentence",
    [
        "A blast at the same Kessel market killed 40 people last month.",
        "In March, a bombing at the Kessel market killed 40 people.",
        "Earlier this year a car bomb at the Kessel market killed 40 people.",
        "A previous attack on the Kessel market killed 40 people.",
    ],
)
def test_an_earlier_event_in_the_same_place_neither_confirms_nor_refutes(sentence):
    page = (
        "A suicide bomber struck the crowded Kessel market in Dravo on Friday. "
        f"{sentence} Police sealed off the area."
    )
    for claimed in (40, 25):
        claim = claim_of(f"The bombing at the Kessel market in Dravo killed {claimed} people.")
        assert match_claim(claim, page).stance not in VERDICTS, (sentence, claimed)


def test_one_estimate_never_refutes_another():
    # Two bodies estimate the same damage differently; neither is wrong
    page = (
        "Storm damage across the Tessaly coast is estimated at $4.2 billion, the insurers' "
        "association said on Monday."
    )
    claim = claim_of("The storm caused $1.8 billion of damage on the Tessaly coast.")
    result = match_claim(claim, page)
    assert result.stance == MENTIONS
    assert "estimate" in result.explanation
    assert estimate("an estimated 4,000 homes") and not estimate("4,000 homes were destroyed")
