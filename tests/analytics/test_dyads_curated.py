"""The curated record as a source of the dyad series (``--source curated``)."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from nkwatch.analytics.dyads import dyads
from nkwatch.build import build
from nkwatch.sources.base import COMMON_COLUMNS
from nkwatch.store import QueryError, Store

from ..conftest import FIXTURE_KB


@pytest.fixture
def kb_store(db_path):
    build(db_path, FIXTURE_KB)
    s = Store.open(db_path, kb_dir=FIXTURE_KB)
    yield s
    s.close()


def test_ev_curated_has_the_common_columns(kb_store):
    got = kb_store.con.execute("DESCRIBE ev_curated").fetchall()
    assert [(c[0], c[1]) for c in got] == list(COMMON_COLUMNS.items())


def test_curated_events_as_event_data(kb_store):
    got = kb_store.con.execute(
        "SELECT id, actor1, actor2, cameo_code, quad_class, sources FROM ev_curated ORDER BY id"
    ).fetchall()
    assert got == [
        # Kim Jong-un has no leader relation in the fixture: one state only
        ("curated:ev-1973-04-07-sweden:SWE", "SWE", "PRK", "040", 1, 1),
        ("curated:ev-1983-10-rangoon:MMR", "MMR", "PRK", "010", 1, 1),
        ("curated:ev-2018-talks", "PRK", None, "036", 1, 1),
    ]


def test_a_curated_series_without_any_ingest(kb_store):
    rows = dyads(kb_store, "SWE", "year", sources=["curated"])
    assert [r["period"] for r in rows] == ["1973-01-01", "1983-01-01", "2018-01-01"]
    first = rows[0]
    assert (first["events"], first["events_in"], first["events_out"]) == (1, 1, 0)
    assert (first["verbal_coop"], first["cooperation"], first["conflict"]) == (1, 1, 0)
    assert first["goldstein_mean"] == 1.0 and first["share"] == 1.0
    assert rows[1]["events"] == 0 and rows[1]["total_events"] == 1
    # without --source curated the series needs ingested data, and says how to get it
    with pytest.raises(QueryError, match="--source curated"):
        dyads(kb_store, "SWE", "year")


def test_a_leader_stands_for_the_state_he_led_on_the_date(tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, kb)
    beta = kb / "topics" / "beta.yaml"
    beta.write_text(
        beta.read_text().replace(
            "relations:\n",
            "relations:\n"
            "  - id: rel-kju-leads\n"
            "    kind: leader\n"
            "    subject: kim-jong-un\n"
            "    object: PRK\n"
            "    start: 2011-12-17\n"
            "    sources: [s-states]\n",
            1,
        )
    )
    alpha = kb / "topics" / "alpha.yaml"
    text = alpha.read_text().replace("actors: [kim-jong-un, PRK]", "actors: [kim-jong-un, SWE]")
    alpha.write_text(text)
    db = tmp_path / "s.duckdb"
    build(db, kb)
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute(
            "SELECT id, actor1, actor2 FROM ev_curated WHERE id LIKE '%2018%'"
        ).fetchall()
    assert got == [("curated:ev-2018-talks:SWE", "PRK", "SWE")]


def test_curated_and_ingested_together(event_store):
    both = dyads(event_store, "USA", "year", sources=["curated", "icews"])
    icews = dyads(event_store, "USA", "year", sources=["icews"])
    assert sum(r["total_events"] for r in both) > sum(r["total_events"] for r in icews)
    assert {r["period"] for r in icews} <= {r["period"] for r in both}


def test_unknown_source_names_the_choices(kb_store):
    with pytest.raises(QueryError, match="use one of gdelt, icews, cns-missiles, "
                       "csis-provocations, curated"):  # fmt: skip
        dyads(kb_store, "SWE", "year", sources=["curatd"])
