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
            "The dead include 12 women, nine men and four children, the governor said.",
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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Quarterly revenue rose by 4.2% to CHF 8.1 billion.",
            [(D("4.2"), "exact", None), (D("8100000000"), "exact", "CHF")],
        ),
        (
            "Confirmed deaths rose by two to 215 overnight.",
            [(D(2), "exact", None), (D(215), "exact", None)],
        ),
        (
            "Between 40 and 60 people were hurt.",
            [(D(40), "at_least", None), (D(60), "up_to", None)],
        ),
    ],
)
def test_a_change_by_an_amount_to_a_level_is_no_range(sentence, expected):
    got = [(c.value, c.qualifier, c.currency) for c in extract_figures(sentence)]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "value", "currency"),
    [
        ("Group sales reached SFr31.4 billion last year.", 31_400_000_000, "CHF"),
        ("The board proposed a dividend of SFr9 a share.", 9, "CHF"),
        ("The insurer set aside DKr 2.5 billion for storm claims.", 2_500_000_000, "DKK"),
        ("Norway's wealth fund lost 400 billion kroner in the quarter.", 400_000_000_000, "NOK"),
        ("A Copenhagen court fined the shipper 3 million kroner.", 3_000_000, "DKK"),
        ("Rwanda's budget sets aside 90 billion francs for roads.", 90_000_000_000, "RWF"),
        ("Zurich's council approved 12 million francs for schools.", 12_000_000, "CHF"),
        ("The Philippines raised its daily minimum wage by 35 pesos.", 35, "PHP"),
        ("The shop charged 9,000 Lebanese pounds for bread.", 9000, "LBP"),
        ("Kuwait will borrow 5 billion dinars next year.", 5_000_000_000, "KWD"),
    ],
)
def test_currencies_beyond_the_common_ones(sentence, value, currency):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.currency) == ("monetary_amount", currency)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Officials said 21 people died and 17 people are in critical condition.", 17, "injured"),
        ("Nine workers remain in a serious condition in hospital.", 9, "injured"),
    ],
)
def test_people_in_a_grave_condition_are_injured(sentence, value, unit):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.unit) == ("casualty_count", unit)


def test_a_count_with_its_own_participle_does_not_borrow_the_casualty_before_it():
    text = "About 3,400 people were injured and 610 trapped under collapsed homes."
    claim = reading_of(text, 610)
    assert (claim.kind, claim.unit) == ("statistic", "trapped")


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Traffic deaths stood at 7.4 per 100,000 inhabitants.", "7.4", "per 100,000"),
        ("Maternal deaths fell to 180 per 100,000 live births.", "180", "per 100,000"),
        ("Infant deaths were 11 per 1,000 births in the north.", "11", "per 1,000"),
        ("Killings rose to 22.5 per 100,000 people in the port city.", "22.5", "per 100,000"),
    ],
)
def test_a_rate_is_never_a_casualty_count(sentence, value, unit):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.unit) == ("statistic", unit)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A quake measuring 6.3 shook the coast, kills 48 people.",
            [(D("6.3"), "statistic", "magnitude"), (D(48), "casualty_count", "killed")],
        ),
        (
            "The tremor, which measured 5.9, injured 31 people.",
            [(D("5.9"), "statistic", "magnitude"), (D(31), "casualty_count", "injured")],
        ),
    ],
)
def test_a_magnitude_measured_is_not_a_casualty(sentence, expected):
    assert [(c.value, c.kind, c.unit) for c in extract_figures(sentence)] == expected


def test_or_greater_after_a_figure_is_at_least():
    claim = reading_of("Seismologists expect an aftershock of magnitude 6.5 or greater.", "6.5")
    assert claim.qualifier == "at_least"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Customs seized 88 pounds (40 kilograms) of heroin at the port.", 88),
        ("The crew unloaded 1,500 pounds (680 kg) of hashish.", 1500),
        ("The sturgeon weighed 212 pounds.", 212),
    ],
)
def test_pounds_of_weight_are_not_money(sentence, value):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.currency) == ("statistic", None)


def test_pounds_with_an_aside_that_is_not_a_weight_stay_money():
    claim = reading_of("The club paid 40,000 pounds (about $51,000) for the land.", 40000)
    assert (claim.kind, claim.currency) == ("monetary_amount", "GBP")


def test_among_those_killed_gives_every_count_in_the_list_its_unit():
    text = "Among those killed were 73 women, 58 children and several elderly men."
    assert [(c.value, c.unit) for c in extract_figures(text)] == [
        (D(73), "killed"),
        (D(58), "killed"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Confirmed deaths have risen to 46 and injuries to 210.",
            [(D(46), "killed"), (D(210), "injured")],
        ),
        (
            "The number of dead climbed to 61, while the number of injured rose to 300.",
            [(D(61), "killed"), (D(300), "injured")],
        ),
        (
            "The toll has risen to 25 from 19 on Monday, the agency said.",
            [(D(25), "killed"), (D(19), "killed")],
        ),
    ],
)
def test_risen_to_later_figures_keep_their_own_units(sentence, expected):
    assert [(c.value, c.unit) for c in extract_figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Nine of the 35 pilgrims were injured when the minibus overturned.",
            [(D(9), "casualty_count", "injured"), (D(35), "statistic", "pilgrims")],
        ),
        (
            "Four of the 22 dead were firefighters.",
            [(D(4), "casualty_count", "killed"), (D(22), "casualty_count", "killed")],
        ),
        (
            "The alliance took 87 of the 150 seats.",
            [(D(87), "statistic", "seats"), (D(150), "statistic", "seats")],
        ),
    ],
)
def test_a_partitive_gives_the_predicate_to_the_part_not_the_whole(sentence, expected):
    assert [(c.value, c.kind, c.unit) for c in extract_figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier"),
    [
        ("The smuggler was sentenced to six years' imprisonment.", 6, "exact"),
        ("She must serve at least 14 years before she can apply for parole.", 14, "at_least"),
    ],
)
def test_prison_terms_are_years(sentence, value, qualifier):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.unit, claim.qualifier) == ("statistic", "years", qualifier)


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier", "unit"),
    [
        ("Confirmed infections crossed 2,500 in the province.", 2500, "more_than", "infections"),
        ("The death toll is nearing 4,000.", 4000, "nearly", "killed"),
        ("Reported cases are approaching 900.", 900, "nearly", "cases"),
        ("The toll passed the 600 mark on Sunday.", 600, "more_than", "killed"),
        ("Recorded infections neared the 50,000 milestone.", 50000, "nearly", "infections"),
    ],
)
def test_a_verb_of_motion_qualifies_the_level_it_reaches(sentence, value, qualifier, unit):
    claim = reading_of(sentence, value)
    assert (claim.qualifier, claim.unit) == (qualifier, unit)


def test_a_verb_of_motion_does_not_qualify_a_count_of_its_own_objects():
    claim = reading_of("The convoy was crossing 4 bridges before dawn.", 4)
    assert claim.qualifier == "exact"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The fund is valued at north of $7 billion.", 7_000_000_000),
        ("The repairs cost in the region of $12 million.", 12_000_000),
    ],
)
def test_phrases_of_estimation_before_money(sentence, value):
    claim = reading_of(sentence, value)
    assert claim.qualifier in {"more_than", "approximately"}
    assert claim.qualifier == ("more_than" if "north" in sentence else "approximately")


def test_a_clause_of_its_own_after_and_does_not_borrow_the_casualty_before_it():
    claim = reading_of("Eleven people died and 240 were taken to hospital.", 240)
    assert claim.kind == "statistic"


@pytest.mark.parametrize(
    ("sentence", "value", "currency"),
    [
        ("The insurer's loss widened to 3.4 billion Swedish crowns.", 3_400_000_000, "SEK"),
        ("Oslo's budget adds 18 billion Norwegian crowns for defence.", 18_000_000_000, "NOK"),
        ("Denmark's shipper booked 900 million crowns in one-off costs.", 900_000_000, "DKK"),
        ("The regulator fined the bank 250 million Czech crowns.", 250_000_000, "CZK"),
        ("The port operator agreed a Dh1.1 billion expansion.", 1_100_000_000, "AED"),
        ("Doha set aside QR 6 billion for stadium upkeep.", 6_000_000_000, "QAR"),
        ("The council approved Tk 300 crore for flood walls.", 3_000_000_000, "BDT"),
        ("Cairo raised bread subsidies by E£2 billion.", 2_000_000_000, "EGP"),
        ("The lender posted a profit of TL 4 billion.", 4_000_000_000, "TRY"),
        ("Accra budgeted GH¢80 million for the clinic.", 80_000_000, "GHS"),
    ],
)
def test_currencies_written_as_crowns_or_local_prefixes(sentence, value, currency):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.currency) == ("monetary_amount", currency)


def test_crowns_without_a_country_are_not_money():
    claim = reading_of("The jeweller restored 3 crowns for the museum.", 3)
    assert claim.kind == "statistic"


def test_an_adverb_after_a_count_is_not_its_noun():
    claim = reading_of("Fatalities rose to 58 overnight, officials said.", 58)
    assert (claim.kind, claim.unit) == ("casualty_count", "killed")


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier", "currency"),
    [
        (
            "The agency released about N420 billion for roads.",
            420_000_000_000,
            "approximately",
            "NGN",
        ),
        ("Lagos planned N1.9tn for the year.", 1_900_000_000_000, "exact", "NGN"),
        ("The ministry set aside Rp 12 trillion for rice.", 12_000_000_000_000, "exact", "IDR"),
        ("The county lost KSh 1.4 billion to fraud.", 1_400_000_000, "exact", "KES"),
        ("The cabinet approved a NIS 3 billion package.", 3_000_000_000, "exact", "ILS"),
        ("Fines reached 9m zloty (c. $2.3m).", 2_300_000, "approximately", "USD"),
    ],
)
def test_local_prefixes_keep_the_qualifier_before_them(sentence, value, qualifier, currency):
    claim = reading_of(sentence, value)
    assert (claim.qualifier, claim.currency) == (qualifier, currency)


def test_the_yen_sign_follows_the_country_named_earlier_in_the_article():
    text = (
        "The Tokyo lender agreed to buy a stake in a Thai bank. "
        "It will pay ¥410 billion for 60% of the shares."
    )
    money = [c for c in extract_figures(text) if c.kind == "monetary_amount"]
    assert [(c.value, c.currency) for c in money] == [(D(410_000_000_000), "JPY")]


def test_the_yen_sign_without_japan_is_the_chinese_yuan():
    text = "The Shenzhen carmaker raised ¥8 billion in new shares."
    money = [c for c in extract_figures(text) if c.kind == "monetary_amount"]
    assert [c.currency for c in money] == ["CNY"]


@pytest.mark.parametrize(
    ("sentence", "value", "currency"),
    [
        ("Tanzania's parliament passed a Sh49 trillion budget.", 49_000_000_000_000, "TZS"),
        ("Kampala's council spent Shs3 billion on drains.", 3_000_000_000, "UGX"),
        ("Gabon's budget comes to 3,100 billion CFA francs.", 3_100_000_000_000, "XAF"),
        ("Mali's army received 80 billion CFA francs.", 80_000_000_000, "XOF"),
        ("In Malawi a bag of maize now costs 30,000 kwacha.", 30000, "MWK"),
        ("Lusaka raised fuel duty to 2 kwacha a litre.", 2, "ZMW"),
        ("The regulator fined the miner 14 million Peruvian soles.", 14_000_000, "PEN"),
        ("The bank lent 900 billion kyats to farmers.", 900_000_000_000, "MMK"),
        ("The fine was set at 2 million quetzales.", 2_000_000, "GTQ"),
    ],
)
def test_currencies_of_smaller_economies(sentence, value, currency):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.currency) == ("monetary_amount", currency)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Homeowners have filed 8,200 flood insurance claims.", 8200, "claims"),
        ("The county logged 64 new COVID-19 cases on Tuesday.", 64, "cases"),
        ("The district bought 12 school buses.", 12, "buses"),
    ],
)
def test_the_counted_noun_is_the_plural_head_of_a_compound(sentence, value, unit):
    assert reading_of(sentence, value).unit == unit


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen Abduct 45 Pupils In Night Raid", [(D(45), "statistic", "kidnapped")]),
        ("Police Arrest 210 After Stadium Riot", [(D(210), "statistic", "arrested")]),
        (
            "Blast Kills 11, Including 3 Firefighters, At Port Depot",
            [(D(11), "casualty_count", "killed"), (D(3), "casualty_count", "killed")],
        ),
    ],
)
def test_headline_verbs_in_the_present_and_a_capitalised_including(sentence, expected):
    assert [(c.value, c.kind, c.unit) for c in extract_figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Among the 64 dead were 19 pupils.", [(D(64), "killed"), (D(19), "killed")]),
        ("The 31 injured included 6 nurses.", [(D(31), "injured"), (D(6), "injured")]),
    ],
)
def test_a_subset_named_after_its_counted_head_keeps_the_head_unit(sentence, expected):
    assert [(c.value, c.unit) for c in extract_figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "value", "currency"),
    [
        ("Hanoi approved a ₫15 trillion rail loan.", 15_000_000_000_000, "VND"),
        ("Accra owes contractors ₵6 billion.", 6_000_000_000, "GHS"),
        ("The pension fund lost Can$900 million.", 900_000_000, "CAD"),
        ("Kingston's budget adds J$12 billion for schools.", 12_000_000_000, "JMD"),
        ("Taipei set aside 60 billion Taiwanese dollars for chips.", 60_000_000_000, "TWD"),
        ("The UN $40 million appeal was half funded.", 40_000_000, "USD"),
    ],
)
def test_more_currency_signs_and_dollar_prefixes(sentence, value, currency):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.currency) == ("monetary_amount", currency)
