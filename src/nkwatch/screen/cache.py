"""Keep a built screener beside the store, so a command line call does not rebuild the index
(about 4 s for the full UN and OFAC lists; loading it takes under 1 s).

The file is ``<store>.screener/<digest>.pickle``, the digest naming the ingested copies, the
options and the nkwatch version; other files there are stale and are removed. The cache holds
only what nkwatch wrote itself beside the user's own store."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nkwatch import __version__

from .index import Screener

#: bumped when the Screener's pickled shape changes (2: names of every origin, issue 13)
FORMAT = "screener-2"


def _digest(con: Any, lists: Sequence[str] | None, dprk_only: bool) -> str | None:
    from nkwatch.lists import _has_tables

    if not _has_tables(con):
        return None
    copies = [r[0] for r in con.execute("SELECT id FROM sl_files ORDER BY id").fetchall()]
    text = "|".join(
        [__version__, FORMAT, ",".join(copies), ",".join(sorted(lists or ())), str(dprk_only)]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def cached_screener(
    con: Any, db_path: Path | None, *, lists: Sequence[str] | None = None, dprk_only: bool = False
) -> Screener:
    """The screener of the store's lists, from the cache when it is current."""
    digest = _digest(con, lists, dprk_only)
    if db_path is None or digest is None:
        return Screener.from_store(con, lists=lists, dprk_only=dprk_only)
    folder = Path(f"{db_path}.screener")
    path = folder / f"{digest}.pickle"
    if path.exists():
        try:
            with path.open("rb") as handle:
                found = pickle.load(handle)
            if isinstance(found, Screener):
                return found
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # rebuild below
    screener = Screener.from_store(con, lists=lists, dprk_only=dprk_only)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.pickle"):
            old.unlink(missing_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(screener, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only place: screening works without the cache
    return screener
