"""Analytics over the store as Ibis expressions: the same pipeline runs on DuckDB (the
default) and on Spark or any other Ibis engine holding the ``ev_reports`` table.

- :mod:`nkwatch.analytics.events`: reports grouped into events (reports are not events)
- :mod:`nkwatch.analytics.dyads`: DPRK–partner series of cooperation and conflict
- :mod:`nkwatch.analytics.changes`: change points in a series and the curated events nearest
- :mod:`nkwatch.analytics.cycles`: provocation → Security Council resolution → talks
"""

from __future__ import annotations

from typing import Any

from nkwatch.errors import need
from nkwatch.store import QueryError, Store


def ibis_backend(store: Store) -> Any:
    """An Ibis DuckDB backend on the store's own connection."""
    need("ibis", "analytics")
    import ibis

    return ibis.duckdb.from_connection(store.con)


def reports_table(backend: Any) -> Any:
    """The ``ev_reports`` table of a backend; a clear error when nothing was ingested."""
    if "ev_reports" not in backend.list_tables():
        raise QueryError(
            "no event data in the store: ingest some first, e.g. "
            "'nkwatch ingest icews ../shared/data/icews18-tkg/test.txt', or count the "
            "curated record's events with --source curated"
        )
    return backend.table("ev_reports")
