"""Correlates of War data sets, recognised by their header (any file name):

=========================  ================================  ==============================
file (COW name)            table                             key
=========================  ================================  ==============================
states2016.csv             cow_states                        ccode, styear, stmonth, stday
system2016.csv             cow_system                        ccode, year
majors2016.csv             cow_majors                        ccode, styear, stmonth, stday
COW country codes.csv      cow_codes                         ccode
MIDA 4.3.csv (disputes)    cow_mid_disputes                  dispnum3
MIDB 4.3.csv               cow_mid_participants              dispnum3, ccode, styear, stmon, stday
MIDI 4.3.csv (incidents)   cow_mid_incidents                 incidnum3
MIDP 4.3.csv               cow_mid_incident_participants     incidnum3, ccode
Inter-StateWarData_v4.0    cow_wars                          warnum, ccode, side, startyear1
directed_dyadic_war.csv    cow_war_dyads                     warnum, statea, stateb, year
=========================  ================================  ==============================

Columns keep the files' names (lower-cased) and codes, including COW's missing-value codes
(-9 unknown, -8 not applicable, -7 ongoing); a table whose rows name a state (``ccode``)
gains ``iso3``, the record's state with that COW number in that year (Soviet Union or
Russia, Yugoslavia or Serbia ...). Every row carries its ``file`` and ``line``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from nkwatch.sources import statecodes
from nkwatch.sources.base import IngestError
from nkwatch.sources.datasets import Batch, Reject, read_header, records

#: kind -> (table, columns the header must have, columns it must not have, key)
KINDS: dict[str, tuple[str, set[str], set[str], list[str]]] = {
    "states": (
        "cow_states",
        {"stateabb", "ccode", "statenme", "styear", "endyear"},
        set(),
        ["ccode", "styear", "stmonth", "stday"],
    ),
    "majors": (
        "cow_majors",
        {"stateabb", "ccode", "styear", "endyear"},
        {"statenme"},
        ["ccode", "styear", "stmonth", "stday"],
    ),
    "system": (
        "cow_system",
        {"stateabb", "ccode", "year"},
        {"styear", "warnum"},
        ["ccode", "year"],
    ),
    "codes": ("cow_codes", {"stateabb", "ccode", "statenme"}, {"styear", "year"}, ["ccode"]),
    "mida": (
        "cow_mid_disputes",
        {"dispnum3", "hiact", "hostlev", "numa", "numb"},
        {"ccode", "incidnum3"},
        ["dispnum3"],
    ),
    "midb": (
        "cow_mid_participants",
        {"dispnum3", "ccode", "sidea", "revstate"},
        {"incidnum3"},
        ["dispnum3", "ccode", "styear", "stmon", "stday"],
    ),
    "midi": (
        "cow_mid_incidents",
        {"dispnum3", "incidnum3", "action", "hostlev"},
        {"ccode"},
        ["incidnum3"],
    ),
    "midp": (
        "cow_mid_incident_participants",
        {"incidnum3", "ccode", "insidea"},
        set(),
        ["incidnum3", "ccode"],
    ),
    "wars": (
        "cow_wars",
        {"warnum", "warname", "ccode", "side"},
        set(),
        ["warnum", "ccode", "side", "startyear1"],
    ),
    "war_dyads": (
        "cow_war_dyads",
        {"warnum", "statea", "stateb", "year"},
        set(),
        ["warnum", "statea", "stateb", "year"],
    ),
}
TEXT = {
    "stateabb",
    "statenme",
    "stabb",
    "warname",
    "statename",
    "link1",
    "link2",
    "link3",
    "transfrom",
    "transto",
    "changes_1",
    "changes_2",
}
FLOAT = {"version", "dyindex"}
#: filled by :func:`read` with each table's columns (the files' own, so a newer release
#: with more columns adds them)
DDL: dict[str, str] = {}
#: the year a row is in, for its state's iso3
_YEAR_COLUMNS = ("year", "styear", "startyear1", "warstrtyr")


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    pass


def finish(con: duckdb.DuckDBPyConnection) -> None:
    pass


def detect(path: Path) -> str | None:
    header = {h.strip().lower() for h in read_header(path)}
    for kind, (_table, needed, banned, _key) in KINDS.items():
        if needed <= header and not (banned & header):
            return kind
    return None


def plan(files: Sequence[Path], fmt: str | None) -> list[tuple[Path, str | None, str]]:
    """(file, kind, format) per file. A file given by name must be a COW file; one found in
    a folder that is not is skipped (with a note)."""
    if fmt not in (None, "auto", "cow"):
        raise IngestError(f"unknown format {fmt!r} for cow: use cow (the default)")
    out: list[tuple[Path, str | None, str]] = []
    for p in files:
        kind = detect(p)
        if kind is None:
            if len(files) == 1:
                raise IngestError(
                    f"{p}: not a Correlates of War file nkwatch knows (header "
                    f"{read_header(p)[:6]}): use states2016, system2016, majors2016, COW country "
                    "codes, MID 4.3 (MIDA, MIDB, MIDI, MIDP), Inter-StateWarData_v4.0 or "
                    "directed_dyadic_war"
                )
            out.append((p, None, "not a COW file nkwatch knows: skipped"))
            continue
        out.append((p, kind, "cow"))
    return out


def _value(col: str, text: str) -> Any:
    t = text.strip()
    if t in ("", "NA", "."):
        return None
    if col in TEXT:
        return t
    if col in FLOAT:
        return float(t)
    try:
        return int(t)
    except ValueError:
        f = float(t)  # "2.0" as written by some tools; anything else raises
        if not f.is_integer():
            raise ValueError(f"{col} {t!r} is not a whole number") from None
        return int(f)


def _sql_type(col: str) -> str:
    return "VARCHAR" if col in TEXT else "DOUBLE" if col in FLOAT else "BIGINT"


def read(
    con: duckdb.DuckDBPyConnection, path: Path, kind: str, form: str, context: dict[str, Any]
) -> Batch:
    table, _needed, _banned, key = KINDS[kind]
    header = [h.strip().lower() for h in read_header(path)]
    has_state = "ccode" in header
    cols = header + (["iso3"] if has_state else []) + ["file", "line"]
    ddl = ", ".join(f'"{c}" {"VARCHAR" if c in ("iso3", "file") else _sql_type(c)}' for c in cols)
    DDL[table] = ddl
    con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({ddl})")
    have = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
        ).fetchall()
    }
    for c in cols:
        if c not in have:
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{c}" {_sql_type(c)}')
    b = Batch(keys={table: key})
    t: dict[str, list[Any]] = {c: [] for c in cols}
    year_col = next((c for c in _YEAR_COLUMNS if c in header), None)
    file = str(path)
    for line, row, raw in records(path):
        try:
            if "__error__" in row:
                raise ValueError(row["__error__"])
            values = {k.strip().lower(): _value(k.strip().lower(), v) for k, v in row.items()}
            if any(values.get(k) is None for k in key if k in header):
                raise ValueError(f"a key field ({', '.join(key)}) is empty")
        except ValueError as exc:
            b.rejects.append(Reject(line, str(exc), raw))
            continue
        if has_state:
            year = values.get(year_col) if year_col else None
            day = dt.date(int(year), 7, 1) if isinstance(year, int) and year > 0 else None
            found = statecodes.from_cow(int(values["ccode"]), day) if values["ccode"] else None
            values["iso3"] = found[0] if found else None
        values["file"], values["line"] = file, line
        for c in cols:
            t[c].append(values.get(c))
    b.tables[table] = t
    return b
