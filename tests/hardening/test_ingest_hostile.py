"""Issue 10, ingest: hostile files end in a clear nkwatch error, fast, with the store left as
it was. Each test here failed before its fix (figures in the comments were measured then)."""

from __future__ import annotations

import json
import random
import time
import tracemalloc
from pathlib import Path

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from nkwatch.lists import ListError, ofac, un
from nkwatch.lists import ingest as ingest_list
from nkwatch.sources.base import IngestError
from nkwatch.sources.ingest import ingest

from .hostile import FIXTURES, GDELT2_LINE, lying_zip, write_gdelt2, zip_bomb

EVENTS = FIXTURES / "events"
LISTS = FIXTURES / "lists"
runner = CliRunner()


def _app() -> typer.Typer:
    from nkwatch.cli import app

    return app


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "store.duckdb"
    ingest(db, "gdelt", [write_gdelt2(tmp_path / "base.export.CSV", 1000, first=600_000_001)])
    return db


@pytest.mark.parametrize("lines", [True, False])
def test_repeated_ids_fail_before_any_row_is_written(
    store: Path, tmp_path: Path, lines: bool
) -> None:
    """Before: pass 2 joined the file to itself on GLOBALEVENTID, so n copies of a line
    wrote n² rows before the check (5,000 copies: 227 s, 880 MB, 25 M rows written and rolled
    back; the store grew by 82 MB). Now the ids are checked on pass 1: 2 s."""
    dup = tmp_path / "dup.export.CSV"
    dup.write_text((GDELT2_LINE + "\n") * 3000)
    before, size = _counts(store), store.stat().st_size
    started = time.perf_counter()
    with pytest.raises(IngestError, match="appears more than once"):
        ingest(store, "gdelt", [dup], lines=lines)
    assert time.perf_counter() - started < 60  # before: ~45 s here for 3,000 copies
    assert _counts(store) == before
    assert store.stat().st_size - size < 2 << 20  # before: 9 M rows written, then rolled back


def test_zip_member_over_the_cap_is_refused(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NKWATCH_MAX_UNZIPPED", "2MB")
    bomb = zip_bomb(tmp_path / "bomb.export.CSV.zip", "bomb.export.CSV", 40 << 20)
    assert bomb.stat().st_size < 200_000
    before = _counts(store)
    with pytest.raises(IngestError, match="NKWATCH_MAX_UNZIPPED"):
        ingest(store, "gdelt", [bomb])
    # a header that lies about the size does not get past the count of bytes written
    liar = lying_zip(tmp_path / "liar.export.CSV.zip", "a.export.CSV", b"\t" * (3 << 20), 100)
    with pytest.raises(IngestError, match="NKWATCH_MAX_UNZIPPED|damaged"):
        ingest(store, "gdelt", [liar])
    monkeypatch.setenv("NKWATCH_MAX_UNZIPPED", "lots")
    with pytest.raises(IngestError, match="not a size"):
        ingest(store, "gdelt", [bomb])
    assert _counts(store) == before


@pytest.mark.parametrize(
    ("source", "name"), [("ftm", "garbage.ftm.json"), ("csis-provocations", "garbage.csv")]
)
def test_binary_garbage_is_a_clear_cli_error(tmp_path: Path, source: str, name: str) -> None:
    """Before: a UnicodeDecodeError traceback."""
    junk = tmp_path / name
    junk.write_bytes(b"\x8f" + random.Random(1).randbytes(4096))
    res = runner.invoke(_app(), ["ingest", source, str(junk), "--db", str(tmp_path / "s.db")])
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "Error:" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "s.db").exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_gdelt_is_refused_not_recorded(store: Path, tmp_path: Path, encoding: str) -> None:
    """Before: exit 0, every row rejected, the file recorded as ingested."""
    path = tmp_path / "wide.export.CSV"
    path.write_bytes((EVENTS / "gdelt2-small.export.CSV").read_text().encode(encoding))
    before = _counts(store)
    with pytest.raises(IngestError, match="UTF-16|UTF-32") as err:
        ingest(store, "gdelt", [path])
    assert "iconv" in str(err.value)
    assert _counts(store) == before


def test_a_file_whose_rows_are_all_rejected_is_an_error(store: Path, tmp_path: Path) -> None:
    """A GLOBALEVENTID that is no number on every line: DuckDB rejects each row."""
    path = tmp_path / "ids.export.CSV"
    rows = write_gdelt2(tmp_path / "x.csv", 20).read_text().splitlines()
    path.write_text("".join("x" + r + "\n" for r in rows))
    before = _counts(store)
    with pytest.raises(IngestError, match="none of the 20 row"):
        ingest(store, "gdelt", [path])
    assert _counts(store) == before
    for source, text in [("icews", "a\tb\tc\tnot-a-date\n" * 5), ("cns-missiles", None)]:
        bad = tmp_path / f"{source}.txt"
        if text is None:
            head = (EVENTS / "cns-small.csv").read_bytes().decode("cp1252").splitlines()[0]
            text = head + "\n" + "1,not a date" + "," * 17 + "\n"
        bad.write_text(text)
        with pytest.raises(IngestError, match="none of the"):
            ingest(store, source, [bad])
    assert _counts(store) == before


@pytest.mark.parametrize("flag", ["--json", "--nl"])
def test_list_ingest_json_output(tmp_path: Path, flag: str) -> None:
    """Before: TypeError (a date is not JSON serialisable), after the commit."""
    db = tmp_path / "s.db"
    res = runner.invoke(
        _app(), ["ingest", "un-sanctions", str(LISTS / "un-2022.xml"), "--db", str(db), flag]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout) if flag == "--json" else [json.loads(res.stdout)]
    assert data[0]["list_date"] == "2022-10-21"


def test_unexpanded_xml_entity_is_an_error(tmp_path: Path) -> None:
    """Before: ``<FIRST_NAME>KIM &x; SOL</FIRST_NAME>`` was read as "KIM" (silently cut)."""
    text = (LISTS / "un-2022.xml").read_text()
    head, body = text.split("?>", 1)
    bad = tmp_path / "entity.xml"
    bad.write_text(
        head
        + '?><!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x "YONG">]>'
        + body.replace("<FIRST_NAME>KIM </FIRST_NAME>", "<FIRST_NAME>KIM &x; SOL</FIRST_NAME>")
    )
    with pytest.raises(ListError, match=r"entity reference &x;.*FIRST_NAME|FIRST_NAME.*&x;"):
        un.read(bad)


def test_ofac_stray_quote_is_an_error(tmp_path: Path) -> None:
    """Before: a quote left open joined two lines into one bogus primary name ("ABC DEF"),
    and a stray quote inside a name was kept in it."""
    rest = ',-0- ,"DPRK"' + ",-0- " * 8 + "\n"
    bad = tmp_path / "sdn.csv"
    bad.write_text('100,"ABC\nDEF"' + rest + '101,"GHI"' + rest)
    with pytest.raises(ListError, match=r"sdn.csv:1: a quote opened"):
        ofac.read([bad])
    bad.write_text('100,ABC "DEF"' + rest)
    with pytest.raises(ListError, match="stray quote"):
        ofac.read([bad])
    bad.write_text('100,"ABC DEF"' + rest)
    assert [e.name for e in ofac.read([bad])[0]] == ["ABC DEF"]


def test_ofac_junk_fails_at_line_one_without_reading_it_all(tmp_path: Path) -> None:
    """Before: 1 M junk rows were decoded and split into a list (~300 MB) before line 1 was
    found wrong. Now the first row is checked as it is read."""
    junk = tmp_path / "sdn.csv"
    with junk.open("w") as fh:
        for _ in range(20):
            fh.write("junk,row,here\n" * 50_000)
    tracemalloc.start()
    try:
        with pytest.raises(ListError, match=r"sdn.csv:1.*3 fields"):
            ofac.read([junk])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"peak {peak >> 20} MiB"


def test_failed_list_ingest_leaves_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest_list(db, "un-sanctions", [LISTS / "un-2022.xml"])
    before = _counts(db)
    bad = tmp_path / "sdn.csv"
    bad.write_bytes("x".encode("utf-16"))
    with pytest.raises(ListError, match="UTF-16"):
        ingest_list(db, "ofac-sdn", [bad])
    assert _counts(db) == before


def test_invalid_utf8_is_refused_before_the_engine_sees_it(store: Path, tmp_path: Path) -> None:
    """Found by the fuzz suite: a last line cut inside a character (``\\xe9\\xff`` in its
    SOURCEURL) made DuckDB 1.5 fail inside the engine while quarantining the row ("Attempted
    to access index 60 within vector of size 58"), a fatal error that invalidates the whole
    database for the process. The file is now checked for UTF-8 first; Latin-1 text too."""
    good = (EVENTS / "gdelt2-small.export.CSV").read_bytes().splitlines(keepends=True)
    cut = good[-1].rstrip(b"\n").rsplit(b"\t", 1)[0] + b"\t\xe9\xff"
    latin = write_gdelt2(tmp_path / "x.csv", 20).read_text().replace("NORTH KOREA", "CORÉE")
    before = _counts(store)
    for name, blob in [("cut", b"".join(good[:-1]) + cut), ("latin1", latin.encode("latin-1"))]:
        path = tmp_path / f"{name}.export.CSV"
        path.write_bytes(blob)
        with pytest.raises(IngestError, match=r"not valid UTF-8 \(line \d+, byte") as err:
            ingest(store, "gdelt", [path])
        assert "iconv -f UTF-8 -t UTF-8 -c" in str(err.value)
        assert _counts(store) == before
    ingest(store, "gdelt", [EVENTS / "gdelt2-small.export.CSV"])  # the process is still sound
    assert _counts(store) != before
