"""Readings of found figures, second round: hospital care, main verbs over modifiers,
range ends, rates named before their number, negated casualty words, subset asides,
Indian and Nigerian scales and glued rupees.

Every sentence was written for this suite, in the style of road-accident, fire, epidemic
and budget reports. A wrong casualty unit makes a source seem to contradict or support a
claim, so where the text does not say what happened to people the figure stays a plain
statistic.
"""

from decimal import Decimal

import pytest

from claims.extraction import extract_figures

D = Decimal


def readings(text):
    return [(c.value, c.kind, c.qualifier, c.unit, c.currency) for c in extract_figures(text)]


def reading_of(text, value):
    found = [c for c in extract_figures(text) if c.value == D(value)]
    assert len(found) == 1, readings(text)
    return found[0]


# ---------------------------------------------------------------- victims and hospital care
@pytest.mark.parametrize(
    "sentence",
    [
        "Five victims were rushed to hospital after the bus overturned near Kisumu.",
        "Eight victims were admitted to the district hospital with burns.",
        "Four victims were airlifted to a hospital in the capital.",
        "Nine victims were treated at Mbale Regional Hospital and later discharged.",
        "Six victims were hospitalised after the gas leak, officials said.",
    ],
)
def test_victims_taken_to_or_treated_in_hospital_are_injured(sentence):
    claim = extract_figures(sentence)[0]
    assert (claim.kind, claim.unit) == ("casualty_count", "injured")


@pytest.mark.parametrize(
    "sentence",
    [
        "In all, six victims were taken to St Jude's, two of them critical.",
        "The victims include 14 women, eight men and three children, the governor said.",
        "Among the victims were 11 pupils from the same school.",
        "Seven victims were taken to the Kakamega hospital mortuary.",
    ],
)
def test_victims_alone_are_never_read_as_killed(sentence):
    for claim in extract_figures(sentence):
        assert claim.unit != "killed", readings(sentence)


def test_victims_in_a_sentence_that_names_only_deaths_are_the_dead():
    sentence = "The bombing killed 31 people; the victims include 9 police officers."
    assert reading_of(sentence, 9).unit == "killed"


def test_victims_in_a_sentence_naming_deaths_and_injuries_stay_unread():
    sentence = "The raid killed four and wounded ten; the victims include 3 nurses."
    assert reading_of(sentence, 3).kind == "statistic"


def test_people_taken_to_hospital_without_a_victim_noun_stay_a_clause_of_their_own():
    claim = reading_of("Twelve people died and 180 were taken to hospital.", 180)
    assert claim.kind == "statistic"


# ---------------------------------------------------------------- main verb over modifier
@pytest.mark.parametrize(
    "sentence",
    [
        "Nearly two dozen people badly injured in the tanker explosion have died.",
        "Seven miners critically injured in the collapse died overnight.",
        "At least 15 passengers seriously wounded in the crash have since died.",
        "Four workers injured in the blast succumbed in hospital on Monday.",
        "Over 30 pilgrims badly injured at the gate were later confirmed dead.",
    ],
)
def test_a_death_verb_after_an_injury_modifier_makes_the_count_killed(sentence):
    claim = extract_figures(sentence)[0]
    assert (claim.kind, claim.unit) == ("casualty_count", "killed")


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Eleven people were injured and later died in hospital.", 11, "injured"),
        ("The death toll rose to 23 as two more people succumbed to their injuries.", 2, "killed"),
        ("Four people were killed and nine others sustained burns in the fire.", 9, "injured"),
        ("Three crew members were recovered deceased on Sunday.", 3, "killed"),
    ],
)
def test_succumbed_burns_and_deceased_are_read(sentence, value, unit):
    assert reading_of(sentence, value).unit == unit


# ---------------------------------------------------------------- range ends
@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        (
            "The 1974 cyclone killed an estimated 300 to 500 people on the islands.",
            (D(300), "approximately", "killed"),
            (D(500), "up_to", "killed"),
        ),
        (
            "Officials said about 40 to 60 fishermen were missing.",
            (D(40), "approximately", "missing"),
            (D(60), "up_to", "missing"),
        ),
        (
            "As many as 200 to 250 people had boarded the boat.",
            (D(200), "up_to", "people"),
            (D(250), "up_to", "people"),
        ),
        (
            "The flood killed 70 to 90 people in the valley.",
            (D(70), "at_least", "killed"),
            (D(90), "up_to", "killed"),
        ),
    ],
)
def test_the_high_end_of_a_range_is_up_to_whatever_qualifies_the_low_end(sentence, low, high):
    got = [(c.value, c.qualifier, c.unit) for c in extract_figures(sentence)]
    assert got == [low, high]


# ---------------------------------------------------------------- rates named first
@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Cumulative deaths per 100k: 187", 187, "per 100,000"),
        ("The death rate per 100,000 people was 14.2 last year.", D("14.2"), "per 100,000"),
        ("Road deaths per capita stood at 0.3 in the province.", D("0.3"), "per capita"),
    ],
)
def test_a_rate_named_before_its_number_is_a_rate_not_a_toll(sentence, value, unit):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.unit) == ("statistic", unit)


# ---------------------------------------------------------------- negation, subset asides
def test_a_negated_casualty_word_is_not_the_counts_unit():
    claim = reading_of("In March, 512 measles cases, with no deaths, were recorded.", 512)
    assert claim.kind == "statistic"


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        (
            "Two people drowned and seven others, including a toddler and 3 teenagers, were "
            "missing after the canoe overturned.",
            7,
            "missing",
        ),
        (
            "Five died and 14 others, including 6 pupils, were injured in the stampede.",
            14,
            "injured",
        ),
    ],
)
def test_the_predicate_after_a_subset_aside_is_the_heads(sentence, value, unit):
    assert reading_of(sentence, value).unit == unit


# ---------------------------------------------------------------- Indian and Nigerian money
@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The ministry got Rs 2.4 lakh crore this year.", D("2400000000000")),
        ("Rail spending rose to Rs 18 thousand crore in the state.", D("180000000000")),
        ("The scheme costs ₹3.15 lakh crore over five years.", D("3150000000000")),
    ],
)
def test_lakh_crore_and_thousand_crore_multiply(sentence, value):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.currency) == ("monetary_amount", "INR")


@pytest.mark.parametrize(
    ("sentence", "value", "currency"),
    [
        ("Lagos approved a 3.2 trillion-naira spending plan.", D("3200000000000"), "NGN"),
        ("Kenya unveiled a 4.1 trillion-shilling budget on Thursday.", D("4100000000000"), "KES"),
        ("Abuja's proposal of ₦49.7trn was sent to lawmakers.", D("49700000000000"), "NGN"),
        ("Pakistan's central bank made a profit of Rs1.9tr last year.", D("1900000000000"), "PKR"),
        ("The Karachi utility lost Rs45.6bn, Pakistan's regulator said.", D("45600000000"), "PKR"),
        ("Indian lenders wrote off Rs12 billion in the quarter.", D("12000000000"), "INR"),
    ],
)
def test_hyphenated_currency_words_glued_scales_and_glued_rupees(sentence, value, currency):
    claim = reading_of(sentence, value)
    assert (claim.kind, claim.currency) == ("monetary_amount", currency)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Since 2019 there have been 41 mass shootings, claiming the lives of 212 people.", 41),
        ("Nine separate attacks killed 60 villagers across the district last month.", 9),
        ("Eleven road accidents left 27 people dead over the holiday weekend.", 11),
    ],
)
def test_a_count_of_events_never_takes_the_casualty_word_of_its_clause(sentence, value):
    assert reading_of(sentence, value).kind == "statistic"


def test_a_casualty_word_denied_by_its_verb_is_not_the_counts_unit():
    sentence = "The toll stood at 19, while 64 miners were pulled out or escaped death."
    assert reading_of(sentence, 64).kind == "statistic"
