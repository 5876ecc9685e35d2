"""Stances outside disaster and conflict copy: company results, court sentences, opinion
polls, council budgets and crime figures. Each genre has its own way for a page's
figure to look like the claim's and not be: a poll's seat projection against a result,
revenue against profit, a guideline range's ceiling against the sentence given, a cut
someone called for against the budget passed, "four years and six months" against "four
and a half years". ``mentions`` is the safe answer when the page cannot settle the claim.

Every sentence here is written for Claimdesk, modelled on newspaper copy."""

from __future__ import annotations

from decimal import Decimal

from claims.extraction import extract_claims
from verification.figure_scope import (
    PROJECTION,
    PROPOSED,
    compound_remainder,
    financial_measure,
    scope_marks,
)
from verification.matching import (
    CONTRADICTS,
    MENTIONS,
    SUPPORTS,
    compare_figures,
    match_claim,
)

D = Decimal


def claim_of(sentence: str, value: int | str):
    """The claim the extractor reads from ``sentence`` with this value."""
    wanted = D(value)
    return next(c for c in extract_claims(sentence) if c.value == wanted)


# ------------------------------------------------------------ poll projections vs results

POLL = (
    "Poll puts Green Alliance ahead in Varnia\n\n"
    "If a general election were held next Sunday, 31.2 percent of voters would back the "
    "Green Alliance and 27.5 percent the National Union, a survey by the Ostrava Institute "
    "found.\n\n"
    "At that level of support the Green Alliance would win 171 seats in the 400-seat "
    "assembly, according to the institute's projection, and the National Union would take "
    "139 seats.\n\n"
    "Estimated turnout would be 61 percent. The survey questioned 1,208 adults on "
    "March 3-5."
)


def test_a_polls_seat_projection_does_not_support_a_result():
    claim = claim_of("The Green Alliance won 171 seats in the Varnia election.", 171)
    assert match_claim(claim, POLL).stance == MENTIONS


def test_a_polls_turnout_estimate_does_not_support_a_turnout():
    claim = claim_of("Turnout in the Varnia general election was 61 percent.", 61)
    assert match_claim(claim, POLL).stance == MENTIONS


def test_a_projection_supports_a_claim_about_the_projection():
    claim = claim_of("A poll projected that the National Union would win 139 seats in Varnia.", 139)
    assert match_claim(claim, POLL).stance == SUPPORTS


def test_the_polls_own_share_supports_a_claim_about_the_poll():
    claim = claim_of(
        "In Varnia 31.2 percent would back the Green Alliance if an election were held now.",
        "31.2",
    )
    assert match_claim(claim, POLL).stance == SUPPORTS


def test_would_in_a_poll_sentence_is_a_projection():
    marks = scope_marks("In the survey the party would take ", "88", " seats.")
    assert PROJECTION in marks


def test_a_bills_would_is_no_projection():
    # Legislation's "would provide" is the bill's content, not a scenario.
    marks = scope_marks("The bill, which would provide ", "$4 billion", " for ports, passed.")
    assert PROJECTION not in marks


def test_reported_would_is_no_projection():
    marks = scope_marks("The minister said the survey would cost ", "$2 million", ".")
    assert PROJECTION not in marks


# ------------------------------------------------------------------- revenue vs profit

RESULTS = (
    "Korvel Foods profit climbs 22% on strong exports\n\n"
    "Korvel Foods said on Tuesday its second-quarter net profit rose 22% to 48.5 million "
    "euros, from 39.8 million euros a year earlier.\n\n"
    "Revenue grew 9% to 612 million euros, helped by demand for frozen meals in Asia.\n\n"
    "The company kept its forecast for the full year."
)


def test_revenue_does_not_support_a_profit_claim():
    claim = claim_of("Korvel Foods made a second-quarter profit of 612 million euros.", 612000000)
    assert match_claim(claim, RESULTS).stance == MENTIONS


def test_revenue_growth_does_not_support_a_profit_growth_claim():
    claim = claim_of("Korvel Foods' second-quarter net profit rose 9%.", 9)
    assert match_claim(claim, RESULTS).stance == MENTIONS


def test_profit_supports_a_profit_claim():
    claim = claim_of("Korvel Foods' second-quarter net profit was 48.5 million euros.", 48500000)
    assert match_claim(claim, RESULTS).stance == SUPPORTS


def test_revenue_supports_a_revenue_claim():
    claim = claim_of("Korvel Foods' second-quarter revenue was 612 million euros.", 612000000)
    assert match_claim(claim, RESULTS).stance == SUPPORTS


def test_the_nearest_measure_word_names_the_figure():
    assert financial_measure("It reported a loss of $2 million on sales of ") == "revenue"
    assert financial_measure("Sales fell, and operating income dropped to ") == "profit"
    assert financial_measure("The plant employs ") == ""


# ---------------------------------------------------------- sentences: bounds and terms

COURT = (
    "Former treasurer jailed over charity fraud\n\n"
    "Edwin Marsh, a former treasurer of a Brackwater charity, was sentenced on Friday to 38 "
    "months in prison for stealing 412,000 pounds from it, the crown court heard.\n\n"
    "Under the sentencing guidelines, Marsh faced between 30 and 46 months. "
    "His co-accused, Clara Dunn, was jailed for four years and six months."
)


def test_the_ceiling_of_a_range_does_not_support_a_sentence():
    claim = claim_of("Edwin Marsh was sentenced to 46 months in prison.", 46)
    assert match_claim(claim, COURT).stance in (MENTIONS, CONTRADICTS)


def test_an_upper_bound_confirms_no_exact_figure():
    assert compare_figures(D(20), None, D(20), "up_to") == MENTIONS
    assert compare_figures(D(20), "up_to", D(20), "up_to") == SUPPORTS


def test_the_sentence_given_still_supports():
    claim = claim_of("Edwin Marsh was sentenced to 38 months in prison.", 38)
    assert match_claim(claim, COURT).stance == SUPPORTS


def test_years_and_months_support_the_same_term_in_half_years():
    claim = claim_of("Clara Dunn was jailed for four and a half years.", "4.5")
    assert match_claim(claim, COURT).stance == SUPPORTS


def test_years_and_months_do_not_support_the_years_alone():
    claim = claim_of("Clara Dunn was jailed for four years.", 4)
    assert match_claim(claim, COURT).stance != SUPPORTS


def test_a_compound_duration_reads_its_remainder():
    assert compound_remainder("six", " years and six months in jail") == D("0.5")
    assert compound_remainder("2", " hours and 15 minutes later") == D("0.25")
    assert compound_remainder("3", " years in prison and 200 hours of work") == 0


# --------------------------------------------------------- proposals vs what was decided

BUDGET = (
    "Dunmore council passes $412 million budget\n\n"
    "Dunmore City Council on Tuesday approved a $412 million budget for the coming year by "
    "a vote of seven to two.\n\n"
    "Councillor Ana Reyes had called for a 3 percent cut to the parks department, but the "
    "amendment failed. The budget raises the property tax rate by 1.5 percent."
)


def test_a_cut_someone_called_for_does_not_support_the_budget():
    claim = claim_of("Dunmore's new budget cuts parks spending by 3 percent.", 3)
    assert match_claim(claim, BUDGET).stance == MENTIONS


def test_the_proposal_supports_a_claim_about_the_proposal():
    claim = claim_of("Councillor Ana Reyes proposed a 3 percent cut to Dunmore's parks.", 3)
    assert match_claim(claim, BUDGET).stance == SUPPORTS


def test_the_budget_passed_still_supports():
    claim = claim_of("Dunmore City Council approved a $412 million budget.", 412000000)
    assert match_claim(claim, BUDGET).stance == SUPPORTS


def test_called_for_marks_a_proposal():
    assert PROPOSED in scope_marks("The union called for a ", "5 percent", " pay rise.")
    assert PROPOSED not in scope_marks("The union won a ", "5 percent", " pay rise.")


# -------------------------------------------------------------- another place's figure

CRIME = (
    "Recorded crime up in Harwick\n\n"
    "Police in Harwick recorded 9,812 crimes in the year to March, up 11% on the year "
    "before, figures from the statistics office show.\n\n"
    "Across Northern Region, recorded violent crime rose by 6%."
)


def test_a_wider_areas_change_does_not_support_the_towns():
    claim = claim_of("Recorded crime in Harwick rose by 6% in the year to March.", 6)
    assert match_claim(claim, CRIME).stance != SUPPORTS


def test_the_towns_own_change_supports():
    claim = claim_of("Recorded crime in Harwick rose by 11% in the year to March.", 11)
    assert match_claim(claim, CRIME).stance == SUPPORTS


SALES_UPDATE = (
    "Korvel Foods sales climb on exports\n\n"
    "Korvel Foods said on Tuesday its second-quarter revenue rose to 612 million euros, "
    "helped by demand for frozen meals in Asia. It did not give a profit figure."
)


def test_revenue_that_rose_is_no_later_reading_of_a_profit():
    # "revenue rose to 612 million euros" moved, but it is not the claim's profit.
    claim = claim_of("Korvel Foods' second-quarter net profit was 580 million euros.", 580000000)
    result = match_claim(claim, SALES_UPDATE)
    assert result.stance == MENTIONS, result
    assert not result.updated


# ------------------------------------------------------- a partisan count against police

MARCH = (
    "Clashes at Selbern housing march\n\n"
    "Police said 84 officers were injured when a march against rent rises in Selbern "
    "turned violent on Saturday.\n\n"
    "March organisers said 212 protesters were hurt, many by batons. Police put the "
    "crowd at 9,000."
)


def test_organisers_count_does_not_support_a_claim_given_as_fact():
    claim = claim_of("212 protesters were hurt at the Selbern march, police said.", 212)
    assert match_claim(claim, MARCH).stance == MENTIONS


def test_organisers_count_supports_a_claim_given_as_theirs():
    claim = claim_of("Organisers said 212 protesters were hurt at the Selbern march.", 212)
    assert match_claim(claim, MARCH).stance == SUPPORTS


def test_the_police_count_still_supports():
    claim = claim_of("84 police officers were injured at the Selbern march.", 84)
    assert match_claim(claim, MARCH).stance == SUPPORTS


# ------------------------------------------------------ a roundup of several companies

ROUNDUP = (
    "Brisco Mills earnings\n\n"
    "HALDEN - Brisco Mills Co. said Thursday its first-quarter earnings rose 8 percent "
    "despite flat revenue. Its earnings rose to $652 million, or $1.41 a share, from $601 "
    "million a year ago. Sales slipped 1 percent to $7.2 billion.\n"
    "TARVIK - Ostrel Chemical Co. said Thursday that its profit fell 19 percent in the "
    "third quarter. The company said its profit dropped to $188 million, or $2.04 a share, "
    "from $231 million."
)


def test_the_previous_companys_rise_is_no_later_figure_for_the_next():
    claim = claim_of("Ostrel Chemical's quarterly profit was $188 million.", 188000000)
    result = match_claim(claim, ROUNDUP)
    assert result.stance == SUPPORTS, result
    assert not result.updated
