"""Stance accuracy on labelled (claim, page) pairs in tests/verification/pages/cases.json.

Each page is a realistic news page run through the same main-text extraction as a fetched
source. The bar is an accuracy floor rather than every pair, because the pairs include
phrasings the extractor is known to read imperfectly; misses are printed for the record.
"""

from __future__ import annotations

import json
from pathlib import Path

from claims.extraction import extract_claims
from safefetch.pages import main_text
from verification.matching import match_claim

PAGES = Path(__file__).parent / "pages"
CASES = json.loads((PAGES / "cases.json").read_text(encoding="utf-8"))


def run_cases() -> tuple[int, list[str]]:
    correct, misses = 0, []
    for case in CASES:
        page = main_text((PAGES / case["page"]).read_text(encoding="utf-8"))
        claim = extract_claims(case["claim"])[0]
        result = match_claim(claim, page.text, title=page.title)
        if result.stance == case["stance"]:
            correct += 1
        else:
            misses.append(f"{case['stance']} -> {result.stance}: {case['claim']} ({case['page']})")
    return correct, misses


def test_labelled_pages_have_every_stance():
    assert len(CASES) >= 20
    assert {c["stance"] for c in CASES} == {"supports", "contradicts", "mentions", "not_found"}


def test_stance_accuracy_on_labelled_pages():
    correct, misses = run_cases()
    accuracy = correct / len(CASES)
    print(f"stance accuracy {correct}/{len(CASES)} = {accuracy:.0%}; misses: {misses}")
    assert accuracy >= 0.9, misses


def test_no_false_contradiction_on_labelled_pages():
    # A false "contradicts" is the costly mistake: it sends a reviewer after a true claim.
    for case in CASES:
        if case["stance"] == "contradicts":
            continue
        page = main_text((PAGES / case["page"]).read_text(encoding="utf-8"))
        result = match_claim(extract_claims(case["claim"])[0], page.text, title=page.title)
        assert result.stance != "contradicts", case
