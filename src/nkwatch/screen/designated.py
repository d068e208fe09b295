"""Was a name designated on a date? The screener finds every listed entity the name (any
spelling, or a list id) matches; the lists' dated records answer for each (a module of the
screener, above the lists: ``nkwatch.lists`` never imports the screener)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from nkwatch.lists.query import _dicts, designations
from nkwatch.lists.store import status_on

from .index import Screener
from .model import DEFAULT_THRESHOLD


def designated(
    con: Any,
    name: str,
    day: dt.date,
    *,
    threshold: float | None = None,
    lists: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """One row per listed entity that ``name`` (any spelling, or a list id such as
    ``KPi.024`` or ``12211``) matches: was it designated on ``day``?"""
    from nkwatch.lists.changes import require_lists

    require_lists(con)
    by_id = _dicts(
        con,
        "SELECT key, list, list_id, name FROM sl_entities WHERE list_id = ?"
        + (" AND list IN (SELECT unnest(?))" if lists else ""),
        [name.strip(), list(lists)] if lists else [name.strip()],
    )
    hits = [(r["key"], r["list"], r["list_id"], r["name"], 1.0) for r in by_id]
    if not hits:
        screener = Screener.from_store(con, lists=lists)
        for m in screener.screen(name, threshold=threshold or DEFAULT_THRESHOLD, limit=50):
            hits.append((m.key, m.list, m.id, m.entity, m.score))
    records = designations(con, [h[0] for h in hits])
    out = []
    for key, list_, list_id, entity, score in hits:
        answer, why = status_on(records.get(key, {}), day)
        out.append(
            {
                "list": list_,
                "id": list_id,
                "entity": entity,
                "designated": answer,
                "why": why,
                "score": score,
                "on": day.isoformat(),
            }
        )
    return out
