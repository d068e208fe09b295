"""GDELT: shape detection, the common model, rejects with their lines, zip files,
re-ingesting, atomicity, and the real files in ../shared/data."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from nkwatch.build import build
from nkwatch.sources import gdelt
from nkwatch.sources.base import IngestError
from nkwatch.sources.ingest import ingest

from ..conftest import FIXTURE_KB, shared_file
from .conftest import rows, snapshot


def test_detects_the_version_from_the_shape(events_dir):
    assert gdelt.detect(events_dir / "gdelt2-small.export.CSV") == "gdelt2"
    assert gdelt.detect(events_dir / "gdelt1-mixed.csv") == "gdelt1"


def test_wrong_shape_names_the_fix(events_dir, tmp_path):
    with pytest.raises(IngestError, match="has 58 columns, expected 61: is it a 1.0 daily file"):
        gdelt.detect(events_dir / "gdelt1-mixed.csv", "gdelt2")
    with pytest.raises(IngestError, match="expected 57 or 58: is it a 2.0 export"):
        gdelt.detect(events_dir / "gdelt2-small.export.CSV", "gdelt1")
    other = tmp_path / "mentions.CSV"
    other.write_text("\t".join(["x"] * 16) + "\n")
    with pytest.raises(IngestError, match="has 16 columns, expected 57 or 58"):
        gdelt.detect(other)


def test_maps_rows_to_the_common_model(events_dir, db_path):
    [res] = ingest(db_path, "gdelt", [events_dir / "gdelt2-small.export.CSV"])
    assert (res.format, res.rows, res.rejects, res.duplicates) == ("gdelt2", 7, 0, 0)
    got = rows(
        db_path,
        "SELECT id, date, actor1, actor2, actor1_code, cameo_code, goldstein, quad_class, "
        "mentions, sources, articles, location, lat, line, gdelt.SOURCEURL, gdelt.version "
        "FROM ev_reports ORDER BY line",
    )
    first = got[0]
    assert first[0] == "gdelt2:900000001" and str(first[1]) == "2018-06-12"
    assert first[2:6] == ("PRK", "USA", "PRKGOV", "043")
    assert first[6:11] == (2.8, 1, 10, 2, 10)
    assert first[11] == "Singapore, Singapore" and first[12] == 1.29
    assert first[13] == 1 and first[14] == "https://example.org/news/900000001"
    assert first[15] == 2
    assert [r[13] for r in got] == list(range(1, 8))
    # a CAMEO region is not a state; CAMEO's ROM is ISO's ROU
    assert got[5][2] is None and got[6][2] == "ROU"


def test_ev_events_groups_reports_into_events(events_dir, db_path):
    ingest(db_path, "gdelt", [events_dir / "gdelt2-small.export.CSV"])
    assert rows(db_path, "SELECT count(*), sum(reports) FROM ev_events") == [(6, 7)]
    assert rows(
        db_path, "SELECT reports, mentions, sources, articles FROM ev_events WHERE reports > 1"
    ) == [(2, 16, 5, 16)]


def test_both_gdelt1_layouts(events_dir, db_path):
    [res] = ingest(db_path, "gdelt", [events_dir / "gdelt1-mixed.csv"])
    assert (res.format, res.rows, res.rejects) == ("gdelt1", 3, 0)
    got = rows(
        db_path, "SELECT id, line, gdelt.SOURCEURL, gdelt.version FROM ev_reports ORDER BY line"
    )
    assert got[0] == ("gdelt1:500000001", 1, "https://example.org/v1/500000001", 1)
    assert got[2] == ("gdelt1:1000001", 3, None, 1)  # the 57-column historical row


def test_bad_rows_are_quarantined_with_their_lines(events_dir, db_path):
    [res] = ingest(db_path, "gdelt", [events_dir / "gdelt2-bad.export.CSV"])
    assert (res.rows, res.rejects) == (2, 3)
    assert rows(db_path, "SELECT id, line FROM ev_reports ORDER BY line") == [
        ("gdelt2:900000101", 1),
        ("gdelt2:900000105", 5),
    ]
    rej = rows(db_path, "SELECT line, error, raw FROM ev_rejects ORDER BY line")
    assert [r[0] for r in rej] == [2, 3, 4]
    assert "column" in rej[0][1].lower()
    assert "SQLDATE '20181341'" in rej[1][1]
    assert rej[1][2].startswith("900000103\t20181341\t")
    assert "many" in rej[2][2]


def test_without_line_numbers(events_dir, db_path):
    [res] = ingest(db_path, "gdelt", [events_dir / "gdelt2-bad.export.CSV"], lines=False)
    assert (res.rows, res.rejects) == (2, 3)
    assert rows(db_path, "SELECT id, line FROM ev_reports ORDER BY id") == [
        ("gdelt2:900000101", None),
        ("gdelt2:900000105", None),
    ]
    assert [r[0] for r in rows(db_path, "SELECT line FROM ev_rejects ORDER BY line")] == [2, 3, 4]


def test_zipped_file(events_dir, db_path, tmp_path):
    zipped = tmp_path / "20180612.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(events_dir / "gdelt2-small.export.CSV", "20180612.export.CSV")
    [res] = ingest(db_path, "gdelt", [zipped])
    assert res.rows == 7
    assert rows(db_path, "SELECT DISTINCT file FROM ev_reports") == [
        (f"{zipped}!20180612.export.CSV",)
    ]


def test_reingesting_adds_nothing(events_dir, db_path, tmp_path):
    src = events_dir / "gdelt2-small.export.CSV"
    ingest(db_path, "gdelt", [src])
    before = snapshot(db_path)["ev_reports"]
    [again] = ingest(db_path, "gdelt", [src])
    assert again.skipped and again.rows == 0
    # the same rows in another file (one row changed): only duplicates
    other = tmp_path / "copy.export.CSV"
    other.write_text(src.read_text().replace("https://example.org/news/900000007", "x"))
    [copy] = ingest(db_path, "gdelt", [other])
    assert (copy.rows, copy.duplicates) == (0, 7)
    assert snapshot(db_path)["ev_reports"] == before
    assert rows(db_path, "SELECT count(*) FROM ev_ingests") == [(2,)]


def test_a_failing_file_leaves_the_store_as_it_was(events_dir, db_path, tmp_path):
    build(db_path, FIXTURE_KB)
    ingest(db_path, "gdelt", [events_dir / "gdelt1-mixed.csv"])
    before = snapshot(db_path)
    broken = tmp_path / "broken.CSV"
    broken.write_text("a\tb\tc\n")
    with pytest.raises(IngestError, match="has 3 columns"):
        ingest(db_path, "gdelt", [events_dir / "gdelt2-small.export.CSV", broken])
    assert snapshot(db_path) == before


def test_a_failing_first_ingest_leaves_no_file(db_path, tmp_path):
    broken = tmp_path / "broken.CSV"
    broken.write_text("a\tb\n")
    with pytest.raises(IngestError):
        ingest(db_path, "gdelt", [broken])
    assert not db_path.exists()


def test_build_keeps_ingested_tables_and_ingest_keeps_curated(events_dir, db_path, kb_copy):
    build(db_path, kb_copy)
    curated = {k: v for k, v in snapshot(db_path).items() if not k.startswith("ev_")}
    ingest(db_path, "gdelt", [events_dir / "gdelt2-small.export.CSV"])
    after = snapshot(db_path)
    assert {k: v for k, v in after.items() if not k.startswith("ev_")} == curated
    path = kb_copy / "topics" / "alpha.yaml"
    path.write_text(path.read_text().replace("Sweden establishes", "Sweden sets up"))
    assert build(db_path, kb_copy).changed
    assert snapshot(db_path)["ev_reports"] == after["ev_reports"]


def test_duplicate_ids_in_one_file_are_refused(events_dir, db_path, tmp_path):
    doubled = tmp_path / "doubled.export.CSV"
    text = (events_dir / "gdelt2-small.export.CSV").read_text()
    doubled.write_text(text + text.splitlines()[0] + "\n")
    with pytest.raises(IngestError, match="GLOBALEVENTID 900000001 appears more than once"):
        ingest(db_path, "gdelt", [doubled])


@pytest.mark.shared_data
def test_real_gdelt2_files(db_path):
    files = [
        shared_file("gdelt-v2-events", name)
        for name in (
            "20180326044500.export.CSV",
            "20190121220000.export.CSV",
            "20191024143000.export.CSV",
        )
    ]
    results = ingest(db_path, "gdelt", files)
    assert [r.rows for r in results] == [1540, 1629, 2111]
    assert all(r.rejects == 0 and r.format == "gdelt2" for r in results)
    # the line of every row holds its GLOBALEVENTID
    for f in files:
        first = {i + 1: ln.split("\t", 1)[0] for i, ln in enumerate(f.read_text().splitlines())}
        for rid, line in rows(db_path, "SELECT id, line FROM ev_reports WHERE file = ?", [str(f)]):
            assert rid == f"gdelt2:{first[line]}"
    prk = rows(db_path, "SELECT count(*) FROM ev_reports WHERE 'PRK' IN (actor1, actor2)")
    assert prk == [(19,)]  # as the data README counts them


@pytest.mark.shared_data
def test_real_gdelt1_sample_mixes_57_and_58_columns(db_path, tmp_path):
    src = shared_file("gdelt-v1-sample", "events.csv")
    [res] = ingest(db_path, "gdelt", [src])
    assert (res.format, res.rows, res.rejects) == ("gdelt1", 710, 0)
    assert rows(db_path, "SELECT count(gdelt.SOURCEURL) FROM ev_reports") == [(509,)]
    assert rows(db_path, "SELECT count(*) FROM ev_reports WHERE 'PRK' IN (actor1, actor2)") == [
        (2,)
    ]
    copy = tmp_path / "renamed.csv"
    shutil.copy(src, copy)
    [again] = ingest(db_path, "gdelt", [copy])
    assert again.skipped


def test_one_table_per_source_and_old_stores_move_to_it(events_dir, db_path):
    """A GDELT row is written to ev_reports_gdelt only (no empty ICEWS/CNS/CSIS fields);
    ev_reports is the view over every source's table. A store from before (ev_reports a
    table) is moved to that layout by the next ingest, its rows kept."""
    import duckdb

    ingest(db_path, "gdelt", [events_dir / "gdelt2-small.export.CSV"])
    before = rows(db_path, "SELECT * FROM ev_reports ORDER BY id")
    with duckdb.connect(str(db_path)) as con:
        kinds = dict(
            con.execute(
                "SELECT table_name, 'table' FROM duckdb_tables() WHERE table_name LIKE 'ev_rep%' "
                "UNION ALL SELECT view_name, 'view' FROM duckdb_views() "
                "WHERE view_name LIKE 'ev_rep%'"
            ).fetchall()
        )
        assert kinds == {
            "ev_reports": "view",
            "ev_reports_gdelt": "table",
            "ev_reports_icews": "table",
            "ev_reports_cns": "table",
            "ev_reports_csis": "table",
        }
        assert [c[0] for c in con.execute("DESCRIBE ev_reports_gdelt").fetchall()][-1] == "gdelt"
        # make it the old layout: one table
        con.execute("CREATE TABLE old AS SELECT * FROM ev_reports")
        con.execute("DROP VIEW ev_reports")
        for t in ("gdelt", "icews", "cns", "csis"):
            con.execute(f"DROP TABLE ev_reports_{t}")
        con.execute("ALTER TABLE old RENAME TO ev_reports")
    [res] = ingest(db_path, "gdelt", [events_dir / "gdelt1-mixed.csv"])
    assert res.rows == 3
    after = rows(db_path, "SELECT * FROM ev_reports WHERE id LIKE 'gdelt2:%' ORDER BY id")
    assert after == before
    assert rows(db_path, "SELECT count(*) FROM ev_reports_gdelt") == [(10,)]
