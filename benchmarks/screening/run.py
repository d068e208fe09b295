"""The screening benchmark: nkwatch vs rapidfuzz (token-sort ratio) vs nomenklatura's
logic-v1 and logic-v2, on queries built from the real UN and OFAC lists.

    python -m benchmarks.screening.run --work /tmp/bench           # nkwatch, rapidfuzz, table
    /tmp/bench-venv/bin/python benchmarks/screening/nomenk.py /tmp/bench   # nomenklatura

See benchmarks/screening/RESULTS.md for the figures and the full recipe.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from nkwatch.lists import ingest

from ..shared_data import require, shared_data_dir
from .metrics import load, words

RAPIDFUZZ_THRESHOLD = 85
#: CPU seconds of each run (this process only): the machine may be shared, and names per CPU
#: second is names per second on one core whatever else runs beside
CPU: dict[str, float] = {}
LISTS = [
    "un-sc-consolidated/consolidated-20221021.xml",
    "un-sc-consolidated/consolidated-202303.xml",
    "ofac-sdn-2021/sdn.csv",
    "ofac-sdn-2021/alt.csv",
    "ofac-sdn-2021/add.csv",
    "ofac-sdn/sdn.csv",
]


def build_store(work: Path, data: Path) -> Path:
    db = work / "store.duckdb"
    if db.exists():
        return db
    require(*LISTS, base=data)
    un = data / "un-sc-consolidated"
    ingest(db, "un-sanctions", [un / "consolidated-20221021.xml", un / "consolidated-202303.xml"])
    old = data / "ofac-sdn-2021"
    # the 2021 copy carries no date; README: uploaded 2021-04-25
    ingest(db, "ofac-sdn", [old / "sdn.csv", old / "alt.csv", old / "add.csv"], date="2021-04-25")
    ingest(db, "ofac-sdn", [data / "ofac-sdn" / "sdn.csv"], date="2024-05-03")
    return db


def run_nkwatch(db: Path, queries: list[dict[str, Any]], use_dob: bool) -> tuple[list, float]:
    import duckdb

    from nkwatch.screen import Query, Screener

    with duckdb.connect(str(db), read_only=True) as con:
        screener = Screener.from_store(con)
    out = []
    started, cpu = time.perf_counter(), time.process_time()
    for q in queries:
        hold = frozenset((k, n) for k, n in q["hold"])
        query = Query(q["query"], birth_date=q["dob"] if use_dob else None)
        out.append([[m.key, m.score] for m in screener.screen(query, skip=hold, limit=50)])
    CPU[f"nkwatch|{'name+dob' if use_dob else 'name'}"] = time.process_time() - cpu
    return out, time.perf_counter() - started


def run_batch(db: Path, queries: list[dict[str, Any]]) -> dict[str, float]:
    """Names per second of nkwatch.screen.batch.screen_many on one and on two processes."""
    import duckdb

    from nkwatch.screen import Query, Screener
    from nkwatch.screen.batch import screen_many

    with duckdb.connect(str(db), read_only=True) as con:
        screener = Screener.from_store(con)
    names = [Query(q["query"]) for q in queries] * 2
    out = {}
    for workers in (1, 2):
        started = time.perf_counter()
        screen_many(screener, names, workers=workers)
        out[f"workers={workers}"] = round(len(names) / (time.perf_counter() - started))
    return out


def run_rapidfuzz(
    targets: list[dict[str, Any]],
    queries: list[dict[str, Any]],
    threshold: float = RAPIDFUZZ_THRESHOLD,
) -> tuple[list, float]:
    from rapidfuzz import fuzz, process

    keys, names, folded = [], [], []
    for t in targets:
        for n in t["names"]:
            keys.append(t["key"])
            names.append(n)
            folded.append(words(n))
    out = []
    started, cpu = time.perf_counter(), time.process_time()
    for q in queries:
        hold = {(k, n) for k, n in q["hold"]}
        found: dict[str, float] = {}
        for _, s, i in process.extract(
            words(q["query"]),
            folded,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=threshold,
            limit=None,
        ):
            if (keys[i], names[i]) not in hold:
                found[keys[i]] = max(found.get(keys[i], 0.0), s / 100.0)
        out.append([[k, s] for k, s in found.items()])
    CPU["rapidfuzz"] = time.process_time() - cpu
    return out, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=Path("/tmp/nkwatch-screening-bench"))
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="the shared data folder (default $NKWATCH_SHARED_DATA, else ../shared/data "
        "beside the repository)",
    )
    parser.add_argument("--show-clusters", action="store_true")
    parser.add_argument(
        "--methods",
        default="nkwatch,rapidfuzz",
        help="Which to run (others keep their last results).",
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db = build_store(args.work, args.data or shared_data_dir())
    from .queries import build, clusters

    if args.show_clusters:
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            for g in clusters(con):
                if len(g["names"]) > 1:
                    print(" | ".join(g["names"]))
        return
    counts = build(db, args.work)
    print("queries:", counts)
    queries, targets = load(args.work)
    saved = args.work / "results-main.json"
    results: dict[str, Any] = json.loads(saved.read_text()) if saved.exists() else {}
    methods = args.methods.split(",")
    if "nkwatch" in methods:
        for use_dob in (True, False):
            setting = "name+dob" if use_dob else "name"
            matches, secs = run_nkwatch(db, queries, use_dob)
            results[f"nkwatch|{setting}"] = {
                "matches": matches,
                "seconds": secs,
                "cpu_seconds": CPU[f"nkwatch|{setting}"],
            }
            print(f"nkwatch {setting}: {len(queries) / secs:.0f} names/s")
    if "rapidfuzz" in methods:
        matches, secs = run_rapidfuzz(targets, queries)
        for setting in ("name+dob", "name"):  # rapidfuzz has no use for a date of birth
            results[f"rapidfuzz|{setting}"] = {
                "matches": matches,
                "seconds": secs,
                "cpu_seconds": CPU["rapidfuzz"],
            }
        print(f"rapidfuzz: {len(queries) / secs:.0f} names/s")
    if "batch" in methods:
        results["batch"] = run_batch(db, queries)
        print("batch:", results["batch"])
    saved.write_text(json.dumps(results))
    from .report import report

    print(report(args.work))


if __name__ == "__main__":
    main()
