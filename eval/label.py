"""Authoring aid: fill in the offsets of gold labels from the words they name.

A labeller writes ``{"figure": "at least 2,310", "after": "toll", ...}`` and this fills
``start``/``end`` with the first occurrence of the figure after the first occurrence of
the anchor (``nth`` picks a later one). It warns when a figure's words occur more than
once and nothing says which is meant, so two labels never silently share one span.

    python -m eval.label            # every article in eval/corpus/articles
    python -m eval.label SLUG ...   # only these
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from eval.gold import ARTICLES, load_article


class LabelError(ValueError):
    pass


def locate(text: str, words: str, *, after: str | None = None, nth: int = 1) -> int:
    """Offset of the ``nth`` occurrence of ``words`` at or after the anchor ``after``."""
    origin = 0
    if after:
        origin = text.find(after)
        if origin < 0:
            raise LabelError(f"anchor {after!r} not in the text")
    position = origin - 1
    for _ in range(max(nth, 1)):
        position = text.find(words, position + 1)
        if position < 0:
            raise LabelError(f"{words!r} not found (after {after!r}, occurrence {nth})")
    return position


def _place(item: dict[str, Any], text: str, words: str, where: str, warnings: list[str]) -> None:
    after = item.get("after")
    nth = int(item.get("nth", 1))
    start = locate(text, words, after=after, nth=nth)
    if not after and "nth" not in item and text.count(words) > 1:
        warnings.append(f"{where}: {words!r} occurs {text.count(words)} times; add 'after'")
    item["start"], item["end"] = start, start + len(words)


def label_file(text_path: Path) -> list[str]:
    """Rewrite the gold file beside ``text_path`` with fresh offsets; returns warnings."""
    gold_path = text_path.with_suffix(".json")
    text = text_path.read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    warnings: list[str] = []
    name = text_path.stem
    for i, item in enumerate(gold.get("figures", [])):
        _place(item, text, item["figure"], f"{name} figure {i}", warnings)
    for i, item in enumerate(gold.get("quotes", [])):
        where = f"{name} quote {i}"
        if "parts" in item:
            parts = item["parts"]
            start = locate(text, parts[0], after=item.get("after"), nth=int(item.get("nth", 1)))
            last = text.find(parts[-1], start + len(parts[0]))
            if last < 0:
                raise LabelError(f"{where}: last part {parts[-1]!r} not after the first")
            item["start"], item["end"] = start, last + len(parts[-1])
        else:
            _place(item, text, item["quote"], where, warnings)
    for i, item in enumerate(gold.get("traps", [])):
        _place(item, text, item["text"], f"{name} trap {i}", warnings)
    gold_path.write_text(dump_gold(gold), encoding="utf-8")
    load_article(text_path, gold_path)  # validates what was just written
    return warnings


def dump_gold(gold: dict[str, Any]) -> str:
    """One label per line, so a diff of the corpus shows which labels changed."""
    lines = ["{"]
    head = [k for k in gold if k not in {"figures", "quotes", "traps"}]
    for key in head:
        lines.append(f"  {json.dumps(key)}: {json.dumps(gold[key], ensure_ascii=False)},")
    groups = [k for k in ("figures", "quotes", "traps") if k in gold]
    for n, key in enumerate(groups):
        items = gold[key]
        lines.append(f"  {json.dumps(key)}: [")
        for i, item in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            lines.append(f"    {json.dumps(item, ensure_ascii=False)}{comma}")
        lines.append("  ]" + ("," if n < len(groups) - 1 else ""))
    if lines[-1].endswith(","):
        lines[-1] = lines[-1][:-1]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    slugs = set(argv)
    failed = False
    for text_path in sorted(ARTICLES.glob("*.txt")):
        if slugs and text_path.stem not in slugs:
            continue
        try:
            for warning in label_file(text_path):
                print("warning:", warning)
        except (LabelError, ValueError, KeyError) as exc:
            failed = True
            print(f"error: {text_path.stem}: {exc}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
