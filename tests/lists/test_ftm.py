"""FollowTheMoney JSON lines in and out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from nkwatch.lists import ListError, export_rows, ftm, ingest
from nkwatch.store import Store


def test_reads_entities_and_sanctions(fixtures: Path) -> None:
    entries = {e.list_id: e for e in ftm.read(fixtures / "entities.ftm.json")}
    assert set(entries) == {"NK-kim-yong-chol", "NK-vessel-ccg"}  # Address left out
    kim = entries["NK-kim-yong-chol"]
    assert kim.list == "test_sanctions" and kim.dprk
    assert kim.listed_on == dt.date(2016, 3, 2) and kim.programs == ["DPRK2"]
    assert {a.name for a in kim.aliases} == {"Kim Young-chul", "김영철"}
    assert entries["NK-vessel-ccg"].imo == ["7937317"]


def test_bad_json_line_is_refused(fixtures: Path) -> None:
    with pytest.raises(ListError, match=r"bad\.ftm\.json:2: not JSON"):
        ftm.read(fixtures / "bad.ftm.json")


def test_export_round_trip(fixtures: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest(db, "un-sanctions", [fixtures / "un-2022.xml"])
    with duckdb.connect(str(db)) as con:
        rows = export_rows(con, dprk_only=True)
    out = tmp_path / "export.ftm.json"
    out.write_text("".join(json.dumps(e, default=str) + "\n" for e in ftm.to_ftm(rows)))
    back = {e.list_id: e for e in ftm.read(out)}
    assert set(back) == {"KPi.024", "KPi.035", "KPe.022"}  # the list's own ids come back
    kim = back["KPi.024"]
    assert kim.list == "un" and kim.birth_dates == ["1962-02-18"]
    assert kim.listed_on == dt.date(2016, 3, 2)
    assert {a.name for a in kim.aliases} >= {"Kim Young-Chol", "Young-Chul"}


def test_export_includes_curated_designations(store: Store) -> None:
    rows = export_rows(store.con)  # no list ingested: the curated record's designations
    (row,) = [r for r in rows if r["list_id"] == "KPi.999"]
    entities = list(ftm.to_ftm([row]))
    assert entities[0]["schema"] in ("Person", "Organization", "LegalEntity")
    assert entities[1]["schema"] == "Sanction"
    assert entities[1]["properties"]["unscId"] == ["KPi.999"]


def test_ingested_ftm_is_screened_under_its_dataset(fixtures: Path, tmp_path: Path) -> None:
    from nkwatch.screen import Screener

    db = tmp_path / "s.duckdb"
    report = ingest(db, "ftm", [fixtures / "entities.ftm.json"], date="2024-01-01")
    assert report["copies"][0]["entries"] == 2
    with duckdb.connect(str(db)) as con:
        matches = Screener.from_store(con).screen("Gim Yeongcheol")
    assert [(m.list, m.id) for m in matches] == [("test_sanctions", "NK-kim-yong-chol")]
    with pytest.raises(ListError, match="bad.ftm.json:2"):
        ingest(db, "ftm", [fixtures / "bad.ftm.json"])


def _entries(db: Path) -> dict[str, tuple]:
    """Everything nkwatch keeps of each entry, comparable across stores."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT e.key, e.schema, e.name, e.dprk, list_sort(e.programs), e.listed_on, "
            "list_sort(e.birth_dates), list_sort(e.nationalities), list_sort(e.passports), "
            "list_sort(e.addresses), list_sort(e.imo), e.remarks, "
            "(SELECT list_sort(list(n.name || '|' || CASE WHEN n.kind IN ('weak', 'fka') "
            " THEN n.kind ELSE 'aka' END)) FROM sl_names n WHERE n.key = e.key AND "
            " n.kind <> 'primary') FROM sl_entities e"
        ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_round_trip_loses_nothing(fixtures: Path, tmp_path: Path) -> None:
    """UN and OFAC (CSV with alt/add, advanced XML) out to FollowTheMoney and back: the same
    entries, ids, names (weak and former ones too), identifiers, dates and DPRK flags."""
    db = tmp_path / "s.duckdb"
    ingest(db, "un-sanctions", [fixtures / "un-2023.xml"])
    ofac = fixtures / "ofac"
    ingest(
        db, "ofac-sdn", [ofac / "sdn.csv", ofac / "alt.csv", ofac / "add.csv"], date="2024-05-03"
    )
    ingest(db, "ofac-sdn", [fixtures / "advanced" / "sdn_advanced.xml"])
    with duckdb.connect(str(db)) as con:
        rows = export_rows(con, curated=False)
    out = tmp_path / "export.ftm.json"
    out.write_text("".join(json.dumps(e, default=str) + "\n" for e in ftm.to_ftm(rows)))
    back = tmp_path / "back.duckdb"
    ingest(back, "ftm", [out])
    before, after = _entries(db), _entries(back)
    assert set(after) == set(before)
    assert sum(v[2] for v in after.values()) == sum(v[2] for v in before.values())
    for key, value in before.items():
        assert after[key] == value, key


def test_export_is_valid_followthemoney(fixtures: Path, tmp_path: Path) -> None:
    """Every exported entity is one FollowTheMoney's own model accepts, property by property."""
    model = pytest.importorskip("followthemoney").model
    db = tmp_path / "s.duckdb"
    ingest(db, "un-sanctions", [fixtures / "un-2023.xml"])
    ingest(db, "ofac-sdn", [fixtures / "advanced" / "sdn_advanced.xml"])
    with duckdb.connect(str(db)) as con:
        rows = export_rows(con, curated=False)
    for data in ftm.to_ftm(rows):
        schema = model.get(data["schema"])
        assert schema is not None
        for prop in data["properties"]:
            assert prop in schema.properties, (data["schema"], prop)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.caption
