"""A small checker of JSON-LD against the vendored schema.org subset in data/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

VOCABULARY = json.loads((Path(__file__).parent / "data" / "schemaorg-subset.json").read_text())
TYPES: dict[str, dict[str, Any]] = VOCABULARY["types"]


def properties_of(type_name: str) -> set[str]:
    """Properties declared on ``type_name`` and every ancestor."""
    allowed: set[str] = set()
    current: str | None = type_name
    while current is not None:
        allowed |= set(TYPES[current]["properties"])
        current = TYPES[current]["parent"]
    return allowed


def vocabulary_problems(node: Any, where: str = "$") -> list[str]:
    """Every unknown @type, and every property its type does not define, with its path."""
    problems: list[str] = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            problems += vocabulary_problems(item, f"{where}[{index}]")
        return problems
    if not isinstance(node, dict):
        return problems
    type_name = node.get("@type")
    if type_name is None:
        problems.append(f"{where}: object without @type")
        return problems
    if type_name not in TYPES:
        return [f"{where}: unknown type {type_name}"]
    allowed = properties_of(type_name)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in allowed:
            problems.append(f"{where}.{key}: not a property of {type_name}")
        problems += (
            vocabulary_problems(value, f"{where}.{key}") if isinstance(value, (dict, list)) else []
        )
    return problems
