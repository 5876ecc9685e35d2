"""Throughput of ``extract_claims`` on about 1.5 MB of news text, one core.

Builds the corpus from the sample article plus news paragraphs with varied
numbers, runs the whole pipeline three times and prints the best MB/s and
claims/s. Run with ``python bench/extraction_bench.py``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract_claims  # noqa: E402

SAMPLE = ROOT / "tests" / "claims" / "extraction" / "fixtures" / "peshawar_2014.txt"
TARGET_BYTES = 1_500_000

PARAGRAPHS = [
    "A magnitude {a}.{b} earthquake struck the region on Saturday, killing at least {n:,} "
    "people and injuring more than {m:,}, officials said. Rescuers said {k} villagers were "
    "still missing in the U.S.-funded housing estate.",
    "The chancellor announced £{a}.{b}bn of cuts on Wednesday. Paris pledged €{k} million "
    "for flood defences, while Karachi's port authority said it had spent Rs {a} billion on "
    "dredging. Critics said {b}{a}% of the savings would fall on local councils.",
    "The striker converted {b}{a} per cent of his penalties and scored {k} goals in "
    "{a}{b} matches, according to league figures released on Dec. {a}.",
    "“We have lost everything,” said farmer Joseph Banda, whose village lost {k} homes. "
    "Health Minister Sarah Mensah said around {n:,} people had been displaced. “The staff "
    "have worked around the clock for a week,” she said.",
    "Mr. Okafor told reporters at 9 a.m. that the 14-year-old had been found. In 2014 the "
    "city spent $1.{a}bn on policing, and the 1990s saw {k} new stations open.",
]


def build_corpus(target: int = TARGET_BYTES) -> str:
    rng = random.Random(7)
    sample = SAMPLE.read_text(encoding="utf-8")
    parts: list[str] = []
    size = 0
    while size < target:
        for template in PARAGRAPHS:
            part = template.format(
                a=rng.randint(1, 9),
                b=rng.randint(0, 9),
                n=rng.randint(100, 99_999),
                m=rng.randint(100, 9_999),
                k=rng.randint(2, 500),
            )
            parts.append(part)
            size += len(part.encode("utf-8"))
        parts.append(sample)
        size += len(sample.encode("utf-8"))
    return "\n\n".join(parts)


def main() -> None:
    corpus = build_corpus()
    megabytes = len(corpus.encode("utf-8")) / 1_000_000
    best = float("inf")
    claims = 0
    for _ in range(3):
        started = time.perf_counter()
        claims = len(extract_claims(corpus))
        best = min(best, time.perf_counter() - started)
    print(f"corpus: {megabytes:.2f} MB, {claims} claims")
    print(
        f"best of 3: {best:.3f} s  ->  {megabytes / best:.2f} MB/s, {claims / best:,.0f} claims/s"
    )


if __name__ == "__main__":
    main()
