"""Ingest of the tabular reference data sets (UN General Assembly votes, Correlates of War):
the tables every one of them shares and the one transaction they are written in.

>>> from nkwatch.sources.datasets import ingest_dataset
>>> ingest_dataset("store.duckdb", "unvotes", ["../shared/data/unvotes"])
>>> ingest_dataset("store.duckdb", "cow", ["../shared/data/cow"])

The rules are those of the event data and sanctions lists: all files of one call are one
journaled unit (:func:`nkwatch.journal.write_unit`: the data set's tables are copied aside
first, the files are written in one transaction, and a failure, or a process killed at any
point, even inside the COMMIT, leaves the store as it was: the next write, or a reader,
puts the copies back); a file whose content (sha256) was ingested before is skipped; rows
whose key (the data set's own: ``rcid`` and country, ``dispnum3`` ...) is in the store
already are dropped, so re-ingesting adds nothing; bad rows are quarantined in
``ds_rejects`` with file, line, error and raw text while the good rows of the file are
written; a file nkwatch cannot read at all (a wrong header) stops the call with an error
naming the fix, and nothing is written.

``ds_files``
    one row per ingested file: data set, kind (``votes``, ``roll_calls``, ``mida`` ...),
    format, path, sha256, rows, rejects, duplicates, time.
``ds_rejects``
    the quarantine: data set, file, line, error, raw text.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from nkwatch.sources.base import IngestError

DATASETS = ("unvotes", "cow")

FILES_DDL = (
    "id VARCHAR, dataset VARCHAR, kind VARCHAR, format VARCHAR, path VARCHAR, sha256 VARCHAR, "
    "rows BIGINT, rejects BIGINT, duplicates BIGINT, ingested_at TIMESTAMP, seconds DOUBLE"
)
REJECTS_DDL = (
    "ingest VARCHAR, dataset VARCHAR, file VARCHAR, line BIGINT, error VARCHAR, raw VARCHAR"
)


@dataclass
class Reject:
    line: int
    error: str
    raw: str


@dataclass
class FileResult:
    path: str
    dataset: str
    kind: str
    format: str
    rows: int = 0
    rejects: int = 0
    duplicates: int = 0
    skipped: bool = False
    seconds: float = 0.0
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Batch:
    """What one file gives: rows per table (column lists), the rejects, and the key columns
    that make a row the same as one in the store."""

    tables: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    duplicates: int = 0


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE TABLE IF NOT EXISTS ds_files ({FILES_DDL})")
    con.execute(f"CREATE TABLE IF NOT EXISTS ds_rejects ({REJECTS_DDL})")


def open_text(path: Path) -> io.TextIOBase:
    """A text handle on a CSV file, gzip-compressed or not; universal newlines are left to
    the csv module (COW's war file ends its lines with CR only)."""
    raw = path.open("rb")
    head = raw.read(2)
    raw.seek(0)
    stream: Any = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")


def read_header(path: Path) -> list[str]:
    try:
        with open_text(path) as fh:
            return next(csv.reader(fh), [])
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise IngestError(f"{path}: cannot read it ({exc}): is it a CSV file?") from None


def records(path: Path) -> Iterator[tuple[int, dict[str, str], str]]:
    """(line, row by header name, raw text) for each record of a CSV file with a header.
    The line is where the record starts (a quoted field may span lines)."""
    with open_text(path) as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return
        names = [h.strip() for h in header]
        last = reader.line_num
        for fields in reader:
            line = last + 1
            last = reader.line_num
            if not fields or all(not f.strip() for f in fields):
                continue
            raw = ",".join(fields)
            if len(fields) != len(names):
                yield line, {"__error__": f"{len(fields)} fields, the header has {len(names)}"}, raw
                continue
            yield line, dict(zip(names, fields, strict=True)), raw


def sha256_of(path: Path) -> str:
    from nkwatch.sources.ingest import sha256_of as sha

    return sha(path)


def expand(paths: Sequence[Path | str]) -> list[Path]:
    """Files of the call: a folder stands for the CSV files in it (sorted)."""
    out: list[Path] = []
    for p in (Path(x).expanduser() for x in paths):
        if p.is_dir():
            found = sorted(
                f
                for f in p.iterdir()
                if f.is_file() and f.name.lower().endswith((".csv", ".csv.gz"))
            )
            if not found:
                raise IngestError(f"no CSV files in {p}: give the folder holding the data set")
            out += found
        elif p.is_file():
            out.append(p)
        else:
            raise IngestError(f"no file or folder {p}: check the path")
    if not out:
        raise IngestError("give the files or the folder to ingest")
    return out


#: the copies a journaled ingest keeps of the tables it changes: ``ds_undo_<table>``
UNDO_PREFIX = "ds_undo_"


def tables_of(dataset: str) -> list[str]:
    """The tables an ingest of ``dataset`` may change."""
    from nkwatch.sources import cow, unvotes

    own = list(unvotes.DDL) if dataset == "unvotes" else [k[0] for k in cow.KINDS.values()]
    return [*own, "ds_files", "ds_rejects"]


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        con.execute(
            "SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND NOT temporary", [table]
        ).fetchone()
    )


def save_tables(con: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, Any]:
    """Copy the tables an ingest of ``dataset`` may change aside (journal announce step);
    returns their row counts and the tables that do not exist yet."""
    counts: dict[str, int] = {}
    absent = []
    for table in tables_of(dataset):
        if not _exists(con, table):
            absent.append(table)
            continue
        con.execute(f"CREATE OR REPLACE TABLE {UNDO_PREFIX}{table} AS SELECT * FROM {table}")
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
    return {"dataset": dataset, "counts": counts, "absent": absent}


def restore_tables(con: duckdb.DuckDBPyConnection, info: dict[str, Any]) -> None:
    """Put the tables back as :func:`save_tables` found them (columns too: a COW release
    may have added some), when the copies are whole; copies that are not (a kill while they
    were made) mean that the ingest never started, and the tables are left alone."""
    counts = info.get("counts", {})
    for table, n in counts.items():
        copy = f"{UNDO_PREFIX}{table}"
        if not _exists(con, copy) or con.execute(f"SELECT count(*) FROM {copy}").fetchone()[0] != n:  # type: ignore[index]
            return
    for table in counts:
        con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {UNDO_PREFIX}{table}")
    for table in info.get("absent", []):
        con.execute(f"DROP TABLE IF EXISTS {table}")


def drop_saved(con: duckdb.DuckDBPyConnection, info: dict[str, Any]) -> None:
    for table in [*info.get("counts", {}), *info.get("absent", [])]:
        con.execute(f"DROP TABLE IF EXISTS {UNDO_PREFIX}{table}")


def _register() -> None:
    from nkwatch.journal import register

    register("datasets", restore_tables, drop_saved)


_register()


def write_batch(
    con: duckdb.DuckDBPyConnection, batch: Batch, ddl: dict[str, str]
) -> tuple[int, int]:
    """Insert the batch's rows whose keys are not in the tables yet; (rows added, dropped)."""
    import pyarrow as pa

    added = dropped = 0
    for table, cols in batch.tables.items():
        n = len(next(iter(cols.values()))) if cols else 0
        if not n:
            continue
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({ddl[table]})")
        nk_batch = pa.table(cols)  # noqa: F841 (read by DuckDB below)
        keys = batch.keys.get(table) or []
        names = ", ".join(f'"{c}"' for c in cols)
        # cast through the table's own types: the Arrow columns are text, numbers or dates
        types = dict(
            con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?", [table]
            ).fetchall()
        )
        select = ", ".join(f'CAST(t."{c}" AS {types[c]}) AS "{c}"' for c in cols)
        before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
        if keys:
            same = " AND ".join(
                f'e."{k}" IS NOT DISTINCT FROM CAST(t."{k}" AS {types[k]})' for k in keys
            )
            part = ", ".join(f'"{k}"' for k in keys)
            con.execute(
                f"INSERT INTO {table} ({names}) SELECT {select} FROM (SELECT * FROM nk_batch "
                f"QUALIFY row_number() OVER (PARTITION BY {part}) = 1) t "
                f"WHERE NOT EXISTS (SELECT 1 FROM {table} e WHERE {same})"
            )
        else:
            con.execute(f"INSERT INTO {table} ({names}) SELECT {select} FROM nk_batch t")
        after = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
        added += int(after) - int(before)
        dropped += n - (int(after) - int(before))
    return added, dropped


def ingest_dataset(
    db_path: Path | str, dataset: str, paths: Sequence[Path | str], *, fmt: str | None = None
) -> list[FileResult]:
    """Ingest the files (or folders) as ``dataset`` (``unvotes`` or ``cow``) into the store
    at ``db_path`` in one transaction; one :class:`FileResult` per file."""
    from nkwatch.journal import write_unit
    from nkwatch.sources import cow, unvotes

    if dataset not in DATASETS:
        raise IngestError(f"unknown data set {dataset!r}: use one of {', '.join(DATASETS)}")
    mod: Any = unvotes if dataset == "unvotes" else cow
    files = expand(paths)
    plan = mod.plan(files, fmt)  # reads headers: an unreadable file fails before any write
    results: list[FileResult] = []
    unit = write_unit(
        Path(db_path).expanduser(),
        "datasets",
        announce=lambda con: save_tables(con, dataset),
        undo=restore_tables,
        clear=drop_saved,
    )
    with unit as con:
        ensure_tables(con)
        mod.ensure_tables(con)
        context: dict[str, Any] = {}
        for path, kind, form in plan:
            started = time.perf_counter()
            if kind is None:
                results.append(FileResult(str(path), dataset, "", "", skipped=True, note=form))
                continue
            sha = sha256_of(path)
            if con.execute(
                "SELECT 1 FROM ds_files WHERE dataset = ? AND sha256 = ?", [dataset, sha]
            ).fetchone():
                results.append(
                    FileResult(
                        str(path),
                        dataset,
                        kind,
                        form,
                        skipped=True,
                        note="ingested before (same content)",
                    )
                )
                continue
            batch = mod.read(con, path, kind, form, context)
            added, dropped = write_batch(con, batch, mod.DDL)
            ingest_id = f"{dataset}:{uuid.uuid4().hex[:16]}"
            if batch.rejects:
                con.executemany(
                    "INSERT INTO ds_rejects VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        [ingest_id, dataset, str(path), r.line, r.error, r.raw]
                        for r in batch.rejects
                    ],
                )
            secs = time.perf_counter() - started
            res = FileResult(
                str(path),
                dataset,
                kind,
                form,
                added,
                len(batch.rejects),
                dropped + batch.duplicates,
                False,
                secs,
            )
            con.execute(
                "INSERT INTO ds_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    ingest_id,
                    dataset,
                    kind,
                    form,
                    str(path),
                    sha,
                    res.rows,
                    res.rejects,
                    res.duplicates,
                    dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    secs,
                ],
            )
            results.append(res)
        mod.finish(con)
    return results
