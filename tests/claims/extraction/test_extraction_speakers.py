"""Speakers as news copy attributes them: pronouns back to the last person mentioned,
appositives, titles after the verb, organisations and documents, split and multi-paragraph
quotes, and verbs beyond "said".

Every passage here is written for this suite, modelled on wire and local reporting.
"""

import pytest

from claims.extraction import extract_claims


def speakers(text):
    return [c.speaker for c in extract_claims(text) if c.kind == "quote"]


def quotes(text):
    return [c for c in extract_claims(text) if c.kind == "quote"]


# ------------------------------------------------------------------------ pronouns
def test_pronoun_goes_to_a_person_introduced_in_an_ordinary_sentence():
    text = (
        "\u201cThe levee held through the night,\u201d said engineer Tomas Rehn. "
        "Later in the day, Governor Alice Moreau toured the shelters in Linden. "
        "\u201cNobody will be sent home until the water is gone,\u201d she said."
    )
    assert speakers(text) == ["Tomas Rehn", "Alice Moreau"]


@pytest.mark.parametrize(
    "attribution",
    [
        "\u201cThe bridge will stay shut until the inspection is done,\u201d he said.",
        "He said: \u201cThe bridge will stay shut until the inspection is done.\u201d",
        "According to him, \u201cthe bridge will stay shut until the inspection is done.\u201d",
        "\u201cThe bridge will stay shut until the inspection is done,\u201d he added.",
    ],
)
def test_pronoun_forms(attribution):
    text = f"Transport commissioner Ravi Mehta spoke to reporters on Monday. {attribution}"
    assert speakers(text) == ["Ravi Mehta"]


def test_a_person_paraphrased_with_a_verb_is_the_one_a_later_pronoun_means():
    text = (
        "The hospital's director, Dr. Ines Navarro, said the wards were full. "
        "She said 40 beds had been added overnight.\n\n"
        "\u201cWe are turning nobody away, not tonight and not tomorrow,\u201d she said."
    )
    assert speakers(text) == ["Ines Navarro"]


def test_a_person_named_inside_a_report_does_not_capture_the_pronoun():
    text = (
        "Opposition finance spokesman Mark Doyle criticised figures released by minister "
        "Helen Price on Tuesday. Doyle said Price had counted the same projects twice. "
        "He said the budget papers listed them once.\n"
        "\u201cIf she cannot read her own budget, that is a problem for all of us,\u201d he said."
    )
    assert speakers(text) == ["Mark Doyle"]


def test_he_and_she_follow_gender_known_from_titles():
    text = (
        "Mr. Osei and Mrs. Lindqvist met the families on Sunday. "
        "\u201cThe compensation will be paid within a month,\u201d he said. "
        "\u201cAnd nobody will have to fill in a form twice,\u201d she said."
    )
    assert speakers(text) == ["Osei", "Lindqvist"]


def test_a_title_phrase_with_an_organisation_before_the_name_keeps_the_name_topical():
    text = (
        "The Minister of State for Water, Grace Obi, warned residents on Friday. "
        "In a statement issued by Mr Peter Lamb, the ministry's press officer, Obi repeated "
        "the warning.\n\n"
        "\u201cDo not drink from the river until the tests come back,\u201d she said."
    )
    assert speakers(text) == ["Grace Obi"]


# ---------------------------------------------------------------------- appositives
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Dr. Ann Lee, assistant secretary of the Office of Public Health, said "
            "\u201cthe outbreak is now under control in the city.\u201d",
            "Ann Lee",
        ),
        (
            "Pedro Alvarez, 52, a former mayor of Tarsk, said "
            "\u201cthe river rose faster than anyone expected.\u201d",
            "Pedro Alvarez",
        ),
        (
            "\u201cThe river rose faster than anyone expected,\u201d Pedro Alvarez, the "
            "town's former mayor said by phone.",
            "Pedro Alvarez",
        ),
        (
            "\u201cThe river rose faster than anyone expected,\u201d said Pedro Alvarez, "
            "a former mayor of Tarsk.",
            "Pedro Alvarez",
        ),
    ],
)
def test_a_job_title_with_an_organisation_does_not_replace_the_person(text, speaker):
    assert speakers(text) == [speaker]


# -------------------------------------------------------------- titles after the verb
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("\u201cThe figures are not credible at all,\u201d said Col. Ivan Petrov.", "Ivan Petrov"),
        (
            "\u201cThe figures are not credible at all,\u201d according to Dr. Maria Stein.",
            "Maria Stein",
        ),
        (
            "\u201cThe first shell hit the school at dawn,\u201d said Maj. Gen. Omar al Rashid, "
            "a spokesman for the army.",
            "Omar al Rashid",
        ),
        (
            "\u201cThe road was closed for most of the night,\u201d said state highway "
            "patrol spokesman Luis Ortega.",
            "Luis Ortega",
        ),
        (
            "Speaking at the launch, head of the Agency for Rural Development Amal Farouk "
            "said: \u201cEvery village will be connected by the end of next year.\u201d",
            "Amal Farouk",
        ),
    ],
)
def test_titles_after_the_verb(text, speaker):
    assert speakers(text) == [speaker]


# ------------------------------------------------------ organisations and documents
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "\u201cThe figures were collected from every district hospital,\u201d "
            "the ministry said in a statement.",
            "ministry",
        ),
        (
            "\u201cThe procurement rules were ignored at every stage,\u201d Transparency "
            "International said.",
            "Transparency International",
        ),
        ("\u201cNo new hires will be approved this year,\u201d the memo said.", "memo"),
        (
            "\u201cThe water supply is safe to drink again,\u201d according to the Environment "
            "Agency.",
            "Environment Agency",
        ),
        (
            "Police said: \u201cThe suspect was known to officers in two counties.\u201d",
            "police",
        ),
    ],
)
def test_organisations_and_documents_speak(text, speaker):
    assert speakers(text) == [speaker]


def test_the_role_resolves_to_the_person_last_named_with_it():
    text = (
        "Finance Minister Sofia Brandt presented the plan on Monday. "
        "\u201cEvery region will get its share this year,\u201d the minister said."
    )
    assert speakers(text) == ["Sofia Brandt"]


# ------------------------------------------------------------ split and long quotes
def test_a_split_quote_is_one_quote_claim():
    text = (
        "Lawyer Nadia Haddad spoke outside the court. "
        "\u201cWe will appeal,\u201d she said, \u201cand we are confident the higher court "
        "will see it our way.\u201d"
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Nadia Haddad"
    assert (
        quote.quote == "We will appeal, and we are confident the higher court will see it our way."
    )
    assert text[quote.figure_start : quote.figure_end].startswith("\u201cWe will appeal")
    assert text[quote.figure_start : quote.figure_end].endswith("our way.\u201d")


def test_a_quote_over_several_paragraphs_is_one_quote_with_one_speaker():
    text = (
        "Mayor Karin Holt said in a statement on Sunday that the city would rebuild.\n\n"
        "\u201cThe first crews will start on the bridge next week.\n\n"
        "\u201cThe schools come next, and every family will have a roof before winter.\n\n"
        "\u201cWe will not leave anyone behind.\u201d\n\n"
        "The council meets on Tuesday."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Karin Holt"
    assert quote.quote.startswith("The first crews")
    assert quote.quote.endswith("anyone behind.")
    assert "\n" not in quote.quote and "\u201c" not in quote.quote


def test_a_multi_paragraph_quote_may_open_inside_its_first_paragraph():
    text = (
        "Coach Mara Ilic said after the match: \u201cWe gave away two goals in ten minutes.\n\n"
        "\u201cThat cannot happen at this level, and I told the players so.\u201d\n\n"
        "The club plays again on Saturday."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Mara Ilic"
    assert quote.quote.startswith("We gave away") and quote.quote.endswith("players so.")


def test_an_unclosed_paragraph_not_followed_by_a_quote_stays_unclaimed():
    text = "He said \u201cthis will never end.\n\nThe ministry said 12 people were killed."
    assert quotes(text) == []


# ---------------------------------------------------------------------------- verbs
@pytest.mark.parametrize(
    "sentence",
    [
        "Senator Joan Pike called it \u201ca betrayal of every family in the valley.\u201d",
        "Senator Joan Pike warned that \u201cthe worst is yet to come for the valley.\u201d",
        "Senator Joan Pike told reporters \u201cthe worst is yet to come for the valley.\u201d",
        "Senator Joan Pike stated: \u201cThe worst is yet to come for the valley.\u201d",
        "Senator Joan Pike noted that \u201cthe worst is yet to come for the valley.\u201d",
        "Senator Joan Pike insisted \u201cthe worst is yet to come for the valley.\u201d",
        "Senator Joan Pike wrote that \u201cthe worst is yet to come for the valley.\u201d",
        "Senator Joan Pike posted a video, saying \u201cthe worst is yet to come.\u201d",
        "Senator Joan Pike visited the dam, adding that \u201cthe worst is yet to come.\u201d",
    ],
)
def test_verbs_beyond_said(sentence):
    assert speakers(sentence) == ["Joan Pike"]
