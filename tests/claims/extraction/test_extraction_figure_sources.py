"""The speaker of a figure that a document gives: the document as the text names it with
its issuer ("the ministry's data", "the UNICEF report"), or the issuer named after it
("figures from the central bank show", "a report by the foundation"); and the words that
must not pass for a speaker ("the United States", a pronoun after a title).

Every passage here is written for this suite, modelled on wire and statistics reporting.
"""

import pytest

from claims.extraction import extract_claims


def figure_speakers(text):
    return [c.speaker for c in extract_claims(text) if c.kind != "quote"]


# ------------------------------------------------------------ a document's issuer
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "According to the transport ministry's data, 2,315 buses were idle.",
            "transport ministry's data",
        ),
        (
            "According to the water board's monthly bulletin, 418 wells ran dry.",
            "water board's monthly bulletin",
        ),
        (
            "According to data from the Harlow Grain Council, 6.2 million tonnes were lost.",
            "Harlow Grain Council",
        ),
        (
            "According to figures released by the Coastal Guard Office on Friday, 96 boats sank.",
            "Coastal Guard Office",
        ),
        ("Some 310 families moved away, according to a report published by the agency.", "agency"),
        (
            "The Verda Institute report found that 27 percent of clinics lacked power.",
            "Verda Institute report",
        ),
        (
            "Rents rose 9 percent, according to the latest housing ministry figures.",
            "housing ministry figures",
        ),
        ("According to a Norrell poll, 44 percent of voters back the plan.", "Norrell poll"),
        (
            "Exports fell 3.1 percent, according to Baltic Trade Board figures.",
            "Baltic Trade Board",
        ),
        ("About 800 jobs went, according to the dock workers union.", "dock workers union"),
    ],
)
def test_a_document_speaks_with_the_issuer_it_names(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The report found that 38 percent of bridges needed repair.", "report"),
        ("The memo said the office had overspent by $2.4 million.", "memo"),
        ("According to official figures, 5,600 homes were flooded.", "official figures"),
    ],
)
def test_a_document_with_no_issuer_named_speaks_for_itself(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


def test_a_survey_of_people_is_not_a_survey_by_them():
    # "of" names what a document is about, never who issued it
    assert figure_speakers("According to a survey of 900 nurses, 61% plan to leave.") == [
        "survey",
        "survey",
    ]


# ------------------------------------------------------- verbs only documents use
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Figures from the fisheries ministry show catches fell 12 percent.", "fisheries ministry"),
        (
            "Data from the Central Bank of Orlavia showed inflation hit 8.3 percent.",
            "Central Bank of Orlavia",
        ),
        (
            "Retail sales climbed 2.6 percent in June, data from the National Bureau of "
            "Statistics (NBS) showed on Tuesday.",
            "National Bureau of Statistics",
        ),
        ("Wages rose 4.4 percent in the year, the data showed.", "data"),
        (
            "The port authority's records reveal 1,120 containers went missing.",
            "port authority's records",
        ),
        ("But the audit uncovered problems with $3.3 billion in grants.", "audit"),
    ],
)
def test_data_show_and_records_reveal(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "The video showed 30 people fleeing the square.",
        "The crew revealed its plan to hire 40 staff.",
        "Satellite images show 200 homes were destroyed.",
    ],
)
def test_show_is_not_attribution_without_a_document_subject(sentence):
    assert figure_speakers(sentence) == [None]


def test_data_that_show_a_figure_do_not_speak_the_next_quote():
    text = (
        "Data from the housing office showed 940 evictions in May. "
        "\u201cWe are seeing whole streets emptied by landlords,\u201d said tenant organiser "
        "Mira Lenz."
    )
    claims = extract_claims(text)
    assert [c.speaker for c in claims] == ["housing office", "Mira Lenz"]


# --------------------------------------------------------- not a speaker at all
def test_a_country_name_with_a_verb_in_it_is_not_an_attribution():
    sentence = (
        "At least 14 million people left their homes in wars fought by the United States "
        "since 2003, according to a study from Kessel University's Conflict Costs project."
    )
    assert figure_speakers(sentence) == ["Kessel University's Conflict Costs"]


def test_a_pronoun_after_a_title_is_not_a_person():
    text = (
        "\u201cThe number of nursing places has grown by 40%,\u201d said the Minister. "
        "He added that clinics had increased from 212 to 390."
    )
    assert "He" not in figure_speakers(text)
    named = "Health Minister Amal Reyes opened the ward on Monday. " + text
    assert figure_speakers(named)[1:] == ["Amal Reyes", "Amal Reyes"]


def test_headline_verbs_in_title_case_still_attribute():
    assert figure_speakers("Police Say 12 Dead in Market Fire") == ["police"]


# ------------------------------------------------------- a subject and its appositive
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The study, published in a medical journal on Monday, estimated that 2.4 million "
            "children were underweight.",
            "study",
        ),
        (
            "The figures, released by the Upland Water Agency on Friday, show 270 springs "
            "have dried up.",
            "Upland Water Agency",
        ),
        ("The agency, which runs the camps, said 5,200 people had arrived.", "agency"),
    ],
)
def test_the_subject_before_an_appositive_is_the_source(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


def test_a_newspaper_that_saw_a_document_did_not_issue_it():
    sentence = "The memo, seen by the Courier, shows $6 million was moved."
    assert figure_speakers(sentence) == ["memo"]


def test_a_dotted_initialism_stays_in_the_name():
    sentence = "The quake struck at a depth of 16 km, the U.S. Geological Survey said."
    assert figure_speakers(sentence) == ["U.S. Geological Survey"]


# ---------------------------------------- counting, projecting and results as sources
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Health officials recorded 3,700 cases in the first week.", "Health officials"),
        ("The agency registered 815 new arrivals on Sunday.", "agency"),
        ("Officials put the number of displaced people at 46,000.", "officials"),
        ("The ODF projects that output will shrink by 1.9 percent.", "ODF"),
        ("The central bank forecast inflation of 5.2 percent for next year.", "central bank"),
        (
            "The Unity Party won 61 of the 150 seats, according to preliminary results.",
            "preliminary results",
        ),
        (
            "Official results published by the electoral commission showed the party "
            "took 38.5 percent of the vote.",
            "electoral commission",
        ),
    ],
)
def test_verbs_of_counting_and_forecasting_after_a_source(sentence, speaker):
    assert set(figure_speakers(sentence)) == {speaker}


@pytest.mark.parametrize(
    "sentence",
    [
        "The highest recorded level was 9.4 metres.",
        "The projected deficit of $2.6 billion worried investors.",
        "She put 40 chairs in the hall.",
    ],
)
def test_those_verbs_without_a_source_before_them_attribute_nothing(sentence):
    assert set(figure_speakers(sentence)) == {None}


def test_a_person_who_counted_is_not_who_a_later_pronoun_means():
    text = (
        "Union leader Paul Ostrow attacked the figures. Ostrow said Rita Kahn had counted "
        "1,200 posts twice. \u201cThe board cannot count its own staff,\u201d he said."
    )
    assert [c.speaker for c in extract_claims(text) if c.kind == "quote"] == ["Paul Ostrow"]


# ------------------------------------------------------------ names of organisations
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The Centres for Pest Control and Prevention has reported 31 cases.",
            "Centres for Pest Control and Prevention",
        ),
        (
            "The Electoral Board of Vantia on Monday said turnout was 63.5 per cent.",
            "Electoral Board of Vantia",
        ),
        ("The party won 204 seats, according to the Poll Commission on Sunday.", "Poll Commission"),
        ("Some 19 people drowned, according to a UN spokesman.", "UN spokesman"),
        (
            "About 70 families left, according to the agency's director, Rosa Imbert.",
            "Rosa Imbert",
        ),
    ],
)
def test_organisation_names_and_roles(sentence, speaker):
    assert set(figure_speakers(sentence)) == {speaker}


def test_a_skipped_word_that_ends_a_clause_ends_the_search_for_a_name():
    sentence = "Darr said that according to official results, the Unity Bloc received 97 seats."
    assert figure_speakers(sentence) != ["Unity Bloc"]


def test_it_said_means_the_organisation_its_own_sentence_opens_with():
    text = (
        "The Federal Disease Agency has recorded 14 cases. The Global Health Office has "
        "received reports of 310 cases in 19 countries, it said on Sunday."
    )
    assert figure_speakers(text) == [
        "Federal Disease Agency",
        "Global Health Office",
        "Global Health Office",
    ]


def test_it_said_still_continues_the_last_organisation():
    text = "The ministry said 14 people died. It added that 32 others were injured."
    assert figure_speakers(text) == ["ministry", "ministry"]


# ------------------------------------------------------------ reports of agencies
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The toll has reached 23, according to official estimates.", "official estimates"),
        (
            "The toll rose to 48, according to the report of the Flood Relief Ministry.",
            "Flood Relief Ministry",
        ),
        ("The report further highlighted that 51,300 people were still affected.", "report"),
        ("Of those in the camps, 410 are children, the bulletin mentioned.", "bulletin"),
    ],
)
def test_reports_of_agencies_and_what_they_highlight(sentence, speaker):
    assert set(figure_speakers(sentence)) == {speaker}


def test_as_mentioned_is_no_attribution():
    assert figure_speakers("As mentioned, 300 homes were lost.") == [None]


# ---------------------------------------------------------------- inverted subjects
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The toll rose to 31 in Herat, said police.", "police"),
        ("The toll rose to 31 in Herat, said Karim Nazari, a police spokesman.", "Karim Nazari"),
        (
            "The toll rose to 31 in Herat, said the provincial disaster authority in a statement.",
            "provincial disaster authority",
        ),
        ("The toll rose to 31 in Herat, said a police spokesman.", "police spokesman"),
        (
            "About 640 families were fed in the Sahel, noted a news release issued by the agency.",
            "agency",
        ),
    ],
)
def test_a_speaker_after_the_verb_is_not_the_place_before_the_comma(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Karim Nazari, a police spokesman, said the militants had killed 12 guards.",
            "Karim Nazari",
        ),
        (
            "The spokesman, who declined to be named, said the militants killed 12 guards.",
            "spokesman",
        ),
    ],
)
def test_words_after_the_verb_that_are_the_reported_clause_are_no_speaker(sentence, speaker):
    assert figure_speakers(sentence) == [speaker]


def test_a_state_name_before_a_comma_is_not_a_verb():
    sentence = "Aid reached Kano and Sokoto States, where some 3 million people go hungry."
    assert figure_speakers(sentence) == [None]


# ------------------------------------------------------ attribution that carries over
def test_she_added_continues_an_unnamed_role():
    text = "The minister said 14 people died. She added that 32 others were injured."
    assert figure_speakers(text) == ["minister", "minister"]


def test_it_found_refers_to_the_document_the_sentence_before_opens_with():
    text = "The report was published on Monday. It found that 61 percent of wards lacked staff."
    assert figure_speakers(text) == ["report"]


def test_a_later_sentence_without_attribution_gets_no_speaker():
    text = "The ministry said 14 people died. Another 32 were injured in the blast."
    assert figure_speakers(text) == ["ministry", None]


def test_put_after_a_document_and_its_appositive():
    text = "The bureau's figures, published on Monday, put unemployment at 7.9 percent."
    assert figure_speakers(text) == ["bureau's figures"]


# ------------------------------------------------------------ journals and court papers
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "A study published in The Medical Review found 2.1 million deaths were linked to smog.",
            "study",
        ),
        ("The court papers show the firm paid $1.9 million in bribes.", "court papers"),
        ("According to the charge sheet, the gang stole $3.6 million.", "charge sheet"),
        (
            "According to these early results, only five parties cleared the 5% threshold.",
            "early results",
        ),
    ],
)
def test_journals_court_papers_and_results(sentence, speaker):
    assert figure_speakers(sentence)[0] == speaker


def test_the_object_of_says_is_no_source():
    sentence = "The study says the figure is a cautious estimate of 48 million people."
    assert figure_speakers(sentence) == ["study"]
