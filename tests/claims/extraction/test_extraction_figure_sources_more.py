"""The speaker of figures in results, budget, poll, study and crime reporting: an
organisation gives its own results ("the company earned", "it expects", "analysts
expected"), an agency indicates a number ("the UN indicated"), an unnamed organisation
speaks with an adverb before its verb ("the retailer also said"); and a person's own pay
or a verb in the passive gives no speaker.

Every passage here is written for this suite, modelled on business, council and aid
reporting.
"""

import pytest

from claims.extraction import extract_claims


def figure_speakers(text):
    return [c.speaker for c in extract_claims(text) if c.kind != "quote"]


# ------------------------------------------------------- an organisation's own results
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The company earned $812 million in the three months to June.", "company"),
        ("The lender booked a charge of 340 million euros for the period.", "lender"),
        ("Analysts expected revenue of $2.74 billion for the quarter.", "analysts"),
        ("The bank expects growth of 1.8% in the coming year.", "bank"),
        ("The WFP indicated 610,000 people would need rations by March.", "WFP"),
        ("The retailer also said online sales rose 12% in the half.", "retailer"),
    ],
)
def test_an_organisation_gives_its_results(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "He earned $64,000 a year as a clerk before the scheme began.",
        "The striker earned a bonus of £40,000 for the goal.",
        "Turnout is expected to reach 71% in the capital.",
        "Losses of $9 million were expected by the end of the year.",
    ],
)
def test_a_person_or_a_passive_gives_no_results(sentence):
    assert figure_speakers(sentence) == [None]
