"""The REST API in-process: the same records as the library, one error shape, paging."""

import csv
import io

import pytest

from nkwatch.output import flatten
from nkwatch.store import Store

from .conftest import assert_error


def test_events_match_the_library(client, app):
    body = client.get("/api/events", params={"actor": "PRK", "from": "1980"}).json()
    with Store(app.state.live.connection().cursor()) as store:
        assert body["data"] == store.events(actor="PRK", date_from="1980")
    assert body["ok"] is True and body["count"] == 2 and body["next_cursor"] is None


def test_cursor_paging_walks_every_event(client):
    seen, cursor = [], None
    for _ in range(5):
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/events", params=params).json()
        seen += [e["id"] for e in body["data"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ["ev-1973-04-07-sweden", "ev-1983-10-rangoon", "ev-2018-talks"]


def test_a_cursor_only_fits_its_own_query(client):
    cursor = client.get("/api/events", params={"limit": 1}).json()["next_cursor"]
    r = client.get("/api/events", params={"limit": 1, "cursor": cursor, "type": "talks"})
    assert_error(r, 400, "cursor belongs to another query")


def test_events_filters_and_multiple_actors(client):
    def ids(**params):
        return [e["id"] for e in client.get("/api/events", params=params).json()["data"]]

    assert ids(topic="beta") == ["ev-1983-10-rangoon"]
    assert ids(actor=["PRK", "SWE"]) == ["ev-1973-04-07-sweden"]
    assert ids(text="rangoon") == ["ev-1983-10-rangoon"]
    assert ids(to="1975") == ["ev-1973-04-07-sweden"]


def test_csv_variants_agree_with_json(client):
    for path in ("events", "actors", "relations", "claims", "sources", "countries", "agreements"):
        js = client.get(f"/api/{path}").json()["data"]
        r = client.get(f"/api/{path}.csv")
        assert r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        assert list(csv.DictReader(io.StringIO(r.text))) == [flatten(x) for x in js], path


def test_countries_as_of_with_counts(client):
    body = client.get("/api/countries", params={"as_of": "2017-06-01"}).json()
    assert {c["id"] for c in body["data"]} == {"SWE", "MMR"}
    assert body["counts"]["embassies_in_pyongyang"] == 1
    page = client.get("/api/countries/swe").json()["data"]
    assert page["status"]["status"] == "relations" and page["iso3"] == "SWE"


@pytest.mark.parametrize(
    ("url", "status", "fragment"),
    [
        ("/api/events?from=2017-02-30", 400, "not a real calendar date"),
        ("/api/events?from=soon", 400, "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/api/events?limit=0", 400, "limit"),
        ("/api/events?limit=5000", 400, "limit"),
        ("/api/events?actor=Atlantis", 404, "unknown actor 'Atlantis'"),
        ("/api/events/ev-none", 404, "unknown event"),
        ("/api/actors/NOPE", 404, "unknown actor"),
        ("/api/countries/kimj", 400, "String should have at most 3 characters"),
        ("/api/countries/ZZZ", 404, "unknown actor"),
        ("/api/topics/nowhere", 404, "unknown topic"),
        ("/api/claims?verdict=maybe", 400, "verdict"),
        ("/api/relations?as_of=2017-13-01", 400, "not a real calendar date"),
        ("/api/search?q=", 400, "q"),
        ("/api/events?cursor=%00%ff", 400, "cursor"),
        ("/api/nothing-here", 404, "Not Found"),
    ],
)
def test_bad_requests_get_one_error_shape(client, url, status, fragment):
    assert_error(client.get(url), status, fragment)


def test_hostile_strings_are_just_text(client):
    for q in ["'; DROP TABLE events; --", "%_%", "<script>alert(1)</script>", "\\"]:
        r = client.get("/api/search", params={"q": q})
        assert r.status_code == 200 and r.json()["ok"] is True
        assert all(not v for v in r.json()["data"].values())
    assert client.get("/api/events").json()["count"] == 3  # nothing was dropped


def test_api_is_read_only(client):
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/events/ev-2018-talks").status_code == 405


def test_openapi_lists_every_resource(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/events.csv", "/api/actors", "/api/countries", "/api/relations",
              "/api/topics", "/api/claims", "/api/sources", "/api/search"):
        assert p in paths
    assert client.get("/docs").status_code == 200


def test_cached_answers_are_the_same_and_revalidate(client):
    first = client.get("/api/events", params={"topic": "alpha"})
    again = client.get("/api/events", params={"topic": "alpha"})
    assert first.json() == again.json() and first.headers["etag"] == again.headers["etag"]
    not_modified = client.get("/api/events", params={"topic": "alpha"},
                              headers={"If-None-Match": first.headers["etag"]})
    assert not_modified.status_code == 304 and not_modified.content == b""
    plain = client.get("/api/events", params={"topic": "alpha"},
                       headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == first.json()
    assert client.get("/api/events/ev-none").status_code == 404  # errors are not cached
    assert client.get("/api/events/ev-none").json()["ok"] is False
