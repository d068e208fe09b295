"""Time a monthly DPRK–USA dyad series over 10 M and 100 M GDELT reports.

The store is made in DuckDB from the real GDELT 2.0 rows (``gdelt-v2-events`` in
``$NKWATCH_SHARED_DATA``, default ``../shared/data`` beside the repository):
every row is a real row with a new id and its date shifted over 2015-2024, so actors, codes,
places, counts and the share of DPRK rows are GDELT's own, and rows of the same template on
the same day fall into one event, as reports of one event do. Only the common columns are
filled (the analytics read nothing else). Each timing runs in a fresh process::

    python benchmarks/ingest/bench_dyads.py --rows 10000000 --db /tmp/nkbench/dyads-10m.duckdb
    python benchmarks/ingest/bench_dyads.py --rows 100000000 --db /tmp/nkbench/dyads-100m.duckdb \
        --memory-limit 3GB
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from nkwatch.sources.base import COMMON_COLUMNS
from nkwatch.sources.ingest import ensure_tables, ingest

sys.path.insert(0, str(Path(__file__).parent))
from generate import template_files


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM). Not ru_maxrss: Linux carries that over
    from a parent that spawned us, so a child of a big parent would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_store(db: Path, rows: int) -> float:
    """Fill ``ev_reports_gdelt`` of a new store with ``rows`` synthetic reports; returns seconds."""
    files = template_files()
    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        tpl_db = Path(tmp) / "template.duckdb"
        ingest(tpl_db, "gdelt", files)
        con = duckdb.connect(str(db))
        ensure_tables(con)
        con.execute("SET preserve_insertion_order = false")
        con.execute(f"ATTACH '{tpl_db}' AS tpl (READ_ONLY)")
        con.execute(
            "CREATE TEMP TABLE t AS SELECT row_number() OVER () - 1 AS k, * FROM tpl.ev_reports"
        )
        n = con.execute("SELECT count(*) FROM t").fetchone()[0]  # type: ignore[index]
        fixed = ["id", "date", "file", "line", "ingest"]
        cols = [c for c in COMMON_COLUMNS if c not in fixed]
        con.execute(
            f"INSERT INTO ev_reports_gdelt ({', '.join([*fixed, *cols])}) "
            "SELECT 'gdelt2:' || (2000000000 + i), "
            "CAST('2015-01-01' AS DATE) + CAST(hash(i, 7) % 3650 AS INTEGER), "
            f"'synthetic', i + 1, 'bench', {', '.join('t.' + c for c in cols)} "
            "FROM range(?) r(i) JOIN t ON t.k = r.i % ?",
            [rows, n],
        )
        con.execute("CHECKPOINT")
        con.close()
    return time.perf_counter() - started


def one(db: Path, memory_limit: str | None, threads: int | None) -> dict[str, object]:
    from nkwatch.analytics.dyads import dyads
    from nkwatch.store import Store

    if memory_limit:  # else nkwatch's own default (nkwatch.build.MEMORY_LIMIT)
        os.environ["NKWATCH_MEMORY_LIMIT"] = memory_limit
    store = Store.open(db, read_only=True)
    if threads:
        store.con.execute(f"SET threads = {threads}")
    started = time.perf_counter()
    series = dyads(store, "USA", "month", sources=["gdelt"])
    secs = time.perf_counter() - started
    rss = peak_rss_mib()
    total = store.con.execute("SELECT count(*) FROM ev_reports").fetchone()[0]  # type: ignore[index]
    return {
        "reports": total,
        "periods": len(series),
        "dyad_events": sum(r["events"] for r in series),
        "seconds": round(secs, 2),
        "peak_rss_mib": round(rss),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="monthly dyad series timing")
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument(
        "--memory-limit",
        help="DuckDB memory_limit, e.g. 3GB; 'default' for DuckDB's own (80%% of RAM); "
        "without it nkwatch's default (3GB, or $NKWATCH_MEMORY_LIMIT)",
    )
    parser.add_argument("--threads", type=int)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.db, args.memory_limit, args.threads)))
        return
    if not args.db.exists():
        secs = make_store(args.db, args.rows)
        size = args.db.stat().st_size / 2**30
        print(f"made {args.db}: {args.rows:,} reports, {size:.1f} GiB in {secs:.0f} s", flush=True)
    cmd = [sys.executable, __file__, "--one", "--rows", str(args.rows), "--db", str(args.db)]
    if args.memory_limit:
        cmd += ["--memory-limit", args.memory_limit]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    for _ in range(args.repeat):
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        print(out.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
