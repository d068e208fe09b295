"""Ingest throughput for GDELT 2.0 files: nkwatch ingest against DuckDB's own read_csv (the
ceiling) and a plain pandas.read_csv of the same file.

Each measurement runs in a fresh process (so memory is its own) and prints rows per second
and peak memory (RSS)::

    python benchmarks/ingest/generate.py --rows 1000000 --out /tmp/nkbench/gdelt-1m.export.CSV
    python benchmarks/ingest/bench_ingest.py /tmp/nkbench/gdelt-1m.export.CSV

- ``duckdb-scan``: ``SELECT count(*) FROM read_csv(...)``: parsing only, nothing kept.
- ``duckdb-load``: ``CREATE TABLE AS SELECT * FROM read_csv(...)`` into a fresh store and a
  checkpoint, DuckDB's settings as they come: parse and write every column. This is the
  ceiling the target refers to (what a user of DuckDB types).
- ``duckdb-load-unordered``: the same with ``SET preserve_insertion_order = false`` (DuckDB's
  own advice for bulk loads, and what nkwatch sets): the load at its fastest.
- ``nkwatch``: :func:`nkwatch.sources.ingest.ingest` into a fresh store: the same read_csv, the
  mapping to the common model, the source struct, line numbers, rejects, de-duplication,
  ``ev_ingests`` (with the file's sha256), one transaction and a checkpoint.
- ``nkwatch-no-lines``: the same with ``lines=False`` (``--no-lines``).
- ``pandas``: a plain ``pandas.read_csv(path, sep="\t", header=None)`` of the whole file
  (C engine, types inferred): parsing into memory, nothing written.
- ``pandas-parquet``: the same, then ``DataFrame.to_parquet`` (pyarrow): the fastest way a
  pandas user keeps the data (writing the frame into a DuckDB file instead took 20 s per
  million rows and 3.2 GiB here).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nkwatch.sources import gdelt


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM). Not ru_maxrss: Linux carries that over
    from a parent that spawned us, so a child of a big parent would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _duckdb(path: Path, load: bool, ordered: bool = True) -> int:
    import duckdb

    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        con = duckdb.connect(str(Path(tmp) / "bare.duckdb"))
        scan = gdelt.read_csv_sql(path, "gdelt2", rejects=False)
        if not ordered:
            con.execute("SET preserve_insertion_order = false")
        if load:
            con.execute(f"CREATE TABLE raw AS SELECT * FROM {scan}")
            con.execute("CHECKPOINT")
            n = con.execute("SELECT count(*) FROM raw").fetchone()[0]  # type: ignore[index]
        else:
            n = con.execute(f"SELECT count(*) FROM {scan}").fetchone()[0]  # type: ignore[index]
        con.close()
    return int(n)


def _nkwatch(path: Path, lines: bool = True) -> int:
    from nkwatch.sources.ingest import ingest

    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        [res] = ingest(Path(tmp) / "store.duckdb", "gdelt", [path], lines=lines)
    return res.rows


def _pandas(path: Path, parquet: bool = False) -> int:
    import pandas as pd

    frame = pd.read_csv(path, sep="\t", header=None)
    if parquet:
        frame.columns = [f"c{i}" for i in range(frame.shape[1])]
        with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
            frame.to_parquet(Path(tmp) / "frame.parquet")
    return len(frame)


RUNS = {
    "duckdb-scan": lambda p: _duckdb(p, load=False),
    "duckdb-load": lambda p: _duckdb(p, load=True),
    "duckdb-load-unordered": lambda p: _duckdb(p, load=True, ordered=False),
    "nkwatch": _nkwatch,
    "nkwatch-no-lines": lambda p: _nkwatch(p, lines=False),
    "pandas": _pandas,
    "pandas-parquet": lambda p: _pandas(p, parquet=True),
}


def warm(path: Path) -> None:
    """Read the file once, untimed, so every run starts with it in the page cache (the run
    before may have pushed it out: a 10 M-row file is 3.8 GiB)."""
    with path.open("rb") as fh:
        while fh.read(1 << 24):
            pass


def one(kind: str, path: Path) -> dict[str, object]:
    warm(path)
    started = time.perf_counter()
    rows = RUNS[kind](path)
    secs = time.perf_counter() - started
    rss = peak_rss_mib()  # MiB
    return {"run": kind, "rows": rows, "seconds": round(secs, 2),
            "rows_per_s": round(rows / secs), "peak_rss_mib": round(rss)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="GDELT ingest throughput")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--runs", default=",".join(RUNS))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.files[0])))
        return
    absent = [str(p) for p in args.files if not p.is_file()]
    if absent:
        raise SystemExit(
            f"no such file: {', '.join(absent)}; make one from the real GDELT rows with\n"
            "  python benchmarks/ingest/generate.py --rows 1000000 --out "
            "/tmp/nkbench/gdelt-1m.export.CSV\n(or run: make bench-ingest ROWS=1000000)"
        )
    print("| file | run | rows | seconds | rows/s | peak RSS MiB |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for path in args.files:
        for kind in args.runs.split(","):
            done = subprocess.run(
                [sys.executable, __file__, "--one", kind, str(path)],
                capture_output=True, text=True,
            )  # fmt: skip
            if done.returncode:
                raise SystemExit(f"{kind} on {path} failed:\n{done.stderr}")
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"| {path.name} | {kind} | {r['rows']:,} | {r['seconds']} | "
                  f"{r['rows_per_s']:,} | {r['peak_rss_mib']:,} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
