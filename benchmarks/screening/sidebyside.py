"""Two versions of nkwatch's screener side by side on every benchmark query: names per CPU
second of each, measured in alternating processes of one run, and every query's matches
diffed (entity, score, matched name, explanation).

    # the "before" tree: the screener of another commit, unpacked outside the repository
    git archive main src | tar -x -C /tmp/before
    .venv/bin/python -m benchmarks.screening.sidebyside --work /tmp/nkbench/screening \
        --before /tmp/before/src --after src --rounds 2

``--work`` is the folder of ``benchmarks.screening.run`` (its store.duckdb and
queries.json: run that first). Each version runs in its own process with its own
``PYTHONPATH``, so both are timed on the same queries under the same load; the rounds
alternate (before, after, before, after).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def dump(work: Path, out: Path) -> None:
    """Run the screener importable here over every query (with a date of birth, then the
    name only) and write the matches and CPU seconds to ``out``."""
    import duckdb

    from nkwatch.screen import Query, Screener

    queries = json.loads((work / "queries.json").read_text())
    started = time.process_time()
    with duckdb.connect(str(work / "store.duckdb"), read_only=True) as con:
        screener = Screener.from_store(con)
    result: dict[str, Any] = {"build_cpu": time.process_time() - started}
    for use_dob in (True, False):
        setting = "name+dob" if use_dob else "name"
        matches = []
        cpu = time.process_time()
        for q in queries:
            hold = frozenset((k, n) for k, n in q["hold"])
            query = Query(q["query"], birth_date=q["dob"] if use_dob else None)
            found = screener.screen(query, skip=hold, limit=50)
            matches.append([[m.key, m.score, m.name, m.explanation] for m in found])
        result[setting] = {"cpu": time.process_time() - cpu, "matches": matches}
    result["n"] = len(queries)
    out.write_text(json.dumps(result))


def _run(src: Path, work: Path, out: Path) -> dict[str, Any]:
    # one hash seed for both: the Korean explanations name one of equal readings, in set order
    env = {
        **os.environ,
        "PYTHONPATH": f"{src.resolve()}{os.pathsep}{Path.cwd()}",
        "PYTHONHASHSEED": "0",
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.screening.sidebyside",
            "--dump",
            str(out),
            "--work",
            str(work),
        ],
        env=env,
        check=True,
    )
    return json.loads(out.read_text())


def diff(a: dict[str, Any], b: dict[str, Any], queries: list[dict[str, Any]]) -> list[str]:
    """Every query whose matches differ between two dumps, one line each."""
    lines = []
    for setting in ("name+dob", "name"):
        for q, x, y in zip(queries, a[setting]["matches"], b[setting]["matches"], strict=True):
            if x != y:
                lines.append(f"{setting} {q['set']} {q['query']!r}:\n  before {x}\n  after  {y}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--after", type=Path, default=Path("src"))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.work, args.dump)
        return
    if args.before is None:
        parser.error("--before is required")
    queries = json.loads((args.work / "queries.json").read_text())
    n = len(queries)
    rates: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    dumps: dict[str, dict[str, Any]] = {}
    for r in range(args.rounds):
        for label, src in (("before", args.before), ("after", args.after)):
            d = _run(src, args.work, args.work / f"sidebyside-{label}.json")
            dumps[label] = d
            rates[label].append((n / d["name+dob"]["cpu"], n / d["name"]["cpu"]))
            print(
                f"round {r + 1} {label}: {n / d['name+dob']['cpu']:,.0f} / "
                f"{n / d['name']['cpu']:,.0f} names per CPU second (name+dob / name), "
                f"index built in {d['build_cpu']:.1f} CPU s",
                flush=True,
            )
    for label, values in rates.items():
        best = (max(v[0] for v in values), max(v[1] for v in values))
        print(f"{label}: best {best[0]:,.0f} / {best[1]:,.0f} names per CPU second")
    lines = diff(dumps["before"], dumps["after"], queries)
    print(f"{n} queries x 2 settings: {len(lines)} differ")
    for line in lines:
        print(line)
    try:
        load = os.getloadavg()
        print("load average: " + ", ".join(f"{x:.2f}" for x in load))
    except OSError:
        pass


if __name__ == "__main__":
    main()
