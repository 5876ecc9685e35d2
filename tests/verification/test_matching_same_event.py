"""Same event, same thing counted: the figure a page leads with, the figure it gives for
the claim's own place or party, figures it says were replaced, and amounts for other
purposes. A wrong ``supports`` or ``contradicts`` here is how a desk publishes a
correction, so each case checks the stance the desk would give.

Every sentence here is written for Claimdesk, modelled on wire and newspaper copy."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.extraction import extract_claims
from verification.figure_scope import CERTAIN, COMBINED, RECOVERED, replaced_count, scope_marks
from verification.matching import (
    CONTRADICTS,
    MENTIONS,
    SUPPORTS,
    ClaimFacts,
    clause_names,
    counted_head,
    figure_place,
    figure_role,
    governing_word,
    match_claim,
    other_time,
    spending_purpose,
)

D = Decimal


def claim_of(sentence: str, value: int | str):
    """The claim the extractor reads from ``sentence`` with this value."""
    wanted = D(value)
    return next(c for c in extract_claims(sentence) if c.value == wanted)


# ------------------------------------------------------------- the count a page leads with

BOMBING = (
    "Suicide bomber kills 31 at Tarsk bus station\n\n"
    "TARSK, March 4 - A suicide bomber killed 31 people and wounded 52 at the crowded bus "
    "station in the northern city of Tarsk on Friday, police officials said.\n\n"
    "The attack was the second bombing in the city this week.\n\n"
    "On Tuesday, nine people were killed and 14 wounded when a car bomb struck an army "
    "convoy on the ring road around Tarsk.\n\n"
    "It was the deadliest attack in the province since a bombing at a livestock market in "
    "Volny killed at least 47 people.\n\n"
    "A double bombing near the border crossing at Halm killed 22 people last spring."
)


def test_the_lead_count_supports():
    claim = claim_of("A suicide bomber killed 31 people at a bus station in Tarsk.", 31)
    result = match_claim(claim, BOMBING)
    assert result.stance == SUPPORTS, result
    assert result.found_value == D(31)


@pytest.mark.parametrize(
    "sentence, value",
    [
        # another attack in the same city, earlier in the week
        ("A suicide bomber killed nine people at the bus station in Tarsk.", 9),
        ("The bombing at the Tarsk bus station wounded 14 people.", 14),
        # another attack, named by place only, with no time marker at all
        ("The suicide bombing in Tarsk killed 47 people.", 47),
    ],
)
def test_a_different_count_further_down_never_supports(sentence, value):
    # Given a page that leads with its own attack's toll and later gives the tolls of
    # other attacks, without a date that sets them apart
    claim = claim_of(sentence, value)
    result = match_claim(claim, BOMBING)
    # Then the other attack's figure is never read as confirming the claim
    assert result.stance != SUPPORTS, result


def test_a_later_toll_given_as_a_change_still_counts():
    page = (
        "Bus crash in the Gorny pass kills 12\n\n"
        "A bus carrying pilgrims plunged into a ravine in the Gorny pass on Sunday, killing "
        "12 people, rescue officials said late on Sunday evening.\n\n"
        "By Monday morning the death toll had risen to 19 as more bodies were recovered."
    )
    claim = claim_of("The bus crash in the Gorny pass killed 19 people.", 19)
    result = match_claim(claim, page)
    assert result.stance == SUPPORTS, result


# ------------------------------------------------------------------ the claim's own place

STORMS = (
    "Storm toll across the eastern provinces rises to 23\n\n"
    "The death toll from the storms that battered the eastern provinces has climbed to 23, "
    "emergency officials said on Wednesday, as crews cleared roads and restored power.\n\n"
    "In Marden province the governor told reporters that 17 people had died, up from an "
    "earlier count of 12.\n\n"
    "In neighbouring Ostra province, firefighters said three people lost their lives when "
    "trees fell on their cars."
)


def test_the_figure_for_the_claims_own_province_supports():
    claim = claim_of("The storms killed three people in Ostra province.", 3)
    result = match_claim(claim, STORMS)
    # The region's rising toll (23) is the wider story, not a later count for Ostra
    assert result.stance == SUPPORTS, result
    assert result.found_value == D(3)


def test_the_regions_toll_does_not_support_a_claim_about_one_province():
    claim = claim_of("The storms killed 23 people in Marden province.", 23)
    result = match_claim(claim, STORMS)
    assert result.stance != SUPPORTS, result


def test_a_count_the_page_says_was_replaced_never_supports():
    claim = claim_of("The storms killed 12 people in Marden province.", 12)
    result = match_claim(claim, STORMS)
    assert result.stance != SUPPORTS, result


def test_a_name_the_with_phrase_hangs_on_owns_its_figure():
    page = (
        "Floods in the Varn valley kill 480\n\n"
        "The toll from the floods that swept the Varn valley last week stood at 480 on "
        "Thursday, the regional emergency ministry said in its latest report.\n\n"
        "The worst-hit towns were Lindal, with 212 dead, and Brek, with 97 dead."
    )
    claim = claim_of("Floods in the Varn valley killed 212 people.", 212)
    assert match_claim(claim, page).stance != SUPPORTS
    sentence = "The worst-hit towns in the valley were Lindal, with 212 dead, and Brek, with 97."
    assert clause_names(sentence, sentence.index("212")) == {"lindal"}
    assert clause_names(sentence, sentence.index("97")) == {"brek"}


# ------------------------------------------------------------------- parties and seats

COUNT = (
    "Electoral board publishes final count\n\n"
    "The electoral board of Norland published the official results of the general "
    "election on Friday, after three weeks of counting special votes from abroad.\n\n"
    "The Green Union has 41 seats compared with 44 on election night.\n\n"
    "There are no changes for the Farmers Party, which has 30 seats, or the Liberal "
    "Party, which has 12 seats, the board said."
)


def test_a_party_figure_supports_only_its_own_party():
    claim = claim_of("The Liberal Party won 12 seats in Norland's election.", 12)
    result = match_claim(claim, COUNT)
    assert result.stance == SUPPORTS, result


def test_a_word_shared_by_party_names_does_not_make_another_partys_figure_the_claims():
    # "Party" is in both names: the Farmers Party's 30 seats say nothing of the Liberals
    claim = claim_of("The Liberal Party won 30 seats in Norland's election.", 30)
    result = match_claim(claim, COUNT)
    assert result.stance != SUPPORTS, result


def test_the_election_night_count_the_page_replaced_never_supports():
    claim = claim_of(
        "The Green Union won 44 seats in Norland's election, official results showed.", 44
    )
    assert match_claim(claim, COUNT).stance != SUPPORTS
    claim = claim_of("The Green Union won 41 seats in Norland's election.", 41)
    assert match_claim(claim, COUNT).stance == SUPPORTS


def test_a_participle_after_the_counted_noun_ends_it():
    assert counted_head(" seats compared with 44 on election night") == "seat"
    assert counted_head(" displaced families in camps") == "family"


# -------------------------------------------------------------------------- money

BUDGET = (
    "Parliament approves $20 billion reconstruction plan\n\n"
    "Parliament on Tuesday approved a $20 billion plan to rebuild the provinces hit by last "
    "month's earthquake, after the finance ministry initially sought $9 billion.\n\n"
    "The plan includes $3 billion for flood defences along the Ister river and about $5 "
    "billion for rebuilding schools and clinics.\n\n"
    "The $20 billion plan, approved after two weeks of debate, brings total reconstruction "
    "spending to roughly $26 billion, the ministry said.\n\n"
    "An adviser to the ministry put the initial damage estimate at $14 billion."
)


def test_an_amount_for_another_purpose_never_supports():
    claim = claim_of("The $20 billion plan includes $5 billion for flood defences.", 5_000_000_000)
    assert match_claim(claim, BUDGET).stance != SUPPORTS
    claim = claim_of("The plan includes $3 billion for flood defences.", 3_000_000_000)
    assert match_claim(claim, BUDGET).stance == SUPPORTS


def test_an_amount_first_sought_never_supports():
    claim = claim_of("Parliament approved a $9 billion reconstruction plan.", 9_000_000_000)
    assert match_claim(claim, BUDGET).stance != SUPPORTS


def test_an_initial_estimate_is_still_the_pages_figure():
    claim = claim_of(
        "An adviser put the damage from the earthquake at $14 billion.", 14_000_000_000
    )
    assert match_claim(claim, BUDGET).stance == SUPPORTS


def test_an_aside_that_dates_a_noun_does_not_date_the_figure():
    claim = claim_of(
        "Total reconstruction spending after the earthquake has reached roughly $26 billion.",
        26_000_000_000,
    )
    result = match_claim(claim, BUDGET)
    assert result.stance == SUPPORTS, result
    sentence = "The plan, approved two weeks ago, brings spending to roughly "
    assert not other_time(sentence, "Spending reached $26 billion.", frozenset({"2031"}))


def test_spending_purpose_reads_the_for_phrase():
    assert spending_purpose(" for rebuilding schools and clinics.") == {
        "rebuild",
        "school",
        "clinic",
    }
    assert spending_purpose(" to provide food to refugees") == {"food", "refuge"}
    assert spending_purpose(" in emergency funding") == frozenset()


# ----------------------------------------------------------------- refusing to refute


def test_a_page_with_the_claimed_number_for_another_group_does_not_contradict():
    page = (
        "Quake in the Harun mountains kills dozens\n\n"
        "The earthquake that struck villages in the Harun mountains on Monday killed at "
        "least 64 people, the provincial government said on Tuesday.\n\n"
        "Aid agencies said another 180 children were injured in the quake.\n\n"
        "When the earthquake flattened his village in the Harun mountains, a farmer dug "
        "through the rubble for his son. Four other relatives were injured."
    )
    claim = claim_of("The earthquake in the Harun mountains injured 180 people.", 180)
    result = match_claim(claim, page)
    assert result.stance == MENTIONS, result
    assert result.stance != CONTRADICTS


def test_a_confirmed_count_supports_a_plain_claim():
    page = (
        "At least 22 people have been confirmed dead after a mudslide buried part of the "
        "hill town of Corvo on Saturday, the civil protection agency said."
    )
    claim = claim_of("At least 22 people died in the mudslide in Corvo.", 22)
    assert match_claim(claim, page).stance == SUPPORTS
    assert CERTAIN in scope_marks("At least 22 people have been ", "22", " confirmed dead")


def test_a_claim_of_confirmed_cases_is_not_supported_by_suspected_ones():
    page = (
        "The health ministry of Pellia said suspected cholera cases in the capital had "
        "risen from 30 to more than 60, while confirmed cases remain at five."
    )
    claim = claim_of("Pellia has confirmed more than 60 cholera cases.", 60)
    assert match_claim(claim, page).stance != SUPPORTS


def test_replaced_count_reads_the_words_that_date_the_figure_itself():
    assert replaced_count("up from a previous toll of ", "")
    assert replaced_count("the ministry initially sought $", " billion")
    assert replaced_count("", " reported earlier")
    # the words after a figure that date the other figure do not make this one earlier
    assert not replaced_count("The party has ", " seats compared with 44")
    assert not replaced_count("The toll rose to ", ", up from 45")
    assert not replaced_count("put the initial damage estimate at $", " billion")


# ------------------------------------------------------------- what a figure is about


def test_the_size_of_a_town_is_not_a_toll():
    page = (
        "Fire levels hill town of Morrow\n\n"
        "At least 41 people have been confirmed dead in the fire that swept through the hill "
        "town of Morrow on Thursday, the county sheriff said on Saturday.\n\n"
        "The flames raced through Morrow, a town of 18,000 residents, faster than the "
        "evacuation could be organised, the sheriff said of the toll."
    )
    claim = claim_of("The fire in Morrow killed 18,000 people.", 18000)
    assert match_claim(claim, page).stance != SUPPORTS
    assert figure_role("the flames raced through Morrow, a town of ") == "denominator"
    assert figure_role("home to some ") == "denominator"


def test_a_held_back_figure_for_the_claims_place_still_outranks_the_wider_toll():
    page = (
        "Wildfires across the Teller hills kill 17\n\n"
        "Wildfires burning across the Teller hills have killed 17 people, state officials "
        "said on Friday, as crews fought more than a dozen blazes.\n\n"
        "The county coroner said 17 deaths had now been recorded in Aske County.\n\n"
        "Nine of those were confirmed dead in the Rusk Fire, the coroner said."
    )
    claim = claim_of("The Rusk Fire killed 17 people.", 17)
    assert match_claim(claim, page).stance != SUPPORTS


COURT = (
    "Publisher jailed for fraud\n\n"
    "A judge in Holt sentenced the publisher Ansel Brandt to six years in prison on "
    "Tuesday for defrauding the shareholders of his newspaper group.\n\n"
    "Brandt was also ordered to forfeit $4.2 million and was fined $150,000.\n\n"
    "Prosecutors said the scheme had netted more than $19 million."
)


def test_an_amount_of_another_kind_never_supports():
    # the forfeiture is not the fine
    claim = claim_of("Ansel Brandt was fined $4.2 million.", 4_200_000)
    assert match_claim(claim, COURT).stance != SUPPORTS
    claim = claim_of("Ansel Brandt was ordered to forfeit $4.2 million.", 4_200_000)
    assert match_claim(claim, COURT).stance == SUPPORTS
    claim = claim_of("Ansel Brandt was fined $150,000.", 150_000)
    assert match_claim(claim, COURT).stance == SUPPORTS


def test_governing_word_reads_back_from_the_amount():
    assert governing_word("Brandt was also ordered to forfeit $") == "forfeit"
    assert governing_word("and was fined $") == "fined"
    assert governing_word("the scheme had netted more than $") == "nett"  # a stem
    assert governing_word("") == ""


# ------------------------------------------------------- a page about another place

DELTA = (
    "Floods sweep the Morel delta\n\n"
    "At least 40 people died when floods swept through villages in the Morel delta on "
    "Sunday after days of heavy rain, disaster officials said.\n\n"
    "The floods destroyed hundreds of homes."
)


def test_a_page_about_floods_elsewhere_never_supports_by_wording_alone():
    # The claim's place starts its sentence; the page, about another delta, never names it
    claim = claim_of("Tarvia floods killed at least 40 people after days of heavy rain.", 40)
    assert match_claim(claim, DELTA).stance != SUPPORTS
    claim = claim_of("Floods in Tarvia killed at least 40 people after days of heavy rain.", 40)
    assert match_claim(claim, DELTA).stance != SUPPORTS


def test_a_page_that_names_no_other_place_may_still_confirm_in_the_claims_words():
    page = (
        "At least 40 people died when floods swept through riverside villages on Sunday "
        "after days of heavy rain, disaster officials said. The floods destroyed hundreds "
        "of homes."
    )
    claim = claim_of(
        "At least 40 people died in the floods in riverside villages after days of heavy "
        "rain, the Tarvia Red Crescent said.",
        40,
    )
    assert match_claim(claim, page).stance == SUPPORTS


def test_bodies_found_in_a_search_are_not_the_toll():
    page = (
        "Landslide buries mining camp in Ruvo\n\n"
        "A landslide buried a gold miners' camp in the hills above Ruvo on Monday, and "
        "officials said on Tuesday that 37 people had been killed.\n\n"
        "Rescuers found four bodies in the mud on Tuesday morning, the provincial police said."
    )
    claim = claim_of("The landslide in Ruvo killed four people.", 4)
    assert match_claim(claim, page).stance != SUPPORTS
    assert RECOVERED in scope_marks("Rescuers found ", "four", " bodies in the mud")
    assert RECOVERED in scope_marks("rescuers recovered the bodies of ", "21", " pupils")
    assert RECOVERED not in scope_marks("The landslide killed ", "37", " people")


# ------------------------------------------------------------- breakdowns of a toll

TWIN_STORMS = (
    "Combined toll from storms Arlo and Bex passes 200\n\n"
    "The combined death toll from the twin storms Arlo (international name: Kestrel) and Bex "
    "has now climbed to 214, the national disaster council said on Monday.\n\n"
    "Of the total, 190 were due to Arlo.\n\n"
    "The council said 311 people were injured by Arlo (287 in Vessa, 24 in Lorn).\n\n"
    "As for Bex, which weakened before landfall, the council said 24 were reported killed."
)


def test_a_combined_toll_neither_outdates_nor_refutes_one_storms_count():
    claim = claim_of("Storm Arlo killed 190 people.", 190)
    result = match_claim(claim, TWIN_STORMS)
    assert result.stance != CONTRADICTS, result
    assert not result.updated
    assert COMBINED in scope_marks(
        "The combined death toll from the twin storms has climbed to ", "214", ""
    )


def test_a_combined_toll_still_supports_a_claim_of_the_same_sum():
    claim = claim_of("The twin storms Arlo and Bex killed 214 people, the council said.", 214)
    assert match_claim(claim, TWIN_STORMS).stance == SUPPORTS


def test_a_figure_given_for_one_province_is_not_the_storms():
    claim = claim_of("Storm Arlo injured 287 people.", 287)
    assert match_claim(claim, TWIN_STORMS).stance != SUPPORTS
    assert figure_place(" in Vessa, 24 in Lorn)") == {"vessa"}
    assert figure_place(" took place in the city of Lindal") == {"lindal"}
    assert figure_place(" people were killed on Monday") == set()


def test_a_fronted_topic_owns_the_figures_of_its_sentence():
    claim = claim_of("Storm Arlo killed 24 people.", 24)
    assert match_claim(claim, TWIN_STORMS).stance != SUPPORTS
    sentence = "As for Bex, which weakened before landfall, the council said 24 were killed."
    assert "bex" in clause_names(sentence, sentence.index("24"))


def test_a_parenthetical_aside_names_no_actor():
    sentence = "The toll from storm Bex (international name: Kestrel) has climbed to 24."
    assert "kestrel" not in clause_names(sentence, sentence.index("24"))


def test_the_total_a_sentence_breaks_down_is_not_held_against_a_part():
    page = (
        "Storm toll revised down to 45\n\n"
        "Officials on Saturday revised the death toll from storm Cato down to 45 after "
        "checking the reports sent in by the provinces, the civil defence office said.\n\n"
        "Of the 45 deaths, 40 were in the province of Dunmore, most of them in landslides."
    )
    claim = claim_of("Storm Cato killed 40 people in Dunmore province.", 40)
    assert match_claim(claim, page).stance != CONTRADICTS
    assert figure_role("Of the ") == "total"


# ------------------------------------------------------------------- quotes and pronouns

NIGHT = (
    'Prime Minister Edd Varn said the result was "a clear mandate for change", and added '
    'that his party had run "an honest campaign".\n\n'
    "The Farmers Party lost 30 of its 34 seats in the north. Brill apologised to colleagues "
    'who had lost their seats, saying that it had been a "bitter evening".\n\n'
    '"We have lost good colleagues tonight and I take full responsibility for that," he '
    "said at the count in Harnby."
)


def test_a_he_said_quote_goes_to_the_person_named_since_not_the_earlier_speaker():
    claim = ClaimFacts(
        kind="quote",
        text='"We have lost good colleagues tonight," Edd Varn said.',
        quote="We have lost good colleagues tonight and I take full responsibility for that",
        speaker="Edd Varn",
    )
    result = match_claim(claim, NIGHT)
    assert result.stance == MENTIONS, result
    assert "Brill" in result.explanation


def test_a_he_said_quote_with_no_one_named_since_stays_with_its_speaker():
    page = (
        "Tomas Brill, leader of the Farmers Party, spoke at the count in Harnby.\n\n"
        '"We have lost good colleagues tonight and I take full responsibility for that," he '
        "said."
    )
    claim = ClaimFacts(
        kind="quote",
        text='"We have lost good colleagues tonight," Tomas Brill said.',
        quote="We have lost good colleagues tonight and I take full responsibility for that",
        speaker="Tomas Brill",
    )
    assert match_claim(claim, page).stance == SUPPORTS


def test_a_place_named_later_in_the_clause_still_owns_the_figure():
    page = (
        "Death toll from storm Dara climbs to 212\n\n"
        "The death toll from storm Dara has climbed to 212, officials said on Monday, with "
        "whole villages flattened and thousands left without power.\n\n"
        "Police said 96 deaths due to Dara were reported from the Ostmark region."
    )
    claim = claim_of("Storm Dara killed 96 people.", 96)
    assert match_claim(claim, page).stance != SUPPORTS
    assert figure_place(" deaths due to Dara were reported from the Ostmark region.") == {"ostmark"}
    # the place after another number belongs to that number
    assert figure_place(" - 18 in Vessa; 13 in Lorn") == set()
