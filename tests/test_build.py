"""The build: atomic (a failing build leaves the previous store as it was), idempotent (a
second build of the same files changes nothing), and ingested tables survive a rebuild."""

import hashlib

import duckdb
import pytest

from nkwatch.build import StoreError, build, is_current
from nkwatch.model import KBError

from .conftest import FIXTURE_KB


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(path):
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() ORDER BY table_name"
            ).fetchall()
        ]
        return {
            t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables
        }


def test_build_writes_every_table(db_path):
    result = build(db_path, FIXTURE_KB)
    assert result.changed
    assert result.counts["events"] == 3
    with duckdb.connect(str(db_path), read_only=True) as con:
        row = con.execute(
            "SELECT date, date_latest, date_precision, goldstein, quad_class "
            "FROM events WHERE id = 'ev-1983-10-rangoon'"
        ).fetchone()
    assert str(row[0]) == "1983-10-01" and str(row[1]) == "1983-10-31"
    assert row[2] == "month"
    assert row[3] == 0.0 and row[4] == 1
    assert is_current(db_path, FIXTURE_KB)


def test_second_build_changes_nothing(db_path):
    build(db_path, FIXTURE_KB)
    before, snap = _sha(db_path), _snapshot(db_path)
    again = build(db_path, FIXTURE_KB)
    assert not again.changed
    assert _sha(db_path) == before
    assert _snapshot(db_path) == snap


def test_forced_rebuild_gives_the_same_records(db_path):
    build(db_path, FIXTURE_KB)
    snap = _snapshot(db_path)
    assert build(db_path, FIXTURE_KB, force=True).changed
    after = _snapshot(db_path)
    snap.pop("meta"), after.pop("meta")  # built_at differs
    assert after == snap


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("date: 1973-04-07", "date: 1973-04-31"),  # bad date
        ("actors: [SWE, PRK]", "actors: [SWE, ZZZ]"),  # unknown actor
        ("    sources: [s-one]\n  - id: ev-1983", "  - id: ev-1983"),  # missing source
    ],
)
def test_failing_build_leaves_the_previous_store_intact(db_path, kb_copy, old, new):
    build(db_path, kb_copy)
    before, snap = _sha(db_path), _snapshot(db_path)
    # a real change that would otherwise be written, plus one broken record
    path = kb_copy / "topics" / "alpha.yaml"
    text = path.read_text("utf-8").replace("Sweden establishes relations", "Changed title")
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(KBError) as info:
        build(db_path, kb_copy)
    assert "topics/alpha.yaml" in str(info.value)
    assert _sha(db_path) == before
    assert _snapshot(db_path) == snap


def test_failing_first_build_leaves_no_file(db_path, kb_copy):
    (kb_copy / "topics" / "alpha.yaml").write_text("events: [{id: x}]\n", "utf-8")
    with pytest.raises(KBError):
        build(db_path, kb_copy)
    assert not db_path.exists()


def test_rebuild_keeps_ingested_tables(db_path, kb_copy):
    build(db_path, kb_copy)
    with duckdb.connect(str(db_path)) as con:
        con.execute("CREATE TABLE ingested_rows AS SELECT 42 AS answer")
    path = kb_copy / "topics" / "alpha.yaml"
    path.write_text(
        path.read_text("utf-8").replace("Sweden establishes", "Sweden sets up"), "utf-8"
    )
    assert build(db_path, kb_copy).changed
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT answer FROM ingested_rows").fetchone() == (42,)
        assert con.execute(
            "SELECT title FROM events WHERE id='ev-1973-04-07-sweden'"
        ).fetchone() == ("Sweden sets up relations",)


def test_not_a_duckdb_file(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match="not a DuckDB store"):
        build(bogus, FIXTURE_KB)
    assert bogus.read_text() == "these are my notes, not a database\n"


def test_bundled_record_validates_and_builds(tmp_path):
    result = build(tmp_path / "bundled.duckdb")
    assert result.counts["events"] > 0
    assert result.counts["claims"] > 0
