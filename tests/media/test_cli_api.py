"""The command line and the REST API return the same numbers as the library."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from nkwatch.cli import app
from nkwatch.media import query

from .conftest import KCNA, NEW_YEAR, make_media_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(media_store):
    return str(media_store.path)


def test_ingest_commands(tmp_path):
    db = str(tmp_path / "s.duckdb")
    r = runner.invoke(app, ["ingest", "new-year", str(NEW_YEAR), "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert sum(x["new"] for x in rows) == 3 and sum(x["rejects"] for x in rows) == 1
    r = runner.invoke(app, ["ingest", "kcna", str(KCNA / "article.html"), "--db", db])
    assert r.exit_code == 0 and "article.html" in r.stdout
    r = runner.invoke(app, ["ingest", "kcna", str(KCNA / "broken.json"), "--db", db])
    assert r.exit_code == 2 and "not valid JSON" in r.output


def test_terms_command_matches_the_library(db, media_store):
    r = runner.invoke(app, ["media", "terms", "usa", "nuclear", "--source", "new-year",
                            "--freq", "year", "--nl", "--db", db])  # fmt: skip
    assert r.exit_code == 0, r.output
    got = [json.loads(line) for line in r.stdout.splitlines()]
    assert got == query.terms(media_store, ["usa", "nuclear"], "new-year", "year")


def test_mentions_passages_keyness_versus_commands(db):
    r = runner.invoke(app, ["media", "mentions", "--source", "kcna", "--freq", "month",
                            "--csv", "--db", db])  # fmt: skip
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {"period", "concept", "mentions", "per_10k", "tone"} <= set(rows[0])
    r = runner.invoke(app, ["media", "passages", "usa", "--db", db, "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["romanized"]
    r = runner.invoke(app, ["media", "keyness", "--a", "1960..1995", "--b", "2018", "--db", db])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["media", "versus", "--partner", "USA", "--db", db, "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)
    r = runner.invoke(app, ["media", "concepts", "--kind", "state", "--json"])
    assert {c["actor"] for c in json.loads(r.stdout)} >= {"USA", "KOR", "RUS", "CHN", "JPN"}
    r = runner.invoke(app, ["media", "terms", "usa", "--source", "tv", "--db", db])
    assert r.exit_code == 2 and "new-year or kcna" in r.output


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The app over a store of its own with the same texts (the server opens its store
    read-only with its own settings)."""
    from fastapi.testclient import TestClient

    from nkwatch.api.app import create_app

    path = make_media_store(tmp_path_factory.mktemp("media-api") / "store.duckdb")
    with TestClient(create_app(path, prepare=False, cache=False)) as c:
        yield c


def test_api_matches_the_library(client, media_store):
    r = client.get("/api/media/terms", params={"term": ["usa", "핵"], "source": "new-year"})
    assert r.status_code == 200, r.text
    assert r.json()["data"] == query.terms(media_store, ["usa", "핵"], "new-year")
    r = client.get("/api/media/mentions.csv")
    assert r.status_code == 200 and r.text.startswith("period,concept,actor")
    r = client.get("/api/media/passages", params={"concept": "usa", "limit": 1})
    assert r.json()["data"][0]["year"] == 2018
    r = client.get("/api/media/versus", params={"partner": "RUS"})
    assert r.status_code == 200 and r.json()["partner"] == "RUS"
    r = client.get("/api/media/keyness", params={"a": "1960..1995", "b": "2018"})
    assert r.status_code == 200


def test_api_errors_have_one_shape(client):
    r = client.get("/api/media/versus", params={"partner": "XYZ"})
    assert r.status_code == 400 and r.json()["ok"] is False and "XYZ" in r.json()["error"]
    r = client.get("/api/media/terms", params={"term": "usa", "freq": "week"})
    assert r.status_code == 400


def test_explorer_page(client):
    r = client.get("/media", params={"terms": "usa, 미제", "concept": "usa"})
    assert r.status_code == 200
    html = r.text
    assert "What Pyongyang says" in html and 'id="terms-table"' in html
    assert "mijeguk" in html or "migug" in html  # a romanized reading of a passage
    assert "/api/media/terms.csv?term=usa&amp;term=%EB%AF%B8%EC%A0%9C" in html
    assert "github.com/e9t/north-korea-new-years-speechs" in html
