"""Sanctions lists in the store: tables ``sl_*``, written atomically.

``sl_files``        one row per ingested copy of a list (sha256, the list's own date)
``sl_entities``     one row per listed person/entity/vessel, as its newest copy gives it
``sl_names``        every name of an entity (primary, aka, fka, weak, original-script)
``sl_presence``     which copy holds which entity (the evidence for listed/delisted)
``sl_copy_entries`` what each copy says of each entity (names, programs, identifiers): the
                    changes between two copies (:mod:`.changes`)
``sl_designations`` one dated record per entity: ``listed`` (the list's own listing date,
                    else the first dated copy holding it), ``last_seen`` (the last dated copy
                    holding it) and ``delisted`` (the first dated copy after that without it;
                    the removal happened after last_seen and on or before delisted)

A copy whose content was ingested before adds nothing. Everything of one call is parsed
before the store is opened, and written in one transaction: a malformed file changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from .model import Entry

DDL: dict[str, str] = {
    "sl_files": "id VARCHAR PRIMARY KEY, source VARCHAR, list VARCHAR, paths VARCHAR[], "
    "sha256 VARCHAR, list_date DATE, entries INTEGER, ingested_at TIMESTAMP",
    "sl_entities": "key VARCHAR PRIMARY KEY, list VARCHAR, list_id VARCHAR, schema VARCHAR, "
    "name VARCHAR, dprk BOOLEAN, programs VARCHAR[], listed_on DATE, birth_dates VARCHAR[], "
    "nationalities VARCHAR[], passports VARCHAR[], addresses VARCHAR[], imo VARCHAR[], "
    "remarks VARCHAR, file_id VARCHAR, line INTEGER, list_date DATE",
    "sl_names": "key VARCHAR, name VARCHAR, kind VARCHAR, quality VARCHAR, ord INTEGER",
    "sl_presence": "file_id VARCHAR, key VARCHAR",
    "sl_designations": "key VARCHAR PRIMARY KEY, list VARCHAR, list_id VARCHAR, listed DATE, "
    "listed_basis VARCHAR, last_seen DATE, delisted DATE",
    # what each copy said of each entry, for the changes between copies (nkwatch lists changes)
    "sl_copy_entries": "file_id VARCHAR, key VARCHAR, schema VARCHAR, name VARCHAR, "
    "names VARCHAR[], programs VARCHAR[], birth_dates VARCHAR[], passports VARCHAR[], "
    "imo VARCHAR[], nationalities VARCHAR[], dprk BOOLEAN",
}

_ENTITY_COLS = [
    "key",
    "list",
    "list_id",
    "schema",
    "name",
    "dprk",
    "programs",
    "listed_on",
    "birth_dates",
    "nationalities",
    "passports",
    "addresses",
    "imo",
    "remarks",
    "file_id",
    "line",
    "list_date",
]


COPY_COLUMNS = (
    "file_id", "key", "schema", "name", "names", "programs", "birth_dates", "passports", "imo",
    "nationalities", "dprk",
)  # fmt: skip


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table, ddl in DDL.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({ddl})")


def _has(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    found = con.execute(
        "SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND NOT temporary", [table]
    ).fetchone()
    return found is not None


def save_tables(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Copy every ``sl_`` table aside (``sl_undo_<table>``) before a write, for
    :func:`restore_tables`; returns their row counts, and the tables that do not exist yet."""
    counts: dict[str, int] = {}
    for table in DDL:
        if _has(con, table):
            con.execute(f"CREATE OR REPLACE TABLE sl_undo_{table} AS SELECT * FROM {table}")
            counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
    return {"counts": counts, "absent": [t for t in DDL if t not in counts]}


def restore_tables(con: duckdb.DuckDBPyConnection, info: dict[str, Any]) -> None:
    """Put the ``sl_`` tables back as :func:`save_tables` found them, when its copies are
    whole; copies that are not (a crash while they were made) mean that the write never
    started, and the tables are left alone."""
    counts = info.get("counts", {})
    for table, n in counts.items():
        if not _has(con, f"sl_undo_{table}"):
            return
        if con.execute(f"SELECT count(*) FROM sl_undo_{table}").fetchone()[0] != n:  # type: ignore[index]
            return
    for table in counts:
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} SELECT * FROM sl_undo_{table}")
    for table in info.get("absent", []):
        con.execute(f"DROP TABLE IF EXISTS {table}")


def drop_saved(con: duckdb.DuckDBPyConnection, info: dict[str, Any]) -> None:
    for table in DDL:
        con.execute(f"DROP TABLE IF EXISTS sl_undo_{table}")


def _register() -> None:
    from nkwatch.journal import register

    register("lists", restore_tables, drop_saved)


_register()


def file_id(source: str, paths: Sequence[Path]) -> tuple[str, str]:
    """(id, sha256) of one copy: the sha256 of its files' contents, in a fixed order."""
    digests = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in paths)
    sha = hashlib.sha256("".join(digests).encode()).hexdigest() if len(digests) > 1 else digests[0]
    return f"{source}:{sha[:20]}", sha


def _arrow(rows: list[dict[str, Any]], cols: list[str]) -> Any:
    import pyarrow as pa

    return pa.table({c: [r[c] for r in rows] for c in cols})


def write_copy(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    fid: str,
    sha: str,
    paths: Sequence[Path],
    list_date: dt.date | None,
    entries: list[Entry],
) -> dict[str, int]:
    """Write one parsed copy inside the caller's transaction; returns counts."""
    lists = sorted({e.list for e in entries})
    con.execute(
        "INSERT INTO sl_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            fid,
            source,
            ",".join(lists),
            [str(p) for p in paths],
            sha,
            list_date,
            len(entries),
            dt.datetime.now(dt.UTC).replace(tzinfo=None),
        ],
    )
    keys = [e.key for e in entries]
    existing = dict(
        con.execute(
            "SELECT key, list_date FROM sl_entities WHERE key IN (SELECT unnest(?))", [keys]
        ).fetchall()
    )
    newer = [
        e
        for e in entries
        if e.key not in existing
        or existing[e.key] is None
        or (list_date is not None and list_date >= existing[e.key])
    ]
    rows = [
        {
            "key": e.key,
            "list": e.list,
            "list_id": e.list_id,
            "schema": e.schema,
            "name": e.name,
            "dprk": e.dprk,
            "programs": e.programs,
            "listed_on": e.listed_on,
            "birth_dates": e.birth_dates,
            "nationalities": e.nationalities,
            "passports": e.passports,
            "addresses": e.addresses,
            "imo": e.imo,
            "remarks": e.remarks,
            "file_id": fid,
            "line": e.line,
            "list_date": list_date,
        }
        for e in newer
    ]
    # names accumulate over copies: a name an older copy gave still identifies the entity
    names = [
        {"key": e.key, "name": n, "kind": k, "quality": q, "ord": i}
        for e in entries
        for i, (n, k, q) in enumerate(e.names())
    ]
    new_keys = [e.key for e in newer]
    con.execute("DELETE FROM sl_entities WHERE key IN (SELECT unnest(?))", [new_keys])
    if rows:
        sl_new = _arrow(rows, _ENTITY_COLS)  # noqa: F841 (read by DuckDB)
        con.execute(f"INSERT INTO sl_entities SELECT {', '.join(_ENTITY_COLS)} FROM sl_new")
    if names:
        sl_names_new = _arrow(names, ["key", "name", "kind", "quality", "ord"])  # noqa: F841
        con.execute(
            "INSERT INTO sl_names SELECT n.* FROM sl_names_new n WHERE NOT EXISTS "
            "(SELECT 1 FROM sl_names o WHERE o.key = n.key AND o.name = n.name)"
        )
    presence = _arrow([{"file_id": fid, "key": k} for k in keys], ["file_id", "key"])  # noqa: F841
    con.execute("INSERT INTO sl_presence SELECT * FROM presence")
    counts = {"entries": len(entries), "updated": len(newer), "names": len(names)}
    # the per-copy rows below are built after these are freed (memory peak on large lists)
    del rows, names
    copy_cols = list(COPY_COLUMNS)
    copy_rows = [
        {
            "file_id": fid,
            "key": e.key,
            "schema": e.schema,
            "name": e.name,
            "names": sorted({n for n, _, _ in e.names()}),
            "programs": sorted(set(e.programs)),
            "birth_dates": sorted(set(e.birth_dates)),
            "passports": sorted(set(e.passports)),
            "imo": sorted(set(e.imo)),
            "nationalities": sorted(set(e.nationalities)),
            "dprk": e.dprk,
        }
        for e in entries
    ]
    if copy_rows:
        sl_copy_new = _arrow(copy_rows, copy_cols)  # noqa: F841 (read by DuckDB)
        con.execute(f"INSERT INTO sl_copy_entries SELECT {', '.join(copy_cols)} FROM sl_copy_new")
    for name in lists:
        refresh_designations(con, name)
    return {**counts, "dprk": sum(e.dprk for e in entries)}


def refresh_designations(con: duckdb.DuckDBPyConnection, list_name: str) -> None:
    """Recompute the dated designation records of one list from its copies."""
    con.execute("DELETE FROM sl_designations WHERE list = ?", [list_name])
    con.execute(
        """
        INSERT INTO sl_designations
        WITH copies AS (
            SELECT DISTINCT f.list_date FROM sl_files f
            WHERE list_contains(string_split(f.list, ','), ?) AND f.list_date IS NOT NULL),
        seen AS (
            SELECT p.key, min(f.list_date) AS first_seen, max(f.list_date) AS last_seen
            FROM sl_presence p JOIN sl_files f ON f.id = p.file_id
            JOIN sl_entities e ON e.key = p.key WHERE e.list = ? GROUP BY p.key)
        SELECT e.key, e.list, e.list_id, coalesce(e.listed_on, s.first_seen),
               CASE WHEN e.listed_on IS NOT NULL THEN 'listing date on the list'
                    WHEN s.first_seen IS NOT NULL THEN 'first dated copy holding it'
                    ELSE NULL END,
               s.last_seen,
               (SELECT min(c.list_date) FROM copies c WHERE c.list_date > s.last_seen)
        FROM sl_entities e LEFT JOIN seen s ON s.key = e.key WHERE e.list = ?
        """,
        [list_name, list_name, list_name],
    )


def status_on(row: dict[str, Any], day: dt.date) -> tuple[str, str]:
    """("yes" | "no" | "uncertain" | "unknown", why) for one designation row on ``day``."""
    listed, last, delisted = row.get("listed"), row.get("last_seen"), row.get("delisted")
    if listed is None:
        return "unknown", "no listing date and no dated copy of the list"
    if day < listed:
        if row.get("listed_basis") != "listing date on the list":
            return "unknown", (
                f"on the list by {listed} (the first dated copy holding it); "
                "no earlier dated copy says when it was listed"
            )
        return "no", f"listed on {listed}, after {day}"
    if delisted is not None:
        if day >= delisted:
            return "no", f"listed {listed}; absent from the copy of {delisted} (last seen {last})"
        if last is not None and day > last:
            return (
                "uncertain",
                f"listed {listed}; removed between the copies of {last} and {delisted}",
            )
    latest = last or listed
    if day > latest:
        return (
            "yes",
            f"listed {listed}; still on the latest copy ({latest}), so held on {day} "
            "unless removed since",
        )
    return "yes", f"listed {listed}" + (f"; on the copy of {last}" if last else "")
