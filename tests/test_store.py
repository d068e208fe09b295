"""Queries through the library."""

import pytest

from nkwatch.store import QueryError


def test_events_filters(store):
    def ids(**kw):
        return [e["id"] for e in store.events(**kw)]

    assert ids() == ["ev-1973-04-07-sweden", "ev-1983-10-rangoon", "ev-2018-talks"]
    assert ids(actor="SWE") == ["ev-1973-04-07-sweden"]
    assert ids(actor="kim jong un") == ["ev-2018-talks"]  # by name, any case
    assert ids(actor="김정은") == ["ev-2018-talks"]  # by Hangul name
    assert ids(type="incident") == ["ev-1983-10-rangoon"]
    assert ids(topic="beta") == ["ev-1983-10-rangoon"]  # a theme takes its topics
    assert ids(topic="alpha.one") == ids()
    assert ids(text="RANGOON") == ["ev-1983-10-rangoon"]  # location, case-insensitive
    assert ids(text="50%_") == []  # no pattern injection
    assert ids(text="western SWEDEN") == ["ev-1973-04-07-sweden"]  # every word, anywhere
    assert ids(text="western rangoon") == []


def test_event_record_shape(store):
    ev = store.event("ev-1983-10-rangoon")
    assert ev["date"] == "1983-10" and ev["end_date"] is None
    assert ev["cameo_code"] == "010" and ev["quad_class"] == 1
    assert ev["actors"] == [{"id": "MMR", "name": "Myanmar"}, {"id": "PRK", "name": "North Korea"}]
    assert ev["topics"] == ["alpha.one", "beta.two"]
    assert ev["sources"][0]["title"] == "A first source"
    assert ev["sources"][0]["url"] == "https://example.org/one"
    assert ev["sources"][0]["date"] == "2001-05"
    span = store.event("ev-2018-talks")
    assert (span["date"], span["end_date"]) == ("2018", "2019-02")


def test_unknown_things_name_the_fix(store):
    with pytest.raises(QueryError, match="unknown actor 'Atlantis'.*nkwatch actors"):
        store.events(actor="Atlantis")
    with pytest.raises(QueryError, match="unknown topic 'nowhere'.*nkwatch topics"):
        store.events(topic="nowhere")
    with pytest.raises(QueryError, match="unknown event"):
        store.event("ev-none")
    with pytest.raises(QueryError, match="from: 'soon' is not a date"):
        store.events(date_from="soon")


def test_actor_page(store):
    a = store.actor("prk")
    assert a["id"] == "PRK" and a["cow"] == 731 and a["start"] == "1948-09-09"
    assert {"name": "조선민주주의인민공화국", "system": "ko"} in a["names"]
    assert len(a["relations"]) == 6 and len(a["events"]) == 3
    assert a["sources"][0]["id"] == "s-states"


def test_topics_claims_sources(store):
    topics = store.topics()
    assert [t["id"] for t in topics] == ["alpha", "alpha.one", "beta", "beta.two"]
    by_id = {t["id"]: t for t in topics}
    assert by_id["alpha.one"]["events"] == 3
    # a theme counts its topics' events once each, and their claims
    assert (by_id["alpha"]["events"], by_id["alpha"]["claims"]) == (3, 1)
    assert (by_id["beta"]["events"], by_id["beta"]["claims"]) == (1, 1)
    claim, disputed = store.claims()
    assert disputed["id"] == "cl-beta-two-1" and disputed["verdict"] == "disputed"
    assert claim["verdict"] == "partly-supported"
    assert claim["evidence"][1] == {
        "record": "rel-dip-prk-mmr",
        "stance": "contradicts",
        "note": "severed in 1983",
    }
    assert store.claims(topic="beta") == [disputed]
    assert store.claims(verdict="partly-supported", text="alpha") == [claim]
    srcs = {s["id"]: s for s in store.sources()}
    assert srcs["s-one"]["cited_by"] > 5 and srcs["s-one"]["date"] == "2001-05"
    assert [s["id"] for s in store.sources(level="primary")] == ["s-states"]


def test_overview(store):
    ov = store.overview()
    assert ov["counts"]["events"] == 3 and ov["counts"]["series"] == 1
    assert ov["first_event"] == "1973-04-07"


def test_open_builds_on_first_use(tmp_path):
    from nkwatch.store import Store

    from .conftest import FIXTURE_KB

    path = tmp_path / "fresh.duckdb"
    with Store.open(path, kb_dir=FIXTURE_KB) as s:
        assert len(s.events()) == 3
    with Store.open(path, read_only=True) as s:
        assert len(s.events()) == 3


@pytest.mark.parametrize(
    "env, shown",
    [(None, "2.7 GiB"), ("512MB", "488.2 MiB"), ("default", None)],
)
def test_memory_limit(tmp_path, monkeypatch, env, shown):
    """nkwatch's connections spill big queries to disk past 3 GB unless told otherwise."""
    import duckdb

    from nkwatch.store import Store

    from .conftest import FIXTURE_KB

    if env is None:
        monkeypatch.delenv("NKWATCH_MEMORY_LIMIT", raising=False)
    else:
        monkeypatch.setenv("NKWATCH_MEMORY_LIMIT", env)
    with Store.open(tmp_path / "s.duckdb", kb_dir=FIXTURE_KB) as s:
        got = s.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    if shown is None:
        with duckdb.connect() as plain:  # DuckDB's own default
            shown = plain.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert got == shown


def test_a_bad_memory_limit_names_the_fix(tmp_path, monkeypatch):
    from nkwatch.build import StoreError
    from nkwatch.store import Store

    from .conftest import FIXTURE_KB

    monkeypatch.setenv("NKWATCH_MEMORY_LIMIT", "lots")
    with pytest.raises(StoreError, match="not a memory size: use e.g. 3GB"):
        Store.open(tmp_path / "s.duckdb", kb_dir=FIXTURE_KB)
    assert not (tmp_path / "s.duckdb").exists()  # and no empty store left behind
