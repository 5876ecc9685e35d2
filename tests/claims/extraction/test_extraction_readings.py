"""How a found figure is read: its kind, casualty unit, qualifier and currency.

Each case is a sentence written for this suite in the way agencies report disasters,
attacks and company results; the number's reading must come from the grammar around it
(a list after "the deaths of", the subject a count refers back to, a status word after
it), not from the word that happens to stand nearest.
"""

from decimal import Decimal

import pytest

from claims.extraction import extract_figures

D = Decimal


def readings(text):
    return [(c.value, c.kind, c.qualifier, c.unit) for c in extract_figures(text)]


def reading_of(text, value):
    found = [c for c in extract_figures(text) if c.value == D(value)]
    assert len(found) == 1, readings(text)
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Rescuers said 14 climbers remain missing after the avalanche.",
            [(D(14), "casualty_count", "exact", "missing")],
        ),
        (
            "The ministry said 212 people had died and at least 87 were still missing.",
            [
                (D(212), "casualty_count", "exact", "killed"),
                (D(87), "casualty_count", "at_least", "missing"),
            ],
        ),
        (
            "Coastguards said 31 fishermen are unaccounted for.",
            [(D(31), "casualty_count", "exact", "missing")],
        ),
    ],
)
def test_missing_people_are_a_casualty_count(sentence, expected):
    assert readings(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The cyclone left 64 people dead and nearly 3 million others homeless.",
            [
                (D(64), "casualty_count", "exact", "killed"),
                (D(3_000_000), "statistic", "nearly", "displaced"),
            ],
        ),
        (
            "The mudslides killed 41 villagers and about 1.2 million people were evacuated.",
            [
                (D(41), "casualty_count", "exact", "killed"),
                (D(1_200_000), "statistic", "approximately", "displaced"),
            ],
        ),
        (
            "Troops arrested 26 men after the raid in which five guards died.",
            [
                (D(26), "statistic", "exact", "arrested"),
                (D(5), "casualty_count", "exact", "killed"),
            ],
        ),
    ],
)
def test_a_status_after_a_scaled_count_is_not_taken_from_the_casualties_beside_it(
    sentence, expected
):
    assert readings(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The ambush resulted in the deaths of a battalion commander, three lieutenants "
            "and 19 soldiers, the army said.",
            [(D(3), "killed"), (D(19), "killed")],
        ),
        (
            "Prosecutors blamed the landlord for the death of four tenants.",
            [(D(4), "killed")],
        ),
        (
            "The fire claimed the lives of six nurses and 11 patients.",
            [(D(6), "killed"), (D(11), "killed")],
        ),
    ],
)
def test_the_deaths_of_a_list_makes_every_count_in_it_a_casualty(sentence, expected):
    got = [(c.value, c.unit) for c in extract_figures(sentence)]
    assert got == expected
    assert {c.kind for c in extract_figures(sentence)} == {"casualty_count"}


def test_the_bodies_of_a_list_followed_by_a_verb_are_not_a_death_list():
    claim = reading_of("The bodies of the victims were taken to 3 hospitals in the capital.", 3)
    assert claim.kind == "statistic"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The victims include 12 women, nine men and four children, the governor said.",
            [(D(12), "killed"), (D(9), "killed"), (D(4), "killed")],
        ),
        (
            "At least 33 police officers, including seven commanders, were killed in the ambush.",
            [(D(33), "killed"), (D(7), "killed")],
        ),
        (
            "The assault left 58 dead, including 40 civilians, nine security forces and "
            "nine attackers.",
            [(D(58), "killed"), (D(40), "killed"), (D(9), "killed"), (D(9), "killed")],
        ),
    ],
)
def test_a_list_of_people_takes_the_casualty_unit_of_its_head(sentence, expected):
    got = [(c.value, c.unit) for c in extract_figures(sentence)]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        (
            "The death toll from the collapse of a dam upstream of the mining town of Oruvale "
            "in the eastern highlands has climbed to 73 people on Thursday.",
            73,
            "killed",
        ),
        ("The official death toll is 1,208 people.", 1208, "killed"),
        (
            "Twelve officers of the Northern Border Guard were confirmed dead by the ministry.",
            12,
            "killed",
        ),
    ],
)
def test_a_count_of_people_refers_back_to_the_toll_before_it(sentence, value, unit):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.unit) == ("casualty_count", unit)


def test_a_casualty_word_that_belongs_to_the_count_before_is_not_reused():
    text = (
        "Officials put the toll at 52 dead and 140 injured, while a charity says 60 more "
        "names have been handed to the police."
    )
    assert [c.value for c in extract_figures(text) if c.kind == "casualty_count"] == [
        D(52),
        D(140),
    ]


def test_a_new_predicate_after_a_comma_does_not_lend_its_verb_to_the_number_before():
    text = "A strong earthquake measuring 6.4 struck the valley, kills 210 people."
    assert [c.value for c in extract_figures(text) if c.kind == "casualty_count"] == [D(210)]


def test_estimated_at_is_approximately():
    claim = reading_of("Damage to the harbour is estimated at 40 million kroner.", 40_000_000)
    assert (claim.qualifier, claim.currency) == ("approximately", "DKK")
