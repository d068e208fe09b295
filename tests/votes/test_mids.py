"""COW MIDs of the DPRK as a data layer and their match with the curated events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from nkwatch.analytics import mids
from nkwatch.cli import app
from nkwatch.store import QueryError, Store

from ..conftest import shared_file


def test_fixture_mids(votes_store):
    d = {r["id"]: r for r in mids.disputes(votes_store)}
    assert set(d) == {100, 200}  # dispute 300 has no DPRK participant
    assert d[100]["side_a"] == ["PRK"] and d[100]["side_b"] == ["USA"]
    assert d[100]["start"] == "1950-06-25" and d[100]["hostility"] == "war"
    assert d[200]["start"] == "1968-01" and d[200]["incidents"] == 1  # day unknown (-9)
    inc = mids.incidents(votes_store)
    assert [(r["id"], r["start"], r["partners"]) for r in inc] == [(200001, "1968-01-23", ["USA"])]
    m = mids.matching(votes_store)
    # the fixture record's only conflict event (Rangoon, with Myanmar) meets no MID
    assert [e["event"] for e in m["unmatched_events"]] == ["ev-1983-10-rangoon"]
    assert m["counts"]["records"] == 2 and m["counts"]["records_matched"] == 0
    with pytest.raises(QueryError, match="dispute or incident"):
        mids.listing(votes_store, "war")


def test_no_mids_is_a_clear_error(store):
    with pytest.raises(QueryError, match="nkwatch ingest cow"):
        mids.disputes(store)


def test_mids_cli_and_api(votes_db: Path):
    from nkwatch.api.app import create_app

    env = {"NKWATCH_DB": str(votes_db)}
    out = CliRunner().invoke(app, ["mids", "--nl"], env=env)
    assert out.exit_code == 0, out.output
    first = json.loads(out.stdout.splitlines()[0])
    assert first["id"] == 100 and first["side_b"] == ["USA"]
    out = CliRunner().invoke(app, ["mids", "--incidents", "--nl"], env=env)
    assert json.loads(out.stdout)["id"] == 200001
    out = CliRunner().invoke(app, ["mids", "--unmatched", "--csv"], env=env)
    assert out.exit_code == 0 and out.stdout.startswith("side,id,date,states,what,note")
    with TestClient(create_app(votes_db, prepare=False)) as client:
        r = client.get("/api/mids").json()
        assert r["ok"] and r["count"] == 2 and "Correlates of War" in r["source"]
        r = client.get("/api/mids", params={"level": "incident"}).json()
        assert r["data"][0]["id"] == 200001
        assert client.get("/api/mids.csv").text.startswith("kind,id,dispute,start")
        r = client.get("/api/mids/matching").json()
        assert r["ok"] and r["counts"]["disputes"] == 2 and "unmatched_mids" in r


@pytest.mark.shared_data
def test_real_mids_meet_the_curated_incidents(tmp_path):
    from nkwatch.build import build
    from nkwatch.sources.datasets import ingest_dataset

    folder = shared_file("cow", "MIDA 4.3.csv").parent
    db = tmp_path / "store.duckdb"
    build(db)  # the real curated record
    ingest_dataset(db, "cow", [folder])
    with Store.open(db, read_only=True) as store:
        m = mids.matching(store)
    c = m["counts"]
    assert (c["disputes"], c["incidents"]) == (49, 191)
    matched = {e["event"]: r for r in m["records"] for e in r["events"]}
    for event, record in [
        ("ev-1968-01-23-uss-pueblo-seized", 347),
        ("ev-1976-08-18-axe-murder-incident", 362),
        ("ev-2010-03-26-cheonan-sinking", 4483019),
        ("ev-2010-11-23-yeonpyeong-shelling", 4483032),
        ("ev-1999-06-15-first-battle-of-yeonpyeong", 4022075),
    ]:
        assert any(
            e["event"] == event for r in m["records"] if r["id"] == record for e in r["events"]
        ), event
        assert event in matched
    # the disagreements: the 1994 helicopter shot down over the DMZ has no curated event;
    # the KAL 858 bombing (no military force between states) has no MID
    assert 4022030 in {r["id"] for r in m["unmatched_mids"]}
    assert "ev-1987-11-29-kal-858-bombing" in {e["event"] for e in m["unmatched_events"]}
