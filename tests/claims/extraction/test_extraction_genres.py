"""Figure detection in genres beyond wire disaster copy: council budget votes, company
results, opinion polls with seat projections, health studies, police crime statistics, aid
appeals, football reports and fraud sentencing. Margins written as "a 6-point lead", the
size of a change as a fraction ("fell by a third"), amounts in pence and cents, and a bare
number that gives the size of the noun before it ("a crowd of 38,215"); and the look-alikes
that must stay out (plans with points, ages, match times, video resolutions)."""

from decimal import Decimal

import pytest

from claims.extraction import extract_figures


def _found(text):
    return [
        (text[c.figure_start : c.figure_end], c.value, c.kind, c.unit, c.currency)
        for c in extract_figures(text)
    ]


def _one(text, words):
    hits = [c for c in extract_figures(text) if words in text[c.figure_start : c.figure_end]]
    assert len(hits) == 1, _found(text)
    return hits[0]


def _none(text, words):
    hits = [c for c in extract_figures(text) if words in text[c.figure_start : c.figure_end]]
    assert not hits, _found(text)


# ----------------------------------------------------------------- margins in points, seats


@pytest.mark.parametrize(
    ("text", "words", "value", "unit"),
    [
        (
            "The Social Democrats now hold a 6-point lead in the Nordvik poll.",
            "6-point",
            6,
            "points",
        ),
        ("Her party enjoys a nine-point lead among women under 35.", "nine-point", 9, "points"),
        ("The projection gives the coalition a 44-seat majority.", "44-seat", 44, "seats"),
        (
            "Support shows a 3.5-point drop since the spring survey.",
            "3.5-point",
            Decimal("3.5"),
            "points",
        ),
        ("The model points to an 11-point swing in the northern towns.", "11-point", 11, "points"),
    ],
)
def test_a_hyphenated_margin_is_a_figure(text, words, value, unit):
    claim = _one(text, words)
    assert claim.value == value
    assert claim.kind == "statistic"
    assert claim.unit == unit


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The mayor set out a five-point plan for the bus network.", "five"),
        ("Ministers published a 10-point charter for tenants.", "10"),
        ("It was a three-point turn in a narrow lane.", "three"),
    ],
)
def test_a_plan_with_points_is_no_figure(text, words):
    _none(text, words)


# ------------------------------------------------------------ the size of a change as a fraction


@pytest.mark.parametrize(
    ("text", "words", "value", "qualifier"),
    [
        (
            "Vehicle thefts in Harrowfield fell by a third last year.",
            "a third",
            Decimal("0.3333"),
            "exact",
        ),
        (
            "Reports of stalking rose by a fifth, the force said.",
            "a fifth",
            Decimal("0.2"),
            "exact",
        ),
        ("Waiting lists at the clinic were cut by half.", "half", Decimal("0.5"), "exact"),
        (
            "Card fraud grew by nearly a quarter in twelve months.",
            "a quarter",
            Decimal("0.25"),
            "nearly",
        ),
        (
            "Spending on agency staff was reduced by one third.",
            "one third",
            Decimal("0.3333"),
            "exact",
        ),
    ],
)
def test_a_change_by_a_fraction_is_a_ratio(text, words, value, qualifier):
    claim = _one(text, words)
    assert claim.value == value
    assert claim.unit == "ratio"
    assert claim.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The other half went on school repairs.", "half"),
        ("The hosts dominated the second half at Brookvale.", "half"),
        ("He arrived by half past nine.", "half"),
    ],
)
def test_a_fraction_that_is_no_change_stays_out(text, words):
    _none(text, words)


# ------------------------------------------------------------------------ pence and cents


@pytest.mark.parametrize(
    ("text", "words", "value", "currency"),
    [
        ("A Band D household will pay an extra 41p a week.", "41p", Decimal("0.41"), "GBP"),
        ("The shares closed at 187.5p, down 3%.", "187.5p", Decimal("1.875"), "GBP"),
        ("The levy adds about 6 pence to each bill.", "6 pence", Decimal("0.06"), "GBP"),
        (
            "Adjusted earnings were 73 cents a share, beating forecasts.",
            "73 cents",
            Decimal("0.73"),
            "USD",
        ),
        (
            "The Dublin lender paid a dividend of 12 cents, up from €0.09.",
            "12 cents",
            Decimal("0.12"),
            "EUR",
        ),
    ],
)
def test_pence_and_cents_are_money_in_the_main_unit(text, words, value, currency):
    claim = _one(text, words)
    assert claim.kind == "monetary_amount"
    assert claim.value == value
    assert claim.currency == currency


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The match is streamed in 1080p on the club's channel.", "1080"),
        ("Doors open at 7p.m. on Friday.", "7"),
        ("Turnout was 64 per cent.", "per cent"),
    ],
)
def test_look_alikes_of_pence_and_cents_stay_out(text, words):
    hits = [
        c
        for c in extract_figures(text)
        if words in text[c.figure_start : c.figure_end] and c.kind == "monetary_amount"
    ]
    assert not hits, _found(text)


# ------------------------------------------------------- a noun measured by the number after it


@pytest.mark.parametrize(
    ("text", "words", "value", "unit"),
    [
        ("A crowd of 38,215 saw Dunmore win at home.", "38,215", 38215, "crowd"),
        ("The attendance was 27,904, the lowest this season.", "27,904", 27904, "attendance"),
        (
            "Figures show a further fall of 1,118 in the number of detectives.",
            "1,118",
            1118,
            "fall",
        ),
        (
            "The hazard ratio was 0.76 for those who cycled to work.",
            "0.76",
            Decimal("0.76"),
            "ratio",
        ),
        ("The bill passed with a majority of 57.", "57", 57, "majority"),
    ],
)
def test_a_bare_number_gives_the_size_of_the_noun_before_it(text, words, value, unit):
    claim = _one(text, words)
    assert claim.value == value
    assert claim.kind == "statistic"
    assert claim.unit == unit


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The victim was 17.", "17"),
        ("She retired at the age of 62.", "62"),
        ("The final score was 4.", "4"),
        ("The patient was 58 and had no history of heart disease.", "58"),
    ],
)
def test_an_age_or_a_score_is_no_measured_noun(text, words):
    _none(text, words)


# ------------------------------------------------------------- signed changes, tallies, FCFA


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Quarterly sales at Lindqvist beat the consensus by +2.4%.", "2.4%", Decimal("2.4")),
        ("Operating income was up +15% on the year.", "15%", 15),
        ("The Centre Party stands at 14 per cent, +2 points on May.", "2", 2),
    ],
)
def test_a_signed_rise_is_a_figure(text, words, value):
    claim = _one(text, words)
    assert claim.value == value
    assert claim.kind == "statistic"


def test_a_phone_number_after_a_plus_stays_out():
    assert extract_figures("For tickets call +46 8 555 0100 before noon.") == []


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("The spending plan passed 27 to 14 after a long debate.", 27, 14),
        ("The levy was adopted on a 6-3 vote on Tuesday.", 6, 3),
        ("It cleared the chamber by a 212-198 party-line vote.", 212, 198),
    ],
)
def test_a_vote_tally_gives_both_sides(text, first, second):
    votes = [c for c in extract_figures(text) if c.unit == "votes"]
    assert [c.value for c in votes] == [first, second], _found(text)
    assert all(c.qualifier == "exact" for c in votes)


@pytest.mark.parametrize(
    "text",
    [
        "Ashby Town won 3-1 at Greenhill Park.",
        "The visitors were beaten 2-0 in the cup.",
    ],
)
def test_a_score_is_no_tally(text):
    assert [c for c in extract_figures(text) if c.unit == "votes"] == []


@pytest.mark.parametrize(
    ("text", "words", "value", "currency"),
    [
        (
            "Parliament in Dakar adopted a budget of 4,915 billion FCFA.",
            "4,915 billion FCFA",
            Decimal("4915000000000"),
            "XOF",
        ),
        (
            "Yaounde set aside 120 billion FCFA for roads in Cameroon.",
            "120 billion FCFA",
            Decimal("120000000000"),
            "XAF",
        ),
    ],
)
def test_fcfa_after_the_number_is_the_cfa_franc(text, words, value, currency):
    claim = _one(text, words)
    assert claim.kind == "monetary_amount"
    assert claim.value == value
    assert claim.currency == currency


# ------------------------------------------------- durations, ages and sets that stay out


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("He must repay the sum within six months or face a further prison sentence.", "six"),
        ("The loans were spread over a five year period ending in March.", "five"),
        ("Kick-off at Marlow Road began 20 minutes late because of fog.", "20"),
        ("Volunteers ranged in age from 19 to 84.", "84"),
        ("Smokers were 40% more likely to develop one of those illnesses.", "one"),
        ("Walkers were twice as likely to recover as those who skipped all three.", "three"),
    ],
)
def test_a_duration_an_age_or_a_set_is_no_figure(text, words):
    _none(text, words)


# ------------------------------------------------------ poll comparisons and acronym subjects


def test_a_comparison_of_two_shares_is_no_range():
    text = "The Liberals lead the Conservatives in the Harbour poll, 41.2% to 33.9%."
    found = {c.value: c.qualifier for c in extract_figures(text)}
    assert found == {Decimal("41.2"): "exact", Decimal("33.9"): "exact"}


def test_a_bare_change_counts_the_acronym_before_it():
    text = "The number of SNP MSPs would fall from 64 to 51, the model suggests."
    found = {c.value: c.unit for c in extract_figures(text)}
    assert found == {64: "msps", 51: "msps"}
