"""The benchmark table from the results files of both environments."""

from __future__ import annotations

import json
from pathlib import Path

from .metrics import SETS, load, score

ORDER = [
    "nkwatch before (main)",
    "nkwatch",
    "rapidfuzz",
    "nomenklatura logic-v1",
    "nomenklatura logic-v2",
    "nomenklatura logic-v1 (right entity forced in)",
    "nomenklatura logic-v2 (right entity forced in)",
]


def _positives_only(method: str) -> bool:
    return "forced in" in method


def _secs(result: dict) -> float:
    """CPU seconds of the run where recorded (a shared machine), else wall-clock seconds."""
    return float(result.get("cpu_seconds") or result["seconds"])


def _n(result: dict, queries: list) -> int:
    """How many queries a method ran (nomenklatura may run only some sets)."""
    return int(result.get("n", len(queries)))


def report(work: Path) -> str:
    queries, _ = load(work)
    results: dict = {}
    for name in (
        "results-before.json",
        "results-main.json",
        "results-nomenklatura.json",
        "results-nomenklatura-oracle.json",
    ):
        path = work / name
        if path.exists():
            results.update(json.loads(path.read_text()))
    lines = []
    for setting in ("name+dob", "name"):
        methods = [m for m in ORDER if f"{m}|{setting}" in results]
        what = (
            "name and date of birth (when the list gives one)"
            if setting == "name+dob"
            else "the name only"
        )
        lines.append(f"\n**Queries with {what}**\n")
        lines.append("| set | n | " + " | ".join(methods) + " |")
        lines.append("|---|---|" + "---|" * len(methods))
        scored = {m: score(queries, results[f"{m}|{setting}"]["matches"]) for m in methods}
        for set_, kind, title in SETS:
            label = set_ if kind is None else f"{set_}:{kind}"
            first = scored[methods[0]].get(label)
            if not first:
                continue
            key = "recall" if set_.startswith("P") else "flagged"
            cells = [
                "n/a"
                if (_positives_only(m) and not set_.startswith("P")) or label not in scored[m]
                else f"{scored[m][label][key]:.3f}"
                for m in methods
            ]
            lines.append(f"| {label} {title} | {first['n']} | " + " | ".join(cells) + " |")
            if set_.startswith("P") and kind != "other-name":
                cells = [
                    f"{scored[m][label]['wrong']:.3f}" if label in scored[m] else "n/a"
                    for m in methods
                ]
                lines.append(
                    f"| {label} wrong person among the matches | {first['n']} | "
                    + " | ".join(cells)
                    + " |"
                )
        speed = [
            "n/a"
            if _positives_only(m)
            else f"{_n(results[f'{m}|{setting}'], queries) / _secs(results[f'{m}|{setting}']):,.0f}"
            for m in methods
        ]
        lines.append(
            "| names per CPU second (one core, all sets run, full lists) | "
            f"{len(queries)} | " + " | ".join(speed) + " |"
        )
    if "batch" in results:
        b = results["batch"]
        lines.append(
            f"\nBatch screening (nkwatch.screen.batch, all query names twice): "
            f"{b['workers=1']:,} names/s on one process, {b['workers=2']:,} on two."
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(report(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/nkwatch-screening-bench")))
