"""Alignment, roll calls about the DPRK and isolation on the fixture votes (values worked out
by hand from tests/fixtures/votes/unvotes), the CLI and the API over them, and the real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from nkwatch.analytics.alignment import alignment, is_about_dprk, votes_about
from nkwatch.analytics.isolation import isolation
from nkwatch.cli import app
from nkwatch.store import QueryError

from ..conftest import shared_file


def by_country(rows):
    return {r["country"]: r for r in rows}


def test_agreement_s_and_kappa(votes_store):
    got = by_country(alignment(votes_store, date_from="2005", date_to="2019"))
    # Cuba voted as the DPRK on all four roll calls (2 yes, 2 no): kappa 1
    assert got["CUB"] == {"country": "CUB", "name": "Cuba", "agreement": 1.0, "votes": 4,
                          "s_score": 1.0, "kappa": 1.0}  # fmt: skip
    # the United States always the opposite (yes against no): S -1, kappa -1
    assert (got["USA"]["agreement"], got["USA"]["s_score"], got["USA"]["kappa"]) == (0, -1, -1)
    # China: same 3 of 4, one abstention against a no; p_e = .5*.5 + .5*.25 = .375
    assert (got["CHN"]["agreement"], got["CHN"]["s_score"]) == (0.75, 0.75)
    assert got["CHN"]["kappa"] == pytest.approx((0.75 - 0.375) / 0.625, abs=1e-4)
    assert got["RUS"]["agreement"] == 0.5 and got["RUS"]["s_score"] == 0.5
    rows = alignment(votes_store, date_from="2005", date_to="2019")
    assert rows[0]["country"] == "CUB" and rows[-1]["country"] == "USA"  # highest first
    assert "SUN" not in got  # the 1990 vote is before the range (and before the DPRK joined)


def test_options(votes_store):
    hr = by_country(alignment(votes_store, issue="human rights"))
    assert {r["votes"] for r in hr.values()} == {1}  # only A/RES/60/173
    assert hr["CHN"]["agreement"] == 1.0 and hr["GBR"]["agreement"] == 0.0
    assert alignment(votes_store, min_votes=5) == []
    year = alignment(votes_store, partner="CHN", freq="year")
    got = [(r["year"], r["votes"], r["agreement"]) for r in year]
    assert got == [(2005, 1, 1.0), (2010, 3, 0.6667)]
    with pytest.raises(QueryError, match="unknown issue"):
        alignment(votes_store, issue="fishing")
    with pytest.raises(QueryError, match="alpha-3"):
        alignment(votes_store, partner="China")


def test_roll_calls_about_the_dprk(votes_store):
    rows = votes_about(votes_store)
    assert [r["rcid"] for r in rows] == [2, 10]  # the Korean question and the HR resolution
    hr = rows[1]
    assert hr["resolution"] == "A/RES/60/173" and hr["human_rights"]
    assert hr["title"] == "Situation of human rights in the Democratic People's Republic of Korea"
    assert (hr["yes"], hr["no"], hr["abstain"], hr["dprk_vote"]) == (3, 4, 0, "no")
    assert hr["votes"]["CHN"] == "no" and hr["votes"]["USA"] == "yes"
    assert rows[0]["votes"] == {"SUN": "no", "USA": "yes"}
    assert not is_about_dprk("Sponsors: Chile, the Republic of Korea and Peru.")
    assert is_about_dprk("REPORT ON NORTH KOREA")


def test_isolation(votes_store):
    rows = {r["year"]: r for r in isolation(votes_store, date_from="1948", date_to="2011")}
    assert rows[1948]["un_votes"] is None and rows[1950]["mids"] == 1
    assert rows[1968]["mids"] == 1  # dispute 300 has no DPRK participant
    assert rows[2005]["hr_yes"] == 3 and rows[2005]["hr_no"] == 4
    assert rows[2010]["hr_resolutions"] == 0 and rows[2010]["un_votes"] == 3
    assert rows[2010]["un_CHN"] == 0.6667 and rows[2010]["un_USA"] == 0.0
    # the median member on A/RES/60/173 voted no (4 of 7), as the DPRK did
    assert rows[2005]["un_median"] == 1.0
    assert rows[2011]["un_votes"] is None and rows[2011]["mids"] is None  # after the data ends
    for key in ("relations", "relations_at_most", "embassies_in_pyongyang",
                "dprk_embassies_abroad_at_most"):  # fmt: skip
        assert isinstance(rows[1990][key], int)


def test_no_votes_ingested_is_a_clear_error(store):
    with pytest.raises(QueryError, match="nkwatch ingest unvotes"):
        alignment(store)
    rows = isolation(store, date_from="1990", date_to="1991")
    assert rows[0]["un_median"] is None and rows[0]["mids"] is None


def test_cli(db_path: Path):
    from ..conftest import FIXTURE_KB
    from .conftest import VOTES

    runner = CliRunner()
    env = {"NKWATCH_DB": str(db_path)}
    from nkwatch.build import build

    build(db_path, FIXTURE_KB)
    out = runner.invoke(app, ["ingest", "unvotes", str(VOTES / "unvotes"), "--json"], env=env)
    assert out.exit_code == 0, out.output
    assert [r["kind"] for r in json.loads(out.stdout)] == ["roll_calls", "issues", "votes"]
    out = runner.invoke(app, ["ingest", "cow", str(VOTES / "cow"), "--nl"], env=env)
    assert out.exit_code == 0 and len(out.stdout.splitlines()) == 8
    out = runner.invoke(app, ["alignment", "--from", "2010", "--to", "2019", "--nl"], env=env)
    first = json.loads(out.stdout.splitlines()[0])
    assert list(first) == ["country", "name", "agreement", "votes", "s_score", "kappa"]
    out = runner.invoke(app, ["alignment", "--partner", "CHN", "--freq", "year", "--nl"], env=env)
    assert list(json.loads(out.stdout.splitlines()[0])) == ["year", "agreement", "votes",
                                                            "s_score", "kappa"]  # fmt: skip
    out = runner.invoke(app, ["votes", "--about", "PRK", "--nl"], env=env)
    assert json.loads(out.stdout.splitlines()[-1])["votes"]["PRK"] == "no"
    out = runner.invoke(app, ["isolation", "--freq", "year", "--nl"], env=env)
    assert json.loads(out.stdout.splitlines()[0])["year"] == 1948
    out = runner.invoke(app, ["alignment", "--issue", "fishing"], env=env)
    assert out.exit_code == 2 and "unknown issue" in out.output
    out = runner.invoke(app, ["ingest", "cow", str(VOTES / "not-cow.csv")], env=env)
    assert out.exit_code == 2 and "nothing was written" in out.output


def test_api_and_page(votes_db: Path):
    from nkwatch.api.app import create_app

    with TestClient(create_app(votes_db, prepare=False)) as client:
        r = client.get("/api/alignment", params={"from": "2005", "to": "2019"}).json()
        assert r["ok"] and r["data"][0]["country"] == "CUB"
        r = client.get("/api/alignment", params={"partner": "CHN", "freq": "year"}).json()
        assert [x["year"] for x in r["data"]] == [2005, 2010]
        assert client.get("/api/alignment.csv").text.startswith("country,name,agreement")
        r = client.get("/api/votes").json()
        assert r["data"][-1]["resolution"] == "A/RES/60/173"
        assert client.get("/api/votes.csv").status_code == 200
        r = client.get("/api/isolation", params={"from": "2005", "to": "2006"}).json()
        assert r["data"][0]["hr_yes"] == 3 and "un" in r["sources"]
        assert client.get("/api/isolation.csv").text.startswith("year,relations")
        bad = client.get("/api/alignment", params={"freq": "year"})
        assert bad.status_code == 400 and bad.json()["ok"] is False
        page = client.get("/isolation")
        assert page.status_code == 200 and "Isolation and alignment" in page.text
        assert "A/RES/60/173" in page.text and "CHN, CUB, RUS" in page.text  # who voted no


@pytest.mark.shared_data
def test_real_unvotes(db_path: Path):
    from nkwatch.build import build
    from nkwatch.sources.datasets import ingest_dataset
    from nkwatch.store import Store

    from ..conftest import FIXTURE_KB

    folder = shared_file("unvotes", "un_votes.csv.gz").parent
    build(db_path, FIXTURE_KB)
    res = {Path(r.path).name: r for r in ingest_dataset(db_path, "unvotes", [folder])}
    assert res["un_votes.csv.gz"].rows == 870_109 and res["un_votes.csv.gz"].rejects == 0
    assert res["un_roll_calls.csv"].rows == 6_203
    with Store.open(db_path, kb_dir=FIXTURE_KB, read_only=True) as store:
        n = store.con.execute("SELECT count(*) FROM uv_votes WHERE country = 'PRK'").fetchone()
        assert n == (2_105,)
        rows = alignment(store, date_from="2010", date_to="2019", min_votes=100)
        assert rows[0]["country"] == "SYR" and rows[-1]["country"] == "USA"
        hr = [r for r in votes_about(store) if r["human_rights"]]
        assert [r["resolution"] for r in hr][:2] == ["A/RES/60/173", "A/RES/61/174"]
        assert len(hr) == 9 and all(r["dprk_vote"] == "no" for r in hr)
