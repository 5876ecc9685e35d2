"""``ClaimCandidate`` keeps the dataclass behaviour with its hand-written ``__init__``."""

import dataclasses
from decimal import Decimal

import pytest

from claims.extraction.types import ClaimCandidate, _check_init_matches_fields


def test_positional_keyword_and_default_construction_agree():
    by_position = ClaimCandidate("casualty_count", "12 died.", 0, 8, Decimal(12), "exact", "killed")
    by_keyword = ClaimCandidate(
        kind="casualty_count",
        text="12 died.",
        start=0,
        end=8,
        value=Decimal(12),
        qualifier="exact",
        unit="killed",
    )
    assert by_position == by_keyword
    assert hash(by_position) == hash(by_keyword)
    assert (by_position.speaker, by_position.checkworthiness, by_position.figure_end) == (
        None,
        0.0,
        -1,
    )


def test_candidates_stay_frozen_and_replaceable():
    claim = ClaimCandidate("quote", "text", 0, 4, quote="text", speaker="Ana Ruiz")
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.speaker = "someone else"  # type: ignore[misc]
    assert dataclasses.replace(claim, speaker="Lee Park").speaker == "Lee Park"
    assert claim.speaker == "Ana Ruiz"


def test_init_is_checked_against_the_fields():
    _check_init_matches_fields()
    names = [field.name for field in dataclasses.fields(ClaimCandidate)]
    assert names == list(ClaimCandidate.__match_args__)


def test_an_init_that_misses_a_field_is_refused(monkeypatch):
    def short_init(self, kind, text, start, end):  # a field added without its parameter
        raise AssertionError("never called")

    monkeypatch.setattr(ClaimCandidate, "__init__", short_init)
    with pytest.raises(TypeError, match="does not match its fields"):
        _check_init_matches_fields()
