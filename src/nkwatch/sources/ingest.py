"""Write event data files to the store: all files of one call in one DuckDB transaction,
journaled (:mod:`nkwatch.journal`) so that a process killed at any point, even inside the
COMMIT, leaves nothing behind once the store is next opened for writing.

>>> from nkwatch.sources.ingest import ingest
>>> ingest("store.duckdb", "gdelt", ["20190121220000.export.CSV"])

A file whose content (sha256) was ingested before is skipped; rows whose id is already in
the store are dropped (ids derive from the source's keys), so re-ingesting adds nothing.
Bad rows are *quarantined*: they go to ``ev_rejects`` with file, line, error and raw text,
and the good rows of the file are ingested. A file nkwatch cannot read at all (a wrong
shape, a wrong header, a wrong encoding, repeated GDELT ids, or every row rejected) stops
the whole call and nothing is written. The curated tables are
never touched, so ``nkwatch build`` keeps working and keeps these tables.

Each source writes its own table (``ev_reports_gdelt``, ``ev_reports_icews``,
``ev_reports_cns``, ``ev_reports_csis``: the common columns and that source's struct);
``ev_reports`` is the view over all of them, ``ev_events`` groups GDELT reports into events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from nkwatch import sniff
from nkwatch.journal import has_table, register, write_unit
from nkwatch.journal import repair as journal_repair
from nkwatch.lists import store as _lists_store  # noqa: F401 (registers the lists' undo)
from nkwatch.sources import REPORT_TABLES, STRUCT_COLUMNS, gdelt
from nkwatch.sources import get as get_source
from nkwatch.sources.base import (
    COMMON_COLUMNS,
    INGESTS_DDL,
    REJECTS_DDL,
    IngestError,
    Reject,
    Report,
)


@dataclass
class FileResult:
    path: str
    source: str
    format: str
    rows: int
    rejects: int
    duplicates: int
    skipped: bool
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the ev_ tables: one table of reports per source (the common columns and that
    source's struct, so a GDELT row writes no empty ICEWS, CNS or CSIS fields), the view
    ``ev_reports`` over all of them, ``ev_rejects``, ``ev_ingests`` and ``ev_events``. A store
    written by nkwatch before 0.2 (one ``ev_reports`` table) is moved to this layout."""
    cols = ", ".join(f'"{k}" {v}' for k, v in COMMON_COLUMNS.items())
    for table in REPORT_TABLES.values():
        col = table.removeprefix("ev_reports_")
        con.execute(f'CREATE TABLE IF NOT EXISTS {table} ({cols}, "{col}" {STRUCT_COLUMNS[col]})')
    old = con.execute(
        "SELECT 1 FROM duckdb_tables() WHERE table_name = 'ev_reports' AND NOT temporary"
    ).fetchone()
    if old:
        names = ", ".join(f'"{k}"' for k in COMMON_COLUMNS)
        for source, table in REPORT_TABLES.items():
            col = table.removeprefix("ev_reports_")
            con.execute(
                f'INSERT INTO {table} SELECT {names}, "{col}" FROM ev_reports WHERE source = ?',
                [source],
            )
        con.execute("DROP TABLE ev_reports")
    union = " UNION ALL BY NAME ".join(f"SELECT * FROM {t}" for t in REPORT_TABLES.values())
    con.execute(f"CREATE OR REPLACE VIEW ev_reports AS {union}")
    con.execute(f"CREATE TABLE IF NOT EXISTS ev_rejects ({REJECTS_DDL})")
    con.execute(f"CREATE TABLE IF NOT EXISTS ev_ingests ({INGESTS_DDL})")
    has_view = con.execute(
        "SELECT 1 FROM duckdb_views() WHERE view_name = 'ev_events' AND NOT temporary"
    ).fetchone()
    if not has_view:
        con.execute(f"CREATE VIEW ev_events AS {events_view_sql()}")


def events_view_sql() -> str:
    """The SQL of ``ev_events`` (reports grouped into events), compiled from the same Ibis
    expression the analytics use."""
    import ibis

    from nkwatch.sources.grouping import events

    types = {"VARCHAR": "string", "DATE": "date", "DOUBLE": "float64", "TINYINT": "int8",
             "INTEGER": "int32", "BIGINT": "int64"}  # fmt: skip
    schema = {k: types[v] for k, v in COMMON_COLUMNS.items()}
    reports = ibis.table(schema, name="ev_reports")
    return str(ibis.to_sql(events(reports), dialect="duckdb"))


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def ingest(
    db_path: Path | str,
    source: str,
    paths: Sequence[Path | str],
    *,
    fmt: str | None = None,
    on_file: Callable[[Path, int, int], None] | None = None,
    lines: bool = True,
) -> list[FileResult]:
    """Ingest ``paths`` as ``source`` into the store at ``db_path``, atomically.

    ``lines=False`` (GDELT only) leaves ``line`` empty for good rows. A GDELT 2.0 export
    numbers its events in order, so its lines cost almost nothing (the GLOBALEVENTID gives
    them); other files (1.0 samples, edited files) need a numbering pass and a join, about
    half again the time, which ``lines=False`` saves for bulk loads where the GLOBALEVENTID
    in the file is the locator. Rejected rows keep their line either way."""
    mod = get_source(source)
    files = [Path(p).expanduser() for p in paths]
    for p in files:
        if not p.is_file():
            raise IngestError(f"no file {p}: check the path")
    db = Path(db_path).expanduser()
    results: list[FileResult] = []
    ids = [f"{source}:{uuid.uuid4().hex[:16]}" for _ in files]
    # the ids are in the journal before any row is written: a kill at any point, even during
    # the COMMIT, is undone when the store is next opened for writing (nkwatch.journal)
    with write_unit(db, "events", announce=lambda con: {"ingests": ids}, undo=undo_ingests) as con:
        ensure_tables(con)
        for i, path in enumerate(files):
            if on_file:
                on_file(path, i, len(files))
            results.append(_one(con, source, mod, path, fmt, lines, ids[i]))
    return results


def undo_ingests(con: duckdb.DuckDBPyConnection, info: dict[str, Any]) -> None:
    """Remove every row the ingests ``info["ingests"]`` wrote (an unfinished ingest)."""
    ids = list(info.get("ingests", []))
    for table in [*REPORT_TABLES.values(), "ev_rejects", "ev_ingests"]:
        if has_table(con, table):
            col = "id" if table == "ev_ingests" else "ingest"
            con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?))", [ids])


register("events", undo_ingests)


#: kept here too: ``from nkwatch.sources.ingest import repair`` (see :func:`journal.repair`)
repair = journal_repair


def _seen(con: duckdb.DuckDBPyConnection, source: str, sha: str) -> bool:
    found = con.execute(
        "SELECT 1 FROM ev_ingests WHERE source = ? AND sha256 = ?", [source, sha]
    ).fetchone()
    return found is not None


def _one(
    con: duckdb.DuckDBPyConnection,
    source: str,
    mod: Any,
    path: Path,
    fmt: str | None,
    lines: bool = True,
    ingest_id: str | None = None,
) -> FileResult:
    started = time.perf_counter()
    ingest_id = ingest_id or f"{source}:{uuid.uuid4().hex[:16]}"

    def skipped() -> FileResult:
        return FileResult(str(path), source, "", 0, 0, 0, True, time.perf_counter() - started)

    with ThreadPoolExecutor(1) as pool:
        # a big GDELT file is hashed while DuckDB reads it; the rest is hashed first
        hashing = pool.submit(sha256_of, path)
        big = source == "gdelt" and path.stat().st_size >= 1 << 26
        if not big and _seen(con, source, hashing.result()):
            return skipped()
        if source == "gdelt":
            fmt, rows, rejects, dups = _gdelt(con, path, fmt, ingest_id, lines)
        else:
            if fmt in (None, "auto"):
                fmt = mod.detect(path)
            elif fmt not in mod.formats:
                raise IngestError(
                    f"unknown format {fmt!r} for {source}: use one of {', '.join(mod.formats)}"
                )
            rows, rejects, dups = _python(con, source, mod, path, fmt, ingest_id)
        sha = hashing.result()
    if rows == 0 and rejects and not dups:
        _all_rejected(con, path, ingest_id, rejects)
    if big and _seen(con, source, sha):
        con.execute("DELETE FROM ev_rejects WHERE ingest = ?", [ingest_id])
        con.execute(f"DELETE FROM {REPORT_TABLES[source]} WHERE ingest = ?", [ingest_id])
        return skipped()
    secs = time.perf_counter() - started
    con.execute(
        "INSERT INTO ev_ingests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ingest_id,
            source,
            fmt,
            str(path),
            sha,
            rows,
            rejects,
            dups,
            dt.datetime.now(dt.UTC).replace(tzinfo=None),
            secs,
        ],
    )
    return FileResult(str(path), source, fmt or "", rows, rejects, dups, False, secs)


def _all_rejected(con: duckdb.DuckDBPyConnection, path: Path, ingest_id: str, rejects: int) -> None:
    """A file none of whose rows could be read is not the file it was given as (a wrong
    encoding, a wrong format): refuse it, with the first row's error, rather than record it."""
    first = con.execute(
        "SELECT line, error FROM ev_rejects WHERE ingest = ? ORDER BY line NULLS LAST LIMIT 1",
        [ingest_id],
    ).fetchone()
    where = f"line {first[0]}: {first[1]}" if first else "no row"
    raise IngestError(
        f"none of the {rejects} row(s) of {path} could be read (first: {where}): is it the "
        "right file in the right format and encoding (UTF-8)? check --format and the source"
    )


def _raw_lines(path: Path, wanted: set[int], ids: set[str] = frozenset()) -> dict[int, str]:
    """The text of the wanted lines, of the lines whose first field is one of ``ids``, and of
    every line without a GLOBALEVENTID."""
    out: dict[int, str] = {}
    prefixes = tuple(f"{i}\t".encode() for i in ids)
    with gdelt.open_plain(path) as plain, plain.open("rb") as fh:
        for no, raw in enumerate(fh, start=1):
            if no in wanted or raw.startswith(b"\t") or (prefixes and raw.startswith(prefixes)):
                out[no] = raw.decode("utf-8", "replace").rstrip("\r\n")
    return out


_SHIFT = (
    "UPDATE {table} SET line = line + (SELECT count(*) FROM (SELECT line - row_number() "
    "OVER (ORDER BY line) AS g FROM {bad}) b WHERE b.g < {table}.line)"
)


def _gdelt(
    con: duckdb.DuckDBPyConnection, path: Path, fmt: str | None, ingest_id: str, lines: bool
) -> tuple[str, int, int, int]:
    fmt = gdelt.detect(path, fmt)
    origin = str(path)
    with gdelt.open_plain(path) as plain:
        if plain != path:
            origin = f"{path}!{plain.name}"
        problem = sniff.utf8_problem(plain)  # before DuckDB: see sniff.utf8_problem
        if problem:
            raise IngestError(problem)
        for t in ("nk_rejects", "nk_scans", "nk_lines_rej", "nk_lines_scan"):
            con.execute(f"DROP TABLE IF EXISTS {t}")
        # GDELT 2.0 numbers a file's events in order: then the id gives the line
        first_id = gdelt.consecutive_ids(plain) if lines else None
        joined = lines and first_id is None
        if joined:
            # pass 1: GLOBALEVENTID -> line; row_number() counts good rows, so shift each number
            # past the malformed lines before it
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE nk_lines AS SELECT * FROM "
                f"({gdelt.lines_sql(plain, fmt)}) WHERE gid IS NOT NULL"
            )
            skipped = con.execute("SELECT count(*) FROM nk_lines_rej").fetchone()[0]  # type: ignore[index]
            if skipped:
                con.execute(
                    "CREATE OR REPLACE TEMP TABLE nk_skip AS SELECT DISTINCT line FROM nk_lines_rej"
                )
                con.execute(_SHIFT.format(table="nk_lines", bad="nk_skip"))
            # before the join: a repeated id would multiply rows (n copies of a line give n²)
            _check_unique(con, path)
        # pass 2: the parallel typed scan, mapped to the common model (row order is free here:
        # the line comes from pass 1)
        sql = gdelt.select_sql(
            plain, fmt, origin, ingest_id, "nk_lines" if joined else None, first_id
        )
        con.execute("SET preserve_insertion_order = false")
        try:
            inserted = con.execute(f"INSERT INTO ev_reports_gdelt BY NAME {sql}").fetchone()[0]  # type: ignore[index]
        finally:
            con.execute("RESET preserve_insertion_order")
        bad = con.execute(
            "SELECT line, string_agg(DISTINCT error_message, '; '), any_value(csv_line) "
            "FROM nk_rejects GROUP BY line ORDER BY line"
        ).fetchall()
        if not joined and first_id is None:
            # --no-lines: no join, so no blow-up; the ids are checked once they are in
            _check_unique(con, path, ingest_id)
    if bad:
        con.executemany(
            "INSERT INTO ev_rejects VALUES (?, 'gdelt', ?, ?, ?, ?)",
            [[ingest_id, origin, int(line), _fix_hint(err), raw] for line, err, raw in bad],
        )
    # rows without a date or an id are this ingest's (earlier ingests removed theirs); the
    # count reads the columns' statistics, the lookups run only when there are some
    odd = con.execute(
        "SELECT count(*) FROM ev_reports_gdelt WHERE date IS NULL OR id IS NULL"
    ).fetchone()[0]  # type: ignore[index]
    undated: list[Any] = []
    no_id = 0
    if odd:
        undated = con.execute(
            "SELECT line, split_part(id, ':', 2) FROM ev_reports_gdelt WHERE ingest = ? "
            "AND date IS NULL AND id IS NOT NULL",
            [ingest_id],
        ).fetchall()
        no_id = con.execute(
            "SELECT count(*) FROM ev_reports_gdelt WHERE ingest = ? AND id IS NULL", [ingest_id]
        ).fetchone()[0]  # type: ignore[index]
    if undated or no_id:
        # without line numbers (--no-lines) a row is found again by its GLOBALEVENTID
        raws = _raw_lines(
            path, {int(u[0]) for u in undated if u[0]}, {u[1] for u in undated if not u[0]}
        )
        found = {_field(raw, 0): no for no, raw in raws.items()}
        rows = []
        for line, gid in undated:
            no = line or found.get(gid)
            raw = raws.get(no) if no else None
            error = f"SQLDATE {_field(raw, 1)!r} is not a date YYYYMMDD"
            rows.append([ingest_id, origin, no, error, raw])
        rows += [
            [ingest_id, origin, line, "no GLOBALEVENTID (the first field is empty)", raw]
            for line, raw in raws.items()
            if raw.startswith("\t")
        ]
        con.executemany("INSERT INTO ev_rejects VALUES (?, 'gdelt', ?, ?, ?, ?)", rows)
        con.execute(
            "DELETE FROM ev_reports_gdelt WHERE ingest = ? AND (date IS NULL OR id IS NULL)",
            [ingest_id],
        )
    dups = con.execute(
        "DELETE FROM ev_reports_gdelt WHERE ingest = ? AND id IN "
        "(SELECT id FROM ev_reports_gdelt WHERE ingest <> ?)",
        [ingest_id, ingest_id],
    ).fetchone()[0]  # type: ignore[index]
    rejects = len(bad) + len(undated) + int(no_id)
    return fmt, int(inserted) - len(undated) - int(no_id) - int(dups), rejects, int(dups)


def _field(raw: str | None, i: int) -> str | None:
    parts = raw.split("\t") if raw else []
    return parts[i] if len(parts) > i else None


def _check_unique(con: duckdb.DuckDBPyConnection, path: Path, ingest_id: str = "") -> None:
    """Refuse a file whose GLOBALEVENTIDs repeat: from pass 1's ``nk_lines`` before the join
    (one hash aggregate over the ids), or, without pass 1, from the rows this ingest wrote."""
    if ingest_id:
        found = con.execute(
            "SELECT split_part(id, ':', 2) FROM ev_reports_gdelt WHERE ingest = ? "
            "AND id IS NOT NULL GROUP BY id HAVING count(*) > 1 LIMIT 1",
            [ingest_id],
        ).fetchone()
    else:
        found = con.execute(
            "SELECT gid FROM nk_lines WHERE gid IS NOT NULL GROUP BY gid HAVING count(*) > 1 "
            "LIMIT 1"
        ).fetchone()
    if found:
        raise IngestError(
            f"GLOBALEVENTID {found[0]} appears more than once in {path}: is it several "
            "GDELT files joined together, or an edited file? ingest the original files"
        )


def _fix_hint(error: str) -> str:
    if "Expected Number of Columns" in error or "columns" in error.lower():
        return f"{error} (a GDELT row must have the same number of fields as the file)"
    return error


def _python(
    con: duckdb.DuckDBPyConnection, source: str, mod: Any, path: Path, fmt: str, ingest_id: str
) -> tuple[int, int, int]:
    import pyarrow as pa

    reports: dict[str, Report] = {}
    rejects: list[Reject] = []
    dups = 0
    for item in mod.read(path, fmt):
        if isinstance(item, Reject):
            rejects.append(item)
        elif item.id in reports:
            dups += 1
        else:
            reports[item.id] = item
    if rejects:
        con.executemany(
            "INSERT INTO ev_rejects VALUES (?, ?, ?, ?, ?, ?)",
            [[ingest_id, source, str(path), r.line, r.error, r.raw] for r in rejects],
        )
    if not reports:
        return 0, len(rejects), dups
    skip = {"source", "file", "ingest"}
    cols = {k: [getattr(r, k) for r in reports.values()] for k in COMMON_COLUMNS if k not in skip}
    cols["extra"] = [json.dumps(r.extra, default=str) for r in reports.values()]
    nk_arrow = pa.table(cols)  # noqa: F841 (read by DuckDB below)
    shape = json.dumps(dict(zip(*_struct_fields(mod.extra_type), strict=True)))
    names = [k for k in COMMON_COLUMNS if k not in skip]
    table = REPORT_TABLES[source]
    before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
    con.execute(
        f"INSERT INTO {table} BY NAME SELECT {', '.join(names)}, ? AS source, ? AS file, "
        f'? AS ingest, CAST(json_transform(extra, ?) AS {mod.extra_type}) AS "{mod.column}" '
        f"FROM nk_arrow t WHERE NOT EXISTS (SELECT 1 FROM {table} e WHERE e.id = t.id)",
        [source, str(path), ingest_id, shape],
    )
    after = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
    added = int(after) - int(before)
    return added, len(rejects), dups + len(reports) - added


def _struct_fields(struct_sql: str) -> tuple[list[str], list[str]]:
    inner = struct_sql[len("STRUCT(") : -1]
    names, types = [], []
    for part in inner.split(", "):
        n, t = part.rsplit(" ", 1)
        names.append(n.strip('"'))
        types.append(t)
    return names, types
