"""OFAC's SDN list: legacy CSV (sdn/alt/add, end-of-file byte, remarks) and SDN XML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from nkwatch.lists import ListError, ingest, ofac, ofac_xml, parse

from ..conftest import shared_file
from .conftest import snapshot


def _by_id(entries: list) -> dict:
    return {e.list_id: e for e in entries}


def test_csv_release_with_alt_and_add(fixtures: Path) -> None:
    d = fixtures / "ofac"
    entries, orphans = ofac.read([d / "add.csv", d / "sdn.csv", d / "alt.csv"])  # any order
    assert orphans == 0 and len(entries) == 5  # the 0x1A end-of-file line is not an entry
    by = _by_id(entries)
    kim = by["17614"]
    assert kim.schema == "Person" and kim.dprk and kim.programs == ["DPRK2"]
    assert kim.birth_dates == ["1962-02-18"] and kim.passports == ["472310168"]
    assert kim.nationalities == ["Korea, North"]
    assert [a.name for a in kim.aliases] == ["KIM, Young-Chul", "CH'OE, Yo'ng-ch'o'l"]
    assert by["12211"].birth_dates == ["1947", "1946"]
    assert {a.name for a in by["12211"].aliases} == {"KIM, Young-Cheol", "KIM, Yong-Chol"}
    komid = by["9345"]
    assert komid.programs == ["NPWMD", "DPRK2"] and komid.dprk
    assert [(a.name, a.kind) for a in komid.aliases] == [
        ("KOMID", "aka"),
        ("CHANGGWANG SINYONG CORPORATION", "fka"),
    ]
    assert komid.addresses == ["Central District, Pyongyang, Korea, North"]
    vessel = by["17069"]
    assert vessel.schema == "Vessel" and vessel.imo == ["7937317"]
    assert not by["306"].dprk


def test_malformed_csv_is_refused_and_store_unchanged(fixtures: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest(db, "ofac-sdn", [fixtures / "ofac" / "sdn.csv"], date="2024-05-03")
    before = snapshot(db)
    with pytest.raises(ListError) as err:
        ingest(db, "ofac-sdn", [fixtures / "ofac-bad" / "sdn.csv"])
    message = str(err.value)
    assert "ofac-bad/sdn.csv:2" in message and "3 fields, expected 12" in message
    assert "download the file again" in message
    assert snapshot(db) == before


def test_alt_without_sdn_is_refused(fixtures: Path) -> None:
    with pytest.raises(ListError, match="give the release's sdn.csv"):
        parse("ofac-sdn", [fixtures / "ofac" / "alt.csv"])


def test_sdn_xml(fixtures: Path) -> None:
    date, entries = ofac_xml.read(fixtures / "sdn.xml")
    assert date == dt.date(2024, 5, 3)
    by = _by_id(entries)
    kim = by["17614"]
    assert kim.name == "KIM, Yong Chol" and kim.schema == "Person"
    assert kim.birth_dates == ["1962-02-18"] and kim.passports == ["472310168"]
    assert [(a.name, a.kind) for a in kim.aliases] == [
        ("KIM, Young-Chul", "aka"),
        ("YONG CHOL", "weak"),
    ]
    assert by["17069"].imo == ["7937317"] and by["17069"].schema == "Vessel"
    assert [a.kind for a in by["9345"].aliases] == ["aka", "fka"]
    assert all(e.dprk for e in entries)


def test_xml_and_csv_agree_on_shared_fields(fixtures: Path) -> None:
    xml = _by_id(ofac_xml.read(fixtures / "sdn.xml")[1])
    csv_ = _by_id(ofac.read([fixtures / "ofac" / "sdn.csv"])[0])
    for uid in ("17614", "17069", "9345"):
        assert (xml[uid].name, xml[uid].schema, xml[uid].imo) == (
            csv_[uid].name,
            csv_[uid].schema,
            csv_[uid].imo,
        )


@pytest.mark.shared_data
def test_real_sdn_csv_2024(tmp_path: Path) -> None:
    path = shared_file("ofac-sdn", "sdn.csv")
    entries, _ = ofac.read([path])
    assert len(entries) == 14965
    by = _by_id(entries)
    assert by["12211"].name == "KIM, Yong Chol" and by["12211"].dprk
    tagged = [e for e in entries if any(p.startswith("DPRK") for p in e.programs)]
    assert len(tagged) == 484  # the README's count of entries with a DPRK* program
    db = tmp_path / "s.duckdb"
    ingest(db, "ofac-sdn", [path], date="2024-05-03")
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM sl_entities").fetchone() == (14965,)


@pytest.mark.shared_data
def test_real_2021_release_with_alt_and_add() -> None:
    files = [shared_file("ofac-sdn-2021", f) for f in ("sdn.csv", "alt.csv", "add.csv")]
    entries, orphans = ofac.read(files)
    assert len(entries) == 8890 and orphans == 0
    kim = _by_id(entries)["12211"]
    assert "KIM, Young-Chul" in {a.name for a in kim.aliases}
    dprk_aliases = sum(len(e.aliases) for e in entries if e.dprk)
    assert dprk_aliases >= 322  # alt.csv rows of DPRK entries, plus remarks a.k.a.
