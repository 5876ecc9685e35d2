"""Throughput of ``extract_claims`` on news text, one core.

Three corpora: about 1.5 MB of dense news (the sample article plus paragraphs
packed with varied figures, quotes and currencies), the sample article alone
repeated to at least 1 MB (typical density), and about 0.5 MB of short
articles (2 to 5 KB each, the sample's paragraphs mixed with the dense ones,
extracted one by one, the size of article a desk submits). Each runs five
times; the best wall-clock time and the best CPU time of the process
(``time.process_time``) are reported, since on a shared machine the wall
clock also measures the neighbours. The goal is 1 MB/s. Run with
``python bench/extraction_bench.py``.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract_claims  # noqa: E402

SAMPLE = ROOT / "tests" / "claims" / "extraction" / "fixtures" / "peshawar_2014.txt"
TARGET_BYTES = 1_500_000
TYPICAL_BYTES = 1_000_000
SHORT_BYTES = 500_000
RUNS = 5

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


def build_short(target: int = SHORT_BYTES) -> list[str]:
    """Articles of 2 to 5 KB, about ``target`` bytes in all, each extracted on its own.

    Each article runs through the sample article's paragraphs in order with a generated
    dense paragraph after nine in ten of them, which puts about as many claims in
    a megabyte as the labelled corpus's short articles have. Extracted one by one, as a
    desk submits them, so per-article work (whole-text scans, the speaker tracker) counts
    as it does in production.
    """
    rng = random.Random(11)
    sample = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    articles: list[str] = []
    total = 0
    while total < target:
        size = rng.randint(2_000, 5_000)
        parts: list[str] = []
        length = 0
        for paragraph in itertools.cycle(sample):
            if length >= size:
                break
            parts.append(paragraph)
            if rng.random() < 0.9:
                template = PARAGRAPHS[rng.randrange(len(PARAGRAPHS))]
                parts.append(
                    template.format(
                        a=rng.randint(1, 9),
                        b=rng.randint(0, 9),
                        n=rng.randint(100, 99_999),
                        m=rng.randint(100, 9_999),
                        k=rng.randint(2, 500),
                    )
                )
            length = sum(len(part.encode("utf-8")) + 2 for part in parts)
        article = "\n\n".join(parts)
        articles.append(article)
        total += len(article.encode("utf-8"))
    return articles


def build_typical(target: int = TYPICAL_BYTES) -> str:
    """The sample article alone, repeated to at least ``target`` bytes."""
    sample = SAMPLE.read_text(encoding="utf-8")
    copies = -(-target // len(sample.encode("utf-8")))
    return "\n\n".join([sample] * copies)


def measure(corpus: str | list[str]) -> tuple[float, float, int]:
    """Best wall and best CPU seconds over ``RUNS`` runs, and the claim count."""
    articles = [corpus] if isinstance(corpus, str) else corpus
    best_wall = best_cpu = float("inf")
    claims = 0
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        claims = sum(len(extract_claims(article)) for article in articles)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_wall, best_cpu, claims


def report(name: str, corpus: str | list[str]) -> tuple[float, float, float]:
    """Print one corpus's line; return CPU MB/s, wall MB/s and CPU claims/s."""
    articles = [corpus] if isinstance(corpus, str) else corpus
    megabytes = sum(len(article.encode("utf-8")) for article in articles) / 1_000_000
    wall, cpu, claims = measure(corpus)
    print(
        f"{name}: {megabytes:.2f} MB, {claims} claims ({claims / megabytes:,.0f}/MB); "
        f"best of {RUNS}: CPU {cpu:.3f} s = {megabytes / cpu:.2f} MB/s, "
        f"wall {wall:.3f} s = {megabytes / wall:.2f} MB/s"
    )
    return megabytes / cpu, megabytes / wall, claims / cpu


def main() -> None:
    dense_cpu, _, claims_per_s = report("dense news", build_corpus())
    typical_cpu, _, _ = report("typical news", build_typical())
    short = build_short()
    short_cpu, _, _ = report(f"short articles ({len(short)} of 2-5 KB)", short)
    print(
        f"extraction: {dense_cpu:.2f} MB/s (CPU), {claims_per_s:,.0f} claims/s on 1.5 MB dense "
        f"news; {typical_cpu:.2f} MB/s on typical news; {short_cpu:.2f} MB/s on short "
        "articles (goal: 1 MB/s)"
    )


if __name__ == "__main__":
    main()
