"""The compliance trail (--audit), review rows (--csv), query fields from the command line and
CSV files, and /match checked against yente's own request and response models."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nkwatch.cli import app


def test_audit_trail_records_query_lists_candidates_and_time(list_db: Path, tmp_path: Path):
    names = tmp_path / "names.csv"
    names.write_text("name,birth_date,schema\nKim Young-chul,1962-02-18,Person\nMaria Garcia,,\n")
    trail = tmp_path / "trail.jsonl"
    args = ["screen", "--file", str(names), "--audit", str(trail), "--db", str(list_db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Answered from: " in result.output and "sha256" in result.output
    lines = [json.loads(x) for x in trail.read_text().splitlines()]
    assert [x["query"]["name"] for x in lines] == ["Kim Young-chul", "Maria Garcia"]
    first = lines[0]
    assert first["query"] == {
        "name": "Kim Young-chul",
        "birth_date": "1962-02-18",
        "schema": "Person",
    }
    assert first["time"].endswith("+00:00") and first["threshold"] == 0.85
    assert {v["list"] for v in first["lists"]} == {"un", "ofac"}
    assert all(len(v["sha256"]) == 64 and v["files"] for v in first["lists"])
    matched = {(m["list"], m["id"]) for m in first["matches"]}
    assert ("un", "KPi.024") in matched
    considered = {(c["list"], c["id"]) for c in first["candidates"]}
    assert matched <= considered  # every match is among the candidates, with its reasons
    assert all("score" in c and c["explanation"] for c in first["candidates"])
    assert lines[1]["matches"] == []
    CliRunner().invoke(app, args)  # appended, never overwritten
    assert len(trail.read_text().splitlines()) == 4


def test_csv_has_one_row_per_match_for_review(list_db: Path) -> None:
    result = CliRunner().invoke(
        app, ["screen", "Kim Young-chul", "Kim Chol Su", "--csv", "--db", str(list_db)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) >= 2 and {r["query"] for r in rows} == {"Kim Young-chul"}
    row = rows[0]
    assert set(row) >= {
        "query",
        "list",
        "id",
        "entity",
        "name",
        "score",
        "explanation",
        "list_version",
    }
    assert "sha256" in row["list_version"]


def test_query_fields_on_the_command_line(list_db: Path) -> None:
    out = CliRunner().invoke(
        app,
        ["screen", "Kim Young-chul", "--schema", "Vessel", "--nl", "--db", str(list_db)],
    )
    assert out.exit_code == 0 and json.loads(out.stdout)["matches"] == []  # no vessel
    bad = CliRunner().invoke(app, ["screen", "Kim", "--schema", "Spaceship", "--db", str(list_db)])
    assert bad.exit_code == 2 and "not one to screen" in bad.output


def test_match_against_yentes_own_models(list_db: Path) -> None:
    """The request is built with yente's EntityMatchQuery and the answer parsed with its
    EntityMatchResponse (yente installed without its dependencies: see the Makefile)."""
    common = pytest.importorskip(
        "yente.data.common", reason="yente's models are not installed: make yente-models"
    )
    from fastapi.testclient import TestClient

    from nkwatch.api.app import create_app

    query = common.EntityMatchQuery(
        queries={
            "kim": common.EntityExample(
                schema="Person",
                properties={"name": ["Kim Young-chul"], "birthDate": ["1962-02-18"]},
            ),
            "ship": common.EntityExample(
                schema="Vessel", properties={"name": ["Chongchongang Shipping Company"]}
            ),
        }
    )
    with TestClient(create_app(list_db, cache=False)) as client:
        r = client.post("/match/default", json=query.model_dump(by_alias=True, mode="json"))
    assert r.status_code == 200, r.text
    answer = common.EntityMatchResponse.model_validate(r.json())
    kim = answer.responses["kim"]
    assert kim.results and kim.results[0].match and kim.results[0].schema_ == "Person"
    assert all(x.schema_ == "Person" for x in kim.results)  # a Person query: persons only
    assert kim.results[0].explanations
    assert all(x.schema_ != "Person" for x in answer.responses["ship"].results)
    assert r.json()["lists"]  # and which copies it answered from
