"""The UN Consolidated List: fields, dated copies, malformed files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from nkwatch.lists import ListError, ingest, parse, un
from nkwatch.screen.designated import designated

from ..conftest import shared_file
from .conftest import snapshot


def test_reads_fields(fixtures: Path) -> None:
    date, entries = un.read(fixtures / "un-2022.xml")
    assert date == dt.date(2022, 10, 21)
    by_id = {e.list_id: e for e in entries}
    kim = by_id["KPi.024"]
    assert kim.name == "KIM YONG CHOL"  # the UN's padding spaces folded away
    assert kim.schema == "Person" and kim.dprk and kim.programs == ["DPRK"]
    assert kim.listed_on == dt.date(2016, 3, 2)
    assert kim.birth_dates == ["1962-02-18"] and kim.passports == ["472310168"]
    assert [(a.name, a.kind) for a in kim.aliases] == [
        ("Kim Young-Chol", "aka"),
        ("Young-Chul", "weak"),
    ]
    assert by_id["KPi.035"].birth_dates == ["1970", "1971"]
    assert not by_id["IQi.043"].dprk
    company = by_id["KPe.022"]
    assert company.schema == "Organization" and company.imo == ["5342883"]
    assert company.addresses[0].endswith("Democratic People's Republic of Korea")


def test_truncated_file_is_refused_naming_line_and_fix(fixtures: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest(db, "un-sanctions", [fixtures / "un-2022.xml"])
    before = snapshot(db)
    with pytest.raises(ListError) as err:
        ingest(db, "un-sanctions", [fixtures / "un-2023.xml", fixtures / "un-truncated.xml"])
    message = str(err.value)
    assert "un-truncated.xml:" in message and "not well-formed XML" in message
    assert "download" in message
    assert snapshot(db) == before  # the good copy in the same call was not written either


def test_wrong_root_names_the_right_source(fixtures: Path, tmp_path: Path) -> None:
    with pytest.raises(ListError, match="expected <CONSOLIDATED_LIST>.*ofac-sdn"):
        ingest(tmp_path / "s.duckdb", "un-sanctions", [fixtures / "un-wrong-root.xml"])
    assert not (tmp_path / "s.duckdb").exists()  # a failed first ingest leaves no store


def test_two_dated_copies_make_designations_a_query(fixtures: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest(db, "un-sanctions", [fixtures / "un-2022.xml", fixtures / "un-2023.xml"])
    with duckdb.connect(str(db)) as con:

        def answer(ref: str, day: str) -> str:
            (row,) = designated(con, ref, dt.date.fromisoformat(day))
            return row["designated"]

        assert answer("IQi.043", "2022-01-01") == "yes"
        assert answer("IQi.043", "2023-01-01") == "uncertain"  # gone between the copies
        assert answer("IQi.043", "2023-06-01") == "no"
        assert answer("IQi.043", "2003-01-01") == "no"  # before its listing date
        assert answer("KPi.024", "2023-06-01") == "yes"
        assert answer("KPi.024", "2016-03-01") == "no"
        rows = designated(con, "Kim Young-chul", dt.date(2017, 1, 1))
        assert [(r["id"], r["designated"]) for r in rows] == [("KPi.024", "yes")]


def test_reingesting_adds_nothing(fixtures: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first = ingest(db, "un-sanctions", [fixtures / "un-2022.xml"])
    before = snapshot(db)
    again = ingest(db, "un-sanctions", [fixtures / "un-2022.xml"])
    assert not first["copies"][0]["skipped"] and again["copies"][0]["skipped"]
    assert snapshot(db) == before


@pytest.mark.shared_data
def test_real_un_lists_ingest_and_diff(tmp_path: Path) -> None:
    old = shared_file("un-sc-consolidated", "consolidated-20221021.xml")
    new = shared_file("un-sc-consolidated", "consolidated-202303.xml")
    db = tmp_path / "s.duckdb"
    report = ingest(db, "un-sanctions", [old, new])
    assert [(c["entries"], c["dprk"]) for c in report["copies"]] == [(956, 155), (955, 155)]
    with duckdb.connect(str(db)) as con:
        persons = con.execute(
            "SELECT count(*) FROM sl_entities WHERE dprk AND schema = 'Person'"
        ).fetchone()
        assert persons == (80,)
        gone = con.execute(
            "SELECT list_id FROM sl_designations WHERE delisted = DATE '2023-03-27' "
            "ORDER BY list_id"
        ).fetchall()
        present_old = {e.list_id for e in parse("un-sanctions", [old])[0][2]}
        present_new = {e.list_id for e in parse("un-sanctions", [new])[0][2]}
        assert {g[0] for g in gone} == present_old - present_new
        assert gone  # the two copies differ
        names = con.execute(
            "SELECT name FROM sl_names WHERE key = 'un:KPi.047' ORDER BY ord"
        ).fetchall()
        assert ("Min Pyo’ng-ch’o’l",) in names


def test_failure_while_writing_rolls_back(
    fixtures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nkwatch.lists as lists

    db = tmp_path / "s.duckdb"
    ingest(db, "ofac-sdn", [fixtures / "ofac" / "sdn.csv"], date="2024-05-03")
    before = snapshot(db)
    real = lists.write_copy
    calls = []

    def fail_on_second(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full (simulated)")
        return real(*args, **kwargs)

    monkeypatch.setattr(lists, "write_copy", fail_on_second)
    with pytest.raises(OSError, match="simulated"):
        ingest(db, "un-sanctions", [fixtures / "un-2022.xml", fixtures / "un-2023.xml"])
    assert len(calls) == 2  # the first copy was written inside the transaction ...
    assert snapshot(db) == before  # ... and rolled back
