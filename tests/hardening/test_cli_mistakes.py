"""Issue 10 (command line): a mistake is an error that names the fix, never an empty answer
(exit 0) or a traceback. Each test failed before its fix."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nkwatch.cli import app
from nkwatch.lists import ingest
from nkwatch.schema import vocab

from ..conftest import FIXTURE_KB

LISTS = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


@pytest.fixture
def run(monkeypatch, db_path):
    monkeypatch.setenv("NKWATCH_KB", str(FIXTURE_KB))
    monkeypatch.setenv("NKWATCH_DB", str(db_path))
    runner = CliRunner()

    def invoke(*args: str, code: int = 0):
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output + repr(result.exception)
        return result

    return invoke


@pytest.mark.parametrize(
    ("args", "vocabulary"),
    [
        (["events", "--type", "nonsense"], "event_type"),
        (["actors", "--type", "nonsense"], "actor_type"),
        (["relations", "--kind", "nonsense"], "relation_kind"),
        (["claims", "--verdict", "nonsense"], "verdict"),
        (["sources", "--level", "nonsense"], "source_level"),
    ],
)
def test_unknown_value_lists_the_valid_ones(run, args, vocabulary):
    """Before: 0 rows, exit 0."""
    out = run(*args, code=2).output
    assert "'nonsense' is not" in out
    assert all(v in out for v in vocab.values(vocabulary))


def test_valid_value_still_works(run):
    assert "0 row(s)" not in run("events", "--type", "diplomatic").output


def test_unknown_partner_says_how_to_list_codes(run):
    """Before: a series of zeros, exit 0."""
    out = run("dyads", "--partner", "ZZZ", "--source", "curated", code=2).output
    assert "nkwatch actors --type state" in out


def test_missing_analytics_extra_names_it(run, monkeypatch):
    """Before: a 45-line traceback (ModuleNotFoundError: ibis)."""
    monkeypatch.setitem(sys.modules, "ibis", None)
    monkeypatch.delitem(sys.modules, "nkwatch.analytics.dyads", raising=False)
    result = run("dyads", "--partner", "SWE", "--source", "curated", code=2)
    assert "pip install 'nkwatch[analytics]'" in result.output
    assert "Traceback" not in result.output


def test_missing_extra_on_ingest_names_it(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "ibis", None)
    events = Path(__file__).resolve().parents[1] / "fixtures" / "events" / "icews-small.tab"
    result = run("ingest", "icews", str(events), code=2)
    assert "pip install 'nkwatch[analytics]'" in result.output


@pytest.fixture
def with_lists(db_path, run):
    run("build")
    ingest(db_path, "un-sanctions", [LISTS / "un-2022.xml"])
    ofac = LISTS / "ofac"
    ingest(db_path, "ofac-sdn", [ofac / "sdn.csv", ofac / "alt.csv", ofac / "add.csv"])
    return db_path


def test_screen_list_any_case(run, with_lists):
    """Before: --list OFAC screened against nothing: 0 matches, exit 0."""

    def rows(name: str) -> list[dict[str, str]]:  # the screening time aside (it moves)
        out = run("screen", "Kim Yong Chol", "--list", name, "--csv").output
        return [
            {k: v for k, v in r.items() if k != "screened_at"}
            for r in csv.DictReader(io.StringIO(out))
        ]

    upper, lower = rows("OFAC"), rows("ofac")
    assert upper == lower and {r["list"] for r in upper} == {"ofac"}


def test_screen_unknown_list_names_the_lists(run, with_lists):
    out = run("screen", "Kim Yong Chol", "--list", "bogus", code=2).output
    assert "--list 'bogus' is not in the store" in out and "ofac, un" in out


def test_version(run):
    """Before: no such option."""
    from nkwatch import __version__

    assert run("--version").output.strip() == f"nkwatch {__version__}"


def test_flags_take_no_value_in_help(run):
    """Before: '--json <bool>' in every listing's help."""
    out = run("events", "--help").output
    line = next(x for x in out.splitlines() if "--json" in x)
    assert "<bool>" not in line
