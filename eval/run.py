"""``make eval``: score the extractor and the matcher on the labelled corpus and print it.

    python -m eval.run              # the report
    python -m eval.run --verbose    # plus every miss (missed, false, wrong attribute)

It reports and exits 0 when it ran; a corpus that does not load exits 2 with the reason.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from eval.gold import Article, GoldError, load_articles
from eval.scoring import (
    FIGURE_MEASURES,
    QUOTE_MEASURES,
    Ratio,
    Scorecard,
    StanceTally,
    TagStats,
    score_article,
)
from eval.stance import FETCH_FAILED, NOT_EXTRACTED, StanceCase, load_cases, run_cases
from eval.systems import System, claimdesk, load_quantulum
from verification.matching import STANCES

#: Passes over the corpus when timing our extractor, so the figure is not one cold run.
SPEED_PASSES = 3


def score_system(
    system: System,
    articles: Sequence[Article],
    *,
    quotes: bool,
    passes: int = 1,
    batches: dict[str, Scorecard] | None = None,
) -> tuple[Scorecard, float]:
    """The system's scorecard over the corpus and its speed in MB/s of CPU time.

    CPU time (``process_time``), not wall time, so other work on a shared machine does not
    make the figure drift from run to run. When ``batches`` is given, each article is also
    scored into the scorecard of its batch there (created on first use).
    """
    card = Scorecard()
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    system("Warm-up: 12 people were hurt, the police said.")  # one-off loading is not speed
    started = time.process_time()
    outputs = [system(a.text) for a in articles]
    for _ in range(passes - 1):
        for article in articles:
            system(article.text)
    elapsed = time.process_time() - started
    for article, predictions in zip(articles, outputs, strict=True):
        score_article(article, predictions, card, quotes=quotes)
        if batches is not None:
            batch_card = batches.setdefault(article.batch, Scorecard())
            score_article(article, predictions, batch_card, quotes=quotes)
    return card, (size * passes / 1e6) / elapsed if elapsed else float("inf")


def _rate(ratio: Ratio) -> str:
    return f"{ratio.rate:.2f}" if ratio.rate is not None else "—"


def _table_tags(title: str, tags: dict[str, TagStats], lines: list[str]) -> None:
    lines.append(f"{title:<28}{'n':>5}{'found':>8}{'right':>8}{'speaker':>9}")
    order = sorted(tags.items(), key=lambda kv: (kv[1].right.rate or 0, kv[0]))
    for tag, stats in order:
        found, right, speaker = stats.found, stats.right, stats.speaker
        lines.append(
            f"  {tag:<26}{found.total:>5}{_rate(found):>8}{_rate(right):>8}{_rate(speaker):>9}"
        )


def _confusion(tally: StanceTally, lines: list[str]) -> None:
    rows = [*STANCES, FETCH_FAILED]
    cols = [*STANCES, FETCH_FAILED, NOT_EXTRACTED]
    present = {e for e, _ in tally.confusion} | {p for _, p in tally.confusion}
    rows = [r for r in rows if r in present]
    cols = [c for c in cols if c in present]
    lines.append("  expected \\ given " + "".join(f"{c[:12]:>13}" for c in cols))
    for row in rows:
        cells = "".join(f"{tally.confusion.get((row, c), 0):>13}" for c in cols)
        lines.append(f"  {row:<17}{cells}")


def batch_lines(
    articles: Sequence[Article], cards: dict[str, Scorecard], cases: Sequence[StanceCase]
) -> list[str]:
    """One line of the key measures per corpus batch, so a held-out batch is read apart.

    A batch written after the rules were tuned measures them on text nobody fitted them
    to; pooled with the rest its misses would be diluted.
    """
    names = sorted({a.batch for a in articles} | {c.batch for c in cases})
    lines = ["BY BATCH"]
    for name in names:
        mine = [a for a in articles if a.batch == name]
        card = cards.get(name, Scorecard())
        tally, _ = run_cases([c for c in cases if c.batch == name])
        n_figures = sum(1 for a in mine for f in a.figures if not f.optional)
        n_quotes = sum(len(a.quotes) for a in mine)
        lines.append(
            f"  {name}: {len(mine)} articles / {n_figures} figures / {n_quotes} quotes / "
            f"{tally.accuracy.total} stance cases: "
            f"figure recall {_rate(card['figure recall'])}, "
            f"false figures {_rate(card['false figures'])}, "
            f"kind {_rate(card['kind accuracy'])}, "
            f"qualifier {_rate(card['qualifier accuracy'])}, "
            f"figure speaker {_rate(card['figure speaker'])}, "
            f"quote recall {_rate(card['quote recall'])}, "
            f"speaker {_rate(card['speaker accuracy'])}, "
            f"stance {tally.accuracy.hits}/{tally.accuracy.total} "
            f"(false supports {tally.false('supports')}, "
            f"false contradicts {tally.false('contradicts')})"
        )
    return lines


def report(verbose: bool = False) -> str:
    articles = load_articles()
    cases = load_cases()
    lines: list[str] = []
    n_figures = sum(1 for a in articles for f in a.figures if not f.optional)
    n_quotes = sum(len(a.quotes) for a in articles)
    size_kb = sum(len(a.text.encode("utf-8")) for a in articles) / 1000
    genres: dict[str, int] = {}
    for article in articles:
        genres[article.genre] = genres.get(article.genre, 0) + 1
    lines.append(
        f"Corpus: {len(articles)} articles ({size_kb:.0f} KB), {n_figures} figures, "
        f"{n_quotes} quotes, {len(cases)} stance cases"
    )
    lines.append("  genres: " + ", ".join(f"{g} {n}" for g, n in sorted(genres.items())))

    batches: dict[str, Scorecard] = {}
    ours, our_speed = score_system(
        claimdesk, articles, quotes=True, passes=SPEED_PASSES, batches=batches
    )
    quantulum = load_quantulum()
    theirs, their_speed = (
        score_system(quantulum, articles, quotes=False) if quantulum else (None, 0.0)
    )

    lines.append("")
    lines.append(f"{'FIGURES':<28}{'claimdesk':<18}{'quantulum3':<18}")
    for measure in FIGURE_MEASURES:
        other = str(theirs[measure]) if theirs is not None else "not installed"
        lines.append(f"  {measure:<26}{ours[measure]!s:<18}{other:<18}")
    lines.append(f"{'QUOTES':<28}{'claimdesk':<18}")
    for measure in QUOTE_MEASURES:
        lines.append(f"  {measure:<26}{ours[measure]!s:<18}")
    speed = f"  speed (CPU time): claimdesk {our_speed:.2f} MB/s"
    speed += f", quantulum3 {their_speed:.3f} MB/s" if theirs is not None else ""
    lines.append(speed)

    lines.append("")
    lines.append(
        "Figure recall by genre: "
        + ", ".join(f"{g} {_rate(r)}" for g, r in sorted(ours.genre_figures.items()))
    )
    lines.append("")
    lines.append("(right: found with kind, qualifier, unit and currency right; speaker: of those")
    lines.append(" found that have a labelled speaker. Quotes: right = complete, right speaker.)")
    _table_tags("FIGURE PHENOMENA", ours.figure_tags, lines)
    if theirs is not None:
        lines.append(
            "  (quantulum3 'found' per phenomenon: "
            + ", ".join(f"{t} {_rate(s.found)}" for t, s in sorted(theirs.figure_tags.items()))
            + ")"
        )
    lines.append("")
    _table_tags("QUOTE PHENOMENA", ours.quote_tags, lines)
    lines.append("")
    lines.append("NOT CLAIMS (traps): share wrongly extracted")
    for tag, ratio in sorted(ours.trap_tags.items()):
        lines.append(f"  {tag:<26}{ratio!s}")

    gold, unscored = run_cases(cases)
    end_to_end, _ = run_cases(cases, end_to_end=True)
    lines.append("")
    lines.append(f"STANCE (gold facts): accuracy {gold.accuracy}")
    lines.append(
        f"  false supports {gold.false('supports')}, false contradicts {gold.false('contradicts')}"
    )
    _confusion(gold, lines)
    if unscored:
        lines.append(
            f"  {unscored} fetch-failed cases not scored: match_claim takes no fetch_status"
        )
    lines.append(
        "  by tag: " + ", ".join(f"{t} {r.hits}/{r.total}" for t, r in sorted(gold.tags.items()))
    )
    lines.append(
        f"STANCE (end to end, claim read by the extractor): accuracy {end_to_end.accuracy}, "
        f"false supports {end_to_end.false('supports')}, "
        f"false contradicts {end_to_end.false('contradicts')}"
    )

    weakest = sorted(
        (s.right.rate or 0.0, t)
        for t, s in list(ours.figure_tags.items()) + list(ours.quote_tags.items())
        if s.right.total >= 3
    )[:3]
    lines.append("")
    lines.extend(batch_lines(articles, batches, cases))
    lines.append("")
    lines.append(
        "SUMMARY: "
        f"figure recall {_rate(ours['figure recall'])}, "
        f"false figures {_rate(ours['false figures'])}, "
        f"kind {_rate(ours['kind accuracy'])}, qualifier {_rate(ours['qualifier accuracy'])}, "
        f"figure speaker {_rate(ours['figure speaker'])}, "
        f"quote recall {_rate(ours['quote recall'])}, "
        f"speaker {_rate(ours['speaker accuracy'])}, "
        f"stance {gold.accuracy.hits}/{gold.accuracy.total} "
        f"(false supports {gold.false('supports')}, "
        f"false contradicts {gold.false('contradicts')}); "
        "weakest: "
        + ", ".join(f"{t} {r:.2f}" for r, t in weakest)
        + (f"; quantulum3 figure recall {_rate(theirs['figure recall'])}" if theirs else "")
        + f" on {len(articles)} articles / {n_figures} figures / {n_quotes} quotes"
    )
    if verbose:
        lines.append("")
        lines.append("MISSES (claimdesk)")
        lines.extend(f"  {m}" for m in ours.misses)
        lines.extend(f"  stance {m}" for m in gold.misses)
        lines.extend(f"  stance end-to-end {m}" for m in end_to_end.misses)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.run", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    try:
        print(report(verbose=args.verbose))
    except GoldError as exc:
        print(f"eval: the corpus does not load: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
