"""Every dyad-year of UN General Assembly agreement (all pairs of states that voted in a
common roll call, every year: 834,094 rows from 870 k votes) in one run: nkwatch's Ibis
expression on DuckDB against a plain pandas computation of the same table, side by side.

    .venv/bin/python benchmarks/alignment/bench_alignment.py [--work /tmp/nkbench/alignment]

Each side runs in its own process so that its peak memory (VmHWM) is its own. The
store is built once (the real unvotes files ingested) under ``--work``; pandas reads the same
rows from that store (the ingest's ISO3 mapping, so both compute the same table) and is
timed from its in-memory frame: the figure is the computation, not the reading. The pandas
side is what a pandas user would write: roll calls and states factorised to integer codes
(faster merges than on text), then per year a merge of the votes with themselves on roll
call and year, the pairs ``a < b`` kept, and a groupby of the pair counts; it is timed per
year so that it stays within memory (one merge of all years is about 65 M rows). Both sides
are checked to give the same rows and the same sums of agreement, votes, S and kappa.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import shared_data  # noqa: E402


def prepare(work: Path) -> Path:
    from nkwatch.sources.datasets import ingest_dataset

    db = work / "votes.duckdb"
    if not db.exists():
        base = shared_data.require("unvotes/un_votes.csv.gz", "unvotes/un_roll_calls.csv")
        work.mkdir(parents=True, exist_ok=True)
        ingest_dataset(db, "unvotes", [base / "unvotes"])
    return db


def run_nkwatch(db: Path, threads: int | None = None) -> dict:
    import duckdb
    import ibis

    from nkwatch.analytics.alignment import dyad_years, votes_table
    from nkwatch.build import limit_memory

    con = limit_memory(duckdb.connect(str(db), read_only=True))
    con.execute("SET enable_progress_bar = false")
    if threads:
        con.execute(f"SET threads = {threads}")
    backend = ibis.duckdb.from_connection(con)
    started = time.perf_counter()
    table = dyad_years(votes_table(backend)).to_pyarrow()
    secs = time.perf_counter() - started
    df = table.to_pandas()
    return {"rows": table.num_rows, "seconds": secs, **_sums(df["agreement"], df["votes"],
            df["s_score"], df["kappa"].fillna(0.0))}  # fmt: skip


def run_pandas(db: Path) -> dict:
    import duckdb
    import numpy as np
    import pandas as pd

    con = duckdb.connect(str(db), read_only=True)
    df = con.execute(
        "SELECT v.roll_call, v.country, v.vote, year(r.date) AS year FROM uv_votes v "
        "JOIN uv_roll_calls r ON r.id = v.roll_call WHERE v.country IS NOT NULL"
    ).df()
    con.close()
    started = time.perf_counter()
    df["x"] = df["vote"].map({"yes": 1, "abstain": 2, "no": 3}).astype("int8")
    df["rc"] = pd.factorize(df["roll_call"])[0].astype("int32")
    codes, names = pd.factorize(df["country"], sort=True)  # code order = name order
    df["country"] = codes.astype("int16")
    parts = []
    for _year, g in df[["rc", "country", "x", "year"]].groupby("year"):
        m = g.merge(g, on=["rc", "year"], suffixes=("_a", "_b"))
        m = m[m["country_a"] < m["country_b"]]
        xa, xb = m["x_a"].to_numpy(), m["x_b"].to_numpy()
        m = m.assign(same=(xa == xb).astype("int64"), dist=np.abs(xa.astype("int16") - xb),
                     a1=(xa == 1), a2=(xa == 2), a3=(xa == 3),
                     b1=(xb == 1), b2=(xb == 2), b3=(xb == 3))  # fmt: skip
        agg = m.groupby(["year", "country_a", "country_b"]).agg(
            votes=("same", "size"), same=("same", "sum"), dist=("dist", "sum"),
            a1=("a1", "sum"), a2=("a2", "sum"), a3=("a3", "sum"),
            b1=("b1", "sum"), b2=("b2", "sum"), b3=("b3", "sum"),
        )  # fmt: skip
        parts.append(agg)
    out = pd.concat(parts).reset_index()
    out["country_a"] = names[out["country_a"].to_numpy()]
    out["country_b"] = names[out["country_b"].to_numpy()]
    n = out["votes"].astype("float64")
    p_o = out["same"] / n
    p_e = (out["a1"] * out["b1"] + out["a2"] * out["b2"] + out["a3"] * out["b3"]) / (n * n)
    out["agreement"] = p_o
    out["s_score"] = 1.0 - out["dist"] / n
    out["kappa"] = np.where(p_e < 1.0, (p_o - p_e) / (1.0 - p_e), np.nan)
    secs = time.perf_counter() - started
    return {"rows": len(out), "seconds": secs, **_sums(out["agreement"], out["votes"],
            out["s_score"], out["kappa"].fillna(0.0))}  # fmt: skip


def _sums(agreement, votes, s_score, kappa) -> dict:
    return {"agreement_sum": float(agreement.sum()), "votes_sum": int(votes.sum()),
            "s_sum": float(s_score.sum()), "kappa_sum": float(kappa.sum())}  # fmt: skip


#: nkwatch on DuckDB's default threads (the machine's cores), nkwatch on one thread (pandas
#: computes on one), pandas
SIDES = ("nkwatch", "nkwatch-1-thread", "pandas")


def child(side: str, db: Path) -> None:
    if side == "pandas":
        res = run_pandas(db)
    else:
        res = run_nkwatch(db, threads=1 if side == "nkwatch-1-thread" else None)
    # VmHWM, not ru_maxrss: Linux carries a forking parent's resident size over into ru_maxrss
    res["peak_rss_mib"] = (
        next(
            int(line.split()[1])
            for line in Path("/proc/self/status").read_text().splitlines()
            if line.startswith("VmHWM:")
        )
        / 1024
    )
    print(json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/nkbench/alignment"))
    ap.add_argument("--side", choices=SIDES, help=argparse.SUPPRESS)
    args = ap.parse_args()
    db = prepare(args.work)
    if args.side:
        child(args.side, db)
        return
    res = {}
    for side in SIDES:
        out = subprocess.run([sys.executable, __file__, "--work", str(args.work), "--side", side],
                             check=True, capture_output=True, text=True)  # fmt: skip
        res[side] = json.loads(out.stdout.strip().splitlines()[-1])
    b = res["pandas"]
    for a in (res["nkwatch"], res["nkwatch-1-thread"]):
        assert a["rows"] == b["rows"] and a["votes_sum"] == b["votes_sum"], res
        for k in ("agreement_sum", "s_sum", "kappa_sum"):
            assert abs(a[k] - b[k]) < 1e-6 * a["rows"], (k, res)
    print("| | dyad-year rows | seconds | pandas ÷ this | peak RSS (MiB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for side in SIDES:
        r = res[side]
        print(f"| {side} | {r['rows']:,} | {r['seconds']:.2f} | "
              f"{b['seconds'] / r['seconds']:.1f}x | {r['peak_rss_mib']:.0f} |")  # fmt: skip
    print("\nsame rows and sums of agreement, votes, S and kappa on every side")


if __name__ == "__main__":
    main()
