"""Prison terms written with a hyphen or a fraction, headline coordination, combined
casualties and organisation names that contain "by" or "of"."""

from decimal import Decimal

import pytest

from claims.extraction import extract_figures


def _figures(text):
    return [
        (text[c.figure_start : c.figure_end], c.kind, c.value, c.unit)
        for c in extract_figures(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A court in Marrow gave the smuggler a 14-year prison term on Friday.",
            [("14-year", "statistic", 14, "years")],
        ),
        (
            "The treasurer was handed an eight-year jail sentence for embezzlement.",
            [("eight-year", "statistic", 8, "years")],
        ),
        (
            "The two brothers are now serving 11-year sentences in Harlow.",
            [("11-year", "statistic", 11, "years")],
        ),
        (
            "The courier received an 18-month sentence for the break-in.",
            [("18-month", "statistic", 18, "months")],
        ),
        (
            "The banker was sentenced to a nine-year term last spring.",
            [("nine-year", "statistic", 9, "years")],
        ),
        (
            "The smuggler will spend 15 years behind bars.",
            [("15", "statistic", 15, "years")],
        ),
    ],
)
def test_hyphenated_and_behind_bars_prison_terms(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 16-year-old was questioned by officers on Sunday.",
        "The governor completed a four-year term in office in May.",
        "The café signed a 15-year lease on the old station.",
        "Residents want the 30-year-old rule scrapped.",
        "The mayor began a second five-year term last week.",
    ],
)
def test_hyphenated_durations_that_are_not_prison_terms(text):
    assert extract_figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Four Killed, 17 Injured In Market Fire In Dorran",
            [("Four", "casualty_count", 4, "killed"), ("17", "casualty_count", 17, "injured")],
        ),
        (
            "Two Dead, 9 Hurt As Ferry Capsizes Off Kelm",
            [("Two", "casualty_count", 2, "killed"), ("9", "casualty_count", 9, "injured")],
        ),
    ],
)
def test_headline_numbers_take_the_casualty_word_after_them(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Months of shelling have left 2,400 killed or injured in the valley.",
            [("2,400", "casualty_count", 2400, "casualties")],
        ),
        (
            "About 350 people were killed or wounded in the siege.",
            [("About 350", "casualty_count", 350, "casualties")],
        ),
        (
            "The landslide killed 8 and injured 23 on the pass.",
            [("8", "casualty_count", 8, "killed"), ("23", "casualty_count", 23, "injured")],
        ),
    ],
)
def test_killed_or_injured_together_are_casualties(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Nearly 600 families have fled the valley, according to Action by Churches Together.",
            "Action by Churches Together",
        ),
        (
            "At least 90 clinics have closed, according to Doctors of the World.",
            "Doctors of the World",
        ),
        (
            "Some 20 rivers have dried up, according to Friends of the Earth.",
            "Friends of the Earth",
        ),
        (
            "About 40 wells were poisoned, according to Ministry of Water spokesman Omar Sadi.",
            "Omar Sadi",
        ),
    ],
)
def test_organisation_names_with_by_or_of_keep_every_word(text, speaker):
    assert [c.speaker for c in extract_figures(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The forger was sentenced to five and a half years in prison.",
            [("five and a half", "statistic", Decimal("5.5"), "years")],
        ),
        (
            "The driver was jailed for 2 1/2 years on Monday.",
            [("2 1/2", "statistic", Decimal("2.5"), "years")],
        ),
        (
            "Mortgage rates climbed to 6 1/2 percent in March.",
            [("6 1/2 percent", "statistic", Decimal("6.5"), "percent")],
        ),
    ],
)
def test_a_half_joins_the_whole_number(text, expected):
    assert _figures(text) == expected
