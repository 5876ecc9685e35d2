"""Figure detection on forms that news uses without a noun after the number, in headlines,
in ratios and parts, prison terms given by a verb, hyphenated measures and qualifier verbs;
and the look-alikes (ages, years, names) that must stay out."""

from decimal import Decimal

import pytest

from claims.extraction import extract_figures


def _found(text):
    return [(text[c.figure_start : c.figure_end], c.value) for c in extract_figures(text)]


def _values(text):
    return [c.value for c in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        # number words before "percent"
        ("Twelve percent of the nurses in Orvane said they planned to quit.", "Twelve", 12),
        ("Forty per cent of the harvest was lost to the drought.", "Forty", 40),
        # a possessive or a percentage after a capitalised word is not a label
        ("Brelland's 38 largest towns reported a fall in burglaries.", "38", 38),
        ("Inflation stayed above the Central Bank's 3% goal for a year.", "3%", 3),
        # hyphenated measures
        ("A 5.9-magnitude tremor shook the coast of Velmar on Sunday.", "5.9", Decimal("5.9")),
        ("A magnitude-6.3 quake struck near Orsk before dawn.", "6.3", Decimal("6.3")),
        ("The 12,500-acre blaze near Dunmore was half contained.", "12,500", 12500),
        ("The rescuers said the quake had a magnitude of 5.2.", "5.2", Decimal("5.2")),
        # a bare number that counts more of the same
        ("The cyclone flattened 8,300 huts and damaged 61,000 others.", "61,000", 61000),
        ("The floods swept away 900 cattle and left 2,400 more stranded.", "2,400", 2400),
        ("Some 640 patients were admitted, of whom 85 needed oxygen.", "85", 85),
        # qualifier verbs leave the figure in place
        ("Registered cases crossed 18,000 on Thursday.", "18,000", 18000),
        ("The number of missing has passed 140, rescuers said.", "140", 140),
        # Title Case headlines whose small words stay in lower case
        ("Dockers Walk Out in 140 Ports to Back Pay Claim", "140", 140),
        ("Three Of The Climbers Were Guides, Park Says", "Three", 3),
        ("Court Jails Ex-Governor For Nine Years Over Kickbacks", "Nine", 9),
        # parts of a counted whole
        ("Five of the 14 miners were brought out alive.", "Five", 5),
        ("Six of the region's 19 clinics have closed.", "Six", 6),
        # ratios and fractions
        ("Nurses were twice as likely as doctors to report burnout.", "twice", 2),
        ("Two-thirds said the new tax was unfair.", "Two-thirds", Decimal("0.6667")),
        ("The survey found that one-third of farms had no water.", "one-third", Decimal("0.3333")),
        ("That is 31 of every 1,000 births in the district.", "31", Decimal("0.031")),
        # temperatures glued to their scale
        ("The thermometer in Karsk read 46.7C on Sunday afternoon.", "46.7C", Decimal("46.7")),
        ("Forecasters expect highs of 39 °C along the coast.", "39", 39),
        # tonnes after a scale, megatonnes and gigatonnes
        ("Steel mills emitted 2.4bn t of CO2 last year.", "2.4bn", 2400000000),
        ("The region's emissions fell to 61.5 Mt in 2023.", "61.5", Decimal("61.5")),
        # a bare number compared with the figure before it
        ("Exports were 4.4 million, against 3.9 million a year earlier.", "3.9 million", 3900000),
        (
            "The gale cut power to 2.1 million homes; by Friday 650,000 were still dark.",
            "650,000",
            650000,
        ),
        # participles and compounds before the counted noun
        ("Inspectors logged 214 storm-damaged bridges.", "214", 214),
        ("Over 12,000 striking dock workers marched.", "12,000", 12000),
        ("Later that week, three other cases were confirmed.", "three", 3),
        ("Officials said 27 of the infected patients were in intensive care.", "27", 27),
        ("Less than 3 percent of the cases, or fewer than 15, were severe.", "15", 15),
        # ratios and multiples with no bare number
        ("Forecasters gave it a 1-in-3 chance of landfall.", "1-in-3", Decimal("0.3333")),
        ("About one-in-eight pupils skipped lunch.", "one-in-eight", Decimal("0.125")),
        ("Hospital visits rose threefold over the winter.", "threefold", 3),
        ("Prices saw a 1.5-fold jump in Sarn.", "1.5-fold", Decimal("1.5")),
        ("Cyclists were half as likely to be hurt.", "half", Decimal("0.5")),
        ("One adult in six has no bank account.", "One adult in six", Decimal("0.1667")),
        ("Nearly a third said they would move abroad.", "a third", Decimal("0.3333")),
        ("Half were under contract, the ministry said.", "Half", Decimal("0.5")),
        # Title Case headlines
        ("Three In Ten Farms Face Water Cuts", "Three In Ten", Decimal("0.3")),
        ("Guards Detain 41 After Prison Riot", "41", 41),
        ("Clinic Visits Climb To 7,300 In Flu Season", "7,300", 7300),
        # a currency beyond the common ones
        ("Customs found MVR 48,200 hidden in a suitcase.", "48,200", 48200),
        # prison terms given by a verb in a court context
        ("The former treasurer got nine years for fraud.", "nine", 9),
        ("He faces a maximum penalty of 14 years, the judge said.", "14", 14),
        ("The clerk was given a three-year suspended sentence.", "three-year", 3),
        ("Dalmar, who was convicted in May, will serve 11 years.", "11", 11),
        # "another N were ...": a count of its own
        ("Another 35 were treated for smoke inhalation.", "35", 35),
    ],
)
def test_figure_is_found(text, words, value):
    found = _found(text)
    assert any(words in span and claimed == value for span, claimed in found), found


def test_a_change_without_a_noun_takes_the_unit_counted_before():
    text = (
        "Factories added 94,000 jobs in March. "
        "February was revised from 71,000 to 83,000, a total gain of 12,000."
    )
    units = {c.value: c.unit for c in extract_figures(text)}
    assert units.get(71000) == "jobs"
    assert units.get(83000) == "jobs"
    assert units.get(12000) == "jobs"


def test_a_part_takes_the_unit_of_its_whole():
    (part, whole) = extract_figures("Seven of the 22 crew members survived the sinking.")
    assert (part.value, part.unit) == (7, whole.unit)


def test_qualifier_verbs():
    claims = extract_figures("Confirmed infections neared 9,000 as deaths crossed 400.")
    assert [(c.value, c.qualifier) for c in claims] == [(9000, "nearly"), (400, "more_than")]


@pytest.mark.parametrize(
    "text",
    [
        # an age in apposition to a name
        "Marta Ilves, 44, was charged with arson on Tuesday.",
        "The driver, named as Olek Brandt, 29, was arrested.",
        # a year after "in" is not the denominator of a ratio
        "A flood in the valley killed more than 900 in 1987.",
        # "twice" as a count of events, a fraction that is a season's quarter
        "Haldor scored twice before the break.",
        "Haldor scored twice as Vennby beat Orla 2-1.",
        "The second-quarter results were published on Monday.",
        # a term that was asked for is not one imposed
        "Prosecutors sought 25 years for the smuggler.",
        # a period after "the past", not a count
        "The river has not flooded like this for the past 12, or 13 years.",
        # a career, not a term
        "Ansel served nine years in the navy before the trial.",
        # "half" and "third" that are no fractions
        "She tore the letter in half as the jury watched.",
        "The third was released on bail.",
        # ages in a range or a comparison
        "The clinic saw 85 patients aged 6 to 16 last month.",
        "Of the cases, 40 were in children younger than 5.",
    ],
)
def test_look_alikes_stay_out(text):
    found = _found(text)
    unwanted = {
        "Marta Ilves, 44, was charged with arson on Tuesday.": [44],
        "The driver, named as Olek Brandt, 29, was arrested.": [29],
        "A flood in the valley killed more than 900 in 1987.": [1987],
        "Haldor scored twice before the break.": [2],
        "Haldor scored twice as Vennby beat Orla 2-1.": [2],
        "The second-quarter results were published on Monday.": [Decimal("0.25")],
        "Prosecutors sought 25 years for the smuggler.": [25],
        "She tore the letter in half as the jury watched.": [Decimal("0.5")],
        "Ansel served nine years in the navy before the trial.": [9],
        "The river has not flooded like this for the past 12, or 13 years.": [12, 13],
        "The third was released on bail.": [Decimal("0.3333")],
        "The clinic saw 85 patients aged 6 to 16 last month.": [6, 16],
        "Of the cases, 40 were in children younger than 5.": [5],
    }[text]
    assert not [value for _, value in found if value in unwanted], found


def test_the_year_after_in_leaves_the_count_a_casualty():
    (claim,) = extract_figures("A flood in the valley killed more than 900 in 1987.")
    assert (claim.value, claim.unit, claim.qualifier) == (900, "killed", "more_than")


def test_a_change_with_a_unit_then_a_level_is_no_range():
    claims = extract_figures("The main index fell 1.8% to 7,420 on Thursday.")
    assert [(c.value, c.qualifier) for c in claims] == [(Decimal("1.8"), "exact"), (7420, "exact")]


def test_a_bare_first_number_before_a_unit_stays_a_range():
    claims = extract_figures("Fares could rise 4 to 6 percent next year.")
    assert [(c.value, c.qualifier) for c in claims] == [(4, "at_least"), (6, "up_to")]
