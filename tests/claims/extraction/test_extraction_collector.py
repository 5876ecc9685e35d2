"""Extraction pauses the cyclic garbage collector, which is safe only while it makes no cycles."""

import gc
from pathlib import Path

import pytest

from claims.extraction import extract_claims, extract_figures, pipeline

SAMPLE = Path(__file__).parent / "fixtures" / "peshawar_2014.txt"


def test_extraction_leaves_no_reference_cycles_behind():
    text = SAMPLE.read_text(encoding="utf-8")
    extract_claims(text)  # first call: module-level caches fill
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            extract_claims(text)
            extract_figures(text)
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_the_collector_is_left_as_it_was_found():
    assert gc.isenabled()
    extract_claims("At least 12 people were killed, police said.")
    assert gc.isenabled()
    gc.disable()
    try:
        extract_claims("At least 12 people were killed, police said.")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_restored_when_extraction_fails(monkeypatch):
    def broken(text: str) -> list[tuple[int, int]]:
        raise RuntimeError("segmenter failed")

    monkeypatch.setattr(pipeline, "sentence_spans", broken)
    with pytest.raises(RuntimeError):
        extract_claims("At least 12 people were killed.")
    assert gc.isenabled()
