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


def test_timeline_draws_the_dyad_series_for_a_country(client):
    # the page fetches the series after it has loaded (timeline.js): its fragment
    timeline = client.get("/timeline", params={"country": "USA"}).text
    assert 'data-src="/timeline/dyad?country=USA&amp;fragment=true"' in timeline
    page = client.get("/timeline/dyad", params={"country": "USA", "fragment": "true"}).text
    assert 'id="dyad-chart"' in page and "DPRK–USA" in page
    assert 'class="line cooperation"' in page and 'class="line conflict"' in page
    assert 'id="dyad-chart"' not in client.get("/timeline").text  # no country, no series


def test_timeline_says_how_to_add_event_data(client):
    page = client.get("/timeline/dyad", params={"country": "SWE"}).text
    assert 'id="dyad-chart"' not in page and "nkwatch ingest icews" in page


def test_sanctions_page_has_a_screening_box_backed_by_the_api(client):
    page = client.get("/sanctions").text
    assert 'id="screen-form"' in page and "/static/screen.js" in page
    res = client.post("/api/screen", json={"queries": [{"name": "Kim Chol Su"}]}).json()
    assert res["ok"] is True and res["data"][0]["query"]


def test_without_event_data_the_timeline_draws_the_curated_series(tmp_path):
    db = tmp_path / "store.duckdb"
    build(db, FIXTURE_KB)
    with TestClient(create_app(db, kb_dir=FIXTURE_KB)) as c:
        page = c.get("/timeline/dyad", params={"country": "SWE"}).text
        assert 'id="dyad-chart"' in page
        assert "The curated record's events, DPRK–SWE" in page
        assert "per year, 1 events over 3 years" in page
        assert "/api/dyads.csv?partner=SWE&freq=year&source=curated" in page
        csv = c.get("/api/dyads.csv", params={"partner": "SWE", "freq": "year",
                                               "source": "curated"})  # fmt: skip
        assert csv.status_code == 200 and csv.text.splitlines()[1].startswith("1973-01-01,1,")
