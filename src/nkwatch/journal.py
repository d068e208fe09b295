"""Ingestion as one unit, whatever the engine does when the process dies in the middle.

One DuckDB transaction is not enough: a ``kill -9`` during the COMMIT of a big ingest left
2,000,000 report rows without their ``ev_ingests`` record in 4 kills of 5 (the engine wrote
the bulk rows, not the small record). So a write runs in three small steps around the big one:

1. *announce*: commit a row in ``nk_journal`` naming the write (its ingest ids, or the undo
   copies of the tables it will change) before anything else is written;
2. *work*: the ingest itself, in one transaction;
3. *clear*: delete the journal row (and the undo copies) once the work is committed.

A journal row found when the store is next opened for writing means a write that did not
finish: :func:`recover` undoes all of it (event data: every row of its ingest ids; lists: the
``sl_`` tables copied back), first the undo, then, in a later transaction, the journal row,
so a crash during recovery is recovered again. A killed ingest is a failed ingest: the store
is left as it was before it, and running it again adds it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

JOURNAL = "nk_journal"
_DDL = "token VARCHAR PRIMARY KEY, kind VARCHAR, started TIMESTAMP, info VARCHAR"

#: undo(con, info): remove every trace of an unfinished write (runs inside a transaction)
Undo = Callable[[duckdb.DuckDBPyConnection, dict[str, Any]], None]


#: kind -> (undo, clear) of every kind of write that registered (:func:`register`): a write
#: of any kind first recovers the unfinished writes of all of them
HANDLERS: dict[str, tuple[Undo, Undo | None]] = {}


#: the modules that write journaled units; each registers its kind's undo when imported.
#: Named, not imported, here: the journal sits below them (any write, and any reader that
#: finds an unfinished write, loads them all so that every kind can be undone)
WRITERS = ("nkwatch.sources.ingest", "nkwatch.lists.store", "nkwatch.sources.datasets")


def register(kind: str, undo: Undo, clear: Undo | None = None) -> None:
    HANDLERS[kind] = (undo, clear)


def recover_all(con: duckdb.DuckDBPyConnection) -> int:
    """Undo the unfinished writes of every kind; returns how many there were."""
    from importlib import import_module

    for name in WRITERS:
        import_module(name)
    return sum(recover(con, kind, undo, clear) for kind, (undo, clear) in HANDLERS.items())


def repair(db_path: Path | str) -> int:
    """Undo any write (event data, sanctions lists) that did not finish: a killed process.
    Every journaled write runs this first, and so does a reader that finds an unfinished
    write; beside a running server the repair is written to a copy that replaces the store
    (:func:`nkwatch.build.open_for_writing`). Returns how many were undone."""
    from nkwatch.build import open_for_writing

    db = Path(db_path).expanduser()
    if not db.exists():
        return 0
    try:  # look first, read-only: most stores have nothing to repair
        with duckdb.connect(str(db), read_only=True) as con:
            if not unfinished(con):
                return 0
    except duckdb.Error:
        pass  # a writer holds it (it recovers first itself), or another configuration
    with open_for_writing(db) as con:
        return recover_all(con)


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(
        "SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND NOT temporary", [name]
    ).fetchone()
    return found is not None


def _commit(con: duckdb.DuckDBPyConnection) -> None:
    """COMMIT (one function, so that the crash test can mark the moment it starts)."""
    con.execute("COMMIT")


def _in_transaction(con: duckdb.DuckDBPyConnection, steps: Callable[[], Any]) -> Any:
    con.execute("BEGIN TRANSACTION")
    try:
        out = steps()
    except BaseException:
        con.execute("ROLLBACK")
        raise
    _commit(con)
    return out


def unfinished(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store holds a write that never finished (a killed process): a reader
    that can open the file sees no live writer's journal, since a live writer holds the file
    alone or writes to a copy."""
    if not has_table(con, JOURNAL):
        return False
    return con.execute(f"SELECT count(*) FROM {JOURNAL}").fetchone()[0] > 0  # type: ignore[index]


def pending(con: duckdb.DuckDBPyConnection, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """(token, info) of the unfinished writes of ``kind`` the journal holds."""
    if not has_table(con, JOURNAL):
        return []
    rows = con.execute(
        f"SELECT token, info FROM {JOURNAL} WHERE kind = ? ORDER BY started", [kind]
    ).fetchall()
    return [(token, json.loads(info)) for token, info in rows]


def recover(
    con: duckdb.DuckDBPyConnection, kind: str, undo: Undo, clear: Undo | None = None
) -> int:
    """Undo every unfinished write of ``kind``; returns how many there were. The undo and
    the removal of its journal row (with ``clear``) are two transactions: a crash between
    them leaves the row, and the undo runs again."""
    found = pending(con, kind)
    for token, info in found:
        _in_transaction(con, lambda info=info: undo(con, info))

        def forget(token: str = token, info: dict[str, Any] = info) -> None:
            if clear:
                clear(con, info)
            _forget(con, token)

        _in_transaction(con, forget)
    return len(found)


def _forget(con: duckdb.DuckDBPyConnection, token: str) -> None:
    """Delete a journal row; the table goes with its last row (a store at rest has none)."""
    con.execute(f"DELETE FROM {JOURNAL} WHERE token = ?", [token])
    if not con.execute(f"SELECT 1 FROM {JOURNAL} LIMIT 1").fetchone():
        con.execute(f"DROP TABLE {JOURNAL}")


@contextmanager
def unit(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    *,
    announce: Callable[[duckdb.DuckDBPyConnection], dict[str, Any]],
    undo: Undo,
    clear: Undo | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the block as one unit (see the module's text) on ``con``, a read-write connection
    outside any transaction. ``announce`` runs in the journal's transaction and returns what
    ``undo`` needs; ``clear`` (e.g. dropping undo copies) runs with the journal row's removal.
    When the block raises, its transaction is rolled back and the journal cleared: the store
    is as it was."""
    register(kind, undo, clear)
    recover_all(con)
    token = uuid.uuid4().hex

    def start() -> dict[str, Any]:
        con.execute(f"CREATE TABLE IF NOT EXISTS {JOURNAL} ({_DDL})")
        info = announce(con)
        con.execute(
            f"INSERT INTO {JOURNAL} VALUES (?, ?, ?, ?)",
            [token, kind, dt.datetime.now(dt.UTC).replace(tzinfo=None), json.dumps(info)],
        )
        return info

    info = _in_transaction(con, start)

    def finish() -> None:
        if clear:
            clear(con, info)
        _forget(con, token)

    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        _in_transaction(con, finish)
        raise
    _commit(con)
    _in_transaction(con, finish)


def write_unit(
    path: Path,
    kind: str,
    *,
    announce: Callable[[duckdb.DuckDBPyConnection], dict[str, Any]],
    undo: Undo,
    clear: Undo | None = None,
) -> Any:
    """:func:`unit` on a fresh connection to the store at ``path``, as a context manager
    that checkpoints and closes it, and removes a store this call created when the block
    raises. The connection comes from :func:`nkwatch.build.open_for_writing`: beside a
    running server (readers hold the file) the unit runs on a copy that replaces the store
    once it is committed, so a killed write never touches the file the readers see."""
    from nkwatch.build import open_for_writing

    @contextmanager
    def run() -> Iterator[duckdb.DuckDBPyConnection]:
        with (
            open_for_writing(path) as con,
            unit(con, kind, announce=announce, undo=undo, clear=clear),
        ):
            yield con

    return run()
