"""The server's read-only connection to the store, reopened when the store file is replaced.

``nkwatch build`` and ``nkwatch ingest`` beside a running server write a copy of the store and
swap it in with ``os.replace`` (:func:`nkwatch.build.open_for_writing`). The server looks at
the file (inode, size, modification time) at most every :data:`CHECK_EVERY` seconds; when it
changed, the next request opens the new file read-only. Requests under way keep the old
connection (their cursors hold it) until they end; the answer cache and the screeners are
keyed by :attr:`LiveStore.generation`, so they are dropped with it."""

from __future__ import annotations

import os
import threading
import time
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
    """The current read-only connection; :meth:`connection` reopens it when the file was
    replaced."""

    def __init__(self, path: Path, check_every: float = CHECK_EVERY) -> None:
        self.path = path
        self.check_every = check_every
        self.generation = 0
        self._lock = threading.Lock()
        self._stamp = _stamp(path)
        self._con: Any = connect(path)
        self._checked = time.monotonic()

    def connection(self) -> duckdb.DuckDBPyConnection:
        if time.monotonic() - self._checked >= self.check_every:
            self._refresh(force=False)
        return self._con

    def refresh(self) -> int:
        """Look at the file now; the generation after the look."""
        self._refresh(force=True)
        return self.generation

    def _refresh(self, force: bool) -> None:
        with self._lock:
            now = time.monotonic()
            if not force and now - self._checked < self.check_every:
                return  # another thread just looked
            self._checked = now
            stamp = _stamp(self.path)
            if stamp is None or stamp == self._stamp:
                return
            try:
                con = connect(self.path)
            except StoreError:
                return  # mid-swap or gone: keep serving the old file, look again later
            # the old connection is not closed here: requests under way hold cursors on it,
            # and it closes when the last of them is gone
            self._con, self._stamp = con, stamp
            self.generation += 1

    def close(self) -> None:
        self._con.close()
