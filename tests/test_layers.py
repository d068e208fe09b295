"""The package's layers: lower modules never import upper ones, and no two parts import each
other (issue 10 found three circles: the command line with its own modules, the store with
the countries module, the sanctions lists with the screener). Read from the source with
``ast`` (imports inside functions count too), so the test needs no import of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "nkwatch"

#: low to high: a part may import parts of its own layer or lower ones, never higher ones
LAYERS = [
    {"errors", "dates", "intervals", "sniff", "output", "reference", "schema", "names"},
    {"model", "build", "journal", "store", "countries", "check", "reports", "event_detail"},
    {"lists", "sources", "analytics", "media", "missiles", "timeline", "search"},
    {"screen"},
    {"api", "web"},
    {"cli", "__main__"},
]
#: the one known circle: the app (api/app.py) mounts the explorer's pages, which use the
#: API's dependencies (api/deps.py); both are the serving face, above everything else
ALLOWED_CYCLES = [{"api", "web"}]


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else module


class Graph:
    """Parts and the parts they import (a few dozen nodes: plain sets will do)."""

    def __init__(self) -> None:
        self.out: dict[str, set[str]] = {}

    def add_node(self, a: str) -> None:
        self.out.setdefault(a, set())

    def add_edge(self, a: str, b: str) -> None:
        self.add_node(a)
        self.add_node(b)
        self.out[a].add(b)

    @property
    def nodes(self) -> set[str]:
        return set(self.out)

    @property
    def edges(self) -> list[tuple[str, str]]:
        return [(a, b) for a, bs in self.out.items() for b in bs]

    def successors(self, a: str) -> set[str]:
        return self.out.get(a, set())

    def reach(self, a: str) -> set[str]:
        seen: set[str] = set()
        todo = list(self.out.get(a, ()))
        while todo:
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo += self.out.get(n, ())
        return seen

    def circles(self) -> list[set[str]]:
        """The strongly connected parts with more than one member."""
        found: list[set[str]] = []
        for a in sorted(self.out):
            group = {a} | {b for b in self.reach(a) if a in self.reach(b)}
            if len(group) > 1 and group not in found:
                found.append(group)
        return found


def _imports() -> Graph:
    graph = Graph()
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC.parent).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        graph.add_node(_part(module))
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = (
                    ".".join([*package[:len(package) - node.level + 1], node.module or ""])
                    if node.level
                    else node.module or ""
                ).rstrip(".")
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for target in targets:
                parts = target.split(".")
                if parts[0] != "nkwatch" or len(parts) < 2:
                    continue
                name = parts[1]
                exists = (SRC / name).is_dir() or (SRC / f"{name}.py").is_file()
                if exists and name != _part(module):
                    graph.add_edge(_part(module), name)
    return graph


def test_every_part_has_a_layer() -> None:
    known = set().union(*LAYERS)
    assert set(_imports().nodes) - {"__init__", "nkwatch"} <= known


def test_no_part_imports_a_higher_layer() -> None:
    rank = {part: i for i, layer in enumerate(LAYERS) for part in layer}
    graph = _imports()
    upward = [(a, b) for a, b in graph.edges if a in rank and b in rank and rank[b] > rank[a]]
    assert upward == [], f"lower parts import upper ones: {upward}"


def test_no_import_circles() -> None:
    cycles = _imports().circles()
    unexpected = [c for c in cycles if c not in ALLOWED_CYCLES]
    assert unexpected == [], f"import circles: {unexpected}"


@pytest.mark.parametrize("low", ["names", "schema", "errors", "dates", "reference"])
def test_the_bottom_imports_nothing_above_it(low: str) -> None:
    graph = _imports()
    bottom = LAYERS[0]
    assert set(graph.successors(low)) <= bottom, sorted(set(graph.successors(low)) - bottom)
