"""Every explorer page renders from the store (server-side; the browser tests drive the
JavaScript)."""

import pytest


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/", "Alpha theme"),
        ("/timeline", "Sweden establishes relations"),
        ("/timeline?topic=beta.two", "A month-precision event in Rangoon"),
        ("/map?date=2017-06-01", 'id="c-SWE" class="embassy"'),
        ("/map?date=1990-01-01", 'id="c-MMR" class="broken"'),
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
