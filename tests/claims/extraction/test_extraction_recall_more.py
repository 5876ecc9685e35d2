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
