"""Lists over time: the changes between ingested copies, on fixtures and on the real UN and
OFAC copies, the page and its Atom feed; and no answer without data."""

from __future__ import annotations

import datetime as dt
import json
import xml.dom.minidom
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from nkwatch.lists import ListError, ingest
from nkwatch.lists.changes import changes

from ..conftest import shared_file


@pytest.fixture
def two_copies(fixtures: Path, tmp_path: Path) -> Path:
    """The UN fixture of 2023, and a copy of 2024 in which one person gains an alias and a
    passport, one is delisted and one entity is new."""
    text = (fixtures / "un-2023.xml").read_text(encoding="utf-8")
    newer = text.replace('dateGenerated="2023-03-27', 'dateGenerated="2024-01-15')
    newer = newer.replace(
        "<ALIAS_NAME>Kim Young-Chol</ALIAS_NAME></INDIVIDUAL_ALIAS>",
        "<ALIAS_NAME>Kim Young-Chol</ALIAS_NAME></INDIVIDUAL_ALIAS><INDIVIDUAL_ALIAS>"
        "<QUALITY>Good</QUALITY><ALIAS_NAME>Kim Yongchol</ALIAS_NAME></INDIVIDUAL_ALIAS>",
    ).replace(
        "<NUMBER> 472310168</NUMBER>",
        "<NUMBER>472310168</NUMBER></INDIVIDUAL_DOCUMENT>"
        "<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT>"
        "<NUMBER>836110034</NUMBER>",
    )
    start = newer.index("<INDIVIDUAL><DATAID>9000002")
    newer = newer[:start] + newer[newer.index("</INDIVIDUAL>", start) + len("</INDIVIDUAL>") :]
    newer = newer.replace(
        "</ENTITIES>",
        "<ENTITY><DATAID>9000099</DATAID><FIRST_NAME>KOREA NEW TRADING CORPORATION</FIRST_NAME>"
        "<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.099</REFERENCE_NUMBER>"
        "<LISTED_ON>2024-01-10</LISTED_ON></ENTITY></ENTITIES>",
    )
    path = tmp_path / "un-2024.xml"
    path.write_text(newer, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest(db, "un-sanctions", [fixtures / "un-2023.xml", path])
    return db


def test_changes_between_two_copies(two_copies: Path) -> None:
    with duckdb.connect(str(two_copies), read_only=True) as con:
        found = changes(con, dt.date(2023, 1, 1), dt.date(2024, 12, 31))
    (compared,) = found["compared"]
    assert compared["from"]["list_date"] == "2023-03-27"
    assert compared["to"]["list_date"] == "2024-01-15" and compared["note"] == ""
    rows = {(r["change"], r["id"]): r["detail"] for r in found["changes"]}
    assert ("listed", "KPe.099") in rows and ("delisted", "KPi.035") in rows
    assert rows[("names changed", "KPi.024")] == "added Kim Yongchol"
    assert rows[("passports changed", "KPi.024")] == "added 836110034"
    assert len(rows) == 4


def test_one_copy_in_range_compares_nothing(two_copies: Path) -> None:
    with duckdb.connect(str(two_copies), read_only=True) as con:
        found = changes(con, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
        assert found["changes"] == [] and "fewer than two" in found["compared"][0]["note"]
        with pytest.raises(ListError, match="swap them"):
            changes(con, dt.date(2024, 1, 1), dt.date(2023, 1, 1))


def test_cli_changes_page_and_feed(two_copies: Path) -> None:
    from fastapi.testclient import TestClient

    from nkwatch.api.app import create_app
    from nkwatch.cli import app

    args = ["lists", "changes", "--from", "2023-01-01", "--to", "2024-12-31"]
    out = CliRunner().invoke(app, [*args, "--json", "--db", str(two_copies)])
    assert out.exit_code == 0, out.output
    assert {r["change"] for r in json.loads(out.stdout)} >= {"listed", "delisted"}
    table = CliRunner().invoke(app, [*args, "--db", str(two_copies)]).output
    assert "un 2023-03-27 un-2023.xml sha256" in table and "1 delisted" in table
    with TestClient(create_app(two_copies, cache=False)) as client:
        page = client.get("/lists/changes")
        assert page.status_code == 200 and "KOREA NEW TRADING CORPORATION" in page.text
        feed = client.get("/lists/changes.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        doc = xml.dom.minidom.parseString(feed.content)
        titles = [t.firstChild.data for t in doc.getElementsByTagName("title")]
        assert "un: listed: KOREA NEW TRADING CORPORATION (KPe.099)" in titles


@pytest.mark.shared_data
def test_real_copies(tmp_path: Path) -> None:
    """The real UN copies of 2022-10-21 and 2023-03-27 and OFAC's of ~2021-04 and 2024-05-03:
    the differences found by reading the files (README of the shared data: UN individuals 703
    then 701, entities 253 then 254)."""
    un = [
        shared_file("un-sc-consolidated", "consolidated-20221021.xml"),
        shared_file("un-sc-consolidated", "consolidated-202303.xml"),
    ]
    db = tmp_path / "real.duckdb"
    ingest(db, "un-sanctions", un)
    old = [shared_file("ofac-sdn-2021", f) for f in ("sdn.csv", "alt.csv", "add.csv")]
    ingest(db, "ofac-sdn", old, date="2021-04-25")
    ingest(db, "ofac-sdn", [shared_file("ofac-sdn", "sdn.csv")], date="2024-05-03")
    with duckdb.connect(str(db), read_only=True) as con:
        found = changes(con, dt.date(2021, 1, 1), dt.date(2024, 12, 31))
    rows = found["changes"]
    un_rows = {(r["change"], r["id"]) for r in rows if r["list"] == "un"}
    assert un_rows == {
        ("listed", "QDe.169"),
        ("listed", "QDi.433"),
        ("delisted", "IQi.030"),
        ("delisted", "IQi.032"),
        ("delisted", "IQi.043"),
        ("dates of birth changed", "QDi.119"),
        ("passports changed", "QDi.216"),
    }
    ofac = [r for r in rows if r["list"] == "ofac"]
    count = {k: sum(r["change"] == k for r in ofac) for k in ("listed", "delisted")}
    assert count == {"listed": 7019, "delisted": 944}  # 8,890 entries then 14,965
    (note,) = [c["note"] for c in found["compared"] if c["list"] == "ofac"]
    assert "other names not compared" in note  # 2021 has alt.csv, 2024 sdn.csv alone


def test_no_answer_without_data(tmp_path: Path) -> None:
    """Before: 'lists designated' printed an empty table and exited 0 with no list ingested."""
    from nkwatch.cli import app

    db = str(tmp_path / "empty.duckdb")
    for args in (
        ["lists", "designated", "KIM Yong Chol", "--on", "2017-06-01"],
        ["lists", "changes", "--from", "2020-01-01", "--to", "2024-01-01"],
        ["screen", "Kim Yong Chol"],
    ):
        result = CliRunner().invoke(app, [*args, "--db", db])
        assert result.exit_code == 2, (args, result.output)
        assert "no sanctions list is ingested" in result.output
        assert "nkwatch update lists" in result.output
    listing = CliRunner().invoke(app, ["lists", "--db", db])  # what is ingested: nothing
    assert listing.exit_code == 0 and "No sanctions list is ingested" in listing.output
