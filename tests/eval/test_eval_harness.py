"""The evaluation's own scorer and corpus, checked on small hand-made cases.

These tests judge the judge: a missed figure must lower recall, a false one precision, a
wrong speaker must count as wrong, and every gold label must sit on the words it names.
They set no threshold on the extractor or the matcher (``make eval`` reports those).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from eval.gold import Article, GoldFigure, GoldQuote, Trap, load_articles, parse_quote
from eval.label import locate
from eval.scoring import (
    Prediction,
    Scorecard,
    StanceTally,
    match_figures,
    score_article,
    speaker_matches,
)
from eval.stance import FETCH_FAILED, load_cases

TEXT = (
    "Floods Kill 12\n\n"
    "Floods killed 12 people and injured 30 others in 2024, police said. "
    '"We will rebuild," the mayor, Ana Ruiz, said, "and we will do it fast."'
)


def _figure(words: str, value: int, unit: str, **extra) -> GoldFigure:
    start = locate(TEXT, words, after=extra.pop("after", None))
    return GoldFigure(
        start=start,
        end=start + len(words),
        surface=words,
        value=Decimal(value),
        kinds=("casualty_count",),
        qualifier="exact",
        units=(unit,),
        currency=None,
        speakers=extra.pop("speakers", ()),
        tags=extra.pop("tags", ()),
        **extra,
    )


QUOTE_START = TEXT.index("We will rebuild")
QUOTE_END = TEXT.index("fast.") + len("fast.")
GOLD = Article(
    slug="tiny",
    genre="disasters",
    title="Floods Kill 12",
    text=TEXT,
    figures=(
        _figure("12 people", 12, "killed", speakers=("police",), tags=("verb_before",)),
        _figure("30 others", 30, "injured", speakers=("police",), tags=("no_noun_after",)),
    ),
    quotes=(
        GoldQuote(
            start=QUOTE_START,
            end=QUOTE_END,
            text="We will rebuild, and we will do it fast.",
            speakers=("Ana Ruiz", "mayor"),
            tags=("split_quote",),
        ),
    ),
    traps=(
        Trap(start=TEXT.index("2024"), end=TEXT.index("2024") + 4, text="2024", tags=("year",)),
    ),
)
SENTENCE = (TEXT.index("Floods killed"), TEXT.index("police said.") + len("police said."))


def _pred(words: str, value: int, unit: str = "killed", speaker: str | None = "police", **kw):
    start = TEXT.index(words, SENTENCE[0])
    return Prediction(
        kind=kw.pop("kind", "casualty_count"),
        start=SENTENCE[0],
        end=SENTENCE[1],
        value=Decimal(value),
        qualifier="exact",
        unit=unit,
        speaker=speaker,
        figure_start=start,
        figure_end=start + len(words),
        **kw,
    )


def _quote(start: int, end: int, speaker: str | None) -> Prediction:
    return Prediction(
        kind="quote",
        start=start,
        end=end,
        quote=TEXT[start:end],
        speaker=speaker,
        figure_start=start,
        figure_end=end,
    )


PERFECT = [
    _pred("12 people", 12),
    _pred("30 others", 30, unit="injured"),
    _quote(QUOTE_START, QUOTE_END, "Ana Ruiz"),
]


def _score(predictions: list[Prediction]) -> Scorecard:
    card = Scorecard()
    score_article(GOLD, predictions, card)
    return card


def test_perfect_predictions_score_one_everywhere():
    card = _score(PERFECT)
    for measure in (
        "figure recall",
        "figure precision",
        "kind accuracy",
        "unit accuracy (casualty)",
    ):
        assert card[measure].rate == 1.0, measure
    assert card["false figures"].rate == 0.0
    assert card["figure speaker"].rate == 1.0
    assert card["quote recall"].rate == card["speaker accuracy"].rate == 1.0
    assert card["quote complete"].rate == 1.0
    assert card.trap_tags["year"].hits == 0


def test_a_missed_figure_lowers_recall_and_its_phenomenon():
    card = _score(PERFECT[:1] + PERFECT[2:])
    assert card["figure recall"].rate == 0.5
    assert card["figure precision"].rate == 1.0
    assert card.figure_tags["no_noun_after"].found.rate == 0.0
    assert card.figure_tags["verb_before"].found.rate == 1.0


def test_a_false_figure_lowers_precision_and_hits_its_trap():
    card = _score([*PERFECT, _pred("2024", 2024, unit=None, kind="statistic")])
    assert card["figure recall"].rate == 1.0
    assert card["figure precision"].hits == 2 and card["figure precision"].total == 3
    assert card["false figures"].hits == 1
    assert card.trap_tags["year"].hits == 1


def test_a_wrong_value_on_the_figure_counts_against_value_not_as_false():
    card = _score([_pred("12 people", 13), *PERFECT[1:]])
    assert card["figure recall"].rate == 0.5
    assert card["value accuracy"].hits == 1 and card["value accuracy"].total == 2
    assert card["false figures"].hits == 0


def test_a_wrong_unit_or_speaker_counts_as_wrong():
    card = _score([_pred("12 people", 12, unit="injured", speaker="Ana Ruiz"), *PERFECT[1:]])
    assert card["figure recall"].rate == 1.0
    assert card["unit accuracy (casualty)"].hits == 1
    assert card["figure speaker"].hits == 1
    assert card.figure_tags["verb_before"].right.rate == 0.0
    assert card.figure_tags["verb_before"].speaker.rate == 0.0


def test_a_wrong_figure_speaker_alone_leaves_the_reading_right():
    card = _score([_pred("12 people", 12, speaker="Ana Ruiz"), *PERFECT[1:]])
    assert card["figure speaker"].hits == 1 and card["figure speaker"].total == 2
    assert card.figure_tags["verb_before"].right.rate == 1.0
    assert card.figure_tags["verb_before"].speaker.rate == 0.0


def test_a_wrong_quote_speaker_counts_as_wrong():
    card = _score([*PERFECT[:2], _quote(QUOTE_START, QUOTE_END, "police")])
    assert card["quote recall"].rate == 1.0
    assert card["speaker accuracy"].rate == 0.0
    assert card.quote_tags["split_quote"].right.rate == 0.0


def test_a_split_quote_cut_in_two_is_incomplete_and_leaves_a_false_quote():
    second = TEXT.index("and we will")
    card = _score(
        [
            *PERFECT[:2],
            _quote(QUOTE_START, TEXT.index("rebuild") + 7, "Ana Ruiz"),
            _quote(second, QUOTE_END, "Ana Ruiz"),
        ]
    )
    assert card["quote recall"].rate == 1.0
    assert card["quote complete"].rate == 0.0
    assert card["quote precision"].hits == 1 and card["quote precision"].total == 2


STOP_TEXT = '"We ran out of blood," the surgeon said. "Anyone who can give should come in."'


def _stop_article() -> Article:
    item = {
        "parts": ["We ran out of blood,", "Anyone who can give should come in."],
        "start": 1,
        "end": len(STOP_TEXT) - 1,
        "speaker": "the surgeon",
        "tags": ["split_quote"],
    }
    quote = parse_quote(item, STOP_TEXT, "stop")
    return Article("stop", "health", "t", STOP_TEXT, (), (quote,), ())


def _stop_quote(words: str, speaker: str | None) -> Prediction:
    start = STOP_TEXT.index(words)
    end = start + len(words)
    return Prediction(
        kind="quote", start=0, end=len(STOP_TEXT), quote=words, speaker=speaker,
        figure_start=start, figure_end=end,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("speakers", "complete", "precision"),
    [
        ((None, None), 1.0, (1, 1)),
        (("surgeon", "surgeon"), 1.0, (1, 1)),
        (("surgeon", "nurse"), 0.0, (1, 2)),
    ],
)
def test_a_quote_whose_attribution_ends_a_sentence_may_be_given_per_sentence(
    speakers, complete, precision
):
    article = _stop_article()
    assert len(article.quotes[0].sentence_parts) == 2
    card = Scorecard()
    predictions = [
        _stop_quote("We ran out of blood,", speakers[0]),
        _stop_quote("Anyone who can give should come in.", speakers[1]),
    ]
    score_article(article, predictions, card)
    assert card["quote complete"].rate == complete
    assert (card["quote precision"].hits, card["quote precision"].total) == precision


def test_a_comma_split_quote_has_no_sentence_parts():
    item = {"parts": ["We will rebuild,", "and we will do it fast."], "start": QUOTE_START,
            "end": QUOTE_END, "speaker": "Ana Ruiz"}  # fmt: skip
    assert parse_quote(item, TEXT, "comma").sentence_parts == ()


def test_a_sentence_span_without_figure_span_still_matches_by_value():
    bare = Prediction(kind=None, start=SENTENCE[0], end=SENTENCE[1], value=Decimal(30))
    result = match_figures(GOLD.figures, [bare])
    assert [g.value for g, _ in result.matched] == [Decimal(30)]
    assert [g.value for g in result.missed] == [Decimal(12)]


def test_optional_figures_are_neither_credited_nor_charged():
    optional = GoldFigure(**{**GOLD.figures[0].__dict__, "optional": True})
    article = Article(**{**GOLD.__dict__, "figures": (optional, GOLD.figures[1])})
    card = Scorecard()
    score_article(article, PERFECT, card)
    assert card["figure recall"].total == 1
    assert card["figure precision"].total == 1
    assert card["false figures"].hits == 0


@pytest.mark.parametrize(
    ("said", "right"),
    [
        ("Ana Ruiz", True),
        ("Ruiz", True),
        ("Mayor Ana Ruiz", True),
        ("Ana Ruiz, the mayor", True),
        ("the mayor", True),
        ("she", False),
        ("Ana", False),
        ("police", False),
        (None, False),
    ],
)
def test_speaker_matching(said, right):
    assert speaker_matches(said, ("Ana Ruiz", "mayor")) is right


def test_stance_tally_counts_false_supports_and_contradicts():
    tally = StanceTally()
    tally.add("mentions", "supports", ["attributed_to_other"], "a")
    tally.add("supports", "supports", ["nested_subset"], "b")
    tally.add("supports", "contradicts", ["nested_subset"], "c")
    assert tally.false("supports") == 1
    assert tally.false("contradicts") == 1
    assert tally.accuracy.hits == 1 and tally.accuracy.total == 3
    assert tally.tags["nested_subset"].hits == 1


# ------------------------------------------------------------------------------ corpus

ARTICLES = load_articles()


def test_every_gold_file_parses_and_spans_lie_inside_the_text():
    assert len(ARTICLES) >= 30
    for article in ARTICLES:
        for item in (*article.figures, *article.quotes, *article.traps):
            assert 0 <= item.start < item.end <= len(article.text), article.slug
        for figure in article.figures:
            assert article.text[figure.start : figure.end] == figure.surface
        for quote in article.quotes:
            assert quote.speakers and quote.speakers[0].strip(), article.slug


def test_no_two_required_figures_share_a_span():
    for article in ARTICLES:
        spans = [(f.start, f.end) for f in article.figures if not f.optional]
        assert len(spans) == len(set(spans)), article.slug


def test_gold_read_back_as_predictions_scores_perfectly():
    # The labels agree with the scorer: the gold itself, as a system, is never penalised.
    card = Scorecard()
    for article in ARTICLES:
        predictions = [
            Prediction(
                kind=f.kinds[0],
                start=f.start,
                end=f.end,
                value=f.value,
                qualifier=f.qualifier,
                unit=f.units[0] if f.units else None,
                currency=f.currency,
                speaker=f.speaker,
                figure_start=f.start,
                figure_end=f.end,
            )
            for f in article.figures
        ] + [_as_quote(q) for q in article.quotes]
        score_article(article, predictions, card)
    for name, ratio in card.measures.items():
        if name == "false figures":
            assert ratio.hits == 0
        else:
            assert ratio.rate == 1.0, (name, ratio)


def _as_quote(quote: GoldQuote) -> Prediction:
    return Prediction(
        kind="quote",
        start=quote.start,
        end=quote.end,
        quote=quote.text,
        speaker=quote.speaker,
        figure_start=quote.start,
        figure_end=quote.end,
    )


def test_stance_cases_load_with_pages_and_every_stance():
    cases = load_cases()
    assert len(cases) >= 60
    expected = {c.expected for c in cases}
    assert {"supports", "contradicts", "mentions", "not_found"} <= expected
    assert FETCH_FAILED in expected
