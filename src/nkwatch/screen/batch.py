"""Screen many names on every core: the screener is built once in the parent and the worker
processes inherit it (fork), so only the queries and the matches cross between processes."""

from __future__ import annotations

import csv
import gc
import multiprocessing as mp
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from pathlib import Path

from nkwatch.lists.model import ListError

from .index import Screener
from .model import DEFAULT_THRESHOLD, Match, Query

_SCREENER: Screener | None = None
_OPTIONS: dict[str, float | int] = {}

NAME_COLUMNS = ("name", "full_name", "caption")
DOB_COLUMNS = ("birth_date", "dob", "date_of_birth", "birthdate")
COUNTRY_COLUMNS = ("country", "nationality")
SCHEMA_COLUMNS = ("schema", "type")
IMO_COLUMNS = ("imo", "imo_number")
ADDRESS_COLUMNS = ("address",)


def read_queries(path: Path | str) -> list[Query]:
    """Queries from a CSV file with a ``name`` column (``birth_date``, ``country``,
    ``schema``, ``imo`` and ``address`` used when present)."""
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = {f.lower().strip(): f for f in reader.fieldnames or []}
        name_col = next((fields[c] for c in NAME_COLUMNS if c in fields), None)
        if name_col is None:
            raise ListError(
                f"{path}:1: no 'name' column (the header is "
                f"{', '.join(fields.values()) or 'empty'}): "
                "add a header row with a 'name' column (birth_date and country are optional)"
            )

        def col(options: Sequence[str]) -> str | None:
            return next((fields[c] for c in options if c in fields), None)

        dob, country, schema = col(DOB_COLUMNS), col(COUNTRY_COLUMNS), col(SCHEMA_COLUMNS)
        imo, address = col(IMO_COLUMNS), col(ADDRESS_COLUMNS)

        def value(row: dict[str, str | None], column: str | None) -> str | None:
            return (row.get(column) or "").strip() or None if column else None

        out = []
        for row in reader:
            name = (row.get(name_col) or "").strip()
            if not name:
                continue
            out.append(
                Query(
                    name,
                    birth_date=value(row, dob),
                    country=value(row, country),
                    schema=value(row, schema),
                    imo=value(row, imo),
                    address=value(row, address),
                )
            )
    return out


def _work(chunk: list[Query]) -> list[list[tuple]]:
    assert _SCREENER is not None
    out = []
    for q in chunk:
        matches = _SCREENER.screen(q, **_OPTIONS)  # type: ignore[arg-type]
        out.append([astuple_shallow(m) for m in matches])
    return out


def astuple_shallow(m: Match) -> tuple:
    """A match as a tuple of its fields (cheaper to send between processes)."""
    return tuple(getattr(m, f.name) for f in fields(Match))


def screen_many(
    screener: Screener,
    queries: Sequence[Query],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 10,
    workers: int | None = None,
) -> list[list[Match]]:
    """The matches of every query, in order; ``workers`` processes (default: every core;
    1 screens in this process)."""
    global _SCREENER, _OPTIONS
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(queries) < 64 or "fork" not in mp.get_all_start_methods():
        return [screener.screen(q, threshold=threshold, limit=limit) for q in queries]
    _SCREENER, _OPTIONS = screener, {"threshold": threshold, "limit": limit}
    size = max(64, -(-len(queries) // (workers * 2)))
    chunks = [list(queries[i : i + size]) for i in range(0, len(queries), size)]
    gc.freeze()  # the forked workers share the index without the collector copying it
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            return [[Match(*t) for t in part] for done in pool.map(_work, chunks) for part in done]
    finally:
        gc.unfreeze()
        _SCREENER, _OPTIONS = None, {}
