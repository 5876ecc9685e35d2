"""Figure detection on forms common outside US and UK copy and in business, sport, budget,
crime-statistics and aid reporting: currency prefixes glued to the number or abbreviated
with a full stop, Indian digit grouping, bare counts in a clause of their own; and the
look-alikes that must stay out."""

from decimal import Decimal

import pytest

from claims.extraction import extract_figures


def _found(text):
    return [
        (text[c.figure_start : c.figure_end], c.value, c.currency) for c in extract_figures(text)
    ]


def _one(text, words):
    hits = [c for c in extract_figures(text) if words in text[c.figure_start : c.figure_end]]
    assert len(hits) == 1, _found(text)
    return hits[0]


@pytest.mark.parametrize(
    ("text", "words", "value", "currency"),
    [
        # a currency abbreviation with a full stop does not end the sentence
        (
            "Relief for the district carries a cost of Rs. 2.4 Billion, officials said.",
            "Rs. 2.4 Billion",
            Decimal("2400000000"),
            "INR",
        ),
        # a rupee prefix glued to the number takes the rupee of the country named
        (
            "LAHORE: Each family will get Rs30,000 and the province set aside Rs2 billion.",
            "Rs30,000",
            30000,
            "PKR",
        ),
        (
            "LAHORE: Each family will get Rs30,000 and the province set aside Rs2 billion.",
            "Rs2 billion",
            2000000000,
            "PKR",
        ),
        # the Philippine peso glued as "P" and an ISO code glued to the number
        (
            "Crop losses in Samar reached P1.8 billion after the storm.",
            "P1.8 billion",
            1800000000,
            "PHP",
        ),
        (
            "The agency released P45,600,000 in cash aid to 12 towns.",
            "P45,600,000",
            45600000,
            "PHP",
        ),
        ("Damage to roads was put at PHP3.4 billion.", "PHP3.4 billion", 3400000000, "PHP"),
        (
            "The lender approved a loan of USD25 million for the port.",
            "USD25 million",
            25000000,
            "USD",
        ),
        # the Kenyan shilling written "ksh." or "KShs."
        ("Millers will pay ksh. 3,100 for each bag of wheat.", "ksh. 3,100", 3100, "KES"),
        ("The board set the price at KShs. 2,750 a bag.", "KShs. 2,750", 2750, "KES"),
    ],
)
def test_currency_prefixes(text, words, value, currency):
    claim = _one(text, words)
    assert claim.value == value
    assert claim.currency == currency
    assert claim.kind == "monetary_amount"


@pytest.mark.parametrize(
    "text",
    [
        "Leaders met at COP29 in Baku to talk about finance.",
        "Staff must wear N95 masks and fill in P60 forms.",
        "The A4 sheets and the B12 vitamins were on the list.",
    ],
)
def test_letters_glued_to_digits_are_no_money(text):
    assert [c for c in extract_figures(text) if c.kind == "monetary_amount"] == []


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        # Indian digit grouping: lakhs and crores written with commas
        (
            "Police registered 4,12,730 cases of theft across the state last year.",
            "4,12,730",
            412730,
        ),
        ("The board paid Rs 2,50,000 to each family.", "Rs 2,50,000", 250000),
        ("In all, 1,02,45,118 voters were on the rolls.", "1,02,45,118", 10245118),
        # the plural of an acronym is the counted noun
        ("As many as 9,412 FIRs were filed in the district.", "9,412", 9412),
        ("The alliance now has 61 MPs in the lower house.", "61", 61),
        # a clause of its own after a verb of saying: "that nine later escaped"
        ("Police said 58 were abducted and that 11 later escaped.", "11", 11),
        ("The mayor said 260 fled across the river overnight.", "260", 260),
    ],
)
def test_counts_in_more_forms(text, words, value):
    claim = _one(text, words)
    assert claim.value == value


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("There are 37 in intensive care, the hospital said.", "37", 37),
        ("Officials said there were about 90 aboard the ferry.", "about 90", 90),
    ],
)
def test_there_are_counts_people_placed_somewhere(text, words, value):
    claim = _one(text, words)
    assert (claim.value, claim.unit) == (value, "people")


def test_level_after_a_percentage_change_is_no_percentage():
    text = "The Karsk index fell 1.8% to 7,455 on Friday."
    level = _one(text, "7,455")
    assert level.value == 7455
    assert level.unit != "percent"
    assert _one(text, "1.8%").unit == "percent"


@pytest.mark.parametrize(
    "text",
    [
        "There is 1 in every box.",
        "The codes 3,12 and 45,67,89 were on the form.",
        "The council said 30 houses were flooded and that 12 collapsed.",
    ],
)
def test_no_count_of_people_where_none_is_meant(text):
    assert [c for c in extract_figures(text) if c.unit == "people"] == []


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        # "m" and "k" glued to a number that counts a plural noun are scales
        ("Police recorded 3.7m offences in the year to March.", "3.7m", Decimal("3700000")),
        ("The start-up now has 1.4k staff members.", "1.4k", Decimal("1400")),
        ("Organisers said 25k people joined the march.", "25k", 25000),
    ],
)
def test_glued_scales_before_a_counted_noun(text, words, value):
    assert _one(text, words).value == value


@pytest.mark.parametrize(
    "text",
    [
        # distances stay out
        "She won the 400m hurdles after the 100m sprint.",
        "He finished the 5k run in the rain.",
        # durations stay out: "behind" is no prison word without "bars", and "the past 24
        # hours" is a period even before a determiner
        "Sefu was the force behind Orla's first title in 41 years, coach Lind said.",
        "In the past 48 hours some 3,120 more homes were flooded.",
    ],
)
def test_distances_and_periods_stay_out(text):
    assert [
        c
        for c in extract_figures(text)
        if c.unit in {"m", "km", "years", "hours", "some"} or c.value in {100, 400, 5, 41, 48}
    ] == []


@pytest.mark.parametrize(
    ("text", "words", "value", "unit"),
    [
        # "who" after a bare number counts people, those counted just before if people too
        (
            "In June, 84,120 patients were waiting, up from the 79,450 who waited in May.",
            "79,450",
            79450,
            "patients",
        ),
        ("The 2,300 who fled the valley were housed in schools.", "2,300", 2300, "people"),
    ],
)
def test_who_after_a_bare_number_counts_people(text, words, value, unit):
    claim = _one(text, words)
    assert (claim.value, claim.unit) == (value, unit)


def test_one_who_is_no_count():
    assert extract_figures("She is one who never gives up.") == []


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("A 7,500-strong crowd filled the square in Orvane.", "7,500-strong", 7500),
        ("The 640-strong contingent left for the border.", "640-strong", 640),
    ],
)
def test_strong_after_a_hyphen_counts_people(text, words, value):
    claim = _one(text, words)
    assert (claim.value, claim.unit) == (value, "people")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("More than 3,400 livestock died when the river burst its banks.", "3,400"),
        ("The herder said 27 cows drowned overnight.", "27"),
        ("Officials said 90,000 cattle heads were dead or missing.", "90,000"),
    ],
)
def test_animals_are_no_casualties(text, words):
    claim = _one(text, words)
    assert claim.kind == "statistic"


def test_people_counted_beside_animals_stay_casualties():
    text = "Nine villagers and 60 goats were killed in the raid."
    assert _one(text, "Nine").kind == "casualty_count"
    assert _one(text, "Nine").unit == "killed"
    assert _one(text, "60").kind == "statistic"


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        # a month before a number with thousands separators: no day, no year
        ("By June 84,120 patients were waiting for a first appointment.", "84,120", 84120),
        ("By March 1,260 homes had power again.", "1,260", 1260),
    ],
)
def test_month_before_thousands_is_no_date(text, words, value):
    assert _one(text, words).value == value


@pytest.mark.parametrize(
    "text",
    ["In March 2021 the law passed.", "Since May 12 the roads have been shut."],
)
def test_days_and_years_after_a_month_stay_out(text):
    assert extract_figures(text) == []
