"""Hyphenated ranges, fractions, bare counts after a speech verb, and casualty units that
must not spread to numbers with a clause or a noun of their own."""

from decimal import Decimal

import pytest

from claims.extraction import extract_figures


def _figures(text):
    return [
        (text[c.figure_start : c.figure_end], c.kind, c.value, c.qualifier, c.unit, c.currency)
        for c in extract_figures(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Organisers counted 120-150 volunteers at the clean-up.",
            [("120", "at_least", 120, "volunteers"), ("150", "up_to", 150, "volunteers")],
        ),
        (
            "The regulator expects inflation of 2.5\u20132.75 percent by winter.",
            [("2.5", "at_least", Decimal("2.5"), "percent"),
             ("2.75 percent", "up_to", Decimal("2.75"), "percent")],
        ),
        (
            "Repairs to the dam will cost $7-9 billion.",
            [("$7", "at_least", 7_000_000_000, None), ("9 billion", "up_to", 9_000_000_000, None)],
        ),
        (
            "Between 60-70 miners were trapped underground.",
            [("60", "at_least", 60, "miners"), ("70", "up_to", 70, "miners")],
        ),
    ],
)  # fmt: skip
def test_hyphen_and_en_dash_ranges_give_both_bounds(text, expected):
    got = [
        (figure, qualifier, value, unit) for figure, _, value, qualifier, unit, _ in _figures(text)
    ]
    assert got == [(f, q, Decimal(v), u) for f, q, v, u in expected]


@pytest.mark.parametrize(
    "text",
    [
        "The visitors won 4-2 after trailing at half-time.",
        "Harbour City suffered a 0-3 defeat at home.",
        "The 2016-2020 plan was extended, as was the 2021-22 budget.",
        "Cases of COVID-19 rose in the capital.",
    ],
)
def test_scores_years_and_names_are_not_ranges(text):
    assert all(f[3] not in ("at_least", "up_to") for f in _figures(text))


@pytest.mark.parametrize(
    ("text", "figure", "value", "qualifier"),
    [
        ("Two-thirds of the members voted to strike.", "Two-thirds", "0.6667", "exact"),
        ("Half of the 240 flats had no heating.", "Half", "0.5", "exact"),
        ("A quarter of the schools closed early.", "A quarter", "0.25", "exact"),
        ("Nearly three-quarters of farmers lost crops.", "Nearly three-quarters", "0.75", "nearly"),
        ("Only one in every eight claims was paid.", "one in every eight", "0.125", "exact"),
        ("Three out of five drivers broke the limit.", "Three out of five", "0.6", "exact"),
    ],
)
def test_fractions_and_ratio_words_are_ratios(text, figure, value, qualifier):
    ratios = [f for f in _figures(text) if f[4] == "ratio"]
    assert ratios == [(figure, "statistic", Decimal(value), qualifier, "ratio", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Growth slowed in the second half of the year.",
        "Profits rose in the third quarter of 2023.",
        "She was the third of four sisters.",
        "The ferry left a quarter of an hour late.",
    ],
)
def test_ordinal_halves_and_quarters_are_not_ratios(text):
    assert [f for f in _figures(text) if f[4] == "ratio"] == []


def test_half_of_a_count_gives_the_ratio_and_the_count():
    assert [(f[0], f[4]) for f in _figures("Half of the 240 flats had no heating.")] == [
        ("Half", "ratio"),
        ("240", "flats"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rescuers said 37 were still inside the mine.", 37),
        ("The coastguard says 19 had boarded the ferry.", 19),
        ("Organisers reported that 400 were at the march.", 400),
    ],
)
def test_a_bare_count_after_a_speech_verb_counts_people(text, value):
    assert [(f[1], f[2], f[4]) for f in _figures(text)] == [("statistic", Decimal(value), "people")]


def test_a_bare_count_after_a_speech_verb_keeps_a_casualty_verb():
    assert [(f[1], f[4]) for f in _figures("Medics say 23 died overnight.")] == [
        ("casualty_count", "killed")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mudslide swept away 35 houses and killed 18 villagers.",
            [("statistic", "houses"), ("casualty_count", "killed")],
        ),
        (
            "A lorry carrying 25 workers overturned, killing nine.",
            [("statistic", "workers"), ("casualty_count", "killed")],
        ),
        (
            "Six climbers died and another 30 or so were flown to hospital.",
            [("casualty_count", "killed"), ("statistic", "people")],
        ),
        (
            "Doctors said 4 patients had died, while 70 others were being observed.",
            [("casualty_count", "killed"), ("statistic", "people")],
        ),
        (
            "The outbreak has killed 310 people and infected 9,800.",
            [("casualty_count", "killed"), ("statistic", "infected")],
        ),
    ],
)
def test_a_casualty_unit_does_not_spread_to_a_clause_of_its_own(text, expected):
    assert [(f[1], f[4]) for f in _figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The tram crash left 28 people injured, including six pupils, police said.", "injured"),
        ("At least 44 people were killed on Friday near the port, including 19 women.", "killed"),
        ("Among the wounded were 12 firefighters.", "injured"),
        ("The explosion killed 57 people, 16 of them teenagers.", "killed"),
    ],
)  # fmt: skip
def test_a_nested_subset_keeps_the_head_unit(text, unit):
    assert {(f[1], f[4]) for f in _figures(text)} == {("casualty_count", unit)}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We found 31 survivors," said Brig. Gen. Idris Mensah.', "Idris Mensah"),
        ("Wages rose 2.9 percent, said Dr. Ana Varga of the National Wage Office.", "Ana Varga"),
        ("Rents fell 4%, according to Prof. Tom Hale, an economist at Orlen College.", "Tom Hale"),
        ("The Ministry of Transport said 16 bridges were closed.", "Ministry of Transport"),
        ("The Office for Road Safety said 210 drivers were fined.", "Office for Road Safety"),
    ],
)
def test_titles_after_the_verb_and_organisations_named_with_of(text, speaker):
    from claims.extraction import extract_claims

    assert {c.speaker for c in extract_claims(text)} == {speaker}


@pytest.mark.parametrize(
    ("text", "figure", "qualifier"),
    [
        ("Almost one in six pupils missed school.", "Almost one in six", "nearly"),
        ("Roughly one in ten loans defaulted.", "Roughly one in ten", "approximately"),
        ("Smokers were about 3.5 times as likely to fall ill.", "about 3.5 times", "approximately"),
    ],
)
def test_a_ratio_keeps_the_qualifier_before_it(text, figure, qualifier):
    assert [(f[0], f[3]) for f in _figures(text)] == [(figure, qualifier)]


def test_a_partitive_over_a_counted_total_takes_its_noun():
    assert [(f[0], f[4]) for f in _figures("Seven of the 19 suspects were released.")] == [
        ("Seven", "suspects"),
        ("19", "suspects"),
    ]


def test_a_study_that_found_a_figure_is_its_source():
    from claims.extraction import extract_claims

    (claim,) = extract_claims("Nearly 40% of nurses plan to leave, the survey found.")
    assert claim.speaker == "survey"
