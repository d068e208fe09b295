"""The dyad-year table on the real UN votes (../shared/data/unvotes) against an independent
computation in plain Python over the CSV rows, and the first-dimension positions."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from pathlib import Path

import pytest

from nkwatch.analytics import ibis_backend
from nkwatch.analytics.alignment import dyad_years, votes_table
from nkwatch.build import build
from nkwatch.sources.datasets import ingest_dataset
from nkwatch.store import Store

from ..conftest import FIXTURE_KB, shared_file

pytestmark = pytest.mark.shared_data

#: (alpha-2 in the CSV, ISO3 in the store) of the states checked
STATES = {"KP": "PRK", "CN": "CHN", "US": "USA", "IL": "ISR", "RU": "RUS", "CU": "CUB",
          "FR": "FRA", "KR": "KOR"}  # fmt: skip
DYADS = [("CN", "KP", 2005), ("KP", "US", 2010), ("IL", "US", 1990), ("RU", "US", 1985),
         ("CU", "KP", 1995), ("FR", "US", 2000), ("KP", "KR", 1992),
         ("CN", "US", 1975)]  # fmt: skip
SCALE = {"yes": 1, "abstain": 2, "no": 3}


def iso(alpha2: str, year: int) -> str:
    """The store's state for the CSV's code: the unvotes package writes the Soviet Union's
    votes as Russia's (RU); the store keeps them apart (SUN until 1991)."""
    return "SUN" if alpha2 == "RU" and year < 1992 else STATES[alpha2]


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    folder = shared_file("unvotes", "un_votes.csv.gz").parent
    db = tmp_path_factory.mktemp("real-votes") / "store.duckdb"
    build(db, FIXTURE_KB)
    ingest_dataset(db, "unvotes", [folder])
    with Store.open(db, kb_dir=FIXTURE_KB, read_only=True) as store:
        yield store


def by_hand(folder: Path) -> dict[tuple[str, str, int], dict[str, float]]:
    """The dyads' metrics from the CSV rows alone: csv and arithmetic, no nkwatch code."""
    with (folder / "un_roll_calls.csv").open(newline="", encoding="utf-8") as fh:
        year = {r["rcid"]: int(r["date"][:4]) for r in csv.DictReader(fh)}
    wanted = {(a, y) for a, _, y in DYADS} | {(b, y) for _, b, y in DYADS}
    votes: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    with gzip.open(folder / "un_votes.csv.gz", "rt", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            y = year.get(r["rcid"])
            if (r["country_code"], y) in wanted and r["vote"] in SCALE:
                votes[(r["country_code"], y)][r["rcid"]] = SCALE[r["vote"]]
    out = {}
    for a, b, y in DYADS:
        va, vb = votes[(a, y)], votes[(b, y)]
        common = sorted(set(va) & set(vb))
        n = len(common)
        same = sum(va[k] == vb[k] for k in common)
        dist = sum(abs(va[k] - vb[k]) for k in common)
        p_o = same / n
        p_e = sum(
            sum(va[k] == v for k in common) * sum(vb[k] == v for k in common) for v in (1, 2, 3)
        ) / (n * n)
        iso_a, iso_b = sorted((iso(a, y), iso(b, y)))
        kappa = (p_o - p_e) / (1 - p_e) if p_e < 1 else None
        out[(iso_a, iso_b, y)] = {"votes": n, "agreement": p_o, "s_score": 1 - dist / n,
                                  "kappa": kappa}  # fmt: skip
    return out


def test_dyad_years_match_a_computation_by_hand(real_store):
    expected = by_hand(shared_file("unvotes", "un_votes.csv.gz").parent)
    table = dyad_years(votes_table(ibis_backend(real_store)))
    isos = sorted({*STATES.values(), "SUN"})
    table = table.filter(table.country_a.isin(isos) & table.country_b.isin(isos))
    got = {(r["country_a"], r["country_b"], r["year"]): r for r in table.to_pyarrow().to_pylist()}
    for key, want in expected.items():
        assert got[key]["votes"] == want["votes"], key
        for k in ("agreement", "s_score", "kappa"):
            assert got[key][k] == pytest.approx(want[k], abs=1e-12), (key, k)
    assert expected[("CHN", "PRK", 2005)]["votes"] > 50


def test_positions_on_the_real_votes(real_store):
    from nkwatch.analytics.positions import positions

    rows = positions(real_store, 2015)
    by = {r["country"]: r for r in rows}
    n = len(rows)
    assert n > 180 and by["USA"]["rank"] <= 3 and by["ISR"]["rank"] <= 5
    assert by["PRK"]["rank"] > n - 10  # among the ten farthest from the United States
    assert by["CHN"]["position"] < 0 < by["KOR"]["position"]


def test_the_cells_give_what_the_votes_give(real_store, monkeypatch):
    """The isolation series and the agreement of whole years from the per-year cells the
    ingest keeps equal the same figures computed from the 870,000 votes, to the last bit
    (the isolation page reads the cells)."""
    from nkwatch.analytics import alignment as al
    from nkwatch.analytics import isolation as iso

    fast = (iso._un(real_store), iso.isolation(real_store, date_from="1985"))
    calls = [
        {"date_from": "2010", "date_to": "2019"},
        {},
        {"date_from": "1991", "date_to": "1991"},
        {"partner": "CHN", "freq": "year"},
        {"partner": "RUS", "freq": "year"},
        {"partner": "USA", "date_from": "2000", "date_to": "2009", "min_votes": 100},
    ]
    quick = [al.alignment(real_store, **kw) for kw in calls]
    monkeypatch.setattr(al, "stored_cells", lambda *a, **k: None)
    monkeypatch.setattr(iso, "stored_cells", lambda *a, **k: None)
    assert iso._un(real_store) == fast[0]
    assert iso.isolation(real_store, date_from="1985") == fast[1]
    for kw, got in zip(calls, quick, strict=True):
        assert al.alignment(real_store, **kw) == got, kw
    un = fast[0][0]
    assert len(un) == 30 and un[2005]["un_votes"] > 50  # the DPRK voted 1991-2020
    assert 0 < un[2010]["un_CHN"] <= 1 and un[2010]["un_USA"] < un[2010]["un_CHN"]
