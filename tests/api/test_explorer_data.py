"""The explorer over ingested data, in-process on small fixtures of our own: the timeline's
points and windows with event-data layers, event and report pages, the missile browser and
its comparison, list-entity pages, and search across reports and list entities, paged."""

import shutil

import pytest
from fastapi.testclient import TestClient

from nkwatch.api.app import create_app
from nkwatch.build import build
from nkwatch.missiles import compare
from nkwatch.sources.ingest import ingest

from ..conftest import FIXTURE_KB

EVENTS = FIXTURE_KB.parents[1] / "fixtures" / "events"
LISTS = FIXTURE_KB.parents[1] / "fixtures" / "lists"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("explorer-data")
    kb = tmp / "kb"
    shutil.copytree(FIXTURE_KB, kb)
    db = tmp / "store.duckdb"
    build(db, kb)
    ingest(db, "icews", [EVENTS / "icews-triples.txt"])
    ingest(db, "cns-missiles", [EVENTS / "cns-small.csv"])
    ingest(db, "csis-provocations", [EVENTS / "csis-small.csv"])
    from nkwatch.lists import ingest as ingest_list

    ingest_list(db, "un-sanctions", [LISTS / "un-2023.xml"])
    with TestClient(create_app(db, kb_dir=kb, cache=False)) as c:
        yield c


def test_points_hold_the_curated_record_and_the_layers(client):
    curated = client.get("/api/timeline/points").json()
    assert curated["count"] == curated["curated"] == 3 and curated["layers"] == []
    both = client.get("/api/timeline/points", params={"layer": ["icews", "cns", "csis"]}).json()
    assert both["columns"] == ["id", "date", "end", "quad", "layer", "title"]
    layers = {p[4] for p in both["events"]}
    assert layers == {"", "icews", "cns", "csis"}
    assert both["count"] > curated["count"] and both["curated"] == 3
    dates = [p[1] for p in both["events"]]
    assert dates == sorted(dates)
    cns = next(p for p in both["events"] if p[4] == "cns")
    assert cns[0].startswith("cns:") and "launch" in cns[5]


def test_the_layer_keeps_the_dprk_and_the_chosen_partner(client):
    icews = client.get("/api/timeline/points", params={"layer": "icews"}).json()["events"]
    titles = [p[5] for p in icews if p[4] == "icews"]
    assert titles and not any("India" in t for t in titles)  # no DPRK, not on its timeline
    usa = client.get("/api/timeline/points", params={"layer": "icews", "country": "USA"})
    assert usa.status_code == 404 or all("China" not in p[5] for p in usa.json()["events"])


def test_a_topic_filter_leaves_the_layer_out_and_says_so(client):
    page = client.get("/timeline", params={"topic": "alpha", "layer": "icews"}).text
    assert 'id="layer-note"' in page and 'class="timeline"' in page


def test_the_window_is_paged_and_bounded(client):
    r = client.get("/api/timeline/window", params={"layer": ["icews", "cns", "csis"],
                                                   "start": "2017-01-01", "end": "2018-12-31",
                                                   "limit": 3})  # fmt: skip
    doc = r.json()
    assert doc["from"] == "2017-01-01" and doc["to"] == "2018-12-31"
    assert len(doc["rows"]) == 3 and doc["total"] > 3
    assert all("2017-01-01" <= row["date"][:10] <= "2018-12-31" for row in doc["rows"])
    params = {"layer": ["icews", "cns", "csis"], "start": "2017-01-01", "end": "2018-12-31",
              "limit": 3, "offset": 3}  # fmt: skip
    following = client.get("/api/timeline/window", params=params).json()
    assert {r["id"] for r in following["rows"]}.isdisjoint(r["id"] for r in doc["rows"])
    assert client.get("/api/timeline/window", params={"limit": 0}).status_code == 400
    bad = client.get("/api/timeline/window", params={"layer": "nope"})
    assert bad.status_code == 400 and "is not one of" in bad.json()["error"]


def test_timeline_page_renders_one_page_of_rows_linking_to_records(client):
    page = client.get("/timeline", params={"layer": ["icews", "cns", "csis"]}).text
    assert 'class="timeline with-layer"' in page
    assert 'data-points-url="/api/timeline/points"' in page  # the curated record first, then:
    assert (
        'data-layer-url="/api/timeline/points?layer=icews&amp;layer=cns&amp;layer=csis&amp;' in page
    )
    assert 'href="/record/ev-1973-04-07-sweden"' in page and 'href="/record/cns:' in page
    assert page.count('<tr class="q') <= 50


def test_event_page_explains_its_codes_and_cites_itself(client):
    page = client.get("/record/ev-1973-04-07-sweden").text
    for text in ("CAMEO code", "Goldstein scale", "Quad class", "Cite this",
                 "/record/ev-1973-04-07-sweden (accessed", "Related events"):  # fmt: skip
        assert text in page, text


def test_report_pages_name_their_fields_and_their_data_set(client):
    ids = [p[0] for p in client.get("/api/timeline/points", params={"layer": "cns"}).json()
           ["events"] if p[4] == "cns"]  # fmt: skip
    page = client.get(f"/record/{ids[0]}").text
    assert "CNS missile tests report" in page and "Demonstrate military or police power" in page
    assert "Missile type" in page and "cns-small.csv, line" in page
    assert "James Martin Center for Nonproliferation Studies" in page
    api = client.get(f"/api/reports/{ids[0]}").json()
    assert api["ok"] and api["data"]["source"] == "cns-missiles"
    assert client.get("/record/cns:999999").status_code == 404
    assert client.get("/api/reports/cns:999999").json()["status"] == 404


def test_missile_browser_and_its_exports(client):
    page = client.get("/missiles").text
    for text in ('id="per-year"', 'id="per-leader"', 'id="sites"', 'id="compare"', "Test Site A",
                 '<figure class="vchart" id="missiles-per-year">'):  # fmt: skip
        assert text in page, text
    assert client.get("/missiles", params={"source": "csis", "missing": "any"}).status_code == 200
    csv = client.get("/api/missiles/compare.csv").text.splitlines()
    assert csv[0] == "date,end,kind,cns,csis,curated,missing_from"
    spec = client.get("/api/missiles/per-year.vl.json").json()
    assert spec["data"]["url"] == "/api/missiles/per-year"
    assert client.get("/api/missiles/per-year").json()["count"] > 0


def _row(rid, date, kind):
    return {"id": rid, "date": date, "kind": kind, "title": rid}


def test_compare_groups_days_and_names_who_is_missing():
    groups = compare(
        {
            "cns": [
                _row("c1", "2017-07-04", "missile"),
                _row("c2", "2017-08-29", "missile"),
                _row("c3", "2017-11-28", "missile"),
            ],
            "csis": [
                _row("s1", "2017-07-05", "missile"),
                _row("s2", "2017-09-03", "nuclear"),
                _row("s3", "2017-11-28", "missile"),
            ],
            "curated": [
                _row("k0", "2017-01-15", "missile"),
                _row("k1", "2017-09-03", "nuclear"),
                _row("k2", "2017-11", "missile"),
            ],
        }
    )
    by = {(g["date"], g["kind"]): g for g in groups}
    assert by[("2017-07-04", "missile")]["end"] == "2017-07-05"  # a day apart: one group
    assert by[("2017-07-04", "missile")]["missing"] == ["curated"]
    assert by[("2017-08-29", "missile")]["missing"] == ["csis", "curated"]
    nuclear = by[("2017-09-03", "nuclear")]
    assert nuclear["missing"] == [] and "cns" in nuclear["not_covering"]  # CNS: no nuclear
    assert by[("2017-11-28", "missile")]["missing"] == ["curated"]  # "2017-11": not that day
    assert len(groups) == 5  # a month-precision curated date is not compared day by day


def test_list_entity_page_and_api(client):
    page = client.get("/list-entity/un/KPe.022").text
    for text in ("CHONGCHONGANG SHIPPING COMPANY", "Chong Chon Gang Shipping Co. Ltd.",
                 "IMO 5342883", "2016-03-02", "un-2023.xml", "Cite this"):  # fmt: skip
        assert text in page, text
    person = client.get("/list-entity/un/KPi.024").text
    assert "1962-02-18" in person and "472310168" in person
    api = client.get("/api/list-entities/un/KPe.022").json()
    assert api["data"]["imo"] == ["5342883"]
    assert client.get("/list-entity/un/KPx.000").status_code == 404
    listing = client.get("/api/list-entities", params={"q": "chong", "limit": 1}).json()
    assert listing["total"] >= 1 and len(listing["data"]) == 1
    assert "/list-entity/un/" in client.get("/list-entities").text


def test_search_covers_reports_and_list_entities_paged(client):
    found = client.get("/api/search", params={"q": "korea"}).json()
    assert found["totals"]["reports"] > 0 and "list_entities" in found["data"]
    first = client.get("/api/search", params={"q": "north", "kind": "reports", "limit": 2}).json()
    assert len(first["data"]) == 2 and first["next_cursor"]
    params = {"q": "north", "kind": "reports", "limit": 2, "cursor": first["next_cursor"]}
    following = client.get("/api/search", params=params).json()
    assert {r["id"] for r in following["data"]}.isdisjoint(r["id"] for r in first["data"])
    wrong = client.get("/api/search", params={"q": "north", "kind": "reports", "limit": 3,
                                              "cursor": first["next_cursor"]})  # fmt: skip
    assert wrong.status_code == 400
    assert client.get("/api/search", params={"q": "x", "kind": "nope"}).status_code == 400
    page = client.get("/search", params={"q": "chong"}).text
    assert 'href="/list-entity/un/KPe.022"' in page
    paged = client.get("/search", params={"q": "north", "kind": "reports"}).text
    assert 'id="search-reports"' in paged


def test_the_late_chart_loader_loads_what_chart_scripts_loads():
    """/static/charts-later.js (the timeline's and the missile page's charts, after the
    page) names the same libraries, in the same order, as chart_scripts.html."""
    import re
    from pathlib import Path

    web = Path(__file__).resolve().parents[2] / "src" / "nkwatch" / "web"
    included = re.findall(r'src="([^"]+)"', (web / "templates" / "chart_scripts.html").read_text())
    loader = (web / "static" / "charts-later.js").read_text()
    listed = re.findall(r'"(/static/[^"]+\.js)"', loader.split("LIBS = ", 1)[1].split("];")[0])
    assert listed == included
