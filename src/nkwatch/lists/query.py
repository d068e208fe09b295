"""Questions to the ingested lists: "was X designated on DATE?" and the rows to export."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def has_tables(con: Any) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'sl_entities'"
    ).fetchone()
    return bool(found and found[0])


def _dicts(con: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def designations(con: Any, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The designation record of each entity key."""
    if not keys or not has_tables(con):
        return {}
    rows = _dicts(
        con, "SELECT * FROM sl_designations WHERE key IN (SELECT unnest(?))", [list(keys)]
    )
    return {r["key"]: r for r in rows}


def _table_exists(con: Any, name: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(found and found[0])


def curated_rows(con: Any, skip: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """The curated record's designations (table ``designations``) in the export's shape,
    leaving out those an ingested list already gives (``skip``: (list, list id))."""
    if not (_table_exists(con, "designations") and _table_exists(con, "actors")):
        return []
    rows = _dicts(
        con,
        "SELECT d.list, d.list_id, d.program, d.listed, d.delisted, a.type, a.name, "
        "(SELECT list(n.name ORDER BY n.ord) FROM actor_names n WHERE n.actor_id = a.id) "
        "AS names FROM designations d JOIN actors a ON a.id = d.actor ORDER BY d.id",
    )
    kinds = {"person": "Person", "organization": "Organization"}
    out = []
    for r in rows:
        if not r["list_id"] or (r["list"], r["list_id"]) in skip:
            continue
        out.append(
            {
                "list": r["list"],
                "list_id": r["list_id"],
                "schema": kinds.get(r["type"], "LegalEntity"),
                "name": r["name"],
                "names": r["names"] or [],
                "programs": [r["program"]] if r["program"] else [],
                "listed": r["listed"],
                "delisted": r["delisted"],
            }
        )
    return out


def export_rows(
    con: Any,
    *,
    lists: Sequence[str] | None = None,
    dprk_only: bool = False,
    curated: bool = True,
) -> list[dict[str, Any]]:
    """Entities with their names and designation dates, for :func:`nkwatch.lists.ftm.to_ftm`:
    the ingested lists, then (``curated``, unless ``lists`` picks some) the curated
    record's designations that no ingested list gives."""
    if not has_tables(con):
        return curated_rows(con, set()) if curated and not lists else []
    where = ["TRUE"]
    params: list[Any] = []
    if lists:
        where.append("e.list IN (SELECT unnest(?))")
        params.append(list(lists))
    if dprk_only:
        where.append("e.dprk")
    rows = _dicts(
        con,
        "SELECT e.*, d.listed, d.delisted, "
        "(SELECT list(n.name ORDER BY n.ord) FROM sl_names n WHERE n.key = e.key) AS names, "
        "(SELECT list(n.kind ORDER BY n.ord) FROM sl_names n WHERE n.key = e.key) AS kinds "
        "FROM sl_entities e LEFT JOIN sl_designations d ON d.key = e.key "
        f"WHERE {' AND '.join(where)} ORDER BY e.key",
        params,
    )
    if curated and not lists:
        given = {(r["list"], r["list_id"]) for r in rows}
        known = con.execute("SELECT list, list_id FROM sl_entities").fetchall()
        given |= {(a, b) for a, b in known}
        rows += curated_rows(con, given)
    return rows
