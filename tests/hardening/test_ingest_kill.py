"""Issue 10: an ingest killed at any point, even inside its COMMIT, leaves the store
consistent: every report row belongs to an ingest record and every record has its rows.

Before nkwatch.journal, ``kill -9`` during the COMMIT of a 2,000,000-row GDELT ingest left
the rows without their ``ev_ingests`` row in 4 kills of 5. Here a subprocess ingests a
generated GDELT file into a store holding an earlier ingest and is killed (SIGKILL) at 24
points: spread over the whole run, and at growing delays after the start of each COMMIT
(the journal's, the ingest's own, and the clearing one). After each kill the store is
opened for writing as nkwatch does, then checked: it holds the earlier ingest alone, or that
and the new one whole. The test asserts consistency, never timing: where a kill lands on a
loaded machine changes which of the two states is found, not the verdict.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from nkwatch import lists
from nkwatch.sources.ingest import ingest, repair

from ..conftest import REPO
from .hostile import write_gdelt2

#: one DuckDB row group is 122,880 rows: over it, the engine writes rows to the file before
#: the COMMIT (the path the crash tore)
ROWS = int(os.environ.get("NKWATCH_KILL_ROWS", "130000"))
BASE_ROWS = 1_000

CHILD = """
import sys, time
sys.path.insert(0, {src!r})
import nkwatch.journal as journal
from nkwatch.sources.ingest import ingest
from nkwatch.lists import ingest as ingest_list

original = journal._commit

def marked(con):
    print("COMMIT", time.perf_counter(), flush=True)
    original(con)
    print("COMMITTED", time.perf_counter(), flush=True)

journal._commit = marked
print("READY", flush=True)
if {lists!r}:
    ingest_list({db!r}, "un-sanctions", [{path!r}])
else:
    ingest({db!r}, "gdelt", [{path!r}])
print("DONE", flush=True)
"""


def _child(db: Path, path: Path, *, lists: bool = False) -> subprocess.Popen[str]:
    code = CHILD.format(src=str(REPO / "src"), db=str(db), path=str(path), lists=lists)
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )


def _kill_after(proc: subprocess.Popen[str], commit: int | None, delay: float) -> str:
    """Wait for READY (or for the ``commit``-th COMMIT), sleep ``delay``, SIGKILL; returns
    the last line seen."""
    seen, last = 0, ""
    assert proc.stdout is not None
    while True:
        line = proc.stdout.readline()
        if not line:  # finished before the point
            break
        last = line.split()[0] if line.strip() else ""
        if last == "COMMIT":
            seen += 1
        if (commit is None and last == "READY") or (commit is not None and seen == commit):
            time.sleep(delay)
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=120)
    return last


def _check_events(db: Path, base: int, new: int) -> int:
    """The invariants after recovery; returns the rows held."""
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'nk_journal'"
        ).fetchone() == (0,)
        records = dict(con.execute("SELECT id, rows FROM ev_ingests").fetchall())
        held = dict(
            con.execute("SELECT ingest, count(*) FROM ev_reports_gdelt GROUP BY ingest").fetchall()
        )
        rejected = {r[0] for r in con.execute("SELECT DISTINCT ingest FROM ev_rejects").fetchall()}
    assert set(held) <= set(records), "report rows without their ingest record"
    assert rejected <= set(records), "rejects without their ingest record"
    for ingest_id, n in records.items():
        assert held.get(ingest_id, 0) == n, f"ingest {ingest_id} records {n} rows"
    total = sum(held.values())
    assert total in (base, base + new)
    return total


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("kill")
    base = write_gdelt2(tmp / "base.export.CSV", BASE_ROWS, first=600_000_001)
    big = write_gdelt2(tmp / "big.export.CSV", ROWS)
    store = tmp / "base.duckdb"
    ingest(store, "gdelt", [base])
    return {"store": store, "big": big}


def test_events_ingest_survives_sigkill_anywhere(files: dict[str, Path], tmp_path: Path) -> None:
    # a run without a kill: when its steps happen here, and the whole end state
    db = tmp_path / "ref.duckdb"
    shutil.copy(files["store"], db)
    proc = _child(db, files["big"])
    marks: dict[str, list[float]] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        word, *stamp = line.split() or [""]
        if word not in ("READY", "COMMIT", "COMMITTED", "DONE"):
            continue  # DuckDB's progress bar
        marks.setdefault(word, []).append(float(stamp[0]) if stamp else time.perf_counter())
    assert proc.wait(timeout=600) == 0
    assert _check_events(db, BASE_ROWS, ROWS) == BASE_ROWS + ROWS
    took = marks["COMMITTED"][-1] - marks["COMMIT"][0]  # from the journal to the end
    commit = marks["COMMITTED"][1] - marks["COMMIT"][1]  # the ingest's own COMMIT

    # 20 kills: 6 spread over the run (from READY), 10 spread over the ingest's COMMIT
    # (COMMIT 2), and at the journal's announcing and clearing COMMITs (1 and 3)
    points: list[tuple[int | None, float]] = [(None, 0.0)]
    points += [(1, took * f) for f in (0.1, 0.3, 0.5, 0.7, 0.9)]
    points += [(2, d) for d in (0.0, 0.001, 0.003, 0.01, 0.03)]
    points += [(2, commit * f) for f in (0.2, 0.4, 0.6, 0.8, 0.95)]
    points += [(1, 0.0), (1, 0.001), (3, 0.0), (3, 0.002)]
    held = []
    for i, (at, delay) in enumerate(points):
        db = tmp_path / f"k{i}.duckdb"
        shutil.copy(files["store"], db)
        _kill_after(_child(db, files["big"]), at, delay)
        repair(db)  # what every nkwatch write does first
        held.append(_check_events(db, BASE_ROWS, ROWS))
        if i % 5 == 0:  # running it again adds the file once, whatever the kill left
            ingest(db, "gdelt", [files["big"]])
            assert _check_events(db, BASE_ROWS, ROWS) == BASE_ROWS + ROWS
        db.unlink()
    assert len(held) >= 20
    print(f"\n{ROWS} rows, {len(held)} kills: {held.count(BASE_ROWS)} left the earlier ingest "
          f"alone, {held.count(BASE_ROWS + ROWS)} both whole")  # fmt: skip


UN = REPO / "tests" / "fixtures" / "lists"


def _sl_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'nk_journal' "
            "OR table_name LIKE 'sl_undo_%'"
        ).fetchone() == (0,)
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("sl_files", "sl_entities", "sl_names", "sl_presence", "sl_designations")
        }


def test_list_ingest_survives_sigkill_anywhere(tmp_path: Path) -> None:
    """The same for the sanctions lists: the store holds the first copy alone, or both."""
    store = tmp_path / "lists.duckdb"
    lists.ingest(store, "un-sanctions", [UN / "un-2022.xml"])
    before = _sl_counts(store)
    full = tmp_path / "full.duckdb"
    shutil.copy(store, full)
    lists.ingest(full, "un-sanctions", [UN / "un-2023.xml"])
    after = _sl_counts(full)
    points = [(None, d) for d in (0.0, 0.05, 0.2)]
    points += [(c, d) for c in (1, 2, 3) for d in (0.0, 0.001, 0.004)]
    for i, (commit, delay) in enumerate(points):
        db = tmp_path / f"l{i}.duckdb"
        shutil.copy(store, db)
        _kill_after(_child(db, UN / "un-2023.xml", lists=True), commit, delay)
        # open for writing as nkwatch does: an ingest of a copy already held changes nothing
        lists.ingest(db, "un-sanctions", [UN / "un-2022.xml"])
        assert _sl_counts(db) in (before, after)


DIE = """
import os, sys
sys.path.insert(0, {src!r})
import nkwatch.journal as journal
from nkwatch.lists import ingest as ingest_list

calls = []
original = journal._commit

def dying(con):
    calls.append(1)
    if len(calls) == 3:  # the list is committed; the journal is not cleared yet
        os._exit(9)
    original(con)

journal._commit = dying
ingest_list({db!r}, "un-sanctions", [{path!r}])
"""


def test_any_write_recovers_every_kind(tmp_path: Path) -> None:
    """A list ingest that died before clearing its journal is undone by the next write of
    event data, not only by the next list ingest (and the other way round)."""
    db = tmp_path / "s.duckdb"
    lists.ingest(db, "un-sanctions", [UN / "un-2022.xml"])
    before = _sl_counts(db)
    code = DIE.format(src=str(REPO / "src"), db=str(db), path=str(UN / "un-2023.xml"))
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 9
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM nk_journal").fetchone() == (1,)
    ingest(db, "gdelt", [REPO / "tests" / "fixtures" / "events" / "gdelt2-small.export.CSV"])
    assert _sl_counts(db) == before
