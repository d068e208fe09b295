"""The isolation page's fast paths, each equal to the computation it replaces: the per-year
vote cells an unvotes ingest keeps (``uv_focal_cells``, in the ingest's transaction), the
isolation series and the agreement of whole years read from them, and the network series
counted in one query for every year. On the fixture votes here; on the real UN votes in
test_real_alignment.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from nkwatch.analytics import alignment as al
from nkwatch.analytics import isolation as iso
from nkwatch.build import build
from nkwatch.countries import countries, counts, counts_on
from nkwatch.sources import unvotes
from nkwatch.sources.datasets import ingest_dataset
from nkwatch.store import Store

from ..conftest import FIXTURE_KB
from .conftest import VOTES, rows

#: alignment() calls the isolation page, the country pages and the API make
CALLS = [
    {},
    {"date_from": "2005", "date_to": "2019"},
    {"date_from": "2010", "date_to": "2010"},
    {"date_from": "1990", "date_to": "2004"},
    {"partner": "CHN", "freq": "year"},
    {"partner": "RUS", "freq": "year"},
    {"partner": "RUS"},
    {"partner": "USA", "date_from": "2005", "date_to": "2010", "min_votes": 2},
    {"min_votes": 3},
]


def _slow(monkeypatch, fn, *args, **kwargs):
    """``fn`` as a store without the cells answers it: from the votes themselves."""
    with monkeypatch.context() as m:
        m.setattr(al, "stored_cells", lambda *a, **k: None)
        m.setattr(iso, "stored_cells", lambda *a, **k: None)
        return fn(*args, **kwargs)


def test_the_ingest_keeps_the_cells(votes_db: Path):
    cells = {
        (y, c): rest
        for y, c, *rest in rows(
            votes_db, "SELECT year, country, votes, c11, c32, c33 FROM uv_focal_cells"
        )
    }
    # 2005: A/RES/60/173, both no; 2010: yes/yes twice, no against China's abstention
    assert cells[(2005, "CHN")] == [1, 0, 0, 1] and cells[(2010, "CHN")] == [3, 2, 1, 0]
    assert cells[(2005, unvotes.MEDIAN)] == [1, 0, 0, 1]  # the median member voted no (4 of 7)
    assert not any(c == "PRK" for _, c in cells)  # never against itself


def test_the_fast_paths_give_the_same_figures(votes_store, monkeypatch):
    assert iso._un(votes_store) == iso._un_from_votes(votes_store)
    fast = iso.isolation(votes_store, date_from="1948", date_to="2011")
    assert fast == _slow(monkeypatch, iso.isolation, votes_store, date_from="1948", date_to="2011")
    for kw in CALLS:
        assert al.alignment(votes_store, **kw) == _slow(
            monkeypatch, al.alignment, votes_store, **kw
        ), kw
    # a period that is not whole years, or one issue, is computed from the votes
    assert al._period_cells(votes_store, "PRK", None, dt.date(2010, 1, 1), None) is not None
    assert al._period_cells(votes_store, "PRK", None, dt.date(2010, 6, 1), None) is None
    assert al._period_cells(votes_store, "PRK", "hr", None, None) is None


def test_a_store_ingested_before_the_cells_gives_the_same_figures(votes_db: Path):
    with Store.open(votes_db, kb_dir=FIXTURE_KB) as s:
        before = (iso.isolation(s), al.alignment(s, date_from="2005", date_to="2019"))
        s.con.execute("DROP TABLE uv_focal_cells")  # as an older nkwatch left it
        assert al.stored_cells(s) is None
        assert (iso.isolation(s), al.alignment(s, date_from="2005", date_to="2019")) == before
    ingest_dataset(votes_db, "unvotes", [VOTES / "unvotes"])  # every file ingested before:
    assert rows(votes_db, "SELECT count(*) FROM uv_focal_cells")[0][0] > 0  # cells made


def test_the_cells_follow_the_next_ingest(votes_db: Path, monkeypatch):
    ingest_dataset(votes_db, "unvotes", [VOTES / "voeten" / "UNVotes-small.csv"])
    with Store.open(votes_db, kb_dir=FIXTURE_KB) as s:
        assert iso._un(s) == iso._un_from_votes(s)
        for kw in CALLS:
            assert al.alignment(s, **kw) == _slow(monkeypatch, al.alignment, s, **kw), kw


def test_a_failed_ingest_leaves_the_cells_as_they_were(votes_db: Path, monkeypatch):
    before = rows(votes_db, "SELECT * FROM uv_focal_cells ORDER BY year, country")
    votes = rows(votes_db, "SELECT count(*) FROM uv_votes")

    def fail(con: duckdb.DuckDBPyConnection) -> None:
        unvotes.focal_cells(con)  # the new cells are written, then the ingest fails
        raise RuntimeError("disk full")

    monkeypatch.setattr(unvotes, "finish", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_dataset(votes_db, "unvotes", [VOTES / "voeten" / "UNVotes-small.csv"])
    assert rows(votes_db, "SELECT * FROM uv_focal_cells ORDER BY year, country") == before
    assert rows(votes_db, "SELECT count(*) FROM uv_votes") == votes


def _days() -> list[dt.date]:
    today = dt.date.today()
    ends = [min(dt.date(y, 12, 31), today) for y in range(1948, today.year + 1)]
    return [*ends, dt.date(1948, 9, 9), dt.date(1950, 6, 25), dt.date(1991, 9, 17), today]


@pytest.mark.parametrize("kb", ["fixture", "bundled"])
def test_the_network_counted_in_one_query_is_the_same(tmp_path: Path, kb: str):
    """Every year's counts in one query equal the per-day answers of the countries table,
    on the fixture record and on the full curated record nkwatch ships."""
    db = tmp_path / "store.duckdb"
    build(db, FIXTURE_KB if kb == "fixture" else None)
    with Store.open(db, kb_dir=FIXTURE_KB if kb == "fixture" else None) as s:
        fast = counts_on(s, _days())
        for day in _days():
            assert fast[day] == counts(countries(s, day)), day
        assert counts_on(s, []) == {}
        if kb == "bundled":  # the record's network, not zeros everywhere
            assert fast[dt.date(2000, 12, 31)]["relations"] > 100
