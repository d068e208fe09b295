"""Every explorer page renders from the store (server-side; the browser tests drive the
JavaScript)."""

import pytest


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/", "Alpha theme"),
        ("/timeline", "Sweden establishes relations"),
        ("/timeline?topic=beta.two", "A month-precision event in Rangoon"),
        ("/map?date=2017-06-01", "2 states had relations with the DPRK, 2 of 2 UN member states"),
        ("/map?date=1990-01-01", 'data-outlines="/map/outlines.json?v='),
        ("/network?date=1985-01-01", "Sweden"),
        ("/countries?as_of=2017-06-01", "2 of 2 UN member states"),
        ("/country/SWE", "Sweden and the DPRK"),
        ("/actor/kim-jong-un", "김정은"),
        ("/actors?type=person", "Kim Jong-un"),
        ("/topics", "Beta two"),
        ("/topic/alpha.one", "partly-supported"),
        ("/sanctions", "Security Council"),
        ("/search?q=rangoon", "1 result(s)"),
        ("/charts", "A test series"),
    ],
)
def test_page_renders(client, url, text):
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert text in r.text


def test_the_map_page_holds_its_day_and_fetches_its_outlines(client):
    """The outlines (270 KB, the same every day) are a file of their own, cached for good
    under their version; the page holds the day's classes and its counts in words."""
    import json
    import re

    page = client.get("/map?date=2017-06-01").text
    assert len(page.encode()) < 50_000 and "<path" not in page
    day = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>',
                               page, re.S).group(1))  # fmt: skip
    assert day["date"] == "2017-06-01" and day["shapes"]["SWE"] == ["embassy", "SWE", "Sweden"]
    assert day["shapes"]["PRK"][0] == "dprk" and day["text"] in page
    url = re.search(r'data-outlines="([^"]+)"', page).group(1)
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert "immutable" in r.headers["cache-control"] and "max-age=31536000" in r.headers[
        "cache-control"]  # fmt: skip
    outlines = r.json()
    assert outlines["width"] > outlines["height"] > 0
    ids = {o[0] for o in outlines["outlines"]}
    assert {"SWE", "PRK", "MMR", "RUS"} <= ids and len(ids) > 200
    d = {o[0]: o[2] for o in outlines["outlines"]}
    assert d["SWE"].startswith("M") and all(v == "" or v.startswith("M") for v in d.values())


def test_the_map_data_of_another_day(client):
    """What the slider fetches: the same classes the page would hold for that day (a former
    state on its successors' outlines), and errors in the one JSON shape."""
    from .conftest import assert_error

    day = client.get("/map/data.json", params={"date": "1990-01-01"}).json()
    assert day["ok"] and day["date"] == "1990-01-01"
    assert day["shapes"]["MMR"][0] == "broken" and "SWE" in day["shapes"]
    assert day["text"].startswith(f"{day['counts']['relations']} states had relations")
    assert_error(client.get("/map/data.json", params={"date": "2017-02-30"}), 400, "2017-02-30")


def test_country_page_tables_a_page_at_a_time(client, monkeypatch):
    """Each table of a country page has its own page number (?events=2); a pager's links
    keep the other tables' pages and land on their table; the caption says which rows."""
    import re

    from nkwatch.web import pages

    monkeypatch.setitem(pages.COUNTRY_TABLES, "events", 2)  # the fixture's few, two a page
    monkeypatch.setitem(pages.COUNTRY_TABLES, "relations", 4)
    events = client.get("/api/events", params={"actor": "PRK"}).json()["data"]
    assert len(events) == 3

    def pager(page: str, table: str) -> dict[str, str]:
        nav = re.search(rf'<nav class="pager" aria-label="Pages of {table}">(.*?)</nav>', page,
                        re.S).group(1)  # fmt: skip
        return dict((rel, href) for href, rel in re.findall(r'href="([^"]+)" rel="(\w+)"', nav))

    def rows(page: str) -> str:
        return page.split('id="events"')[1]

    first = client.get("/country/PRK").text
    assert "Events 1–2 of 3" in first and "Relations 1–4 of 6" in first
    assert events[0]["title"] in rows(first) and events[2]["title"] not in rows(first)
    assert pager(first, "events") == {"next": "/country/PRK?events=2#events"}
    assert 'href="/timeline?country=PRK"' in first  # every event, a page at a time
    second = client.get(pager(first, "relations")["next"].split("#")[0] + "&events=2").text
    assert "Events 3–3 of 3" in second and "Relations 5–6 of 6" in second
    assert events[2]["title"] in rows(second) and events[0]["title"] not in rows(second)
    assert pager(second, "events") == {"prev": "/country/PRK?relations=2#events"}
    assert pager(second, "relations") == {"prev": "/country/PRK?events=2#relations"}
    past = client.get("/country/PRK?events=9").text  # after the last: a link back to it
    assert pager(past, "events")["prev"] == "/country/PRK?events=2#events"
    assert client.get("/country/PRK?events=0").status_code == 400
    actor = client.get("/actor/PRK").text  # the same page under the actor's URL: links to it
    assert pager(actor, "events") == {"next": "/country/PRK?events=2#events"}


def test_timeline_filter_changes_what_is_shown(client):
    all_ = client.get("/timeline").text
    some = client.get("/timeline", params={"country": "SWE"}).text
    assert 'data-count="3"' in all_ and 'data-count="1"' in some


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/country/XXX", 404),
        ("/topic/none", 404),
        ("/map?date=2017-02-30", 400),
        ("/timeline?from=whenever", 400),
    ],
)
def test_page_errors_are_pages(client, url, status):
    r = client.get(url)
    assert r.status_code == status and "<h1>" in r.text and 'role="alert"' in r.text


def test_pages_escape_what_users_type(client):
    r = client.get("/search", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;" in r.text


@pytest.mark.parametrize(
    ("record_id", "kind", "text"),
    [
        ("ev-1983-10-rangoon", "event", "A month-precision event in Rangoon"),
        ("ag-test", "agreement", "A joint statement"),
        ("rel-dip-prk-mmr", "relation", "severed"),
        ("ms-test", "measure", "A travel ban"),
        ("se-test", "series", "1047"),
        ("s-one", "source", "https://example.org/one"),
        ("cl-alpha-one-1", "claim", "partly"),
        ("dsg-test", "designation", "KPi.999"),
    ],
)
def test_any_record_has_a_page_and_an_api(client, record_id, kind, text):
    body = client.get(f"/api/records/{record_id}").json()
    assert body["ok"] and body["type"] == kind and body["data"]["id"] == record_id
    page = client.get(f"/record/{record_id}")
    assert page.status_code == 200 and text in page.text


def test_claim_evidence_links_to_record_pages(client):
    assert 'href="/record/ev-1973-04-07-sweden"' in client.get("/topic/alpha.one").text
    assert client.get("/record/nothing").status_code == 404
    assert client.get("/record/PRK").status_code == 200  # an actor: its page


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("url", ["/nope", "/api/nope", "/country/XXX"])
def test_errors_are_pages_for_browsers_and_json_for_api_clients(client, url):
    html = client.get(url, headers={"Accept": BROWSER})
    assert html.status_code == 404 and html.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in html.text and 'role="alert"' in html.text
    js = client.get(url, headers={"Accept": "application/json"})
    assert js.status_code == 404 and js.json()["ok"] is False and js.json()["status"] == 404


def test_unknown_api_urls_are_json_by_default(client):
    r = client.get("/api/nope")  # Accept: */*
    assert r.headers["content-type"] == "application/json" and r.json()["status"] == 404


def test_an_over_long_search_is_refused_in_words(client):
    q = "a" * 250
    page = client.get("/search", params={"q": q}, headers={"Accept": BROWSER})
    assert page.status_code == 400 and "the search is 250 characters long" in page.text
    assert "<h1>" in page.text
    api = client.get("/api/search", params={"q": q}, headers={"Accept": "application/json"})
    assert api.status_code == 400 and "250 characters long" in api.json()["error"]


@pytest.mark.parametrize(
    "url", ["/", "/timeline", "/map", "/network", "/charts", "/country/SWE", "/sanctions",
            "/docs", "/api/events", "/static/explorer.css"]
)  # fmt: skip
def test_head_is_answered_on_every_get(client, url):
    get, head = client.get(url), client.head(url)
    assert head.status_code == 200 == get.status_code
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


@pytest.mark.parametrize("url", ["/", "/charts", "/docs", "/api/events", "/nope"])
def test_security_headers(client, url):
    h = client.get(url).headers
    assert h["x-content-type-options"] == "nosniff"
    csp = h["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp


@pytest.mark.parametrize(
    "url", ["/", "/timeline?country=SWE", "/map", "/network", "/charts", "/country/SWE",
            "/sanctions", "/docs", "/nope"]
)  # fmt: skip
def test_pages_have_no_inline_script_and_nothing_from_elsewhere(client, url):
    import re

    page = client.get(url, headers={"Accept": BROWSER}).text
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    assert not re.search(r'(src|href)="(https?:)?//', page.replace('href="https://', ""))
    assert not re.search(r"\bon[a-z]+=", re.sub(r">[^<]*<", "><", page))  # no handlers


def test_docs_are_swagger_ui_from_this_server(client):
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    for path in ("/static/vendor/swagger-ui-dist/swagger-ui-bundle.js",
                 "/static/vendor/swagger-ui-dist/LICENSE", "/static/docs.js"):  # fmt: skip
        assert client.get(path).status_code == 200


def test_vendored_files_have_their_licences(client):
    from pathlib import Path

    import nkwatch.web

    vendor = Path(nkwatch.web.__file__).parent / "static" / "vendor"
    for pkg in ("vega", "vega-lite", "vega-embed", "swagger-ui-dist", "noto-sans-kr"):
        files = {p.name for p in (vendor / pkg).iterdir()}
        assert files & {"LICENSE", "OFL.txt"}, pkg
    assert client.get("/static/vendor/noto-sans-kr/NotoSansKR-subset-400.woff2").status_code == 200


def test_charts_page_specs_and_series_csv(client):
    import json
    import re

    page = client.get("/charts").text
    specs = re.findall(r'<script type="application/json" class="vchart-spec">(.*?)</script>', page)
    assert len(specs) >= 2 and all(json.loads(s)["$schema"].endswith("v6.json") for s in specs)
    assert "<path" not in page  # no hand-drawn chart left
    iso = client.get("/isolation").text
    assert 'class="vchart"' in iso and "<path" not in iso
    csv = client.get("/api/series.csv", params={"id": "se-test"})
    assert csv.status_code == 200 and csv.text.splitlines()[0] == "series,title,unit,date,value"
    spec = client.get("/api/charts/series/se-test").json()["data"]
    assert spec["csv"] == "/api/series.csv?id=se-test" and "layer" in spec["spec"]
