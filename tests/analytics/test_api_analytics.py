"""The analytics over REST: the library's numbers, CSV, and the one error shape."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from nkwatch.analytics.cycles import cycles
from nkwatch.analytics.dyads import dyads
from nkwatch.api.app import create_app
from nkwatch.api.routes import analytics
from nkwatch.store import Store

from ..api.conftest import assert_error
from ..conftest import FIXTURE_KB
from .conftest import event_store_at


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = event_store_at(tmp_path_factory.mktemp("api-events") / "store.duckdb")
    app = create_app(db, kb_dir=FIXTURE_KB, cache=False)
    if not any(getattr(r, "path", "") == "/api/dyads" for r in app.routes):
        app.include_router(analytics.router)
    with TestClient(app) as client:
        # the library on the app's own read-only connection
        yield client, Store(app.state.live.connection().cursor(), db)


def test_dyads_same_as_library(served):
    client, store = served
    res = client.get("/api/dyads", params={"partner": "USA", "freq": "month", "source": ["icews"]})
    assert res.status_code == 200
    body = res.json()
    assert body["ok"] and body["partner"] == "USA"
    assert body["data"] == dyads(store, "USA", "month", sources=["icews"])
    assert body["count"] == 4


def test_dyads_csv(served):
    client, _ = served
    res = client.get("/api/dyads.csv", params={"partner": "USA", "freq": "year"})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(res.text)))
    assert row["period"] == "2018-01-01" and int(row["events"]) == 10


def test_changes_and_cycles(served):
    client, store = served
    res = client.get("/api/dyads/changes", params={"partner": "USA", "freq": "week"})
    assert res.status_code == 200 and isinstance(res.json()["data"], list)
    res = client.get("/api/cycles", params={"months": 3})
    assert res.status_code == 200
    assert res.json()["data"] == cycles(store, months=3)
    res = client.get("/api/cycles.csv", params={"view": "summary"})
    assert res.status_code == 200


def test_errors_have_one_shape(served):
    client, _ = served
    assert_error(client.get("/api/dyads", params={"partner": "US"}), 400, "partner")
    assert_error(client.get("/api/dyads", params={"partner": "PRK"}), 400, "another state")
    assert_error(client.get("/api/dyads", params={"partner": "USA", "freq": "day"}), 400, "freq")
    assert_error(
        client.get("/api/dyads", params={"partner": "USA", "from": "2019", "to": "2018"}),
        400,
        "the range is empty",
    )
    assert_error(client.get("/api/cycles", params={"months": 0}), 400, "months")
