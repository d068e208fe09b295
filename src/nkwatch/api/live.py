"""The server's read-only connection to the store, reopened when the store file is replaced.

``nkwatch build`` and ``nkwatch ingest`` beside a running server write a copy of the store and
swap it in with ``os.replace`` (:func:`nkwatch.build.open_for_writing`). The server looks at
the file (device, inode, size, modification time) at most every :data:`CHECK_EVERY` seconds.
When it changed, the next request waits for the requests under way on the old file to end,
then the old connection is closed and the new file opened read-only. (DuckDB keeps one
database instance per file path in a process, so the new file can only be opened once the
old instance is closed.) The answer cache is keyed by :meth:`LiveStore.stamp`, the screeners
by :attr:`LiveStore.generation`, so both follow the file."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from nkwatch.build import limit_memory
from nkwatch.errors import StoreError

#: seconds between two looks at the store file (``$NKWATCH_RELOAD_SECONDS``)
CHECK_EVERY = float(os.environ.get("NKWATCH_RELOAD_SECONDS", "1") or 1)


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        # one thread per connection: requests are small and run side by side in workers
        con = duckdb.connect(str(path), read_only=True, config={"threads": 1})
    except duckdb.Error as exc:
        raise StoreError(f"cannot open the store {path} read-only: {exc}") from None
    return limit_memory(con)


def _stamp(path: Path) -> tuple[int, ...] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class LiveStore:
    """The store as the server reads it: :meth:`cursor` hands out cursors on the current
    file, reopening it first when it was replaced."""

    def __init__(self, path: Path, check_every: float = CHECK_EVERY) -> None:
        self.path = path
        self.check_every = check_every
        self.generation = 0  # how many times the store was reopened
        self._cond = threading.Condition()
        self._active = 0  # cursors handed out and not yet closed
        self._opened = _stamp(path)  # the file the connection reads
        self._seen = self._opened  # the file as last looked at
        self._checked = time.monotonic()
        self._con: Any = connect(path)

    def stamp(self) -> tuple[int, ...] | None:
        """The store file's identity as last looked at (looked at again when due)."""
        with self._cond:
            self._look()
            return self._seen

    def _look(self) -> None:
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            self._checked = now
            found = _stamp(self.path)
            if found is not None:
                self._seen = found

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._cond:
            self._look()
            if self._seen != self._opened:
                # requests on the old file end first; new ones wait here meanwhile
                self._cond.wait_for(lambda: self._active == 0)
                if self._seen != self._opened:
                    self._reopen()
            self._active += 1
            con = self._con
        try:
            cur = con.cursor()
        except BaseException:
            self._release()
            raise
        try:
            yield cur
        finally:
            cur.close()
            self._release()

    def _release(self) -> None:
        with self._cond:
            self._active -= 1
            self._cond.notify_all()

    def _reopen(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        self._con = connect(self.path)  # a StoreError leaves _con None: the next request retries
        self._opened = _stamp(self.path)
        self._seen = self._opened
        self.generation += 1

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The current connection (for tests and tools; requests use :meth:`cursor`)."""
        with self._cond:
            if self._con is None:
                self._reopen()
            return self._con

    def close(self) -> None:
        with self._cond:
            if self._con is not None:
                self._con.close()
                self._con = None
