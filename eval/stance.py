"""Stance cases: a claim, a source page, and the stance a reviewer would expect.

Cases live in ``corpus/stance/cases.json`` and their pages in ``corpus/stance/pages/``
(schema in ``eval/README.md``). Each case is judged twice:

* ``gold facts``: the claim's facts come from the label, so the matcher alone is judged;
* ``end to end``: the claim sentence goes through the extractor first, as in the product.

A case whose fetch failed (``fetch_status`` other than ``ok``) expects ``fetch_failed``:
an answer distinct from every stance, because "the source does not say it" and "we could
not read the source" are different. ``match_claim`` reads text only, so such cases are
scored only when it accepts a ``fetch_status`` keyword; otherwise they are counted as not
scored (the check pipeline answers failed fetches itself).
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from claims.extraction import extract_claims
from eval.gold import BASE_BATCH, CORPUS, QUALIFIERS, GoldError, batch_name
from eval.scoring import StanceTally, same_value
from safefetch.pages import main_text
from verification.matching import STANCES, ClaimFacts, match_claim

STANCE_DIR = CORPUS / "stance"
FETCH_FAILED = "fetch_failed"
NOT_EXTRACTED = "(not extracted)"
FETCH_STATUSES = frozenset({"ok", "blocked", "unreachable", "http_error", "too_large"})


@dataclass(frozen=True)
class StanceCase:
    id: str
    claim: str
    facts: ClaimFacts
    page: str | None
    expected: str
    tags: tuple[str, ...]
    fetch_status: str = "ok"
    title: str = ""
    #: Other stances that are as right (an earlier toll may be contradicted or mentioned).
    alternatives: tuple[str, ...] = ()
    #: Which batch of the corpus the case came in (see ``eval.gold.batch_name``).
    batch: str = BASE_BATCH


def load_cases(folder: Path = STANCE_DIR) -> list[StanceCase]:
    """All stance cases; raises ``GoldError`` when one is malformed or its page is absent."""
    raw = json.loads((folder / "cases.json").read_text(encoding="utf-8"))
    cases, seen = [], set()
    for i, item in enumerate(raw):
        where = f"stance case {i} ({item.get('id')})"
        case = _case(item, folder, where)
        if case.id in seen:
            raise GoldError(f"{where}: duplicate id")
        seen.add(case.id)
        cases.append(case)
    return cases


def _case(item: dict[str, Any], folder: Path, where: str) -> StanceCase:
    facts = item.get("facts")
    if not isinstance(facts, dict) or facts.get("kind") not in {
        "casualty_count",
        "monetary_amount",
        "statistic",
        "quote",
    }:
        raise GoldError(f"{where}: facts with a kind are required")
    if facts.get("qualifier") not in (None, *QUALIFIERS):
        raise GoldError(f"{where}: bad qualifier {facts.get('qualifier')!r}")
    claim = item.get("claim")
    if not isinstance(claim, str) or not claim:
        raise GoldError(f"{where}: claim sentence required")
    if facts["kind"] == "quote" and not facts.get("quote"):
        raise GoldError(f"{where}: a quote claim needs its quote")
    if facts["kind"] != "quote" and facts.get("value") is None:
        raise GoldError(f"{where}: a figure claim needs its value")
    if facts.get("quote") and facts["quote"] not in claim:
        raise GoldError(f"{where}: the quote is not in the claim sentence")
    fetch_status = item.get("fetch_status", "ok")
    if fetch_status not in FETCH_STATUSES:
        raise GoldError(f"{where}: fetch_status {fetch_status!r}")
    expected = item.get("stance")
    allowed = (FETCH_FAILED,) if fetch_status != "ok" else STANCES
    if expected not in allowed:
        raise GoldError(f"{where}: stance {expected!r} must be one of {allowed}")
    page = item.get("page")
    if fetch_status == "ok" and (not page or not (folder / "pages" / page).is_file()):
        raise GoldError(f"{where}: page {page!r} not found")
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not tags:
        raise GoldError(f"{where}: tags required")
    alternatives = item.get("stance_alt", [])
    if not isinstance(alternatives, list) or not set(alternatives) <= set(allowed):
        raise GoldError(f"{where}: stance_alt {alternatives!r} must list stances")
    value = facts.get("value")
    return StanceCase(
        id=str(item.get("id")),
        claim=claim,
        facts=ClaimFacts(
            kind=facts["kind"],
            text=claim,
            value=Decimal(str(value)) if value is not None else None,
            qualifier=facts.get("qualifier") or ("exact" if value is not None else None),
            unit=facts.get("unit"),
            currency=facts.get("currency"),
            quote=facts.get("quote"),
            speaker=facts.get("speaker"),
        ),
        page=page,
        expected=str(expected),
        tags=tuple(tags),
        fetch_status=fetch_status,
        title=str(item.get("title", "")),
        alternatives=tuple(alternatives),
        batch=batch_name(item, where),
    )


@cache
def page_text(path: Path) -> tuple[str, str]:
    """(title, text) of a stored page, read the way a fetched source is read."""
    body = path.read_text(encoding="utf-8")
    if path.suffix in {".html", ".htm"}:
        page = main_text(body)
        return page.title, page.text
    return "", body


def _accepts_fetch_status() -> bool:
    return "fetch_status" in inspect.signature(match_claim).parameters


def extracted_facts(case: StanceCase) -> ClaimFacts | None:
    """The claim as the extractor reads it from the sentence, picked by kind and value."""
    for candidate in extract_claims(case.claim):
        if case.facts.kind == "quote":
            if candidate.kind == "quote":
                return ClaimFacts.of(candidate)
        elif candidate.kind != "quote" and same_value(candidate.value, case.facts.value):
            return ClaimFacts.of(candidate)
    return None


def judge(case: StanceCase, facts: ClaimFacts, folder: Path = STANCE_DIR) -> str:
    """The stance ``match_claim`` gives, or ``fetch_failed`` for an unreadable source."""
    if case.fetch_status != "ok":
        result = match_claim(facts, "", fetch_status=case.fetch_status)  # type: ignore[call-arg]
        return result.stance if result.stance in STANCES else FETCH_FAILED
    title, text = page_text(folder / "pages" / str(case.page))
    return match_claim(facts, text, title=case.title or title).stance


def run_cases(
    cases: list[StanceCase], *, end_to_end: bool = False, folder: Path = STANCE_DIR
) -> tuple[StanceTally, int]:
    """Tally of expected against given stances, and how many cases could not be scored."""
    tally = StanceTally()
    unscored = 0
    for case in cases:
        if case.fetch_status != "ok" and not _accepts_fetch_status():
            unscored += 1
            continue
        facts: ClaimFacts | None = case.facts
        if end_to_end:
            facts = extracted_facts(case)
        predicted = NOT_EXTRACTED if facts is None else judge(case, facts, folder)
        if predicted in case.alternatives:
            predicted = case.expected  # as right as the expected stance
        tally.add(case.expected, predicted, case.tags, f"{case.id} [{','.join(case.tags)}]")
    return tally, unscored
