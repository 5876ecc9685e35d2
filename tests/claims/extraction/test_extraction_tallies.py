"""Election tallies: "A out of B seats" counts seats won (not a share), and a count after a
party's capitalised name ("gave the Farmers' League 44 seats") is a tally, not a model number
like "Boeing 737"."""

from decimal import Decimal

import pytest

from claims.extraction import extract_figures


def _found(text):
    return [(text[c.figure_start : c.figure_end], c.value, c.unit) for c in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Rural Union won 57 out of 210 seats in the regional assembly.",
            [("57", 57, "seats"), ("210", 210, "seats")],
        ),
        (
            "Final results gave the Farmers' League 44 of the 160 seats, officials said.",
            [("44", 44, "seats"), ("160", 160, "seats")],
        ),
        ("Preliminary counts handed Labour 212 seats.", [("212", 212, "seats")]),
        (
            "Mayor Ilse Varga took 19 out of 31 wards in the runoff.",
            [("19", 19, "wards"), ("31", 31, "wards")],
        ),
    ],
)
def test_a_tally_of_seats_is_a_count_of_seats(text, expected):
    assert _found(text) == [(w, Decimal(v), u) for w, v, u in expected]


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Seven out of 10 voters in Marsk named prices first.", "Seven out of 10", "0.7"),
        ("Police charged 12 out of 40 suspects after the raid.", "12 out of 40", "0.3"),
    ],
)  # fmt: skip
def test_a_part_of_people_stays_a_ratio(text, words, value):
    assert _found(text) == [(words, Decimal(value), "ratio")]


@pytest.mark.parametrize(
    "text",
    [
        "The Boeing 737 landed safely at Varna after the scare.",
        "Article 370 of the constitution was amended last year.",
        "Route 66 of the old network was closed for repairs.",
    ],
)
def test_model_and_article_numbers_stay_out(text):
    assert _found(text) == []
