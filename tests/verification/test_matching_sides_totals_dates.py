"""Three ways a page's figure looks like the claim's and is not: a side's own account of a
fight ("the front said it killed 40"), the whole in "A of the B seats", and the same
figure for an earlier event at the same place. Each case checks the stance a desk would
give; ``mentions`` is the safe answer when the page cannot settle the claim.

Every sentence here is written for Claimdesk, modelled on wire and newspaper copy."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.extraction import extract_claims
from verification.figure_scope import CLAIMED, MARGIN, RECORDS, SEVERITY, claimed_by, scope_marks
from verification.matching import (
    CONTRADICTS,
    MENTIONS,
    NOT_FOUND,
    SUPPORTS,
    figure_role,
    match_claim,
    other_time,
)

D = Decimal


def claim_of(sentence: str, value: int | str):
    """The claim the extractor reads from ``sentence`` with this value."""
    wanted = D(value)
    return next(c for c in extract_claims(sentence) if c.value == wanted)


# --------------------------------------------------------------------- a side's own claim

AMBUSH = (
    "Gunmen ambush army convoy in Dorvat valley\n\n"
    "Insurgents ambushed an army convoy in the Dorvat valley on Thursday, and the defence "
    "ministry said 14 soldiers were killed and nine wounded.\n\n"
    "The Dorvat Liberation Front said in a statement that it had killed 40 soldiers "
    "and destroyed six trucks.\n\n"
    "Neither account could be verified independently."
)


def test_a_sides_own_count_does_not_support_a_claim_stated_as_fact():
    claim = claim_of("The ambush in the Dorvat valley killed 40 soldiers.", 40)
    result = match_claim(claim, AMBUSH)
    assert result.stance in (MENTIONS, CONTRADICTS), result
    assert "Dorvat Liberation Front" in result.explanation


def test_the_officials_count_still_supports():
    claim = claim_of("The ambush in the Dorvat valley killed 14 soldiers.", 14)
    assert match_claim(claim, AMBUSH).stance == SUPPORTS


def test_a_claim_given_as_the_sides_own_account_is_supported_by_it():
    claim = claim_of(
        "The Dorvat Liberation Front said it had killed 40 soldiers in the ambush in the "
        "Dorvat valley.",
        40,
    )
    assert match_claim(claim, AMBUSH).stance == SUPPORTS


def test_a_sides_claim_alone_only_mentions_and_names_the_side():
    page = (
        "The Kessel Brigades said via their news channel that they killed 23 police "
        "officers in raids on checkpoints near Orvo on Sunday."
    )
    claim = claim_of("Raids on checkpoints near Orvo killed 23 police officers.", 23)
    result = match_claim(claim, page)
    assert result.stance == MENTIONS, result
    assert "Kessel Brigades" in result.explanation


@pytest.mark.parametrize(
    ("sentence", "figure", "claimant"),
    [
        ("The rebels claimed 30 guards were taken hostage.", "30", "The rebels"),
        ('"We have killed 12 of their men," the commander said.', "12", "the side that did it"),
        ("At least 20 guests died, according to the militants.", "20", "the militants"),
        ("Nine villagers were killed, rebel radio reported.", "Nine", "rebel"),
        ("The group said it killed 16 soldiers.", "16", "The group"),
    ],
)
def test_who_claims_it(sentence, figure, claimant):
    at = sentence.index(figure)
    found = claimed_by(sentence[:at], sentence[at + len(figure) :])
    assert claimant in found
    assert CLAIMED in scope_marks(sentence[:at], figure, sentence[at + len(figure) :])


@pytest.mark.parametrize(
    "sentence",
    [
        "The landslide claimed 40 lives in the hill villages.",
        "The blast claimed the lives of 40 people.",
        "The Orvo Front claimed responsibility for the bombing, which killed 22 people.",
        "The Orvo Front claimed the attack that killed 22 people.",
        "Police said 22 people were killed in the attack.",
        "Farmers have filed claims for 40 flooded fields.",
        "The rebels claimed victory, but police said 22 of them were killed.",
        "The army said 35 insurgents were killed.",
    ],
)
def test_a_page_stating_the_figure_is_no_claim(sentence):
    figure = next(w for w in ("40", "22", "35") if w in sentence)
    at = sentence.index(figure)
    assert claimed_by(sentence[:at], sentence[at + len(figure) :]) == ""


def test_the_page_stating_the_toll_beside_a_claim_of_responsibility_supports():
    page = (
        "The Orvo Front claimed responsibility for the bombing at the Halm bus depot, "
        "which killed 22 people, police said."
    )
    claim = claim_of("The bombing at the Halm bus depot killed 22 people.", 22)
    assert match_claim(claim, page).stance == SUPPORTS


# ------------------------------------------------------------------ A of the B seats


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("The Civic Union won 68 of the ", " seats."),
        ("The Civic Union won 68 of the chamber's ", " seats."),
        ("The Civic Union won 68 seats out of ", " on Sunday."),
        ("The Civic Union now has 67 seats, out of the total of ", " seats at stake."),
        ("It lost 40 of its ", " seats."),
        ("In all, 9,120 voters cast their ballots out of total ", " registered."),
        ("It won 68 seats in the ", "-seat assembly."),
    ],
)
def test_the_b_of_a_of_b_is_the_whole(before, after):
    assert figure_role(before, after) == "total"


@pytest.mark.parametrize(
    "page",
    [
        "The Civic Union won 68 of the chamber's 150 seats in Sunday's election.",
        "The Civic Union won 68 seats out of 150 in Sunday's election.",
        "The Civic Union won 68 of parliament's 150 seats in Sunday's election.",
    ],
)
def test_the_whole_neither_supports_nor_refutes_a_partys_seats(page):
    whole = claim_of("The Civic Union won 150 seats in Sunday's election.", 150)
    assert match_claim(whole, page).stance == MENTIONS
    part = claim_of("The Civic Union won 68 seats in Sunday's election.", 68)
    assert match_claim(part, page).stance == SUPPORTS


def test_a_count_in_words_is_the_part_too():
    page = "The Civic Union won sixty-eight of the 150 seats in Sunday's election."
    whole = claim_of("The Civic Union won 150 seats in Sunday's election.", 150)
    assert match_claim(whole, page).stance == MENTIONS


def test_the_wholes_words_do_not_qualify_the_part():
    after = " of the 60 suspected cases in Ravel."
    assert SEVERITY not in scope_marks("The clinic confirmed ", "45", after)
    page = "The health office confirmed 45 of the 60 suspected cholera cases in Ravel."
    claim = claim_of("The health office confirmed 45 cholera cases in Ravel.", 45)
    assert match_claim(claim, page).stance == SUPPORTS


# ------------------------------------------------------------ margins and reports of people


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Ines Falk lost the Marrow Hill by-election by ", " votes."),
        ("She won with 58 percent, a difference of ", " votes."),
        ("The Greens hold a lead of ", " seats over Labour."),
        ("He beat the incumbent by just ", " votes."),
    ],
)
def test_a_margin_is_no_count(before, after):
    assert MARGIN in scope_marks(before, "612", after)


def test_a_tally_is_no_margin():
    assert MARGIN not in scope_marks("The bill passed by ", "61", " votes to 39.")


def test_a_margin_does_not_support_a_vote_count():
    page = "Ines Falk lost the Marrow Hill by-election to Tom Brede by 612 votes."
    claim = claim_of("Ines Falk won 612 votes in the Marrow Hill by-election.", 612)
    assert match_claim(claim, page).stance != SUPPORTS
    margin = claim_of("Ines Falk lost the Marrow Hill by-election by 612 votes.", 612)
    assert match_claim(margin, page).stance == SUPPORTS


def test_reports_about_people_are_not_people():
    assert RECORDS in scope_marks("Police had received ", "700", " missing-person reports.")
    page = (
        "Fires in Ostra county\n\nThe sheriff said his office had logged 700 missing "
        "people reports since the fires in Ostra county began."
    )
    claim = claim_of("About 700 people are missing after the fires in Ostra county.", 700)
    assert match_claim(claim, page).stance != SUPPORTS


# ----------------------------------------------------- the same place, an earlier event


def test_a_figure_dated_by_its_year_is_not_the_claims_days_event():
    page = (
        "Police guard reopened Kasimo market\n\n"
        "Traders returned to the Kasimo market on Monday after repairs. In 2019 a bomb "
        "hidden in a fruit stall at the market killed three police officers."
    )
    claim = claim_of("Friday's bombing at the Kasimo market killed three police officers.", 3)
    assert match_claim(claim, page).stance in (MENTIONS, NOT_FOUND)


def test_an_anniversary_page_gives_the_earlier_events_figures():
    page = (
        "Lenzburg remembers the square bombing\n\n"
        "Hundreds gathered on Saturday to commemorate the victims of the bombing on the "
        "Lenzburg town square.\n\n"
        "The bomb, hidden in a parked van, killed 27 people and injured 140."
    )
    claim = claim_of("Saturday's bombing on the Lenzburg town square killed 27 people.", 27)
    assert match_claim(claim, page).stance in (MENTIONS, NOT_FOUND)


def test_a_claim_dated_by_its_year_is_still_supported_by_the_anniversary_page():
    page = (
        "Lenzburg remembers the square bombing\n\n"
        "Hundreds gathered on Saturday to commemorate the victims of the 2016 bombing on "
        "the Lenzburg town square, which killed 27 people."
    )
    claim = claim_of("The 2016 bombing on the Lenzburg town square killed 27 people.", 27)
    assert match_claim(claim, page).stance == SUPPORTS


def test_a_day_dated_report_of_the_claims_event_still_supports():
    page = (
        "Bomb kills three police officers at Kasimo market\n\n"
        "A bomb hidden in a fruit stall killed three police officers at the Kasimo market "
        "on Friday, the deadliest attack there since a car bomb in 2019."
    )
    claim = claim_of("Friday's bombing at the Kasimo market killed three police officers.", 3)
    assert match_claim(claim, page).stance == SUPPORTS


@pytest.mark.parametrize(
    ("sentence", "claim", "expected"),
    [
        ("In 2019 a bomb at the market killed ", "Friday's bomb at the market killed 3.", True),
        ("The 2019 bombing at the market killed ", "This week's bombing killed 3.", True),
        ("On October 4, 2019, a bomb killed ", "Sunday's bomb killed 3.", True),
        ("In 2019 a bomb at the market killed ", "The 2019 bomb at the market killed 3.", False),
        ("A bomb at the market on Friday killed ", "Friday's bomb at the market killed 3.", False),
    ],
)
def test_a_year_dates_another_event_than_a_claim_dated_by_its_day(sentence, claim, expected):
    assert other_time(sentence, claim, frozenset({"2019"}), frozenset({"2019"})) is expected


def test_the_time_said_last_before_the_figure_dates_it():
    claim = "Monday's shelling of the Orno market killed 61 people."
    years = frozenset({"1994"})
    assert other_time(
        "Crowds gathered on Monday to mark the anniversary of the 1994 Orno market "
        "shelling, which killed ",
        claim,
        years,
        years,
    )
    assert not other_time(
        "After a lull since 1994, a shell hit the Orno market on Monday and killed ",
        claim,
        years,
        years,
    )
