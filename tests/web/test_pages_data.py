"""Explorer pages over ingested data: the cooperation–conflict series under the timeline and
the screening box's API (in-process; the browser test drives the box)."""

import shutil

import pytest
from fastapi.testclient import TestClient

from nkwatch.api.app import create_app
from nkwatch.build import build
from nkwatch.sources.ingest import ingest

from ..conftest import FIXTURE_KB

EVENTS = FIXTURE_KB.parents[1] / "fixtures" / "events"
LISTS = FIXTURE_KB.parents[1] / "fixtures" / "lists"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pages-data")
    kb = tmp / "kb"
    shutil.copytree(FIXTURE_KB, kb)
    (kb / "actors" / "usa.yaml").write_text(
        "actors:\n  - {id: USA, type: state, name: United States, iso3: USA, cow: 2, "
        "sources: [s-states]}\n",
        "utf-8",
    )
    db = tmp / "store.duckdb"
    build(db, kb)
    ingest(db, "icews", [EVENTS / "icews-triples.txt"])
    from nkwatch.lists import ingest as ingest_list

    ingest_list(db, "un-sanctions", [LISTS / "un-2023.xml"])
    with TestClient(create_app(db, kb_dir=kb)) as c:
        yield c


def _spec(page: str, chart_id: str) -> dict:
    """The Vega-Lite spec of a chart on a page (the JSON the browser draws)."""
    import json
    import re

    found = re.search(
        rf'<figure class="vchart" id="{chart_id}">.*?'
        r'<script type="application/json" class="vchart-spec">(.*?)</script>',
        page,
        re.S,
    )
    assert found, f"no chart {chart_id}"
    return json.loads(found.group(1))


def _dyad(client, country):
    """The timeline's series with a country: the fragment the page fetches once loaded."""
    timeline = client.get("/timeline", params={"country": country}).text
    assert f'data-src="/timeline/dyad?country={country}&amp;fragment=true"' in timeline
    return client.get("/timeline/dyad", params={"country": country, "fragment": "true"}).text


def test_timeline_draws_the_dyad_series_for_a_country(client):
    page = _dyad(client, "USA")
    assert 'id="dyad-chart"' in page and "DPRK–USA" in page
    spec = _spec(page, "dyad-chart")
    (panel,) = spec["vconcat"]  # one source: ICEWS
    assert panel["title"]["text"].startswith("ICEWS:")
    bars = panel["layer"][3]["data"]["values"]
    assert {b["measure"] for b in bars} == {"cooperation", "conflict"}
    assert all(b["y"] < 0 for b in bars if b["measure"] == "conflict")
    assert "<strong>ICEWS</strong>: data from" in page  # its coverage, in words
    assert "/api/dyads.csv?partner=USA&amp;freq=month&amp;source=icews" in page
    assert 'id="dyad-chart"' not in client.get("/timeline").text  # no country, no series


def test_timeline_says_how_to_add_event_data(client):
    page = _dyad(client, "SWE")
    assert "nkwatch ingest icews" in page
    spec = _spec(page, "dyad-chart")  # the curated record's series, said as such
    assert [p["title"]["text"].split(":")[0] for p in spec["vconcat"]] == ["The curated record"]


def test_country_page_draws_every_source_with_its_coverage(client):
    """The series follows the page: a slot the page's script fills from /country/USA/dyad
    (a link to it alone without JavaScript), the chart libraries after the page."""
    page = client.get("/country/USA").text
    assert 'id="dyad-chart"' not in page and "/static/vendor/vega" not in page
    assert 'data-src="/country/USA/dyad?fragment=true"' in page
    assert 'href="/country/USA/dyad"' in page and "/static/charts-later.js" in page
    fragment = client.get("/country/USA/dyad", params={"fragment": "true"}).text
    assert "<html" not in fragment
    spec = _spec(fragment, "dyad-chart")
    names = [p["title"]["text"].split(":")[0] for p in spec["vconcat"]]
    assert names == ["ICEWS"]  # the fixture record has no DPRK–USA event of its own
    band = spec["vconcat"][0]["layer"][1]
    assert band["mark"]["type"] == "rect" and band["data"]["values"]
    alone = client.get("/country/usa/dyad").text  # a page of its own, with the libraries
    assert _spec(alone, "dyad-chart") == spec
    assert "/static/vendor/vega-lite/vega-lite.min.js" in alone
    assert 'href="/country/USA"' in alone
    sweden = _spec(client.get("/country/SWE/dyad?fragment=true").text, "dyad-chart")
    assert [p["title"]["text"].split(":")[0] for p in sweden["vconcat"]] == ["The curated record"]
    assert client.get("/country/XXX/dyad").status_code == 404
    assert client.get("/country/kim-jong-un/dyad").status_code == 404  # not a state


def test_screening_refuses_a_blank_name_and_a_bad_birth_date_in_words(client):
    from ..api.conftest import assert_error

    r = client.post("/api/screen", json={"queries": [{"name": "   "}]})
    assert_error(r, 400, "is blank: give a name")
    r = client.post("/api/screen", json={"queries": [{"name": "Kim", "birth_date": "1962-13-01"}]})
    assert_error(r, 400, "is not a date")
    r = client.post("/api/screen", json={"queries": [{"name": "Kim", "birth_date": "1962-02"}]})
    assert r.status_code == 200


def test_screening_matches_carry_what_tells_them_apart(client):
    res = client.post("/api/screen", json={"queries": [{"name": "Kim Chol Su"}]}).json()
    keys = {"schema", "programs", "birth_dates", "nationalities", "dprk", "explanation"}
    for m in res["data"][0]["matches"]:
        assert keys <= set(m)


def test_sanctions_page_has_a_screening_box_backed_by_the_api(client):
    page = client.get("/sanctions").text
    assert 'id="screen-form"' in page and "/static/screen.js" in page
    res = client.post("/api/screen", json={"queries": [{"name": "Kim Chol Su"}]}).json()
    assert res["ok"] is True and res["data"][0]["query"]


def test_without_event_data_the_timeline_draws_the_curated_series(tmp_path):
    db = tmp_path / "store.duckdb"
    build(db, FIXTURE_KB)
    with TestClient(create_app(db, kb_dir=FIXTURE_KB)) as c:
        page = _dyad(c, "SWE")
        assert 'id="dyad-chart"' in page
        assert "DPRK–SWE: cooperation and conflict, events per year" in page
        assert "1 events of this pair in 3 years" in page
        assert "/api/dyads.csv?partner=SWE&amp;freq=year&amp;source=curated" in page
        csv = c.get("/api/dyads.csv", params={"partner": "SWE", "freq": "year",
                                               "source": "curated"})  # fmt: skip
        assert csv.status_code == 200 and csv.text.splitlines()[1].startswith("1973-01-01,1,")
