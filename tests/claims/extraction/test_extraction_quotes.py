"""Quote claims and speaker attribution."""

import pytest

from claims.extraction import extract_claims


def quotes(text):
    return [c for c in extract_claims(text) if c.kind == "quote"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"We will rebuild every school that was destroyed," Governor Amina Yusuf said.',
            "Amina Yusuf",
        ),
        ('"We will rebuild every school that was destroyed," said Amina Yusuf.', "Amina Yusuf"),
        ("Amina Yusuf said: “We will rebuild every school that was destroyed.”", "Amina Yusuf"),
        (
            "Pakistan's Prime Minister Nawaz Sharif said “the nation will not be cowed by terror.”",
            "Nawaz Sharif",
        ),
        (
            "Adviser to the Prime Minister on National Security and Foreign Affairs Sartaj Aziz "
            "told reporters that “the operation will continue until the last terrorist.”",
            "Sartaj Aziz",
        ),
        (
            "The Inter-Services Public Relations (ISPR) said in a press release that "
            "“the militants were killed in an intense exchange of fire.”",
            "Inter-Services Public Relations",
        ),
        (
            "“The water supply is safe to drink again,” according to the Environment Agency.",
            "Environment Agency",
        ),
        (
            "Dr. Maria Lopez, a seismologist at the institute, said "
            "“aftershocks could last for weeks.”",
            "Maria Lopez",
        ),
        (
            "\u2018Nobody here has seen anything like it,\u2019 Mr. Okafor told the BBC.",
            "Okafor",
        ),
    ],
)
def test_speaker_forms(text, speaker):
    (quote,) = quotes(text)
    assert quote.speaker == speaker
    assert quote.text == text
    assert quote.start == 0 and quote.end == len(text)
    assert quote.value is None and quote.unit is None and quote.currency is None


def test_pronoun_resolves_to_last_named_person():
    text = (
        "Health Minister Sarah Mensah visited the ward on Friday. "
        "“The staff have worked around the clock for a week,” she said."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Sarah Mensah"
    assert quote.text.startswith("“The staff")


def test_surname_and_he_added_resolve_to_full_name():
    text = (
        "Foreign Ministry spokesperson Qin Gang said the attack was “cowardly and utterly "
        "unforgivable.” He added that China would “help the victims' families in every way "
        "possible.” Later, Qin said “the two countries will hold talks next month.”"
    )
    assert [q.speaker for q in quotes(text)] == ["Qin Gang", "Qin Gang", "Qin Gang"]


def test_unattributed_quote_has_no_speaker_and_lower_score():
    attributed = quotes('"The bridge will reopen within a month," Mayor Lee said.')[0]
    (anonymous,) = quotes("Graffiti on the wall read “we are still here and we will stay.”")
    assert anonymous.speaker is None
    assert anonymous.checkworthiness < attributed.checkworthiness


def test_continued_quote_inherits_speaker():
    text = (
        "“We have lost everything,” said farmer Joseph Banda. "
        "“The river took the house, the cattle and the seed for next year.”"
    )
    assert [q.speaker for q in quotes(text)] == ["Joseph Banda", "Joseph Banda"]


@pytest.mark.parametrize(
    "text",
    [
        "Critics called the plan a “fig leaf” for austerity.",
        'The so-called "peace dividend" never arrived.',
        "It\u2019s the government\u2019s \u2018best effort\u2019, officials say.",
        "The children\u2019s hospital and the teachers\u2019 union both objected.",
    ],
)
def test_scare_quotes_and_apostrophes_are_not_quotes(text):
    assert quotes(text) == []


def test_a_figure_in_a_quote_is_a_figure_claim_and_the_quote_stays_a_claim():
    text = "“At least 50 people were killed in the raid,” police chief Omar Haddad said."
    claims = extract_claims(text)
    assert [c.kind for c in claims] == ["quote", "casualty_count"]
    quote, figure = claims
    assert quote.quote == "At least 50 people were killed in the raid"
    assert (figure.value, figure.qualifier, figure.unit) == (50, "at_least", "killed")
    assert quote.speaker == figure.speaker == "Omar Haddad"


def test_unclosed_quote_does_not_swallow_the_article():
    text = "He said “this will never end.\n\nThe ministry said 12 people were killed."
    claims = extract_claims(text)
    assert [(c.kind, int(c.value)) for c in claims] == [("casualty_count", 12)]


def test_quote_offsets_cover_both_sentences_of_a_two_sentence_quote():
    text = "Ms. Chen said: “We are ready. The trucks leave tonight.” Then she left."
    (quote,) = quotes(text)
    assert quote.text == "Ms. Chen said: “We are ready. The trucks leave tonight.”"
    assert quote.speaker == "Chen"
