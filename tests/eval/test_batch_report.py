"""Batches of the corpus are reported apart: a held-out batch must not be diluted by the rest.

These tests judge the report, not the extractor: an article or stance case names its batch
(``base`` when it names none), a bad name is refused on load, and ``batch_lines`` gives one
line per batch counting only that batch's items.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from eval.gold import BASE_BATCH, Article, GoldError, GoldFigure, load_article
from eval.run import batch_lines
from eval.scoring import Prediction, Scorecard, score_article

TEXT = "Storm Kills Four\n\nThe storm killed four people and injured 19, officials said."


def _article(slug: str, batch: str) -> Article:
    start = TEXT.index("19")
    figure = GoldFigure(
        start=start,
        end=start + 2,
        surface="19",
        value=Decimal(19),
        kinds=("casualty_count",),
        qualifier="exact",
        units=("injured",),
        currency=None,
        speakers=("officials",),
        tags=("no_noun_after",),
    )
    return Article(
        slug=slug,
        genre="disasters",
        title="Storm Kills Four",
        text=TEXT,
        figures=(figure,),
        quotes=(),
        traps=(),
        batch=batch,
    )


def _found(article: Article) -> list[Prediction]:
    figure = article.figures[0]
    return [
        Prediction(
            kind="casualty_count",
            start=figure.start,
            end=figure.end,
            value=figure.value,
            qualifier="exact",
            unit="injured",
            speaker="officials",
            figure_start=figure.start,
            figure_end=figure.end,
        )
    ]


def _write(tmp_path: Path, gold: dict) -> tuple[Path, Path]:
    text_path = tmp_path / "storm.txt"
    text_path.write_text(TEXT, encoding="utf-8")
    gold_path = tmp_path / "storm.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    return text_path, gold_path


def test_an_article_without_a_batch_is_in_the_base_batch(tmp_path):
    article = load_article(*_write(tmp_path, {"genre": "disasters"}))
    assert article.batch == BASE_BATCH


def test_an_article_keeps_the_batch_its_labels_name(tmp_path):
    article = load_article(*_write(tmp_path, {"genre": "disasters", "batch": "fresh-2"}))
    assert article.batch == "fresh-2"


@pytest.mark.parametrize("bad", ["", "Fresh 2", 2, "-x"])
def test_a_malformed_batch_name_is_refused(tmp_path, bad):
    with pytest.raises(GoldError, match="batch"):
        load_article(*_write(tmp_path, {"genre": "disasters", "batch": bad}))


def test_each_batch_gets_its_own_line_with_only_its_counts():
    base, held_out = _article("old", BASE_BATCH), _article("new", "fresh-2")
    cards = {BASE_BATCH: Scorecard(), "fresh-2": Scorecard()}
    score_article(base, _found(base), cards[BASE_BATCH])
    score_article(held_out, [], cards["fresh-2"])  # the held-out figure is missed
    lines = batch_lines([base, held_out], cards, [])
    assert lines[0] == "BY BATCH"
    by_name = {line.split(":")[0].strip(): line for line in lines[1:]}
    assert set(by_name) == {BASE_BATCH, "fresh-2"}
    assert "1 articles / 1 figures / 0 quotes / 0 stance cases" in by_name["fresh-2"]
    assert "figure recall 1.00" in by_name[BASE_BATCH]
    assert "figure recall 0.00" in by_name["fresh-2"]
    assert "stance 0/0 (false supports 0, false contradicts 0)" in by_name["fresh-2"]


def test_stance_cases_are_counted_in_their_own_batch():
    from eval.stance import load_cases

    cases = load_cases()
    moved = [replace(cases[0], batch="fresh-2")]
    lines = batch_lines([_article("old", BASE_BATCH)], {}, moved)
    fresh = next(line for line in lines if line.strip().startswith("fresh-2"))
    assert "0 articles / 0 figures / 0 quotes / 1 stance cases" in fresh
    assert "stance " in fresh and "/1 (false supports" in fresh
