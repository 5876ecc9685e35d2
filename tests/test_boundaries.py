"""Dependencies between the top-level packages run one way; a cycle fails this test.

The imports are read from the source (every ``import`` statement, function-level ones
included), so an import hidden inside a function counts as much as one at the top.

    config -> webhooks -> verification -> claims -> desk -> safefetch
    config -> feeds -> claims;  config -> repeats -> webhooks, verification, claims
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "config",
    "desk",
    "claims",
    "verification",
    "webhooks",
    "safefetch",
    "repeats",
    "feeds",
)


def imported_packages(package: str) -> dict[str, set[str]]:
    """Top-level names each module of ``package`` imports, by module path."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for package in PACKAGES:
        used = set().union(*imported_packages(package).values())
        graph[package] = {name for name in used if name in PACKAGES and name != package}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle as a list of packages (first == last), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_there_is_no_cycle_between_top_level_packages():
    cycle = find_cycle(package_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("claims", {"verification", "webhooks", "repeats", "feeds", "config"}),
        ("desk", {"claims", "verification", "webhooks", "repeats", "feeds", "config"}),
        ("verification", {"webhooks", "repeats", "feeds", "config"}),
        ("webhooks", {"verification", "repeats", "feeds", "config"}),
        ("repeats", {"feeds", "config"}),
        ("feeds", {"repeats", "verification", "webhooks", "config"}),
        ("safefetch", {"django", "rest_framework", "celery", *PACKAGES} - {"safefetch"}),
    ],
)
def test_a_package_imports_only_what_lies_below_it(package, forbidden):
    offenders = {
        module: sorted(names & forbidden)
        for module, names in imported_packages(package).items()
        if names & forbidden
    }
    assert not offenders, f"{package} must not import {sorted(forbidden)}: {offenders}"
