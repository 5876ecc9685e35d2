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


# --------------------------------------------- a poll, a study, a party, "with X reporting"
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "A Pollwise survey for the Evening Courier today finds 47 per cent back the levy.",
            "Pollwise survey",
        ),
        ("A Norvik poll for tomorrow's Daily Ledger puts the Greens on 19%.", "Norvik poll"),
        (
            "A study in the Baltic Journal of Cardiology reported a 31 percent lower risk.",
            "study",
        ),
        (
            "Unity's Petra Lindqvist backed the plan, saying bus fares would rise 14%.",
            "Petra Lindqvist",
        ),
        (
            "Inspector Dara Quinn warned of more thefts, with the rail police reporting a 55% "
            "increase in stolen cable.",
            "rail police",
        ),
    ],
)
def test_the_document_or_person_that_gives_the_figure(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor put pressure on 14 councillors to vote for the levy.",
        "She arrived with her sister carrying 300 leaflets.",
    ],
)
def test_no_source_for_these(sentence):
    assert figure_speakers(sentence) == [None]


# ------------------------------------ company names, press reports, the reported clause
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Kessler & Barth Co. said quarterly profit rose 9 percent.", "Kessler & Barth Co"),
        ("K&B had forecast earnings of $2.10 a share.", "K&B"),
        ("Local press reports said the fee was about £18 million.", "Local press reports"),
        ("Estimates drawn from the census did show a 6% fall in rents.", "census"),
        # a verb inside the clause the source reports is not a second source
        (
            "Official figures show that forces in Kent and Essex registered 4,210 offences.",
            "Official figures",
        ),
        ("The ministry said that clinics recorded 312 cases last week.", "ministry"),
    ],
)
def test_the_source_as_the_text_names_it(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Analysts polled by Harwick Data expected revenue of $1.42 billion.", "analysts"),
        ("Four analysts surveyed by Brennan Research expected $218 million.", "analysts"),
    ],
)
def test_those_polled_not_the_pollster(sentence, speaker):
    assert speaker in figure_speakers(sentence)
    assert "Harwick Data" not in figure_speakers(sentence)


# ------------------------------------------------- council titles, long agency names
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Cllr Mary Okafor said the £2.8m was a one-off saving.", "Mary Okafor"),
        (
            "After a long debate, the Mayor declared that the motion was carried by 41 votes.",
            "Mayor",
        ),
        (
            "Donors have met 9 per cent of the appeal, the United Nations refugee relief office "
            "said.",
            "United Nations refugee relief office",
        ),
    ],
)
def test_council_titles_and_agency_names(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


# ------------------------------------------------ the source that closes the sentence
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Norway would fund the clinics, while Canada promised $250,000 for vaccines, the "
            "aid coordination office said.",
            "aid coordination office",
        ),
        (
            "Each donor pledged roughly $2 million, the Joint Office for the Coordination of "
            "Border Health Affairs (JOCBHA) said.",
            "JOCBHA",
        ),
    ],
)
def test_the_closing_source_gives_the_figures_before_it(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]
