"""Words across everything the store holds: the curated record (events, actors, claims,
agreements, sources: :meth:`nkwatch.store.Store.search`), the ingested event reports (GDELT,
ICEWS, CNS, CSIS) and the entities of the ingested sanctions lists; each group paged.

>>> from nkwatch.search import search
>>> found = search(store, "Hwasong")                        # the first page of every group
>>> search(store, "Hwasong", kind="reports", offset=20)     # the next page of one group
"""

from __future__ import annotations

from typing import Any

from nkwatch import reports
from nkwatch.errors import QueryError
from nkwatch.lists import entity as list_entity

CURATED = ("events", "actors", "claims", "agreements", "sources")
KINDS = (*CURATED, "reports", "list_entities")


def search(
    store: Any, q: str, *, kind: str | None = None, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """``{"groups": {kind: rows}, "totals": {kind: n}}`` for every kind, or (with ``kind``)
    for that one, ``limit`` rows from ``offset``. Curated groups are counted in full (the
    record is small); reports and list entities are counted in the store."""
    if not q or not q.strip():
        raise QueryError("search needs some words: e.g. 'armistice' or 'Kaesong'")
    if kind is not None and kind not in KINDS:
        raise QueryError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    kinds = [kind] if kind else list(KINDS)
    groups: dict[str, list[dict[str, Any]]] = {}
    totals: dict[str, int] = {}
    if any(k in CURATED for k in kinds):
        curated = store.search(q, limit=1_000_000)
        for k in CURATED:
            if k in kinds:
                totals[k] = len(curated[k])
                groups[k] = curated[k][offset : offset + limit]
    if "reports" in kinds:
        groups["reports"], totals["reports"] = reports.search(
            store.con, q, limit=limit, offset=offset
        )
    if "list_entities" in kinds:
        groups["list_entities"], totals["list_entities"] = list_entity.entities(
            store.con, q=q, dprk_only=False, limit=limit, offset=offset
        )
    return {"q": q.strip(), "groups": groups, "totals": totals, "offset": offset, "limit": limit}
