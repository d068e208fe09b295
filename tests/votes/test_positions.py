"""Positions on the first dimension of a year's UN agreement matrix (classical MDS)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from nkwatch.analytics.positions import positions, scale
from nkwatch.cli import app
from nkwatch.store import QueryError


def test_scale_recovers_a_line():
    # four states on a line at 0, 1, 2, 3 (dissimilarity = distance / 3): one dimension
    where = {"A": 0, "B": 1, "C": 2, "D": 3}
    states = sorted(where)
    agree = {(a, b): 1 - abs(where[a] - where[b]) / 3 for a in states for b in states if a < b}
    pos, share = scale(agree, states)
    assert share == pytest.approx(1.0)
    gaps = [pos[i + 1] - pos[i] for i in range(3)]
    assert all(g == pytest.approx(gaps[0]) for g in gaps) and abs(gaps[0]) == pytest.approx(1 / 3)


def test_positions_on_the_fixture_votes(votes_store):
    rows = positions(votes_store, 2010, min_votes=1)
    by = {r["country"]: r for r in rows}
    assert by["USA"]["position"] > 0 and by["PRK"]["position"] < 0  # the sign: USA positive
    assert rows[0]["country"] in ("USA", "GBR") and rows[0]["rank"] == 1
    assert by["PRK"]["position"] == by["CUB"]["position"]  # they voted alike in 2010
    assert by["PRK"]["votes"] == 3 and 0 < rows[0]["explained"] <= 1
    with pytest.raises(QueryError, match="fewer than 3 states"):
        positions(votes_store, 1999)


def test_positions_cli_and_api(votes_db: Path):
    from nkwatch.api.app import create_app

    env = {"NKWATCH_DB": str(votes_db)}
    out = CliRunner().invoke(
        app, ["alignment", "--positions", "--year", "2010", "--min-votes", "1", "--nl"], env=env
    )
    assert out.exit_code == 0, out.output
    first = json.loads(out.stdout.splitlines()[0])
    assert first["rank"] == 1 and set(first) >= {"country", "position", "votes", "explained"}
    out = CliRunner().invoke(app, ["alignment", "--year", "2010"], env=env)
    assert out.exit_code == 2 and "--positions and --year" in out.output
    with TestClient(create_app(votes_db, prepare=False)) as client:
        r = client.get("/api/alignment/positions", params={"year": 2010, "min_votes": 1}).json()
        assert r["ok"] and r["year"] == 2010 and r["data"][-1]["position"] < 0
        csv = client.get("/api/alignment/positions.csv", params={"year": 2010, "min_votes": 1})
        assert csv.text.startswith("year,rank,country")
        assert client.get("/api/alignment/positions", params={"year": 1800}).status_code in (
            400,
            422,
        )
