"""The CNS missile test database (cp1252, newlines in fields, month-only dates) and the CSIS
provocations (CSV and JSON give the same ids)."""

from __future__ import annotations

import datetime as dt

import pytest

from nkwatch.sources import cns, csis
from nkwatch.sources.base import IngestError
from nkwatch.sources.ingest import ingest

from ..conftest import shared_file
from .conftest import rows


def test_cns_dates():
    assert cns.parse_date("9-Apr-84") == dt.date(1984, 4, 9)
    assert cns.parse_date("Sep-84") == dt.date(1984, 9, 1)
    assert cns.parse_date("4/19/2023") == dt.date(2023, 4, 19)
    with pytest.raises(ValueError, match="like 9-Apr-84"):
        cns.parse_date("31-Feb-17")


def test_cns_fixture(events_dir, db_path):
    [res] = ingest(db_path, "cns-missiles", [events_dir / "cns-small.csv"])
    assert (res.rows, res.rejects) == (4, 1)
    got = rows(
        db_path,
        "SELECT id, date, actor1, actor2, cameo_code, quad_class, line, lat, "
        "cns.missile_type, cns.additional_information FROM ev_reports ORDER BY line",
    )
    assert [r[0] for r in got] == ["cns:1", "cns:2", "cns:3", "cns:5"]
    assert str(got[0][1]) == "1993-05-01"  # known to the month
    assert got[0][2:6] == ("PRK", None, "150", 4)
    # the quoted note runs over two lines, so the next test starts a line later
    assert [r[6] for r in got] == [2, 3, 5, 7]
    assert got[1][9] == "Exploded after launch; the analysts’ note\nruns over two lines."
    assert got[3][9] == "Café rumours: none"
    assert got[1][8] == "ICBM"
    [rej] = rows(db_path, "SELECT line, error FROM ev_rejects")
    assert rej[0] == 6 and "31-Feb-17" in rej[1]


def test_cns_wrong_file(events_dir, db_path):
    with pytest.raises(IngestError, match="CNS missile test header"):
        ingest(db_path, "cns-missiles", [events_dir / "csis-small.csv"])


def test_csis_csv_and_json_agree(events_dir, db_path):
    [a] = ingest(db_path, "csis-provocations", [events_dir / "csis-small.csv"])
    [b] = ingest(db_path, "csis-provocations", [events_dir / "csis-small.json"])
    assert (a.format, a.rows, a.rejects) == ("csis-csv", 5, 1)
    assert (b.format, b.rows, b.duplicates) == ("csis-json", 0, 5)
    got = rows(
        db_path,
        "SELECT date, actor2, cameo_code, csis.type, line FROM ev_reports ORDER BY date, line",
    )
    assert [(str(r[0]), r[1], r[2]) for r in got] == [
        ("2006-10-09", None, "150"),
        ("2010-11-23", "KOR", "190"),
        ("2017-07-28", None, "150"),
        ("2017-07-28", None, "150"),
        ("2017-09-03", None, "150"),
    ]
    [rej] = rows(db_path, "SELECT line, error FROM ev_rejects")
    assert rej[0] == 7 and "20-13-2019" in rej[1]


def test_csis_codes_from_wording():
    assert csis.cameo_for("Other Provocation", "Hijacking of South Korean Plane") == "181"
    assert csis.cameo_for("Other Provocation", "Maritime Boundary Declaration") == "138"
    assert csis.cameo_for("Missile Provocation", "ICBM Launch") == "150"
    assert csis.target_for("Ambush on U.S. Soldiers", "") == "USA"


@pytest.mark.shared_data
def test_real_cns_file(db_path):
    [res] = ingest(
        db_path,
        "cns-missiles",
        [shared_file("cns-nk-missile-tests", "north_korea_missile_test_database.csv")],
    )
    assert (res.rows, res.rejects) == (245, 0)
    types = dict(rows(db_path, "SELECT cns.missile_type, count(*) FROM ev_reports GROUP BY 1"))
    assert types["SRBM"] == 163 and types["ICBM"] == 11 and types["SLV"] == 6
    span = rows(db_path, "SELECT min(date), max(date) FROM ev_reports")[0]
    assert [str(d) for d in span] == ["1984-04-09", "2023-04-12"]


@pytest.mark.shared_data
def test_real_csis_files(db_path):
    folder = "csis-nk-provocations"
    a, b = ingest(
        db_path,
        "csis-provocations",
        [
            shared_file(folder, "north_korea_provocations_1958_present.csv"),
            shared_file(folder, "north_korea_provocations_1958_present.json"),
        ],
    )
    assert (a.rows, a.rejects, b.rows, b.duplicates) == (493, 0, 0, 493)
    kinds = dict(rows(db_path, "SELECT csis.type, count(*) FROM ev_reports GROUP BY 1"))
    assert kinds == {"Missile Provocation": 246, "Other Provocation": 241, "Nuclear Provocation": 6}
