"""A figure that moved ("fell to 52 seats") is a later figure for the claim only when it is
the claim's actor that moved: another party's fall is not an update of the claim's seats,
even when the page's lead names the claim's party. Sentences written for Claimdesk."""

from __future__ import annotations

from decimal import Decimal

import pytest

from verification.matching import CONTRADICTS, MENTIONS, SUPPORTS, ClaimFacts, match_claim

RESULTS = (
    "Harbour Party wins most seats in Dunmarra vote\n\n"
    "KESTRA — The opposition Harbour Party won 71 of the 160 seats in Dunmarra's parliament "
    "on Sunday, official results showed. The governing Progress Union fell to 52 seats, and "
    "the Rural League won 20 seats."
)


def _seats(value: int, party: str = "The Harbour Party") -> ClaimFacts:
    return ClaimFacts(
        kind="statistic",
        value=Decimal(value),
        qualifier="exact",
        unit="seats",
        text=f"{party} won {value} seats in Dunmarra's parliamentary election.",
    )


@pytest.mark.parametrize(
    ("value", "stance"),
    [(71, SUPPORTS), (80, CONTRADICTS)],
)
def test_another_partys_fall_is_not_a_later_figure_for_the_claim(value, stance):
    result = match_claim(_seats(value), RESULTS)
    assert result.stance == stance
    assert not result.updated


def test_the_other_partys_own_figure_is_only_mentioned_for_this_claim():
    assert match_claim(_seats(52), RESULTS).stance == MENTIONS


def test_the_claims_own_actor_moving_is_still_a_later_figure():
    page = (
        "Harbour Party loses seats after recount\n\n"
        "KESTRA — After a recount, the Harbour Party's tally fell to 66 seats in Dunmarra's "
        "parliament, the electoral commission said on Wednesday."
    )
    result = match_claim(_seats(71), page)
    assert result.stance in (CONTRADICTS, MENTIONS)
    assert result.stance != SUPPORTS
