"""Issue 14: a UN votes ingest killed at any point (SIGKILL, inside its COMMITs too) is
undone on the next write: the store holds the earlier ingest alone, or both whole, and
every ``ds_files`` record has its rows. The same pattern as test_ingest_kill.py, shorter:
a generated unvotes release a little over one DuckDB row group, killed at 8 points."""

from __future__ import annotations

import csv
import gzip
import shutil
from pathlib import Path

import duckdb

from nkwatch.sources.datasets import ingest_dataset
from nkwatch.sources.ingest import repair

from ..conftest import REPO
from ..votes.conftest import VOTES
from .test_ingest_kill import _kill_after

ROLL_CALLS, STATES = 1_000, 130  # 130,000 votes: over one row group (122,880)

CHILD = """
import sys, time
sys.path.insert(0, {src!r})
import nkwatch.journal as journal
from nkwatch.sources.datasets import ingest_dataset

original = journal._commit

def marked(con):
    print("COMMIT", time.perf_counter(), flush=True)
    original(con)
    print("COMMITTED", time.perf_counter(), flush=True)

journal._commit = marked
print("READY", flush=True)
ingest_dataset({db!r}, "unvotes", [{path!r}])
print("DONE", flush=True)
"""


def _release(folder: Path) -> Path:
    """An unvotes release of ROLL_CALLS roll calls, STATES states voting on each (state
    codes from reference/iso2_iso3.csv, so that every row maps)."""
    folder.mkdir()
    with (REPO / "src/nkwatch/reference/iso2_iso3.csv").open(newline="") as fh:
        known = [r[0] for r in csv.reader(fh)][1:]
    codes = known[:STATES]
    with (folder / "un_roll_calls.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["rcid", "session", "importantvote", "date", "unres", "amend", "para",
                    "short", "descr"])  # fmt: skip
        for i in range(ROLL_CALLS):
            w.writerow([100_000 + i, 70, 0, f"2015-{1 + i % 12:02d}-10", f"R/70/{i}", 0, 0,
                        "GENERATED", "A GENERATED ROLL CALL"])  # fmt: skip
    with gzip.open(folder / "un_votes.csv.gz", "wt", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["rcid", "country", "country_code", "vote"])
        for i in range(ROLL_CALLS):
            for j, code in enumerate(codes):
                w.writerow([100_000 + i, code, code, ("yes", "no", "abstain")[(i + j) % 3]])
    return folder


def _check(db: Path, base: int, new: int) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert "nk_journal" not in tables and not any(t.startswith("ds_undo_") for t in tables)
        recorded = dict(
            con.execute("SELECT kind, sum(rows) FROM ds_files GROUP BY kind").fetchall()
        )
        votes = con.execute("SELECT count(*) FROM uv_votes").fetchone()[0]
        calls = con.execute("SELECT count(*) FROM uv_roll_calls").fetchone()[0]
        # the per-year cells are those of the votes the store holds (made in the same unit)
        cells = con.execute(
            "SELECT sum(votes) FROM uv_focal_cells WHERE country = '*median'"
        ).fetchone()[0]
        dprk = con.execute("SELECT count(*) FROM uv_votes v JOIN uv_roll_calls r ON "
                           "r.id = v.roll_call WHERE v.country = 'PRK'").fetchone()[0]  # fmt: skip
        assert cells == dprk
    assert recorded["votes"] == votes and recorded["roll_calls"] == calls
    assert votes in (base, base + new)
    return votes


def test_killed_unvotes_ingest_is_undone(tmp_path: Path):
    import subprocess
    import sys

    src = _release(tmp_path / "release")
    store = tmp_path / "base.duckdb"
    ingest_dataset(store, "unvotes", [VOTES / "unvotes"])
    with duckdb.connect(str(store), read_only=True) as con:
        base = con.execute("SELECT count(*) FROM uv_votes").fetchone()[0]
    ref = tmp_path / "ref.duckdb"  # an uninterrupted run: how many votes the release adds
    shutil.copy(store, ref)
    ingest_dataset(ref, "unvotes", [src])
    with duckdb.connect(str(ref), read_only=True) as con:
        new = con.execute("SELECT count(*) FROM uv_votes").fetchone()[0] - base
    assert new > 122_880

    def child(db: Path) -> subprocess.Popen[str]:
        code = CHILD.format(src=str(REPO / "src"), db=str(db), path=str(src))
        return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)  # fmt: skip

    points = [(None, 0.3), (None, 1.0), (None, 2.5), (1, 0.0), (2, 0.0), (2, 0.005),
              (2, 0.05), (3, 0.0)]  # fmt: skip
    held = []
    for i, (at, delay) in enumerate(points):
        db = tmp_path / f"k{i}.duckdb"
        shutil.copy(store, db)
        _kill_after(child(db), at, delay)
        repair(db)  # what every nkwatch write does first
        held.append(_check(db, base, new))
        if i == 0:  # running it again adds the release once
            ingest_dataset(db, "unvotes", [src])
            assert _check(db, base, new) == base + new
        db.unlink()
    assert len(held) == len(points)
    print(f"\n{new} votes, {len(held)} kills: {held.count(base)} left the earlier ingest "
          f"alone, {held.count(base + new)} both whole")  # fmt: skip
