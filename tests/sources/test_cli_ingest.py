"""``nkwatch ingest`` on the command line: output options, errors that name the fix."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from ..conftest import FIXTURE_KB
from .conftest import rows

runner = CliRunner()


def _app() -> typer.Typer:
    from nkwatch.cli import app

    return app


def test_ingest_json(events_dir, db_path):
    from nkwatch.build import build

    build(db_path, FIXTURE_KB)
    res = runner.invoke(
        _app(),
        [
            "ingest",
            "gdelt",
            str(events_dir / "gdelt2-bad.export.CSV"),
            "--db",
            str(db_path),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    [out] = json.loads(res.stdout)
    assert (out["rows"], out["rejects"], out["format"]) == (2, 3, "gdelt2")
    assert rows(db_path, "SELECT count(*) FROM ev_rejects") == [(3,)]


def test_ingest_table_says_where_rejects_are(events_dir, db_path):
    res = runner.invoke(
        _app(), ["ingest", "gdelt", str(events_dir / "gdelt2-bad.export.CSV"), "--db", str(db_path)]
    )
    assert res.exit_code == 0
    assert "3 row(s) quarantined in ev_rejects" in res.output


def test_wrong_format_names_the_fix(events_dir, db_path):
    res = runner.invoke(
        _app(),
        [
            "ingest",
            "gdelt",
            "--format",
            "gdelt2",
            str(events_dir / "gdelt1-mixed.csv"),
            "--db",
            str(db_path),
        ],
    )
    assert res.exit_code == 2
    assert "has 58 columns, expected 61: is it a 1.0 daily file? use --format gdelt1" in res.output
    assert "nothing was written" in res.output
    assert not db_path.exists()


def test_unknown_source_and_missing_file(events_dir, db_path):
    res = runner.invoke(
        _app(), ["ingest", "acled", str(events_dir / "icews-triples.txt"), "--db", str(db_path)]
    )
    assert res.exit_code == 2 and "unknown source 'acled': use one of gdelt, icews" in res.output
    res = runner.invoke(_app(), ["ingest", "icews", "nowhere.txt", "--db", str(db_path)])
    assert res.exit_code == 2 and "no file nowhere.txt" in res.output
    res = runner.invoke(_app(), ["ingest", "icews", "--db", str(db_path)])
    assert res.exit_code == 2 and "give the files to ingest" in res.output
