"""The command line, batch screening on two cores, and the HTTP endpoints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from nkwatch.screen import Query, Screener
from nkwatch.screen.batch import read_queries, screen_many

from .conftest import FIXTURES


@pytest.fixture
def cli() -> typer.Typer:
    from nkwatch.cli import app
    return app


def test_screen_nl_shape(cli: typer.Typer, list_db: Path) -> None:
    result = CliRunner().invoke(
        cli, ["screen", "Kim Young-chul", "Kim Chol Su", "--nl", "--db", str(list_db)]
    )
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["query"] for d in docs] == ["Kim Young-chul", "Kim Chol Su"]
    assert docs[1]["matches"] == []
    first = docs[0]["matches"][0]
    assert set(first) >= {"list", "id", "name", "score", "explanation"}
    assert {(m["list"], m["id"]) for m in docs[0]["matches"]} >= {
        ("un", "KPi.024"),
        ("ofac", "12211"),
    }


def test_screen_file_and_threshold(cli: typer.Typer, list_db: Path) -> None:
    args = ["screen", "--file", str(FIXTURES / "names.csv"), "--nl", "--db", str(list_db)]
    docs = [json.loads(x) for x in CliRunner().invoke(cli, args).stdout.splitlines()]
    assert docs[0]["birth_date"] == "1962-02-18" and docs[0]["country"] == "North Korea"
    assert {m["id"] for m in docs[0]["matches"]} == {"KPi.024", "17614"}
    assert "KPe.022" in {m["id"] for m in docs[2]["matches"]}
    loose = CliRunner().invoke(cli, [*args, "--threshold", "0.3"]).stdout.splitlines()
    assert sum(len(json.loads(x)["matches"]) for x in loose) > sum(len(d["matches"]) for d in docs)


def test_screen_without_lists_says_what_to_do(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["screen", "Kim", "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 2 and "nkwatch ingest un-sanctions" in result.output


def test_lists_and_designated(cli: typer.Typer, list_db: Path) -> None:
    out = CliRunner().invoke(cli, ["lists", "--nl", "--db", str(list_db)])
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert {(r["source"], r["entries"]) for r in rows} == {("un-sanctions", 4), ("ofac-sdn", 5)}
    out = CliRunner().invoke(
        cli,
        [
            "lists",
            "designated",
            "Kim Young-chul",
            "--on",
            "2017-01-01",
            "--nl",
            "--db",
            str(list_db),
        ],
    )
    answers = {json.loads(x)["id"]: json.loads(x)["designated"] for x in out.stdout.splitlines()}
    assert answers["KPi.024"] == "yes" and answers["12211"] == "unknown"


def test_batch_on_two_cores_equals_one(screener: Screener) -> None:
    queries = read_queries(FIXTURES / "names.csv") * 40
    queries += [Query(f"Kim Yong Chol {i % 3}") for i in range(10)]
    one = screen_many(screener, queries, workers=1)
    two = screen_many(screener, queries, workers=2)
    assert [[m.as_dict() for m in ms] for ms in one] == [[m.as_dict() for m in ms] for ms in two]


def test_api_screen_and_yente_match(list_db: Path) -> None:
    from fastapi.testclient import TestClient

    from nkwatch.api.app import create_app
    from nkwatch.api.routes import screen

    app = create_app(list_db, cache=False)
    if not any(getattr(r, "path", "") == "/api/screen" for r in app.routes):
        app.include_router(screen.router)
    with TestClient(app) as client:
        r = client.post(
            "/api/screen", json={"names": ["Kim Young-chul"], "queries": [{"name": "Kim Chol Su"}]}
        )
        assert r.status_code == 200
        data = r.json()["data"]
        assert data[0]["query"] == "Kim Young-chul" and data[1]["matches"] == []
        assert "KPi.024" in {m["id"] for m in data[0]["matches"]}
        q = {
            "queries": {
                "q1": {
                    "schema": "Person",
                    "properties": {"name": ["Kim Young-chul"], "birthDate": ["1962-02-18"]},
                }
            }
        }
        r = client.post("/match/default", json=q, params={"limit": 3})
        assert r.status_code == 200
        body = r.json()
        assert body["limit"] == 3 and "q1" in body["responses"]
        resp = body["responses"]["q1"]
        assert resp["status"] == 200 and resp["total"]["value"] == len(resp["results"])
        top = resp["results"][0]
        assert set(top) >= {
            "id",
            "schema",
            "caption",
            "properties",
            "score",
            "match",
            "features",
            "datasets",
        }
        assert top["match"] is True and top["schema"] == "Person"
        assert resp["query"]["properties"]["name"] == ["Kim Young-chul"]
        r = client.post("/match/un", json=q)
        assert {x["datasets"][0] for x in r.json()["responses"]["q1"]["results"]} == {"un"}
        bad = client.post("/api/screen", json={"names": []})
        assert bad.status_code == 400 and bad.json()["ok"] is False


def test_screener_cache_follows_the_store(list_db: Path) -> None:
    import duckdb

    from nkwatch.lists import ingest
    from nkwatch.screen.cache import cached_screener

    with duckdb.connect(str(list_db)) as con:
        first = cached_screener(con, list_db)
        (cached,) = Path(f"{list_db}.screener").glob("*.pickle")
        again = cached_screener(con, list_db)
    assert again is not first and len(again.names) == len(first.names)
    ingest(list_db, "un-sanctions", [FIXTURES / "un-2023.xml"])  # a new copy: a new digest
    with duckdb.connect(str(list_db)) as con:
        cached_screener(con, list_db)
    (fresh,) = Path(f"{list_db}.screener").glob("*.pickle")
    assert fresh != cached


def test_lists_export_writes_ftm_lines(cli: typer.Typer, list_db: Path) -> None:
    out = CliRunner().invoke(cli, ["lists", "export", "--dprk-only", "--db", str(list_db)])
    assert out.exit_code == 0, out.output
    entities = [json.loads(x) for x in out.stdout.splitlines()]
    schemas = {e["schema"] for e in entities}
    assert schemas == {"Person", "Organization", "Vessel", "Sanction"}
    kim = next(e for e in entities if e["id"] == "nkwatch-un-KPi.024")
    assert kim["properties"]["birthDate"] == ["1962-02-18"]
    sanction = next(
        e
        for e in entities
        if e["schema"] == "Sanction" and e["properties"]["entity"] == ["nkwatch-un-KPi.024"]
    )
    assert sanction["properties"]["startDate"] == ["2016-03-02"]
