"""The matching rules on their own: quotes, figures and the distractors named in DESIGN §11."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from claims.extraction import extract_claims
from repeats.rules import (
    SAME_FIGURE,
    SAME_QUOTE,
    UPDATED_FIGURE,
    ClaimSide,
    claim_context,
    compare_claims,
    figure_family,
    pick_repeats,
    speaker_key,
    speakers_compatible,
    values_compatible,
)

DAY = date(2014, 12, 16)


def figure(text, value, *, unit="killed", qualifier="exact", title="", on=DAY, kind=None):
    return ClaimSide(
        kind=kind or "casualty_count",
        text=text,
        value=Decimal(value),
        qualifier=qualifier,
        unit=unit,
        title=title,
        published_on=on,
    )


def quote(words, speaker):
    return ClaimSide(kind="quote", text=f'"{words}," {speaker} said.', quote=words, speaker=speaker)


SCHOOL = figure(
    "At least 141 people were killed when gunmen stormed the Army Public School in Peshawar.",
    141,
    qualifier="at_least",
    title="Gunmen storm army school in Peshawar",
)


# --------------------------------------------------------------------------- quotes

PLEDGE = "we will not rest until every one of the attackers is hunted down"


def test_same_quote_same_speaker_matches():
    repeat = compare_claims(quote(PLEDGE, "Nawaz Sharif"), quote(PLEDGE, "Nawaz Sharif"))
    assert repeat is not None and repeat.reason == SAME_QUOTE and repeat.score == 1.0


def test_trimmed_and_extended_quotes_match_with_a_titled_speaker():
    longer = "These are my children, this is the nation's loss, and " + PLEDGE
    trimmed = compare_claims(quote(PLEDGE, "Sharif"), quote(longer, "Prime Minister Nawaz Sharif"))
    extended = compare_claims(quote(longer, "Nawaz Sharif"), quote(PLEDGE, "Sharif"))
    assert trimmed is not None and trimmed.reason == SAME_QUOTE
    assert extended is not None and "trimmed or extended" in extended.explanation


def test_quote_marks_case_and_trailing_punctuation_do_not_matter():
    a = quote(
        "\u201cInflation is falling, but it is not yet where we need it to be.\u201d", "Bailey"
    )
    b = quote("inflation is falling, but it is not yet where we need it to be", "Andrew Bailey")
    assert compare_claims(a, b) is not None


def test_a_different_quote_by_the_same_speaker_is_not_a_match():
    a = quote("Our hospitals are running at full capacity this winter", "Wes Streeting")
    b = quote("We will recruit and train nurses in every region of the country", "Wes Streeting")
    assert compare_claims(a, b) is None


def test_the_same_words_from_a_different_speaker_are_not_a_match():
    words = "We have been left with no choice but to strike"
    assert compare_claims(quote(words, "Vivek Trivedi"), quote(words, "Mick Lynch")) is None


def test_an_unknown_speaker_needs_a_long_and_nearly_identical_quote():
    long_words = "The phase-out of fossil fuels is inevitable whether they like it or not"
    short_words = "We are disappointed by the outcome"
    assert compare_claims(quote(long_words, ""), quote(long_words, "Antonio Guterres"))
    assert compare_claims(quote(short_words, ""), quote(short_words, "Sergei Lavrov")) is None
    reworded = "The phase-out of coal and gas is inevitable whether they like it or not"
    assert compare_claims(quote(reworded, ""), quote(long_words, "Antonio Guterres")) is None


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("Imran Khan", "Khan", True),
        ("Health Ministry", "the ministry of health", True),
        ("Prime Minister Nawaz Sharif", "Nawaz Sharif", True),
        ("I. Khan", "Imran Khan", True),
        ("Imran Khan", "Sadiq Khan", False),
        ("Mick Lynch", "Vivek Trivedi", False),
        ("", "Mick Lynch", None),
    ],
)
def test_speaker_compatibility(a, b, compatible):
    assert speakers_compatible(a, b) is compatible


# -------------------------------------------------------------------------- figures


def test_same_figure_about_the_same_event():
    later = figure(
        "The army said 141 people were killed in the Army Public School attack in Peshawar.",
        141,
        title="Pakistan mourns Peshawar school victims",
    )
    repeat = compare_claims(later, SCHOOL)
    assert repeat is not None and repeat.reason == SAME_FIGURE
    assert 0.5 <= repeat.score <= 1


def test_the_same_number_about_a_different_event_is_not_a_match():
    ferry = figure(
        "At least 141 people were killed when a ferry capsized on the Meghna river in Bangladesh.",
        141,
        qualifier="at_least",
        title="Ferry capsizes on the Meghna",
    )
    assert compare_claims(ferry, SCHOOL) is None


def test_a_different_value_for_the_same_event_is_an_updated_figure():
    update = figure(
        "The army said 150 people were killed when gunmen stormed the Army Public School in "
        "Peshawar.",
        150,
        title="Peshawar school toll rises",
    )
    old = figure(
        "The army said 141 people were killed when gunmen stormed the Army Public School in "
        "Peshawar.",
        141,
        title="Gunmen storm army school in Peshawar",
    )
    repeat = compare_claims(update, old)
    assert repeat is not None and repeat.reason == UPDATED_FIGURE
    assert "150" in repeat.explanation and "141" in repeat.explanation


def test_another_unit_or_currency_is_never_compared():
    injured = figure(
        SCHOOL.text.replace("killed", "injured"), 141, unit="injured", title=SCHOOL.title
    )
    assert compare_claims(injured, SCHOOL) is None
    assert figure_family("monetary_amount", None, "USD") != figure_family(
        "monetary_amount", None, "PKR"
    )
    assert figure_family("monetary_amount", None, "PKR") == figure_family(
        "monetary_amount", None, "INR"
    )
    assert figure_family("casualty_count", "dead", None) == figure_family(
        "casualty_count", "killed", None
    )


def test_articles_far_apart_in_time_are_different_events():
    anniversary = figure(
        "Parents marked a year since 141 people were killed at the Army Public School in Peshawar.",
        141,
        title="A year after the Peshawar school attack",
        on=date(2015, 12, 16),
    )
    assert compare_claims(anniversary, SCHOOL) is None


@pytest.mark.parametrize(
    ("new", "old", "compatible"),
    [
        (("141", "exact"), ("141", "at_least"), True),
        (("150", "exact"), ("141", "more_than"), True),
        (("150000", "more_than"), ("150000", "exact"), True),  # bounds read closed
        (("67.07", "exact"), ("67", "exact"), True),  # rounded from the other
        (("47.6", "exact"), ("48", "approximately"), True),
        (("142", "exact"), ("141", "exact"), False),
        (("90", "fewer_than"), ("141", "at_least"), False),
    ],
)
def test_values_compatible_under_both_qualifiers(new, old, compatible):
    a = figure("x", new[0], qualifier=new[1])
    b = figure("x", old[0], qualifier=old[1])
    assert values_compatible(a, b) is compatible


def test_pick_repeats_does_not_read_a_subtotal_as_an_update():
    """'141 killed, including 132 children' in both stories: two repeats, no update."""
    old_text = (
        "Taliban gunmen stormed the Army Public School in Peshawar on Tuesday. At least 141 "
        "people were killed, including 132 children, the army said."
    )
    new_text = (
        "Pakistan mourned the victims of the Army Public School attack in Peshawar. The army "
        "said 141 people were killed in the school, including 132 children."
    )

    def sides(text, title):
        return [
            ClaimSide(
                kind=c.kind,
                text=c.text,
                value=c.value,
                qualifier=c.qualifier,
                unit=c.unit,
                title=title,
                published_on=DAY,
                context=claim_context(title, text, c.start, c.end),
            )
            for c in extract_claims(text)
        ]

    new = sides(new_text, "Pakistan mourns")
    old = sides(old_text, "Gunmen storm army school")
    found = pick_repeats(new, old)
    pairs = {(new[i].value, old[j].value, r.reason) for i, j, r in found}
    assert pairs == {(141, 141, SAME_FIGURE), (132, 132, SAME_FIGURE)}


def test_claim_context_keeps_whole_words_around_the_claim():
    text = (
        "First sentence about Herat. " * 20 + "At least 2,053 people were killed." + " Tail." * 40
    )
    start = text.index("At least")
    context = claim_context("Quake", text, start, start + 34)
    assert context.startswith("Quake\n")
    assert "2,053" in context and len(context) < 600
    assert not context.split("\n", 1)[1].startswith("irst")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Health Ministry", "the Ministry of Health"),
        ("Police Department", "Department of Police"),
        ("the Interior Ministry", "Ministry of the Interior"),
    ],
)
def test_an_organisation_has_one_lookup_key_whatever_the_word_order(a, b):
    assert speaker_key(a) == speaker_key(b) != ""
    assert speakers_compatible(a, b) is True


def test_lookup_keys_of_people_and_other_organisations():
    assert speaker_key("Prime Minister Nawaz Sharif") == "sharif"
    assert speaker_key("Health Ministry") == speaker_key("Defence Ministry") == "ministry"
    # The shared key only widens the lookup; the rules still tell them apart.
    assert speakers_compatible("Health Ministry", "Ministry of Defence") is False
