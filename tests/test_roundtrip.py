"""Property test: whatever valid records we write, the store gives them back unchanged."""

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkwatch.build import build
from nkwatch.store import Store

from .conftest import FIXTURE_KB

ACTORS = ["PRK", "SWE", "MMR", "kim-jong-un"]
CAMEO = ["010", "036", "040", "043"]

text = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=10,
        max_size=80,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: len(s) >= 10)
)


@st.composite
def partial_dates(draw):
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    return {"year": f"{day.year:04d}", "month": f"{day:%Y-%m}", "day": day.isoformat()}[precision]


@st.composite
def events(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    out = []
    for i in range(n):
        out.append(
            {
                "id": f"ev-prop-{i}",
                "date": draw(partial_dates()),
                "title": draw(text),
                "summary": draw(text),
                "type": draw(st.sampled_from(["summit", "talks", "incident", "other"])),
                "cameo": draw(st.sampled_from(CAMEO)),
                "actors": draw(
                    st.lists(st.sampled_from(ACTORS), min_size=1, max_size=4, unique=True)
                ),
                "sources": ["s-one"],
            }
        )
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evs=events())
def test_events_round_trip_through_the_store(evs):
    with tempfile.TemporaryDirectory() as tmp:
        kb = Path(tmp) / "kb"
        shutil.copytree(FIXTURE_KB, kb)
        doc = {"topic": "beta.two", "events": evs}
        (kb / "topics" / "prop.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8"
        )
        db = Path(tmp) / "s.duckdb"
        build(db, kb)
        with Store.open(db, read_only=True) as store:
            got = {e["id"]: e for e in store.events(topic="beta.two")}
    for ev in evs:
        back = got[ev["id"]]
        assert back["date"] == ev["date"]
        assert back["title"] == ev["title"]
        assert back["summary"] == ev["summary"]
        assert back["type"] == ev["type"]
        assert back["cameo_code"] == ev["cameo"]
        assert [a["id"] for a in back["actors"]] == ev["actors"]
        assert back["topics"] == ["beta.two"]
        assert [s["id"] for s in back["sources"]] == ["s-one"]


@settings(max_examples=25, deadline=None)
@given(
    start=partial_dates(),
    end=st.one_of(st.none(), partial_dates()),
    probe=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_relation_as_of_matches_its_definition(start, end, probe):
    from nkwatch.dates import PartialDate

    s, e = PartialDate.parse(start), PartialDate.parse(end) if end else None
    if e is not None and e.latest < s.earliest:
        return
    rel = {
        "id": "rel-prop",
        "kind": "embassy",
        "subject": "SWE",
        "object": "PRK",
        "start": start,
        "end": end,
        "sources": ["s-one"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        kb = Path(tmp) / "kb"
        shutil.copytree(FIXTURE_KB, kb)
        (kb / "topics" / "prop.yaml").write_text(
            yaml.safe_dump({"topic": "beta.two", "relations": [rel]}), "utf-8"
        )
        db = Path(tmp) / "s.duckdb"
        build(db, kb)
        with Store.open(db, read_only=True) as store:
            held = {r["id"] for r in store.relations(kind="embassy", as_of=probe)}
            back = next(r for r in store.relations(kind="embassy") if r["id"] == "rel-prop")
    certain = s.latest <= probe and (e is None or e.earliest > probe)
    assert ("rel-prop" in held) == certain
    assert (back["start"], back["end"]) == (start, end)
