"""Measures: terms per period, mentions with tone, keyness, passages, beside the events."""

import pytest

from nkwatch.errors import QueryError
from nkwatch.media import query


def _row(rows, **want):
    return next(r for r in rows if all(r[k] == v for k, v in want.items()))


def test_terms_per_year_and_per_10k(media_store):
    rows = query.terms(media_store, ["usa", "nuclear", "self-reliance", "로동"], "new-year")
    assert {r["period"] for r in rows} == {"1960", "1995", "2018"}
    r = _row(rows, period="2018", term="usa")
    assert r["count"] == 2 and r["per_10k"] == round(2 * 10000 / r["words"], 2)
    assert _row(rows, period="2018", term="nuclear")["count"] == 1  # 핵무력, not 핵심
    assert _row(rows, period="2018", term="self-reliance")["count"] == 0  # 자주 "often"
    assert _row(rows, period="1995", term="self-reliance")["count"] == 2  # 자력갱생, 자주적
    # 로동 (1995, DPRK) and 노동 (2018, the South's spelling in a wire copy) both count
    assert _row(rows, period="1995", term="로동")["count"] == 1
    assert _row(rows, period="2018", term="로동")["count"] == 1


def test_terms_errors(media_store):
    with pytest.raises(QueryError, match="English"):
        query.terms(media_store, ["핵"], "kcna")
    with pytest.raises(QueryError, match="use year or month"):
        query.terms(media_store, ["usa"], "new-year", "week")


def test_mentions_with_tone(media_store):
    rows = query.mentions(media_store, "kcna", "month")
    usa = _row(rows, period="2024-08", concept="usa")
    # "The U.S. and the puppet ROK staged reckless war drills" and "the U.S. imperialists"
    assert usa["mentions"] == 2 and usa["hostile"] == 2 and usa["tone"] < 0
    rus = _row(rows, period="2024-09", concept="russia")
    assert rus["friendly"] == rus["mentions"] == 3 and rus["actor"] == "RUS"
    assert all(r["concept"] != "dprk" for r in rows)


def test_keyness_finds_what_rises(media_store):
    from nkwatch.media import measures
    from nkwatch.media.cache import corpus

    c = corpus(media_store.con, "new-year", media_store.path)
    rows = measures.keyness(c, ("1960", "1995"), ("2018", "2018"), top=5, min_count=1)
    assert rows and {r["rises_in"] for r in rows} <= {"a", "b"}
    assert all(r["z"] > 0 for r in rows if r["rises_in"] == "a")
    with pytest.raises(QueryError, match="no texts"):
        query.keyness(media_store, "new-year", "1970", "2018")


def test_passages_in_korean_with_a_reading(media_store):
    rows = query.passages(media_store, "usa", "new-year", limit=5)
    assert [r["year"] for r in rows] == [2018, 1995, 1960]
    assert rows[0]["passage"].startswith("미국은") and rows[0]["romanized"].startswith("migug")
    assert rows[1]["tone"] == "hostile"
    short = query.passages(media_store, "usa", "new-year", limit=1, width=40)
    assert len(short[0]["passage"]) <= 60


def test_versus_sets_mentions_beside_the_curated_events(media_store):
    rows = query.versus(media_store, "RUS", "kcna", "month")
    june = _row(rows, period="2024-06")
    assert june["mentions"] >= 1 and june["events"] >= 1
    assert "Putin" in june["event_titles"]
    with pytest.raises(QueryError, match="no concept stands for"):
        query.versus(media_store, "XYZ")


def test_no_texts_names_the_ingest(tmp_path):
    from nkwatch.build import build
    from nkwatch.store import Store

    build(tmp_path / "empty.duckdb")
    with (
        Store.reader(tmp_path / "empty.duckdb") as store,
        pytest.raises(QueryError, match="nkwatch ingest kcna"),
    ):
        query.mentions(store)
