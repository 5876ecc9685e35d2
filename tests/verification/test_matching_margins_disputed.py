"""A difference between two counts ("eight more than the ruling party") is no count of its
own, and a figure the page itself calls disputed or unverified is one side's account: neither
confirms a claim stated as fact. Sentences written for Claimdesk."""

from __future__ import annotations

from decimal import Decimal

import pytest

from verification.figure_scope import MARGIN, claimed_by, scope_marks
from verification.matching import MENTIONS, SUPPORTS, ClaimFacts, match_claim

PAGE = (
    "Final results confirmed in Marovia\n\n"
    "The electoral commission confirmed on Thursday that the Liberal Front won 63 of the 140 "
    "seats, eight more than the ruling Democratic Alliance, which took 55. The Greens won 11 "
    "seats.\n\n"
    "Police in Sorna said nine people were treated in hospital after scuffles outside a polling "
    "station. The Workers' League said 35 of its members had been hurt, a figure the interior "
    "ministry disputed."
)


def _facts(value: int, unit: str, text: str, kind: str = "statistic") -> ClaimFacts:
    return ClaimFacts(kind=kind, value=Decimal(value), qualifier="exact", unit=unit, text=text)


def test_a_margin_over_another_party_does_not_confirm_a_seat_count():
    claim = _facts(8, "seats", "The Liberal Front won eight seats in the Marovia election.")
    assert match_claim(claim, PAGE).stance == MENTIONS


def test_the_counts_beside_the_margin_still_confirm():
    claim = _facts(63, "seats", "The Liberal Front won 63 seats in the Marovia election.")
    assert match_claim(claim, PAGE).stance == SUPPORTS


def test_a_figure_the_page_calls_disputed_is_only_mentioned():
    claim = _facts(
        35,
        "injured",
        "Thirty-five Workers' League members were injured in scuffles in Sorna.",
        kind="casualty_count",
    )
    result = match_claim(claim, PAGE)
    assert result.stance == MENTIONS
    assert "Workers' League" in result.explanation


@pytest.mark.parametrize(
    ("before", "after", "margin"),
    [
        ("The Front won 63 seats, ", " more than the ruling party.", True),
        ("Labour finished ", " seats ahead of the Conservatives.", True),
        ("Rescuers found ", " more bodies on Monday.", False),
        ("The party won ", " seats, more than any other.", False),
    ],
)
def test_margin_after_the_figure(before, after, margin):
    assert (MARGIN in scope_marks(before, "12", after)) is margin


@pytest.mark.parametrize(
    ("before", "after", "claimant"),
    [
        ("The union said ", " workers were hurt, a figure the police disputed.", "The union"),
        ("Activists said ", " died, which could not be independently verified.", "Activists"),
        ("Police said ", " people were hurt in the clashes.", ""),
        ("Officials said ", " homes were damaged and that the figure could rise.", ""),
    ],
)  # fmt: skip
def test_disputed_or_unverified_figures_are_one_sides_account(before, after, claimant):
    assert claimed_by(before, after) == claimant
