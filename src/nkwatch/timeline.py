"""The timeline's two questions: every event on the axis (the curated record's, and the
ingested event data as an optional layer) in a compact form the browser can cluster, and
the events of a window of time, a page at a time, for the table under the axis.

>>> from nkwatch.timeline import points, window
>>> points(store, {"country": "USA"}, ["icews"])["count"]
>>> window(store, {}, ["cns"], date_from="2017-01-01", date_to="2017-12-31", offset=0, limit=50)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from nkwatch import reports
from nkwatch.dates import parse_query_date
from nkwatch.errors import QueryError

#: the filters the timeline takes (the page's names)
FILTERS = ("topic", "actor", "country", "type", "from", "to", "text")
#: layer short names in the points (to keep them small)
LAYER_CODE = {v: k for k, v in reports.LAYERS.items()}


def _day(value: str | None, *, end: bool = False, name: str) -> dt.date | None:
    try:
        return parse_query_date(value, end=end)
    except ValueError as exc:
        raise QueryError(f"{name}: {exc}") from None


def _curated(store: Any, filters: dict[str, str | None], lo: Any, hi: Any) -> list[dict]:
    actor = [a for a in (filters.get("actor"), filters.get("country")) if a]
    return store.events(
        topic=filters.get("topic") or None,
        type=filters.get("type") or None,
        text=filters.get("text") or None,
        actor=actor or None,
        date_from=lo,
        date_to=hi,
    )


def _partner(store: Any, filters: dict[str, str | None]) -> str | None:
    """The state the layer is narrowed to: the page's country (an ISO3 state id)."""
    country = filters.get("country")
    if not country:
        return None
    iso3 = store.resolve_actor(country)
    return iso3 if len(iso3) == 3 and iso3.isupper() else None


def _layer_applies(filters: dict[str, str | None]) -> bool:
    """Event data has no topics, curated types, people or words: with such a filter set the
    layer would not be filtered the same way, so it is left out (the page says so)."""
    return not any(filters.get(k) for k in ("topic", "type", "actor", "text"))


def _bounds(
    filters: dict[str, str | None], date_from: str | None, date_to: str | None
) -> tuple[dt.date | None, dt.date | None]:
    """The later of the two lower bounds and the earlier of the two upper ones."""
    los = [d for d in (_day(filters.get("from"), name="from"), _day(date_from, name="from")) if d]
    his = [
        d
        for d in (_day(filters.get("to"), end=True, name="to"), _day(date_to, end=True, name="to"))
        if d
    ]
    lo, hi = (max(los) if los else None), (min(his) if his else None)
    if lo and hi and lo > hi:
        raise QueryError(f"the range is empty: from {lo} is after to {hi}")
    return lo, hi


def points(
    store: Any,
    filters: dict[str, str | None],
    layers: Sequence[str] = (),
    *,
    curated: bool = True,
) -> dict[str, Any]:
    """Every event the filters keep, oldest first, as rows ``[id, date, end, quad, layer,
    title]`` (``layer`` "" for the curated record, else ``cns``, ``csis``, ``icews``,
    ``gdelt``): about a hundred bytes an event. ``curated=False`` leaves the curated
    record's events out (the page draws them first, then adds the layers)."""
    lo, hi = _bounds(filters, None, None)
    out: list[list[Any]] = []
    for e in _curated(store, filters, lo, hi) if curated else []:
        out.append([e["id"], e["date"], e["end_date"], e["quad_class"], "", e["title"]])
    used: list[str] = []
    if layers and _layer_applies(filters):
        used = reports.present_layers(store.con, layers)
        partner = _partner(store, filters)
        for r in reports.layer(store.con, used, partner=partner, date_from=lo, date_to=hi):
            out.append(
                [r["id"], r["date"], None, r["quad_class"], LAYER_CODE[r["source"]], r["title"]]
            )
    out.sort(key=lambda p: p[1])
    return {
        "count": len(out),
        "curated": sum(1 for p in out if not p[4]),
        "layers": used,
        "columns": ["id", "date", "end", "quad", "layer", "title"],
        "events": out,
    }


def window(
    store: Any,
    filters: dict[str, str | None],
    layers: Sequence[str] = (),
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    offset: int = 0,
    limit: int = 50,
    curated: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The events between ``date_from`` and ``date_to`` (within the filters' own range),
    oldest first, ``limit`` from ``offset``, and how many there are in all: the curated
    record's events in full, the layers' as rows with a title and their source.
    ``curated``: the curated events of these filters and window when the caller has them."""
    if not 1 <= limit <= 500:
        raise QueryError("limit: use 1 to 500 rows a page")
    if offset < 0:
        raise QueryError("offset: use 0 or more")
    lo, hi = _bounds(filters, date_from, date_to)
    if curated is None:
        curated = _curated(store, filters, lo, hi)
    curated = [dict(e, layer="") for e in curated]
    total = len(curated)
    used: list[str] = []
    if layers and _layer_applies(filters):
        used = reports.present_layers(store.con, layers)
    if not used:
        rows = curated[offset : offset + limit]
    else:
        rows, total = _merged_page(store, curated, used, _partner(store, filters), lo, hi,
                                   offset, limit)  # fmt: skip
    return {
        "from": lo.isoformat() if lo else None,
        "to": hi.isoformat() if hi else None,
        "total": total,
        "offset": offset,
        "limit": limit,
        "layers": used,
        "rows": rows,
    }


def _merged_page(
    store: Any,
    curated: list[dict[str, Any]],
    layers: list[str],
    partner: str | None,
    lo: dt.date | None,
    hi: dt.date | None,
    offset: int,
    limit: int,
) -> tuple[list[dict[str, Any]], int]:
    """One page of the curated events and the layers' merged by date, and the total: the
    database orders both (the curated events go in as a list of ids and dates), so a deep
    page costs what the first does; then only the page's layer rows are read in full."""
    sql, params = reports.layer_sql(layers, partner=partner, date_from=lo, date_to=hi)
    order = store.con.execute(
        "SELECT id, layer, count(*) OVER () FROM ("
        "SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS d, 0 AS layer "
        f"UNION ALL SELECT id, strftime(date, '%Y-%m-%d'), 1 FROM ({sql})) "
        "ORDER BY d, layer, id LIMIT ? OFFSET ?",
        [[e["id"] for e in curated], [e["date"] for e in curated], *params, limit, offset],
    ).fetchall()
    if not order:
        n = len(curated) + reports.layer_count(
            store.con, layers, partner=partner, date_from=lo, date_to=hi
        )
        return [], n
    ids = [rid for rid, is_layer, _ in order if is_layer]
    found = {r["id"]: r for r in reports.layer_rows(store.con, layers, ids, partner, lo, hi)}
    by_id = {e["id"]: e for e in curated}
    rows = []
    for rid, is_layer, _ in order:
        if is_layer:
            row = found[rid]
            row["layer"] = LAYER_CODE[row["source"]]
            rows.append(row)
        else:
            rows.append(by_id[rid])
    return rows, order[0][2]
