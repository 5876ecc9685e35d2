"""Score claim matching on labelled article pairs: precision and recall of repeats.

    python -m eval.matching.score            # the report (part of make eval)
    python -m eval.matching.score --verbose  # plus every miss and false match

Each pair is an earlier and a later article (title, date, text) and the repeats a
reader would mark between them: which claim of the later article repeats (or updates)
which claim of the earlier one, and why. Both texts go through the real extractor, and
the rules of ``repeats.rules`` decide, exactly as at ingest (the candidate lookup only
narrows what the rules see). A predicted match counts as right when its claims and its
reason are the labelled ones. Distractor pairs have no labels: any match there is false.

Two sets are scored apart: ``pairs.json``, which the thresholds in ``repeats.rules`` were
tuned on, and ``heldout.json``, written afterwards and never tuned on. A third check
pairs every two articles of the extraction corpus (eval/corpus/articles: all different
events), where every match is false.

Exits 0 when it ran (the figures are the result), 2 when the pairs do not load.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from claims.extraction import ClaimCandidate, extract_claims
from repeats.rules import ClaimSide, claim_context, pick_repeats

HERE = Path(__file__).parent
SETS = {"tuning": HERE / "pairs.json", "held-out": HERE / "heldout.json"}
CORPUS = HERE.parent / "corpus" / "articles"


@dataclass
class Tally:
    right: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def _side(candidate: ClaimCandidate, article: dict[str, Any]) -> ClaimSide:
    return ClaimSide(
        kind=candidate.kind,
        text=candidate.text,
        value=candidate.value,
        qualifier=candidate.qualifier,
        unit=candidate.unit,
        currency=candidate.currency,
        quote=candidate.quote,
        speaker=candidate.speaker,
        title=article["title"],
        published_on=date.fromisoformat(article["published"]),
        context=claim_context(article["title"], article["text"], candidate.start, candidate.end),
    )


def _fits(candidate: ClaimCandidate, selector: dict[str, Any]) -> bool:
    """A label names a claim by some of its fields: value, unit, a piece of the quote."""
    if "value" in selector and (
        candidate.value is None or Decimal(str(selector["value"])) != candidate.value
    ):
        return False
    if "unit" in selector and candidate.unit != selector["unit"]:
        return False
    return "quote" not in selector or selector["quote"].lower() in (candidate.quote or "").lower()


def score(pairs: list[dict[str, Any]], *, verbose: bool = False) -> dict[str, Tally]:
    tallies = {"all": Tally()}
    for pair in pairs:
        old_claims = extract_claims(pair["old"]["text"])
        new_claims = extract_claims(pair["new"]["text"])
        predicted = pick_repeats(
            [_side(c, pair["new"]) for c in new_claims],
            [_side(c, pair["old"]) for c in old_claims],
        )
        expected = list(pair["expected"])
        unmatched = list(range(len(expected)))
        for i, j, repeat in predicted:
            tally = tallies.setdefault(repeat.reason, Tally())
            tally.predicted += 1
            tallies["all"].predicted += 1
            hit = next(
                (
                    k
                    for k in unmatched
                    if expected[k]["reason"] == repeat.reason
                    and _fits(new_claims[i], expected[k]["new"])
                    and _fits(old_claims[j], expected[k]["old"])
                ),
                None,
            )
            if hit is None:
                if verbose:
                    print(
                        f"FALSE  {pair['id']}: {repeat.reason} new={_show(new_claims[i])} "
                        f"old={_show(old_claims[j])} ({repeat.explanation})"
                    )
                continue
            unmatched.remove(hit)
            tally.right += 1
            tallies["all"].right += 1
        for label in expected:
            tallies.setdefault(label["reason"], Tally()).expected += 1
            tallies["all"].expected += 1
        if verbose:
            for k in unmatched:
                print(f"MISSED {pair['id']}: {expected[k]}")
                print(f"       new claims: {[_show(c) for c in new_claims]}")
                print(f"       old claims: {[_show(c) for c in old_claims]}")
    return tallies


def _show(claim: ClaimCandidate) -> str:
    if claim.kind == "quote":
        return f"quote[{(claim.quote or '')[:40]}… by {claim.speaker}]"
    return f"{claim.kind}[{claim.qualifier} {claim.value} {claim.unit or claim.currency}]"


def _report(name: str, pairs: list[dict[str, Any]], verbose: bool) -> Tally:
    tallies = score(pairs, verbose=verbose)
    distractors = sum(1 for p in pairs if not p["expected"])
    print(
        f"claim matching, {name} set: {len(pairs)} article pairs "
        f"({len(pairs) - distractors} with repeats, {distractors} distractors)"
    )
    header = f"  {'reason':<16}{'expected':>9}{'predicted':>10}{'right':>7}"
    print(f"{header}{'precision':>11}{'recall':>8}")
    for reason in ("same_quote", "same_figure", "updated_figure", "all"):
        tally = tallies.get(reason, Tally())
        print(
            f"  {reason:<16}{tally.expected:>9}{tally.predicted:>10}{tally.right:>7}"
            f"{tally.precision:>11.2f}{tally.recall:>8.2f}"
        )
    return tallies["all"]


def corpus_pairs() -> list[dict[str, Any]]:
    """Every two articles of the extraction corpus: different events, all on one day (the
    date window cannot help), so every match found between them is a false one."""
    articles = []
    for path in sorted(CORPUS.glob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        articles.append({"title": title.strip(), "published": "2024-01-01", "text": text})
    return [
        {"id": f"corpus-{i}-{j}", "old": a, "new": b, "expected": []}
        for i, a in enumerate(articles)
        for j, b in enumerate(articles)
        if i < j
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    try:
        sets = {name: json.loads(path.read_text(encoding="utf-8")) for name, path in SETS.items()}
    except (OSError, ValueError) as exc:
        print(f"cannot load the matching pairs: {exc}", file=sys.stderr)
        return 2
    total = Tally()
    for name, pairs in sets.items():
        tally = _report(name, pairs, args.verbose)
        total.right += tally.right
        total.predicted += tally.predicted
        total.expected += tally.expected
    print(
        f"claim matching, both sets: precision {total.precision:.2f}, recall {total.recall:.2f}"
        f" ({total.right} right of {total.predicted} predicted, {total.expected} labelled)"
    )
    cross = corpus_pairs()
    if cross:
        false = score(cross, verbose=args.verbose)["all"].predicted
        print(
            f"claim matching, corpus distractors: {false} false matches over {len(cross)} pairs "
            "of articles about different events"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
