"""A percentage passes its unit only to a plain number beside it: a count with a scale word
or a level in the thousands after a share is never a percentage ("4.82 million votes, or
38.9%, compared with 3.31 million"; "fell 412 points, or 1.1%, to 33,104")."""

import pytest

from claims.extraction import extract_figures


@pytest.mark.parametrize(
    "text",
    [
        "The index fell 215 points, or 0.8%, to 27,460 on Friday.",
        "The Farmers' Bloc won 2.91 million votes, or 41.3% of the total, against 2.2 million "
        "for the Liberals.",
    ],
)
def test_no_count_or_level_becomes_a_percentage(text):
    for claim in extract_figures(text):
        if claim.unit == "percent":
            assert claim.value < 100, text[claim.figure_start : claim.figure_end]


def test_plain_shares_beside_a_share_stay_percentages():
    found = extract_figures("Support for the plan rose from 31% to 38% in a month.")
    assert [(c.value, c.unit) for c in found] == [(31, "percent"), (38, "percent")]
