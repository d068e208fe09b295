"""Sanctions lists: read the UN Consolidated List, OFAC's SDN list (CSV and XML) and
FollowTheMoney JSON lines into one shape (:class:`Entry`) and write them to the store's
``sl_`` tables, where ``nkwatch.screen`` finds them.

>>> from nkwatch.lists import ingest
>>> ingest("store.duckdb", "un-sanctions", ["consolidated.xml"])
>>> ingest("store.duckdb", "ofac-sdn", ["sdn.csv", "alt.csv", "add.csv"])

Designations are dated records (:mod:`.store`): ``status_on(record, day)`` tells whether
an entry was on its list on a day; ``nkwatch.screen.designated`` answers it for a name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import ftm, ofac, ofac_advanced, ofac_xml, un
from .model import Alias, Entry, ListError
from .query import designations, export_rows
from .query import has_tables as _has_tables
from .store import (
    drop_saved,
    ensure_tables,
    file_id,
    restore_tables,
    save_tables,
    status_on,
    write_copy,
)

LIST_SOURCES = ("un-sanctions", "ofac-sdn", "ftm")

__all__ = [
    "LIST_SOURCES",
    "Alias",
    "Entry",
    "ListError",
    "designations",
    "export_rows",
    "ingest",
    "parse",
    "status_on",
    "summary",
]


def _is_xml(path: Path) -> bool:
    """Whether the file starts with ``<`` (after a byte order mark and blanks), in UTF-8 or
    UTF-16: XML says its own encoding, so a UTF-16 list is read like a UTF-8 one."""
    import codecs

    with path.open("rb") as handle:
        head = handle.read(512)
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) : len(bom) + 256 // 2 * 2].decode(enc, "replace").encode()
            break
    else:
        if head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
            return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _is_advanced(path: Path) -> bool:
    """Whether an OFAC XML file is the advanced format (root ``<Sanctions>``)."""
    import re

    with path.open("rb") as handle:
        head = handle.read(4096).decode("utf-8", "replace")
    found = re.search(r"<(?![?!])(?:\w+:)?(\w+)", head)
    return bool(found and found.group(1) == "Sanctions")


def parse(
    source: str, paths: Sequence[Path | str], *, date: dt.date | None = None
) -> list[tuple[list[Path], dt.date | None, list[Entry]]]:
    """Read ``paths`` as ``source``: one (files, list date, entries) per copy of a list.

    OFAC CSV files of one call form one copy (sdn.csv with its alt.csv/add.csv); every other
    file is a copy of its own. ``date`` gives copies that carry no date of their own (OFAC's
    CSV files) one. Raises :class:`ListError` naming the file, line and fix."""
    if source not in LIST_SOURCES:
        raise ListError(f"unknown list source {source!r}: use one of {', '.join(LIST_SOURCES)}")
    files = [Path(p).expanduser() for p in paths]
    if not files:
        raise ListError(f"give at least one file to ingest as {source}")
    for p in files:
        if not p.is_file():
            raise ListError(f"no file {p}: check the path")
    copies: list[tuple[list[Path], dt.date | None, list[Entry]]] = []
    if source == "un-sanctions":
        for p in files:
            if not _is_xml(p):
                raise ListError(
                    f"{p}: not XML: the UN Consolidated List is consolidated.xml; for OFAC's "
                    "sdn.csv use 'ofac-sdn', for FollowTheMoney JSON lines use 'ftm'"
                )
            d, entries = un.read(p)
            copies.append(([p], d or date, entries))
    elif source == "ofac-sdn":
        xml = [p for p in files if _is_xml(p)]
        csvs = [p for p in files if p not in xml]
        for p in xml:
            reader = ofac_advanced if _is_advanced(p) else ofac_xml
            d, entries = reader.read(p)
            copies.append(([p], d or date, entries))
        if csvs:
            entries, _orphans = ofac.read(csvs)
            copies.append((csvs, date, entries))
    else:
        for p in files:
            copies.append(([p], date, ftm.read(p)))
    return copies


def ingest(
    db_path: Path | str,
    source: str,
    paths: Sequence[Path | str],
    *,
    date: dt.date | str | None = None,
) -> dict[str, Any]:
    """Ingest ``paths`` as ``source`` (one of :data:`LIST_SOURCES`) into the store at
    ``db_path`` in one transaction. A copy ingested before is skipped, so re-ingesting adds
    nothing. Returns ``{"source", "copies": [{"files", "list_date", "entries", "dprk",
    "skipped"}...]}``. Raises :class:`ListError` (nothing written) for a malformed file."""
    from nkwatch.journal import write_unit

    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    copies = parse(source, paths, date=day)
    db = Path(db_path).expanduser()
    report: list[dict[str, Any]] = []
    # the sl_ tables are copied aside first: a kill at any point, even during the COMMIT,
    # is undone when the store is next opened for writing (nkwatch.journal)
    unit = write_unit(db, "lists", announce=save_tables, undo=restore_tables, clear=drop_saved)
    with unit as con:
        ensure_tables(con)
        for files, list_date, entries in copies:
            fid, sha = file_id(source, files)
            row = {
                "files": [str(f) for f in files],
                "list_date": list_date,
                "entries": len(entries),
                "dprk": sum(e.dprk for e in entries),
            }
            if con.execute("SELECT 1 FROM sl_files WHERE id = ?", [fid]).fetchone():
                report.append({**row, "skipped": True})
                continue
            write_copy(
                con,
                source=source,
                fid=fid,
                sha=sha,
                paths=files,
                list_date=list_date,
                entries=entries,
            )
            report.append({**row, "skipped": False})
    return {"source": source, "copies": report}


def summary(con: Any) -> list[dict[str, Any]]:
    """One row per ingested copy: source, list, date, entries, DPRK entries, files."""
    if not _has_tables(con):
        return []
    cur = con.execute(
        "SELECT f.source, f.list, f.list_date, f.entries, "
        "(SELECT count(*) FROM sl_presence p JOIN sl_entities e ON e.key = p.key "
        " WHERE p.file_id = f.id AND e.dprk) AS dprk, f.paths, f.ingested_at "
        "FROM sl_files f ORDER BY f.list, f.list_date NULLS FIRST, f.ingested_at"
    )
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        rec = dict(zip(names, row, strict=True))
        rec["list_date"] = rec["list_date"].isoformat() if rec["list_date"] else None
        rec["ingested_at"] = rec["ingested_at"].isoformat(timespec="seconds")
        out.append(rec)
    return out
