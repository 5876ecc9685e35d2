"""Figure claims: kinds, qualifiers, currencies, units and the numeric traps."""

from decimal import Decimal

import pytest

from claims.extraction import extract_claims, extract_figures


def only(text):
    figures = extract_figures(text)
    assert len(figures) == 1, [
        (c.value, c.unit, text[c.figure_start : c.figure_end]) for c in figures
    ]
    return figures[0]


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier", "unit"),
    [
        ("The earthquake killed 2,300 people in the province.", 2300, "exact", "killed"),
        ("At least 45 people were killed when the bus overturned.", 45, "at_least", "killed"),
        ("More than 140 others were injured in the blast.", 140, "more_than", "injured"),
        ("The death toll rose to 87 on Tuesday.", 87, "exact", "killed"),
        ("Nearly 300 people died in the floods.", 300, "nearly", "killed"),
        ("Up to 60 soldiers may have been wounded.", 60, "up_to", "injured"),
        ("Fewer than 20 passengers were hurt.", 20, "fewer_than", "injured"),
        ("Three firefighters died battling the blaze.", 3, "exact", "killed"),
        ("A dozen villagers were killed overnight.", 12, "exact", "killed"),
        ("Twenty-five people were wounded, the hospital said.", 25, "exact", "injured"),
        ("Two hundred people lost their lives in the landslide.", 200, "exact", "killed"),
        ("The attack killed almost 100 worshippers.", 100, "nearly", "killed"),
        ("The blast killed as many as 30 people.", 30, "up_to", "killed"),
        (
            "An estimated 4,000 people were killed in the war's final months.",
            4000,
            "approximately",
            "killed",
        ),
        ("The strike killed in excess of 50 fighters.", 50, "more_than", "killed"),
        ("Close to 70 people were injured.", 70, "nearly", "injured"),
        ("The clashes left 18 civilians dead.", 18, "exact", "killed"),
        ("Rescuers said 120 or more people were feared dead.", 120, "at_least", "killed"),
        ("Just under 90 people were injured.", 90, "nearly", "injured"),
        ("No fewer than 15 people were killed.", 15, "at_least", "killed"),
    ],
)
def test_casualty_counts(sentence, value, qualifier, unit):
    claim = only(sentence)
    assert claim.kind == "casualty_count"
    assert claim.value == Decimal(value)
    assert claim.qualifier == qualifier
    assert claim.unit == unit
    assert claim.currency is None


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier", "unit"),
    [
        ("Some 1,500 families were displaced by the fighting.", 1500, "approximately", "displaced"),
        ("Police arrested 23 protesters outside parliament.", 23, "exact", "arrested"),
        ("Gunmen abducted 276 schoolgirls from their dormitory.", 276, "exact", "kidnapped"),
        ("The storm left 10,000 residents homeless.", 10000, "exact", "displaced"),
    ],
)
def test_displaced_homeless_kidnapped_and_arrested_are_statistics_not_casualties(
    sentence, value, qualifier, unit
):
    claim = only(sentence)
    assert claim.kind == "statistic"
    assert (claim.value, claim.qualifier, claim.unit) == (Decimal(value), qualifier, unit)


def test_unit_resolved_for_the_whole_clause_and_parentheses():
    text = "On Monday, 141 people (including 132 children) were killed in the attack."
    got = [(int(c.value), c.unit) for c in extract_figures(text)]
    assert got == [(141, "killed"), (132, "killed")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "More than 1,200 people were injured and about 300,000 were forced from their "
            "homes as the Indus burst its banks.",
            [(1200, "more_than", "injured"), (300000, "approximately", "displaced")],
        ),
        (
            "At least 500 were wounded and 20,000 fled their homes.",
            [(500, "at_least", "injured"), (20000, "exact", "displaced")],
        ),
        (
            "Three were hurt and some 4,000 residents were driven out of their homes.",
            [(3, "exact", "injured"), (4000, "approximately", "displaced")],
        ),
    ],
)
def test_forced_from_their_homes_is_displaced_not_the_earlier_unit(sentence, expected):
    got = [(int(c.value), c.qualifier, c.unit) for c in extract_figures(sentence)]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Officials said 29 were killed and more than 140 injured.",
            [(29, "exact", "killed"), (140, "more_than", "injured")],
        ),
        (
            "The bombing killed 31 and injured almost 100.",
            [(31, "exact", "killed"), (100, "nearly", "injured")],
        ),
        (
            "Gunmen killed 29 people and injured over 140 in March.",
            [(29, "exact", "killed"), (140, "more_than", "injured")],
        ),
    ],
)
def test_one_claim_per_figure(sentence, expected):
    got = [(int(c.value), c.qualifier, c.unit) for c in extract_figures(sentence)]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "value", "currency", "qualifier"),
    [
        ("The U.S. has given $28 billion in aid.", 28_000_000_000, "USD", "exact"),
        ("The club paid £85m for the striker.", 85_000_000, "GBP", "exact"),
        ("Brussels approved €12.5 million for the project.", 12_500_000, "EUR", "exact"),
        ("The deal is worth $1.1bn to the company.", 1_100_000_000, "USD", "exact"),
        ("The mayor spent HK$3.2 billion on new housing.", 3_200_000_000, "HKD", "exact"),
        ("Canberra pledged A$500 million to the fund.", 500_000_000, "AUD", "exact"),
        ("China lent ¥80 billion to the port authority.", 80_000_000_000, "CNY", "exact"),
        ("Beijing set aside 600 million yuan for relief.", 600_000_000, "CNY", "exact"),
        ("Tokyo approved ¥2 trillion in Japanese stimulus.", 2_000_000_000_000, "JPY", "exact"),
        ("Islamabad allocated Rs 9 billion for the dam.", 9_000_000_000, "PKR", "exact"),
        ("The Delhi government spent Rs 9 billion on buses.", 9_000_000_000, "INR", "exact"),
        ("Mumbai's budget rose by ₹4,500 crore this year.", 45_000_000_000, "INR", "exact"),
        ("Donors gave more than $500 million last year.", 500_000_000, "USD", "more_than"),
        ("The repairs cost about £1.2m in total.", 1_200_000, "GBP", "approximately"),
        ("Up to €40,000 in fines can be imposed.", 40_000, "EUR", "up_to"),
        ("The ministry received 300 million dollars from donors.", 300_000_000, "USD", "exact"),
        ("Investors lost nearly US$2 billion.", 2_000_000_000, "USD", "nearly"),
        ("The firm was fined 50,000 euros by the regulator.", 50_000, "EUR", "exact"),
    ],
)
def test_monetary_amounts(sentence, value, currency, qualifier):
    claim = only(sentence)
    assert claim.kind == "monetary_amount"
    assert claim.value == Decimal(value)
    assert claim.currency == currency
    assert claim.qualifier == qualifier


def test_rupees_follow_the_nearest_country_in_the_article():
    text = (
        "Pakistan's cabinet met in the capital on Monday.\n\n"
        "The finance minister said spending would reach Rs 120 billion."
    )
    assert only(text).currency == "PKR"
    text = "India's cabinet met on Monday. The minister said spending would reach Rs 120 billion."
    assert only(text).currency == "INR"
    assert only("The minister said spending would reach Rs 120 billion.").currency == "INR"


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier", "unit"),
    [
        ("Unemployment fell to 4.2% in the quarter.", Decimal("4.2"), "exact", "percent"),
        ("The striker converted 87 percent of his penalties.", 87, "exact", "percent"),
        ("Turnout was about 62 per cent, officials said.", 62, "approximately", "percent"),
        (
            "Support for the bill rose by more than 10 percentage points.",
            10,
            "more_than",
            "percent",
        ),
        ("Customs officers seized 40 kg of heroin.", 40, "exact", "kg"),
        ("The ship carried 3,000 tonnes of wheat.", 3000, "exact", "tonnes"),
        ("The government will build 40 new schools.", 40, "exact", "schools"),
        ("She scored 31 points in the final.", 31, "exact", "points"),
        ("The fire destroyed 300 homes in the valley.", 300, "exact", "homes"),
        ("Over 2 million voters cast ballots early.", 2_000_000, "more_than", "voters"),
        ("Half a million refugees crossed the border.", 500_000, "exact", "refugees"),
        ("The team won 1,234,567 votes in the poll.", 1_234_567, "exact", "votes"),
        ("The league sold 12,000 season tickets.", 12000, "exact", "tickets"),
    ],
)
def test_statistics(sentence, value, qualifier, unit):
    claim = only(sentence)
    assert claim.kind == "statistic"
    assert claim.value == Decimal(value)
    assert claim.qualifier == qualifier
    assert claim.unit == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack happened in 2014.",
        "Tensions have simmered since the 1990s.",
        "The summit opened on December 16.",
        "The summit opened on 16 December 2014.",
        "The vote is on Dec. 16, the commission said.",
        "The summit opened on July 07, 2014.",
        "The meeting started at 10:30 and ended at 9 a.m. the next day.",
        "The 14-year-old was taken to hospital.",
        "The victim, aged 14, was a student.",
        "He was first in line, and she came 2nd and then 3rd.",
        "The fund was created after 9/11 to support families.",
        "COVID-19 cases fell across the region.",
        "Leaders met at the G-20 summit.",
        "The airline grounded its Boeing 737 fleet.",
        "Call the hotline on 020 7946 0958 for details.",
        "The prime minister spoke outside 10 Downing Street.",
        "Police invoked Section 144 across the city.",
        "It was one of the worst attacks in years.",
        "One day, the officials said, the border would reopen.",
        "At one point the crowd surged forward.",
        "Aid has flowed in over the past 10 years.",
        "He served three terms in office.",
        "The lawmakers debated it for six hours.",
        "The 21st century has brought new threats.",
        "She said the deal was worth pursuing.",
        "Room 101 was locked.",
        "The score was 3-1 at half time.",
        "They played the 4G network for the first time.",
        "He ran the 100m in under 10 seconds.",
        "Hundreds of people gathered in the square.",
        "Thousands of people were displaced, according to aid groups.",
        "No one was hurt.",
    ],
)
def test_traps_are_not_figure_claims(sentence):
    assert extract_figures(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "speaker"),
    [
        (
            'The spokesman said "at least 50 people were killed in the raid" on Friday.',
            50,
            "killed",
            "spokesman",
        ),
        ("She described the “3,000 missing children” as a scandal.", 3000, "missing", "She"),
        ("“More than $2 billion was stolen,” the auditor said.", 2_000_000_000, None, "auditor"),
        (
            "“We are now seeing nearly 60,000 cases a day,” said Health Minister Rosa Kent.",
            60000,
            "cases",
            "Rosa Kent",
        ),
    ],
)
def test_figures_inside_quotations_are_figure_claims_of_the_quotes_speaker(
    sentence, value, unit, speaker
):
    claim = only(sentence)
    assert (claim.value, claim.unit) == (Decimal(value), unit)
    if speaker == "She":
        assert claim.speaker is None  # no one named to refer to
    else:
        assert claim.speaker == speaker


def test_figure_span_is_the_figure_itself():
    text = "The quake killed more than 140 people."
    claim = only(text)
    assert text[claim.figure_start : claim.figure_end] == "more than 140"


def test_checkworthiness_prefers_specific_casualties_over_round_statistics():
    specific = only("The blast killed 141 people, police said.")
    vague = only("About 40 new schools will open.")
    assert 0 <= vague.checkworthiness < specific.checkworthiness <= 1


def test_earthquake_report():
    text = (
        "KATHMANDU, April 26 (Reuters) - A powerful earthquake struck Nepal on Saturday, "
        "killing at least 1,800 people and injuring more than 4,700, officials said.\r\n\r\n"
        "In neighbouring India, 34 people died, according to the Home Ministry. "
        "The U.N. said around 6.6 million people lived in affected areas."
    )
    got = [(c.kind, int(c.value), c.qualifier, c.unit) for c in extract_claims(text)]
    assert got == [
        ("casualty_count", 1800, "at_least", "killed"),
        ("casualty_count", 4700, "more_than", "injured"),
        ("casualty_count", 34, "exact", "killed"),
        ("statistic", 6_600_000, "approximately", "people"),
    ]
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text


def test_budget_story():
    text = (
        "The chancellor announced £3.5bn of cuts on Wednesday. Across the Channel, "
        "Paris pledged €12.5 million for flood defences, while Karachi's port authority "
        "said it had spent Rs 2.4 billion on dredging. Critics said 40% of the "
        "savings would fall on local councils."
    )
    got = [(c.kind, c.value, c.currency, c.unit) for c in extract_figures(text)]
    assert got == [
        ("monetary_amount", Decimal("3.5E+9"), "GBP", None),
        ("monetary_amount", Decimal(12_500_000), "EUR", None),
        ("monetary_amount", Decimal("2.4E+9"), "PKR", None),
        ("statistic", Decimal(40), None, "percent"),
    ]
