"""Ingest of UN votes (three layouts) and Correlates of War files: one transaction, idempotent
by file hash, bad rows quarantined with file and line, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nkwatch.sources.base import IngestError
from nkwatch.sources.datasets import ingest_dataset
from nkwatch.sources.unvotes import clean_text, normalise_symbol

from .conftest import VOTES, rows


def test_symbols_are_normalised():
    assert normalise_symbol("R/60/173") == "A/RES/60/173"
    assert normalise_symbol("R/40/165K") == "A/RES/40/165K"
    assert normalise_symbol("R/15/1514") == "A/RES/1514(XV)"
    assert normalise_symbol("R/5/233A") == "A/RES/233(V)A"
    assert normalise_symbol("ESS/10/19") == "A/RES/ES-10/19"
    assert normalise_symbol("A/RES/74/95") == "A/RES/74/95"
    assert normalise_symbol("R/10 65") is None
    assert normalise_symbol(None) is None


def test_mis_decoded_apostrophes_are_repaired():
    assert clean_text("the Democratic People?Ã†s Republic") == "the Democratic People's Republic"
    assert clean_text("Assembly<90>s rules") == "Assembly's rules"


def test_unvotes_folder(db_path: Path):
    res = {Path(r.path).name: r for r in ingest_dataset(db_path, "unvotes", [VOTES / "unvotes"])}
    assert [r.kind for r in res.values()] == ["roll_calls", "issues", "votes"]  # written in order
    assert res["un_roll_calls.csv"].rows == 6 and res["un_roll_calls.csv"].rejects == 1
    assert res["un_votes.csv"].rows == 34 and res["un_votes.csv"].rejects == 3
    got = rows(db_path, "SELECT line, error FROM ds_rejects ORDER BY file, line")
    assert got[0][0] == 8 and "2010-13-45" in got[0][1]  # un_roll_calls.csv line 8
    lines = {line: error for line, error in got[1:]}
    assert set(lines) == {29, 30, 38}
    assert "ZZ" in lines[29] and "iso2_iso3.csv" in lines[29]
    assert "maybe" in lines[30] and "99" in lines[38]
    (res_sym,) = rows(db_path, "SELECT resolution, title FROM uv_roll_calls WHERE rcid = 10")
    assert res_sym[0] == "A/RES/60/173" and "People's Republic of Korea" in res_sym[1]
    # seats by date: the RU seat is the Soviet Union's in 1990, Russia's in 2010
    seat = dict(rows(db_path, "SELECT roll_call, country FROM uv_votes WHERE code = 'RU'"))
    assert seat["rc1"] == "SUN" and seat["rc10"] == "RUS"
    assert rows(db_path, "SELECT country, cow FROM uv_votes WHERE name = 'Zanzibar'") == [
        (None, 511)
    ]
    assert rows(db_path, "SELECT cow FROM uv_votes WHERE country = 'PRK' LIMIT 1") == [(731,)]


def test_reingest_adds_nothing(db_path: Path):
    ingest_dataset(db_path, "unvotes", [VOTES / "unvotes"])
    before = rows(db_path, "SELECT count(*) FROM uv_votes")
    again = ingest_dataset(db_path, "unvotes", [VOTES / "unvotes"])
    assert all(r.skipped for r in again)
    assert rows(db_path, "SELECT count(*) FROM uv_votes") == before
    # the same rows under another file name: not skipped by hash, dropped by key
    copy = db_path.parent / "copy.csv"
    shutil.copy(VOTES / "unvotes" / "un_votes.csv", copy)
    copy.write_text(copy.read_text() + "\n")  # other content, same rows
    (r,) = ingest_dataset(db_path, "unvotes", [copy])
    assert r.rows == 0 and r.duplicates == 34
    assert rows(db_path, "SELECT count(*) FROM uv_votes") == before


def test_votes_without_roll_calls_write_nothing(db_path: Path):
    with pytest.raises(IngestError, match="un_roll_calls.csv") as err:
        ingest_dataset(db_path, "unvotes", [VOTES / "unvotes" / "un_votes.csv"])
    assert "nothing was written" in str(err.value)
    assert not db_path.exists()  # the store the call would have created is gone again


def test_a_failure_leaves_the_store_as_it_was(db_path: Path):
    ingest_dataset(db_path, "cow", [VOTES / "cow"])
    before = rows(db_path, "SELECT count(*) FROM ds_files")
    with pytest.raises(IngestError, match="not a UN votes file"):
        ingest_dataset(db_path, "unvotes", [VOTES / "unvotes", VOTES / "not-cow.csv"])
    assert rows(db_path, "SELECT count(*) FROM ds_files") == before
    assert not rows(db_path, "SELECT 1 FROM duckdb_tables() WHERE table_name = 'uv_votes'")


def test_voeten_dataverse_layout(db_path: Path):
    ingest_dataset(db_path, "unvotes", [VOTES / "unvotes"])
    (r,) = ingest_dataset(db_path, "unvotes", [VOTES / "voeten" / "UNVotes-small.csv"])
    assert r.format == "voeten"
    # rows of all three tables: roll calls 20 and 21, six votes, two issue codes; rcid 10 (its
    # roll call, PRK's vote, its issue) is in the store from unvotes; Cuba absent (8) is no
    # vote; COW 999 and vote 7 are rejected
    assert (r.rows, r.duplicates, r.rejects) == (10, 3, 2)
    got = dict(rows(db_path, "SELECT country, vote FROM uv_votes WHERE roll_call = 'rc20'"))
    assert got == {"PRK": "no", "CHN": "no", "USA": "yes", "RUS": "no", "SRB": "abstain"}
    assert rows(db_path, "SELECT country FROM uv_votes WHERE roll_call = 'rc21'") == [("SUN",)]
    assert rows(db_path, "SELECT issue FROM uv_issues WHERE roll_call = 'rc20'") == [("hr",)]
    assert rows(db_path, "SELECT resolution FROM uv_roll_calls WHERE id = 'rc20'") == [
        ("A/RES/70/172",)
    ]


def test_un_digital_library_layout(db_path: Path):
    ingest_dataset(db_path, "unvotes", [VOTES / "unvotes"])
    (r,) = ingest_dataset(db_path, "unvotes", [VOTES / "undl" / "ga_voting_small.csv"])
    assert r.format == "undl"
    # A/RES/60/173 is held from unvotes: its UN DL roll call is kept once (skipped here)
    assert rows(
        db_path, "SELECT count(*) FROM uv_roll_calls WHERE resolution = 'A/RES/60/173'"
    ) == [(1,)]
    got = dict(rows(db_path, "SELECT country, vote FROM uv_votes WHERE roll_call = 'undl4000002'"))
    assert got == {"PRK": "no", "CHN": "abstain", "USA": "yes"}  # Cuba X: not voting
    assert r.rejects == 1
    assert "XYZ" in rows(db_path, "SELECT error FROM ds_rejects WHERE dataset = 'unvotes'")[-1][0]


def test_cow_folder(db_path: Path):
    res = {Path(r.path).name: r for r in ingest_dataset(db_path, "cow", [VOTES / "cow"])}
    assert {n: r.kind for n, r in res.items()} == {
        "Inter-StateWarData_v4.0.csv": "wars", "MIDA 4.3.csv": "mida", "MIDB 4.3.csv": "midb",
        "MIDI 4.3.csv": "midi", "MIDP 4.3.csv": "midp", "directed_dyadic_war.csv": "war_dyads",
        "states2016.csv": "states", "system2016.csv": "system",
    }  # fmt: skip
    assert res["Inter-StateWarData_v4.0.csv"].rows == 2  # CR-only line endings
    assert rows(db_path, "SELECT transfrom FROM cow_wars WHERE ccode = 2") == [("404, 410",)]
    assert rows(db_path, "SELECT link1 FROM cow_mid_disputes WHERE dispnum3 = 200") == [("147W",)]
    assert res["MIDB 4.3.csv"].rejects == 1
    assert rows(db_path, "SELECT line, error FROM ds_rejects")[0][0] == 5
    assert rows(db_path, "SELECT DISTINCT iso3 FROM cow_states WHERE ccode = 731") == [("PRK",)]
    # COW 365 is Russia's number in 1995 and the Soviet Union's in 1949
    assert dict(rows(db_path, "SELECT year, iso3 FROM cow_system WHERE ccode = 365")) == {
        1949: "SUN",
        1995: "RUS",
    }
    assert all(r.skipped for r in ingest_dataset(db_path, "cow", [VOTES / "cow"]))


def test_a_file_nkwatch_cannot_read_names_the_fix(db_path: Path):
    with pytest.raises(IngestError, match="MID 4.3"):
        ingest_dataset(db_path, "cow", [VOTES / "not-cow.csv"])
    with pytest.raises(IngestError, match="no file or folder"):
        ingest_dataset(db_path, "cow", [VOTES / "missing"])
    with pytest.raises(IngestError, match="unknown data set"):
        ingest_dataset(db_path, "votes", [VOTES / "cow"])
