"""Stances on the way news is really written: nested groups, updated tolls, hedged and
rounded figures, quotes given to someone else, and the same figure about another event.

Every sentence here is written for Claimdesk, modelled on wire and newspaper copy."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract_claims
from verification.matching import (
    CONTRADICTS,
    MENTIONS,
    NOT_FOUND,
    STANCES,
    SUPPORTS,
    UNREAD,
    ClaimFacts,
    claim_interval,
    clause_names,
    compare_figures,
    confirming_interval,
    counted_group,
    figure_role,
    is_later_figure,
    match_claim,
    other_time,
    rounding_half_step,
    same_speaker,
    update_direction,
)

D = Decimal


def claim_of(sentence: str, index: int = 0):
    return extract_claims(sentence)[index]


# ------------------------------------------------------------------------ nested groups

SCHOOL = (
    "Gunmen stormed a secondary school in the northern town of Varsk on Monday morning. "
    "{figures} The regional governor declared three days of mourning."
)
NESTED_PHRASINGS = [
    "At least 141 people, 132 of them children, were killed, the governor said.",
    "The attack killed 141 people, including 132 children, the governor said.",
    "The siege left 141 people dead. Of the dead, 132 were children.",
]


@pytest.mark.parametrize("figures", NESTED_PHRASINGS)
def test_nested_subset_supports_the_subgroup_claim(figures):
    # Given a page giving a total and, nested in it, the children among the dead
    page = SCHOOL.format(figures=figures)
    claim = claim_of("132 children were killed when gunmen stormed a school in Varsk.")
    # When a claim about the children is matched
    result = match_claim(claim, page)
    # Then the nested figure supports it and the total is not held against it
    assert result.stance == SUPPORTS, result
    assert result.found_value == D(132)
    assert "141" not in result.explanation


@pytest.mark.parametrize("figures", NESTED_PHRASINGS)
def test_nested_total_never_contradicts_the_subgroup_claim(figures):
    # Given a claim about the children that differs from the page's children figure
    claim = claim_of("140 children were killed when gunmen stormed a school in Varsk.")
    result = match_claim(claim, SCHOOL.format(figures=figures))
    # Then any disagreement is with the children figure (132), never with the total 141
    assert not (result.stance == CONTRADICTS and result.found_value == D(141))


def test_a_total_alone_is_a_different_group_not_a_contradiction():
    # Given a page that only gives everyone killed, and a claim about the children
    page = SCHOOL.format(figures="The attack killed 141 people, the governor said.")
    claim = claim_of("132 children were killed when gunmen stormed a school in Varsk.")
    result = match_claim(claim, page)
    # Then it neither supports nor contradicts, and the explanation names the groups
    assert result.stance == MENTIONS, result
    assert "children" in result.explanation and "different group" in result.explanation


def test_a_subgroup_figure_alone_does_not_contradict_the_total():
    page = SCHOOL.format(figures="Among the dead were 132 children, the governor said.")
    claim = claim_of("141 people were killed when gunmen stormed a school in Varsk.")
    assert match_claim(claim, page).stance in {MENTIONS, NOT_FOUND}


def test_the_total_still_supports_a_claim_about_the_total():
    page = SCHOOL.format(figures=NESTED_PHRASINGS[0])
    claim = claim_of("At least 141 people were killed in the attack on a school in Varsk.")
    result = match_claim(claim, page)
    assert result.stance == SUPPORTS
    assert result.found_value == D(141)


@pytest.mark.parametrize(
    ("sentence", "figure", "group"),
    [
        ("At least 141 people, 132 of them children, died.", "132", "children"),
        ("At least 141 people, 132 of them children, died.", "141", ""),
        ("Of the dead, 132 were children.", "132", "children"),
        ("The strike killed 400 Palestinian civilians.", "400", "civilians"),
        ("The shelling wounded 26 Ukrainians overnight.", "26", "ukrainians"),
        ("The toll rose to 149 on Tuesday.", "149", ""),
        ("Soldiers found 12 bodies.", "12", ""),
    ],
)
def test_counted_group(sentence, figure, group):
    end = sentence.index(figure) + len(figure)
    assert counted_group(sentence, end) == group


@settings(deadline=None)
@given(
    total=st.integers(min_value=10, max_value=100_000),
    share=st.floats(min_value=0.05, max_value=0.95),
    claimed_delta=st.integers(min_value=-5, max_value=5),
)
def test_property_a_total_never_contradicts_a_subgroup_claim(total, share, claimed_delta):
    # Whatever the numbers, a page that only gives the total is never a contradiction of
    # a claim about the children among the dead.
    children = max(1, int(total * share) + claimed_delta)
    page = SCHOOL.format(figures=f"The attack killed {total:,} people, the governor said.")
    facts = ClaimFacts(
        kind="casualty_count",
        text=f"{children:,} children were killed when gunmen stormed a school in Varsk.",
        value=D(children),
        qualifier="exact",
        unit="killed",
    )
    assert match_claim(facts, page).stance != CONTRADICTS


# ---------------------------------------------------------------------------- updates

CRASH = (
    "A bus carrying pilgrims plunged into a ravine near Oldbridge on Tuesday night. "
    "{update} Earlier reports said 45 people had died."
)
CRASH_CLAIM = "45 people died when a bus plunged into a ravine near Oldbridge, officials said."


@pytest.mark.parametrize(
    "update",
    [
        "The death toll has risen to 71, the transport ministry said on Thursday.",
        "Rescuers said 71 people were killed, up from 45 reported on Wednesday.",
        "By Thursday the death toll had climbed to 71.",
    ],
)
def test_a_later_figure_is_found_and_marked_updated(update):
    # Given a later page that says the toll has risen beyond the claim's figure
    result = match_claim(claim_of(CRASH_CLAIM), CRASH.format(update=update))
    # Then the later figure is the one found, and it is marked as an update
    assert result.found_value == D(71), result
    assert result.updated is True
    assert result.stance == CONTRADICTS
    assert "later figure" in result.explanation and "outdated" in result.explanation


def test_the_later_figure_itself_supports_without_update_mark():
    claim = claim_of("71 people died when a bus plunged into a ravine near Oldbridge.")
    page = CRASH.format(update="The death toll has risen to 71, the ministry said.")
    result = match_claim(claim, page)
    assert result.stance == SUPPORTS
    assert result.updated is False


def test_a_rise_that_stays_below_the_claim_is_no_refutation():
    # "has risen to 71" cannot make a claim of at least 80 outdated, and a toll still
    # rising may simply be older than the claim: the page neither confirms nor refutes it
    claim = claim_of("At least 80 people died when a bus plunged into a ravine near Oldbridge.")
    page = CRASH.format(update="The death toll has risen to 71, the ministry said.")
    result = match_claim(claim, page)
    assert result.stance == MENTIONS
    assert result.updated is False
    assert "provisional count" in result.explanation


def test_update_direction_and_later_figure():
    assert update_direction("The death toll has risen to ") == "up"
    assert update_direction("The number of missing fell to ") == "down"
    assert update_direction("Officials revised the toll to ") == "any"
    assert update_direction("Rescuers said ", " people were killed, up from 45") == "up"
    assert update_direction("The ministry said ") == ""
    allowed = claim_interval(D(45), "exact")
    assert is_later_figure(allowed, D(71), "up")
    assert not is_later_figure(allowed, D(30), "up")
    assert is_later_figure(allowed, D(30), "down")


# ------------------------------------------------------------- hedges and written forms

BLAST = (
    "A warehouse explosion tore through the port of Dellmar on Tuesday evening, killing "
    "78 people. {injured} Hospitals across the city said they were overwhelmed."
)


def test_more_than_on_the_page_supports_a_precise_claim_inside_it():
    # Given the page's hedged "more than 4,000" and a claim of 4,412 injured
    page = BLAST.format(injured="More than 4,000 people were injured, the health ministry said.")
    claim = claim_of("The explosion at the Dellmar port injured 4,412 people.")
    result = match_claim(claim, page)
    assert result.stance == SUPPORTS, result
    assert result.found_value == D(4000)


def test_more_than_on_the_page_does_not_confirm_a_far_larger_claim():
    page = BLAST.format(injured="More than 4,000 people were injured, the health ministry said.")
    claim = claim_of("The explosion at the Dellmar port injured 9,000 people.")
    assert match_claim(claim, page).stance == MENTIONS


def test_a_round_count_is_too_loose_to_contradict_a_close_precise_one():
    page = BLAST.format(injured="Some 4,000 people were injured, the health ministry said.")
    claim = claim_of("The explosion at the Dellmar port injured 4,412 people.")
    assert match_claim(claim, page).stance == MENTIONS


@pytest.mark.parametrize(
    ("claim_sentence", "page_sentence"),
    [
        (
            "The Hallam council paid the bridge contractor $4.6 million.",
            "Records show the Hallam council paid the bridge contractor 4,617,300 dollars.",
        ),
        (
            "The Hallam council paid the bridge contractor 4,617,300 dollars.",
            "The Hallam council said it paid the bridge contractor $4.6 million.",
        ),
        (
            "The Hallam council paid the bridge contractor 4,617,300 dollars.",
            "The Hallam council said it paid the bridge contractor $4.62m.",
        ),
    ],
)
def test_a_rounded_amount_and_the_exact_one_are_the_same(claim_sentence, page_sentence):
    result = match_claim(claim_of(claim_sentence), "The bridge reopened in May. " + page_sentence)
    assert result.stance == SUPPORTS, result


def test_a_rounded_amount_still_contradicts_a_different_one():
    page = "The bridge reopened. The Hallam council said it paid the contractor $4.6 million."
    claim = claim_of("The Hallam council paid the bridge contractor 4,817,300 dollars.")
    assert match_claim(claim, page).stance == CONTRADICTS


def test_number_form_helpers():
    assert rounding_half_step(D(4_600_000), "$4.6 million") == D(50_000)
    assert rounding_half_step(D(4_620_000), "$4.62m") == D(5_000)
    assert rounding_half_step(D(1_250_000), "1.25 million people") == D(5_000)
    assert rounding_half_step(D(4_617_300), "4,617,300 dollars") == 0
    assert rounding_half_step(D(141)) == 0
    more_than = confirming_interval(D(4000), "more_than")
    assert D(4412) in more_than and D(5001) not in more_than and D(4000) not in more_than
    assert compare_figures(D(4_617_300), "exact", D(4_600_000), "exact") == SUPPORTS
    assert (
        compare_figures(D(4_617_300), "exact", D(4_600_000), "exact", source_written="$4.6m")
        == SUPPORTS
    )


# ------------------------------------------------------------------------ same event


def test_the_same_figure_about_another_event_is_not_support():
    # Given a page about a different disaster that happens to give the same toll
    page = (
        "A landslide buried part of the mountain village of Korvi after days of rain. "
        "Rescue teams said 45 people were killed and dozens were still missing."
    )
    result = match_claim(claim_of(CRASH_CLAIM), page)
    assert result.stance in {MENTIONS, NOT_FOUND}


# --------------------------------------------------------------------------- speakers

FLOOD = (
    "The flood barrier protecting Tarsk gave way late on Sunday. Mayor Peter Brandt said "
    'the city had been warned years ago. "We were told this barrier would hold for another '
    'decade," Brandt told reporters on Monday. The regional governor, Ana Ruiz, promised an '
    "inquiry."
)
BARRIER_QUOTE = "We were told this barrier would hold for another decade"


def quote_claim(speaker: str | None) -> ClaimFacts:
    return ClaimFacts(
        kind="quote",
        text=f'"{BARRIER_QUOTE}," {speaker or "an official"} said.',
        quote=BARRIER_QUOTE,
        speaker=speaker,
    )


@pytest.mark.parametrize("speaker", ["Peter Brandt", "Mayor Brandt", "Mr. Brandt", None])
def test_a_verbatim_quote_with_the_same_or_no_speaker_supports(speaker):
    assert match_claim(quote_claim(speaker), FLOOD).stance == SUPPORTS


def test_a_quote_given_to_someone_else_on_the_page_is_only_a_mention():
    # Given the page attributes the words to the mayor and the claim to the governor
    result = match_claim(quote_claim("Governor Ana Ruiz"), FLOOD)
    # Then the page does not support the claim, and says whose words they are
    assert result.stance == MENTIONS, result
    assert "Peter Brandt" in result.explanation and "Ana Ruiz" in result.explanation


def test_a_pronoun_attribution_counts_as_the_person_it_refers_to():
    page = (
        "Mayor Peter Brandt spoke first. The regional governor, Ana Ruiz, then addressed "
        f'the crowd. "{BARRIER_QUOTE}," she said.'
    )
    assert match_claim(quote_claim("Ana Ruiz"), page).stance == SUPPORTS
    assert match_claim(quote_claim("Peter Brandt"), page).stance == MENTIONS


def test_a_quote_with_no_speaker_on_the_page_supports():
    page = f'The barrier gave way on Sunday. "{BARRIER_QUOTE}." A report followed in May.'
    assert match_claim(quote_claim("Ana Ruiz"), page).stance == SUPPORTS


def test_a_reworded_quote_given_to_someone_else_names_them():
    claim = ClaimFacts(
        kind="quote",
        text="x",
        quote="We were told this barrier would hold for another ten years",
        speaker="Ana Ruiz",
    )
    result = match_claim(claim, FLOOD)
    assert result.stance == MENTIONS
    assert "attributes the words to Peter Brandt" in result.explanation


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Dr. Maria Olsen", "Olsen", True),
        ("Foreign Minister Ali Haidar", "Mr Haidar", True),
        ("Hamad Hasan", "Hamad Hassan", True),
        ("Ban Ki-moon", "Ban", True),
        ("the Health Ministry", "health ministry", True),
        ("Peter Brandt", "Ana Ruiz", False),
        ("the Health Ministry", "Peter Brandt", False),
    ],
)
def test_same_speaker(first, second, same):
    assert same_speaker(first, second) is same


def test_a_name_right_before_the_quote_is_its_speaker():
    # Given a spokesman quoted at length and then a quote the envoy is said to have given
    page = (
        "Foreign ministry spokesman Karl Vent said on Wednesday that the talks had stalled. "
        "Vent said the envoy had been told of the violations twice. Envoy Mira Sol recently "
        'said that "the ceasefire has been broken every single night this week," adding '
        "that monitors would return."
    )
    quote = "the ceasefire has been broken every single night this week"
    as_sol = ClaimFacts(kind="quote", text="x", quote=quote, speaker="Mira Sol")
    as_vent = ClaimFacts(kind="quote", text="x", quote=quote, speaker="Karl Vent")
    # Then the words are the envoy's, not the spokesman's
    assert match_claim(as_sol, page).stance == SUPPORTS
    result = match_claim(as_vent, page)
    assert result.stance == MENTIONS
    assert "Mira Sol" in result.explanation


def test_the_claimed_number_written_on_the_page_is_never_contradicted():
    # Given a page whose only readable amount is another one, while the claimed amount is
    # written inside a quotation about the same aid
    page = (
        "Norland pledged a new $3 million grant on Friday to help the flooded Ostra valley "
        'rebuild. "On top of $250,000 in emergency aid, we are giving $3 million to rebuild '
        'homes and roads," the Norland aid minister wrote.'
    )
    claim = claim_of("Norland gave $250,000 in emergency aid to the flooded Ostra valley.")
    # Then the page is not read as contradicting the claim
    assert match_claim(claim, page).stance in {SUPPORTS, MENTIONS}


# ------------------------------------------------------------------------- unread pages


@pytest.mark.parametrize("status", ["unreachable", "http_error", "blocked", "too_large"])
def test_a_page_that_could_not_be_read_has_no_stance(status):
    # Given a page whose fetch failed (even with text left over from an earlier read)
    claim = claim_of(CRASH_CLAIM)
    result = match_claim(
        claim, CRASH.format(update=""), fetch_status=status, fetch_error="timed out"
    )
    # Then the answer is no stance at all, never not_found, and it says why
    assert result.stance == UNREAD and result.stance not in STANCES
    assert "could not be read" in result.explanation and "timed out" in result.explanation


def test_the_models_and_the_matcher_agree_on_no_stance():
    from verification.models import NO_STANCE

    assert NO_STANCE == UNREAD


# --------------------------------------------------------------- figure roles and years

MORLAND = (
    "Results of the Morland parliamentary election were published on Monday. The Unity "
    "Party won 142 of the 300 seats, short of a majority."
)


def test_the_total_in_n_of_m_never_contradicts_the_part():
    # The part (142 seats) may contradict a claim of 150; the total (300) never does.
    claim = claim_of("The Unity Party won 150 seats in the Morland parliamentary election.")
    result = match_claim(claim, MORLAND)
    assert result.found_value != D(300)
    assert result.stance != CONTRADICTS or result.found_value == D(142)


def test_a_denominator_is_not_a_count():
    # Given a page giving a rate "per 100,000": the 100,000 counts nothing
    page = (
        "Cholera has spread across the Serra district since June. Health officials "
        "recorded 2,300 cases, a rate of 41 cases per 100,000 residents."
    )
    claim = claim_of("Cholera cases in the Serra district have reached 90,000 residents.")
    result = match_claim(claim, page)
    assert result.found_value != D(100_000)


def test_an_implied_lower_bound_is_read_as_one():
    # "will top $1 trillion" is a lower bound, not an exact amount
    page = (
        "Ostland's budget office published its outlook on Tuesday. Interest payments on the "
        "national debt will top $1 trillion next year, it said."
    )
    claim = claim_of(
        "Interest payments on Ostland's national debt will reach $1.2 trillion next year."
    )
    assert match_claim(claim, page).stance != CONTRADICTS


def test_the_same_figure_for_another_year_is_not_support():
    page = (
        "Floods swept through the Dhar valley this week, killing at least 12 people, "
        "officials said in 2024. In 2019, a similar flood in the Dhar valley killed 40 people."
    )
    this_week = claim_of("Flooding in the Dhar valley killed 40 people this week.")
    assert match_claim(this_week, page).stance in {MENTIONS, NOT_FOUND}
    assert match_claim(claim_of("Flooding in the Dhar valley killed 12 people."), page).stance == (
        SUPPORTS
    )


def test_figure_role_and_other_time():
    assert figure_role("a rate of 41 cases per ") == "denominator"
    assert figure_role("won 142 of the ") == "total"
    assert figure_role("payments will top ") == "more_than"
    assert figure_role("officials said ") == ""
    years = frozenset({"2019", "2024"})
    assert other_time("In 2019, a flood there killed 40.", "A flood killed 40.", years)
    assert not other_time("On 3 May 2024 a flood killed 12.", "A flood killed 12.", years)
    assert other_time("Last year a flood killed 40.", "A flood killed 40.", years)


# ------------------------------------------------------------------------- split quotes

HARLOW = (
    'The ruling came on Friday. "We will appeal this decision," the Harlow port authority '
    'said in a statement, "and we expect to win." Dock workers cheered outside.'
)
APPEAL = "We will appeal this decision, and we expect to win"


@pytest.mark.parametrize("speaker", ["Harlow port authority", "the Harlow Port Authority", None])
def test_a_quote_split_by_its_attribution_is_found_whole(speaker):
    claim = ClaimFacts(kind="quote", text="x", quote=APPEAL, speaker=speaker)
    assert match_claim(claim, HARLOW).stance == SUPPORTS


def test_a_split_quote_given_to_someone_else_is_a_mention():
    claim = ClaimFacts(kind="quote", text="x", quote=APPEAL, speaker="Mayor Ed Kalt")
    result = match_claim(claim, HARLOW)
    assert result.stance == MENTIONS
    assert "Harlow port authority" in result.explanation


def test_figures_a_hundred_times_apart_are_another_quantity_not_a_contradiction():
    # Given a page about a wage plan that also gives its total cost
    page = (
        "Ostland's wage plan was published on Monday. It would raise the minimum wage to "
        "$18 an hour and cost $2 trillion over ten years, the budget office said."
    )
    claim = claim_of("Ostland's wage plan would raise the minimum wage to $16 an hour.")
    assert match_claim(claim, page).found_value != D(2_000_000_000_000)
    assert compare_figures(D(16), "exact", D(2_000_000_000_000), "exact") == MENTIONS
    assert compare_figures(D(16), "exact", D(18), "exact") == CONTRADICTS


ESTMARK = (
    "Voters in Estmark elected a new parliament on Sunday. The Liberal Alliance took 88 "
    "seats in the 250-seat chamber, while the Greens won 31."
)


def test_a_figure_of_another_party_named_beside_it_is_not_held_against_the_claim():
    # Given parallel figures for two parties, and a claim about one of them
    claim = claim_of("The Greens won 35 seats in the Estmark parliamentary election.")
    result = match_claim(claim, ESTMARK)
    # Then it is compared with its own party's figure, not the other party's
    assert result.found_value == D(31)
    assert match_claim(claim_of("The Greens won 31 seats in Estmark."), ESTMARK).stance == (
        SUPPORTS
    )
    same_as_other = claim_of("The Greens won 88 seats in the Estmark parliamentary election.")
    assert match_claim(same_as_other, ESTMARK).stance != SUPPORTS
    assert clause_names("The Liberal Alliance took 88", 21) == {"liberal", "alliance"}
    assert clause_names("Officials in Herat said 2,000", 24) == set()


def test_a_figure_things_moved_from_never_contradicts():
    page = (
        "Voters in Estmark elected a new parliament on Sunday. The Greens took 31 seats, up "
        "from 19 four years ago."
    )
    claim = claim_of("The Greens won 31 seats in the Estmark parliamentary election.")
    assert match_claim(claim, page).stance == SUPPORTS
    assert figure_role("The Greens took 31 seats, up from ") == "earlier"


def test_a_past_year_on_a_page_that_names_no_other_year_is_another_time():
    page = (
        "A landslide hit the village of Ulm in the Pesh valley on Monday, killing 9 people. "
        "Back in 2017, a landslide in the Pesh valley killed 18 people."
    )
    claim = claim_of("A landslide in the Pesh valley killed 18 people on Monday.")
    result = match_claim(claim, page)
    assert result.stance != SUPPORTS
    assert result.found_value == D(9)
