"""Figures read as real reporting writes them: units from context, chains and ranges, the
forms beyond "N nouns", kinds, qualifiers, and who a figure is attributed to.

Every sentence here is written for this suite, modelled on how wire copy and local papers
phrase their figures.
"""

from decimal import Decimal

import pytest

from claims.extraction import extract_claims, extract_figures


def figures(text):
    return [(c.value, c.kind, c.qualifier, c.unit) for c in extract_figures(text)]


def one(text):
    found = extract_figures(text)
    assert len(found) == 1, [(c.value, c.unit, text[c.figure_start : c.figure_end]) for c in found]
    return found[0]


D = Decimal
KILLED = ("casualty_count", "killed")
INJURED = ("casualty_count", "injured")


# ----------------------------------------------------------- no noun after the figure
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The toll from the landslide climbed to at least 1,208 by Thursday.",
            [(D(1208), "casualty_count", "at_least", "killed")],
        ),
        (
            "Confirmed infections reached 451,000 at the end of March.",
            [(D(451000), "statistic", "exact", "infections")],
        ),
        (
            "Admissions fell to 212 on Friday from 260 on Monday.",
            [
                (D(212), "statistic", "exact", "admissions"),
                (D(260), "statistic", "exact", "admissions"),
            ],
        ),
        (
            "Officials expect the death toll to rise to more than 500.",
            [(D(500), "casualty_count", "more_than", "killed")],
        ),
        (
            "Most of the deaths were recorded in the northern district (1,102).",
            [(D(1102), "casualty_count", "exact", "killed")],
        ),
        (
            "At least 9,000 people died and 160,000 others were hurt.",
            [
                (D(9000), "casualty_count", "at_least", "killed"),
                (D(160000), "casualty_count", "exact", "injured"),
            ],
        ),
        (
            "The storm killed 14 people in the north, nine in the east and two on the coast.",
            [
                (D(14), "casualty_count", "exact", "killed"),
                (D(9), "casualty_count", "exact", "killed"),
                (D(2), "casualty_count", "exact", "killed"),
            ],
        ),
        (
            "The number of people listed as missing rose to 87, up from about 60 a day earlier.",
            [
                (D(87), "casualty_count", "exact", "missing"),
                (D(60), "casualty_count", "approximately", "missing"),
            ],
        ),
    ],
)
def test_a_figure_with_no_noun_takes_its_unit_from_context(sentence, expected):
    assert figures(sentence) == expected


def test_a_subset_at_the_start_of_the_next_sentence_refers_to_the_last_figure():
    text = "The number of wounded reached 312 by nightfall. 40 of them are children."
    assert figures(text) == [
        (D(312), *INJURED[:1], "exact", "injured"),
        (D(40), *INJURED[:1], "exact", "injured"),
    ]


# -------------------------------------------------------------- chains and ranges
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The ambush killed four police officers and 17 soldiers.",
            [(D(4), *KILLED[:1], "exact", "killed"), (D(17), *KILLED[:1], "exact", "killed")],
        ),
        (
            "Six men, three women and two children were among the dead.",
            [
                (D(6), "casualty_count", "exact", "killed"),
                (D(3), "casualty_count", "exact", "killed"),
                (D(2), "casualty_count", "exact", "killed"),
            ],
        ),
        (
            "Clinics reported 30 and 35 cases on consecutive days.",
            [(D(30), "statistic", "exact", "cases"), (D(35), "statistic", "exact", "cases")],
        ),
        (
            "Between 300 and 400 people were killed in the fighting.",
            [
                (D(300), "casualty_count", "at_least", "killed"),
                (D(400), "casualty_count", "up_to", "killed"),
            ],
        ),
        (
            "Growth is forecast at from 5 to 8% next year.",
            [(D(5), "statistic", "at_least", "percent"), (D(8), "statistic", "up_to", "percent")],
        ),
        (
            "Unemployment rose from 5 to 8% last year.",
            [(D(5), "statistic", "exact", "percent"), (D(8), "statistic", "exact", "percent")],
        ),
        (
            "Prosecutors sought seven to nine years in prison.",
            [(D(7), "statistic", "at_least", "years"), (D(9), "statistic", "up_to", "years")],
        ),
        (
            "The bill would cost between 2 and 3 million dollars.",
            [
                (D(2_000_000), "monetary_amount", "at_least", None),
                (D(3_000_000), "monetary_amount", "up_to", None),
            ],
        ),
        (
            "Officials said 1,200 people, including 340 children, were injured.",
            [
                (D(1200), *INJURED[:1], "exact", "injured"),
                (D(340), *INJURED[:1], "exact", "injured"),
            ],
        ),
        (
            "The attack killed 63 people, 21 of them children.",
            [(D(63), *KILLED[:1], "exact", "killed"), (D(21), *KILLED[:1], "exact", "killed")],
        ),
        (
            "Rescuers found 300 survivors, and 12 people were killed.",
            [(D(300), "statistic", "exact", "survivors"), (D(12), *KILLED[:1], "exact", "killed")],
        ),
    ],
)
def test_coordinated_figures_and_ranges_give_one_claim_each(sentence, expected):
    assert figures(sentence) == expected


# --------------------------------------------------------------------- other forms
@pytest.mark.parametrize(
    ("sentence", "value", "kind", "unit"),
    [
        ("The former minister was jailed for 14 years.", 14, "statistic", "years"),
        ("He was sentenced to 30 months in prison.", 30, "statistic", "months"),
        ("One in four adults skips breakfast.", D("0.25"), "statistic", "ratio"),
        ("Smokers were 2.5 times as likely to be admitted.", D("2.5"), "statistic", "times"),
        ("Two of the victims were teenagers.", 2, "statistic", "victims"),
        ("Farmers weighed a 12 pounds pumpkin.", 12, "statistic", "lb"),
        ("Customs seized 40 pounds of cocaine at the port.", 40, "statistic", "lb"),
        ("A magnitude 6.1 quake shook the capital.", D("6.1"), "statistic", "magnitude"),
        ("The town has 12 500 residents.", 12500, "statistic", "residents"),
        ("Landslide Kills 23 In Mountain Village", 23, "casualty_count", "killed"),
        ("The ambush resulted in the death of three officers.", 3, "casualty_count", "killed"),
        ("The floods claimed the lives of 67 villagers.", 67, "casualty_count", "killed"),
        ("The outbreak has caused one death in the district.", 1, "casualty_count", "killed"),
    ],
)
def test_number_forms(sentence, value, kind, unit):
    claim = one(sentence)
    assert (claim.value, claim.kind, claim.unit) == (D(value), kind, unit)


def test_seat_counts_give_both_figures():
    assert figures("The ruling alliance won 142 of 300 seats.") == [
        (D(142), "statistic", "exact", "seats"),
        (D(300), "statistic", "exact", "seats"),
    ]


def test_a_rate_per_100000_is_a_rate_not_a_count():
    claim = one("The murder rate fell to 8 per 100,000 residents.")
    assert (claim.value, claim.kind, claim.unit) == (8, "statistic", "per 100,000")


def test_a_magnitude_is_never_a_casualty_count():
    got = figures("A magnitude 6.1 quake killed 12 people in the valley.")
    assert got == [
        (D("6.1"), "statistic", "exact", "magnitude"),
        (D(12), *KILLED[:1], "exact", "killed"),
    ]


@pytest.mark.parametrize(
    ("sentence", "value", "currency", "unit"),
    [
        ("The plan would cost $2.5T over ten years.", 2_500_000_000_000, "USD", None),
        ("Workers are demanding $15/hour.", 15, "USD", "per hour"),
        ("Crude traded at $82 a barrel.", 82, "USD", "per barrel"),
        ("The fund reported a loss of -$40 million.", -40_000_000, "USD", None),
        ("The bank lent CHF 300 million to the exporter.", 300_000_000, "CHF", None),
        ("Berne set aside 2 billion Swiss francs.", 2_000_000_000, "CHF", None),
        ("Copenhagen pledged 500 million Danish kroner.", 500_000_000, "DKK", None),
        ("Stockholm will spend 4 billion kronor.", 4_000_000_000, "SEK", None),
        ("Oslo approved NOK 1.2 billion for ferries.", 1_200_000_000, "NOK", None),
        ("Warsaw earmarked 75 billion zlotys.", 75_000_000_000, "PLN", None),
        ("The utility needs R500 million for repairs.", 500_000_000, "ZAR", None),
        ("The council approved a 3 billion rand budget.", 3_000_000_000, "ZAR", None),
        ("Brasilia released 8 billion reais.", 8_000_000_000, "BRL", None),
        ("The ministry paid MXN 900 million.", 900_000_000, "MXN", None),
        ("Ankara announced 50 billion lira in aid.", 50_000_000_000, "TRY", None),
        ("Seoul set aside 3 trillion won.", 3_000_000_000_000, "KRW", None),
        ("The budget rose by N1.2 trillion.", 1_200_000_000_000, "NGN", None),
        ("Nairobi spent KES 4 billion on roads.", 4_000_000_000, "KES", None),
        ("Cairo allocated 10 billion Egyptian pounds.", 10_000_000_000, "EGP", None),
        ("The club was fined 40,000 pounds.", 40_000, "GBP", None),
    ],
)
def test_money_forms_and_currencies(sentence, value, currency, unit):
    claim = one(sentence)
    assert claim.kind == "monetary_amount"
    assert (claim.value, claim.currency, claim.unit) == (D(value), currency, unit)


def test_negative_percentages():
    claim = one("The economy shrank by -0.4% in the quarter.")
    assert (claim.value, claim.unit) == (D("-0.4"), "percent")


# ---------------------------------------------------------------------- qualifiers
@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Deaths could top 300 by Friday.", "more_than"),
        ("The index climbed past 9,400 on Tuesday.", "more_than"),
        ("The toll passed 2,000, passing 2,100 by the evening.", "more_than"),
        ("The university is ranked in the top 300.", "up_to"),
        ("Turnout was just over 61%.", "more_than"),
        ("Claims are expected to exceed 12,000 this year.", "more_than"),
        ("Arrivals could surpass 40,000 by June.", "more_than"),
    ],
)
def test_qualifier_verbs(sentence, qualifier):
    assert extract_figures(sentence)[-1].qualifier == qualifier


# ------------------------------------------------------------------------- traps
@pytest.mark.parametrize(
    "sentence",
    [
        "We have four dead, four under 18, and one adult.",
        "Doctors noted his age of 67 years at sentencing.",
        "The university rose in the rankings.",
        "He was 45 when he took office.",
        "Chelsea beat Arsenal 2 to 1.",
    ],
)
def test_context_rules_do_not_invent_figures(sentence):
    assert all(c.value != 18 and c.value != 67 and c.value != 45 for c in extract_figures(sentence))
    assert all(c.unit != "killed" or c.value == 4 for c in extract_figures(sentence))


def test_buildings_after_a_casualty_clause_are_not_casualties():
    got = figures(
        "The president said 438 people were injured and that rescuers were working in 17 buildings."
    )
    assert got == [
        (D(438), *INJURED[:1], "exact", "injured"),
        (D(17), "statistic", "exact", "buildings"),
    ]


# ----------------------------------------------------------------- attribution
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("At least 12 people were killed, police said.", "police"),
        (
            "The toll rose to 45, the provincial disaster authority said.",
            "provincial disaster authority",
        ),
        ("Some 3,000 homes were damaged, according to the Interior Ministry.", "Interior Ministry"),
        ("According to local authorities, 78 people have died.", "local authorities"),
        ("The ministry said in a statement that 40 people had been arrested.", "ministry"),
        (
            "Transparency International said 60% of officials had taken bribes.",
            "Transparency International",
        ),
        ("The memo said 1,400 jobs would go.", "memo"),
        ("Fire Chief Dana Ortiz said 14 people were hurt.", "Dana Ortiz"),
        ("Nine people died, said Col. Ivan Petrov of the fire service.", "Ivan Petrov"),
    ],
)
def test_a_figure_attributed_in_its_sentence_carries_the_source(sentence, speaker):
    assert [c.speaker for c in extract_figures(sentence)] == [speaker]


def test_an_unattributed_figure_has_no_speaker():
    assert one("The bridge carries 40,000 vehicles a day.").speaker is None


def test_a_figure_in_a_quote_belongs_to_the_quote_speaker_the_quote_stays_a_claim():
    text = (
        "Health Minister Rosa Kent visited the ward on Monday. "
        "\u201cWe are seeing close to 60,000 new cases a day,\u201d she said."
    )
    claims = extract_claims(text)
    assert [c.kind for c in claims] == ["quote", "statistic"]
    quote, figure = claims
    assert quote.speaker == figure.speaker == "Rosa Kent"
    assert (figure.value, figure.qualifier, figure.unit) == (60000, "nearly", "cases")


# ------------------------------------------------ fronted partitives, headline nouns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ferry carried 64 passengers. Of them, 11 were still unaccounted for.",
            [
                (D(64), "statistic", "exact", "passengers"),
                (D(11), "casualty_count", "exact", "missing"),
            ],
        ),
        (
            "At least 18 people were wounded. Of them, three were in a critical state.",
            [
                (D(18), *INJURED[:1], "at_least", "injured"),
                (D(3), *INJURED[:1], "exact", "injured"),
            ],
        ),
        (
            "Inspectors visited 240 farms; of these, 35 failed the test.",
            [(D(240), "statistic", "exact", "farms"), (D(35), "statistic", "exact", "farms")],
        ),
    ],
)
def test_a_partitive_before_the_number_gives_it_the_unit_before(text, expected):
    assert figures(text) == expected


def test_a_fronted_partitive_with_nothing_to_refer_to_gives_no_figure():
    assert figures("Of those, 14 stayed behind.") == []
    assert figures("None of them, 14 said, had been warned.") == []


def test_a_title_case_headline_counts_the_capitalised_noun_after_the_number():
    claim = one("Wildfire Destroys 58 Homes In Hill Villages")
    assert (claim.value, claim.kind, claim.unit) == (D(58), "statistic", "homes")
    # in running text a capital still marks a modifier or a name, never the counted noun
    assert figures("Rangers counted 58 Bengal tigers in the reserve.") == [
        (D(58), "statistic", "exact", "tigers")
    ]
