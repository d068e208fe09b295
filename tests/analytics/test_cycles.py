"""Provocation -> Security Council resolution -> talks, on a fixture record of our own, with
and without the CSIS and CNS fixtures; and over the bundled record (all six nuclear tests)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nkwatch.analytics.cycles import cycles
from nkwatch.build import build
from nkwatch.sources.ingest import ingest
from nkwatch.store import QueryError, Store

from ..conftest import shared_file
from .conftest import EVENTS


@pytest.fixture
def cycles_store(cycles_kb, db_path):
    build(db_path, cycles_kb)
    s = Store.open(db_path, kb_dir=cycles_kb)
    yield s
    s.close()


def _lags(found):
    return {(r["date"], r["kind"]): r for r in found["lags"]}


def test_lags_from_the_curated_record(cycles_store):
    found = cycles(cycles_store)
    lags = _lags(found)
    assert list(lags) == [
        ("2006-10-09", "nuclear-test"),
        ("2009-05-25", "nuclear-test"),
        ("2010-05-01", "long-range-launch"),
    ]
    first = lags["2006-10-09", "nuclear-test"]
    assert (first["resolution"], first["lag_days"]) == ("S/RES/1718 (2006)", 5)
    assert (first["talks_lag_days"], first["talks_within_6m"]) == (70, True)
    second = lags["2009-05-25", "nuclear-test"]
    assert (second["resolution"], second["lag_days"]) == ("S/RES/1874 (2009)", 18)
    assert second["talks_date"] == "2011-07-01" and not second["talks_within_6m"]
    # a mandate renewal of the panel of experts is not a response
    assert lags["2010-05-01", "long-range-launch"]["resolution"] is None
    nuclear = {s["kind"]: s for s in found["summary"]}["nuclear-test"]
    assert (nuclear["triggers"], nuclear["median_lag_days"]) == (2, 11.5)
    assert nuclear["share_followed_by_talks"] == 0.5


def test_all_resolutions_and_windows(cycles_store):
    lags = _lags(cycles(cycles_store, responses="all"))
    launch = lags["2010-05-01", "long-range-launch"]
    assert (launch["resolution"], launch["lag_days"]) == ("S/RES/1928 (2010)", 37)
    lags = _lags(cycles(cycles_store, months=30))
    assert lags["2009-05-25", "nuclear-test"]["talks_within_30m"] is True
    with pytest.raises(QueryError, match="use sanctions or all"):
        cycles(cycles_store, responses="some")


def test_with_csis_and_cns(cycles_store, cycles_kb):
    ingest(cycles_store.path, "cns-missiles", [EVENTS / "cns-small.csv"])
    ingest(cycles_store.path, "csis-provocations", [EVENTS / "csis-small.csv"])
    with Store.open(cycles_store.path, kb_dir=cycles_kb) as store:
        found = cycles(store)
    lags = _lags(found)
    assert list(lags) == [
        ("2006-07-05", "long-range-launch"),
        ("2006-10-09", "nuclear-test"),
        ("2009-05-25", "nuclear-test"),
        ("2010-05-01", "long-range-launch"),
        ("2017-07-28", "long-range-launch"),
        ("2017-09-03", "nuclear-test"),
        ("2023-04-12", "long-range-launch"),
    ]
    assert lags["2006-07-05", "long-range-launch"]["lag_days"] == 101
    merged = lags["2017-07-28", "long-range-launch"]["reported_by"]
    assert "cns:3" in merged and sum(i.startswith("csis:") for i in merged) == 2
    assert len(lags["2006-10-09", "nuclear-test"]["reported_by"]) == 2  # curated and CSIS
    leaders = {r["leader"]: r for r in found["leaders"]}
    assert {k: (v["tests"], v["nuclear_tests"]) for k, v in leaders.items()} == {
        "kim-il-sung": (1, 0),
        "kim-jong-il": (1, 2),
        "kim-jong-un": (2, 1),
    }
    assert leaders["kim-jong-un"]["tests_from"] == "cns-missiles"
    assert leaders["kim-jong-un"]["tests_per_year"] == pytest.approx(2 / 11.33, abs=0.01)


def test_cli_views(cycles_store, cycles_kb, monkeypatch):
    monkeypatch.setenv("NKWATCH_KB", str(cycles_kb))
    from nkwatch.cli import app
    runner = CliRunner()
    res = runner.invoke(app, ["cycles", "--db", str(cycles_store.path), "--json"])
    assert res.exit_code == 0, res.output
    assert [r["lag_days"] for r in json.loads(res.stdout)] == [5, 18, None]
    res = runner.invoke(
        app, ["cycles", "--view", "leaders", "--db", str(cycles_store.path), "--csv"]
    )
    assert res.stdout.splitlines()[0].startswith("leader,name,start,end")
    res = runner.invoke(app, ["cycles", "--view", "lag", "--db", str(cycles_store.path)])
    assert res.exit_code == 2 and "use lags, summary or leaders" in res.output


def test_bundled_record_gives_a_lag_for_all_six_nuclear_tests(tmp_path):
    path = tmp_path / "bundled.duckdb"
    build(path)
    with Store.open(path) as store:
        found = cycles(store)
    tests = [r for r in found["lags"] if r["kind"] == "nuclear-test"]
    assert [r["date"] for r in tests] == [
        "2006-10-09", "2009-05-25", "2013-02-12", "2016-01-06", "2016-09-09", "2017-09-03",
    ]  # fmt: skip
    assert all(r["lag_days"] is not None and 0 < r["lag_days"] < 120 for r in tests), tests


@pytest.mark.shared_data
def test_bundled_record_with_the_real_csis_and_cns_data(tmp_path):
    path = tmp_path / "bundled.duckdb"
    build(path)
    ingest(
        path,
        "csis-provocations",
        [shared_file("csis-nk-provocations", "north_korea_provocations_1958_present.csv")],
    )
    ingest(
        path,
        "cns-missiles",
        [shared_file("cns-nk-missile-tests", "north_korea_missile_test_database.csv")],
    )
    with Store.open(path) as store:
        found = cycles(store)
    tests = [r for r in found["lags"] if r["kind"] == "nuclear-test"]
    assert len(tests) == 6 and all(r["lag_days"] is not None for r in tests)
    assert all(any(i.startswith("csis:") for i in r["reported_by"]) for r in tests)
    leaders = {r["leader"]: r for r in found["leaders"]}
    assert sum(r["tests"] for r in leaders.values()) == 245
    assert leaders["kim-jong-un"]["nuclear_tests"] == 4
