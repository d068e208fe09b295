"""Dyad series: counts by quad class and direction, Goldstein, reports grouped into events,
normalisation by the period's volume; the same numbers from the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nkwatch.analytics.dyads import dyads
from nkwatch.build import build
from nkwatch.store import QueryError, Store

from ..conftest import FIXTURE_KB, shared_file


def _by_period(rows):
    return {r["period"]: r for r in rows}


def test_icews_month_series(event_store):
    got = _by_period(dyads(event_store, "USA", "month", sources=["icews"]))
    assert list(got) == ["2018-06-01", "2018-07-01", "2018-09-01", "2018-10-01"]
    june, july, sept, octo = got.values()
    assert (june["events"], june["events_out"], june["events_in"]) == (2, 2, 0)
    assert (june["cooperation"], june["conflict"], june["goldstein_sum"]) == (2, 0, 5.9)
    assert june["goldstein_mean"] == 2.95 and june["share"] == 1.0
    assert (july["events"], july["events_in"], july["verbal_conflict"]) == (1, 1, 1)
    assert (july["total_events"], july["share"]) == (2, 0.5)
    # the duplicated triple counts once; China and India's events are volume only
    assert (sept["events"], sept["total_events"], sept["share"]) == (1, 3, 0.333333)
    assert (octo["events"], octo["events_out"], octo["events_in"]) == (3, 1, 2)
    assert (octo["cooperation"], octo["conflict"], octo["goldstein_mean"]) == (2, 1, 0.3)


def test_gdelt_reports_are_grouped_into_events(event_store):
    got = _by_period(dyads(event_store, "USA", "month", sources=["gdelt"]))
    june = got["2018-06-01"]
    # rows 1 and 2: same actors, code, day and place -> one event of two reports
    assert (june["events"], june["reports"], june["mentions"]) == (2, 3, 20)
    assert (june["verbal_coop"], june["material_coop"]) == (1, 1)
    assert (june["total_events"], june["total_mentions"]) == (2, 20)
    assert got["2018-07-01"]["total_events"] == 3
    assert got["2018-08-01"]["events"] == 0 and got["2018-08-01"]["total_events"] == 1


def test_year_and_week_and_range(event_store):
    [year] = dyads(event_store, "USA", "year")
    assert year["period"] == "2018-01-01"
    assert year["events"] == 2 + 1 + 1 + 3 + 2 + 1  # icews + gdelt events
    weeks = dyads(event_store, "USA", "week", sources=["gdelt"])
    assert weeks[0]["period"] == "2018-06-11"  # a Monday
    ranged = dyads(event_store, "USA", "month", date_from="2018-07", date_to="2018-09")
    assert [r["period"] for r in ranged] == ["2018-07-01", "2018-08-01", "2018-09-01"]


def test_other_partner_and_empty_dyad(event_store):
    rows = dyads(event_store, "CHN", "month", sources=["icews"])
    assert sum(r["events"] for r in rows) == 1
    assert all(r["events"] == 0 for r in dyads(event_store, "SWE", "month"))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"partner": "US"}, "not an ISO 3166 alpha-3 code"),
        ({"partner": "PRK"}, "another state than the DPRK"),
        ({"partner": "USA", "freq": "day"}, "use year, month or week"),
        ({"partner": "USA", "date_from": "2019", "date_to": "2018"}, "the range is empty"),
        ({"partner": "USA", "sources": ["acled"]}, "unknown source 'acled': use one of gdelt"),
    ],
)
def test_errors_name_the_fix(event_store, kwargs, message):
    with pytest.raises(QueryError, match=message):
        dyads(event_store, **kwargs)


def test_no_event_data(db_path):
    build(db_path, FIXTURE_KB)
    with (
        Store.open(db_path, kb_dir=FIXTURE_KB) as store,
        pytest.raises(QueryError, match="no event data in the store: ingest some first"),
    ):
        dyads(store, "USA")


def test_cli_gives_the_library_numbers(event_db, event_store, monkeypatch):
    monkeypatch.setenv("NKWATCH_KB", str(FIXTURE_KB))
    from nkwatch.cli import app
    res = CliRunner().invoke(
        app,
        [
            "dyads",
            "--partner",
            "usa",
            "--freq",
            "month",
            "--source",
            "icews",
            "--db",
            str(event_db),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == dyads(event_store, "USA", "month", sources=["icews"])
    res = CliRunner().invoke(app, ["dyads", "--partner", "US", "--db", str(event_db)])
    assert res.exit_code == 2 and "not an ISO 3166 alpha-3 code" in res.output


@pytest.mark.shared_data
def test_done_when_icews18_months(db_path):
    """`nkwatch dyads --partner USA --freq month --source icews` shows the 2018 months."""
    from nkwatch.sources.ingest import ingest

    build(db_path, FIXTURE_KB)
    ingest(
        db_path,
        "icews",
        [shared_file("icews18-tkg", "valid.txt"), shared_file("icews18-tkg", "test.txt")],
    )
    from nkwatch.cli import app
    res = CliRunner().invoke(
        app,
        [
            "dyads",
            "--partner",
            "USA",
            "--freq",
            "month",
            "--source",
            "icews",
            "--db",
            str(db_path),
            "--csv",
        ],
    )
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert [ln.split(",")[0] for ln in lines[1:]] == ["2018-08-01", "2018-09-01", "2018-10-01"]
    assert all(int(ln.split(",")[1]) > 0 for ln in lines[1:])
