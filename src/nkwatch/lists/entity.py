"""One entity of an ingested sanctions list as a page shows it: its names and aliases, dates
of birth, passports, vessels by IMO number, programs, listing dates (with how each was
established), the copies of the list that hold it, and the curated records that mention it;
and the listings and searches that lead to it.

>>> from nkwatch.lists.entity import entity
>>> entity(store.con, "un", "KPi.033")["names"]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nkwatch.errors import QueryError

from .query import _dicts, has_tables

LIST_NAMES = {
    "un": "UN Security Council Consolidated List",
    "ofac": "OFAC Specially Designated Nationals (SDN) List",
}
KIND_LABELS = {
    "primary": "Name on the list",
    "aka": "Also known as",
    "fka": "Formerly known as",
    "weak": "Weak alias",
    "original": "Original script",
}


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def entity(con: Any, list_name: str, list_id: str) -> dict[str, Any]:
    """The entity ``list_id`` of ``list_name`` (``un``: a reference number such as KPi.033;
    ``ofac``: the SDN entry number), or a QueryError naming how to find one."""
    if not has_tables(con):
        raise QueryError(
            "unknown list entity: no sanctions list is ingested (nkwatch lists ingest "
            "un-sanctions FILE or ofac-sdn FILE adds one)"
        )
    rows = _dicts(
        con,
        "SELECT e.*, d.listed, d.listed_basis, d.last_seen, d.delisted FROM sl_entities e "
        "LEFT JOIN sl_designations d ON d.key = e.key WHERE e.list = ? AND e.list_id = ?",
        [list_name, list_id],
    )
    if not rows:
        raise QueryError(
            f"unknown list entity {list_name}/{list_id}: search for it at /search or list "
            "them at /list-entities"
        )
    e = {k: _iso(v) for k, v in rows[0].items()}
    e["list_name"] = LIST_NAMES.get(list_name, list_name)
    names = _dicts(
        con, "SELECT name, kind, quality FROM sl_names WHERE key = ? ORDER BY ord, name", [e["key"]]
    )
    e["names"] = names
    e["aliases"] = [n for n in names if n["kind"] != "primary"]
    e["copies"] = [
        {k: _iso(v) for k, v in r.items()}
        for r in _dicts(
            con,
            "SELECT f.id, f.source, f.list_date, f.ingested_at, f.paths FROM sl_presence p "
            "JOIN sl_files f ON f.id = p.file_id WHERE p.key = ? ORDER BY f.list_date",
            [e["key"]],
        )
    ]
    e["curated"] = mentions(con, e)
    return e


def _has(con: Any, table: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary", [table]
    ).fetchone()
    return bool(row and row[0])


def mentions(con: Any, e: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Curated records about this entity: designation records with its list and id (and
    their actor), and events and agreements whose text names it (a name of two words or
    more, or its IMO number)."""
    out: dict[str, list[dict[str, Any]]] = {"designations": [], "events": []}
    if not _has(con, "designations"):
        return out
    out["designations"] = _dicts(
        con,
        "SELECT d.id, d.actor, a.name AS actor_name, a.type AS actor_type, d.program, "
        "d.listed, d.delisted FROM designations d LEFT JOIN actors a ON a.id = d.actor "
        "WHERE d.list = ? AND lower(d.list_id) = lower(?) ORDER BY d.id",
        [e["list"], e["list_id"]],
    )
    for d in out["designations"]:
        d["listed"], d["delisted"] = _iso(d["listed"]), _iso(d["delisted"])
    needles = {
        n["name"].lower().strip()
        for n in e["names"]
        if len(n["name"].split()) >= 2 and len(n["name"]) >= 8 and n.get("quality") != "Low"
    }
    needles |= {imo for imo in e.get("imo") or [] if imo}
    actors = [d["actor"] for d in out["designations"] if d["actor"]]
    if (needles or actors) and _has(con, "event_docs"):
        conds, params = [], []
        for n in sorted(needles)[:20]:
            conds.append("contains(lower(e.search_text), ?)")
            params.append(n)
        if actors:
            conds.append(
                "e.id IN (SELECT record_id FROM record_actors WHERE record_type = 'event' "
                "AND actor_id IN (SELECT unnest(?)))"
            )
            params.append(actors)
        out["events"] = _dicts(
            con,
            f"SELECT e.id, e.date_text AS date, e.title, e.type FROM event_docs e "
            f"WHERE {' OR '.join(conds)} ORDER BY e.date LIMIT 50",
            params,
        )
    return out


def entities(
    con: Any,
    *,
    list_name: str | None = None,
    q: str | None = None,
    dprk_only: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """List entities (by default only those under a DPRK program), by list and name, with
    how many match in all. ``q``: every word must appear in one of its names or its id."""
    if not has_tables(con):
        return [], 0
    where, params = ["TRUE"], []
    if list_name:
        where.append("e.list = ?")
        params.append(list_name)
    if dprk_only:
        where.append("e.dprk")
    words = (q or "").lower().split()[:12]
    names = ""
    if words:  # every word in one of its names, its id or an IMO number
        names = (
            "JOIN (SELECT key, lower(string_agg(name, ' ')) AS hay FROM sl_names "
            "GROUP BY key) n ON n.key = e.key"
        )
        for word in words:
            where.append(
                "(contains(n.hay, ?) OR contains(lower(e.list_id), ?) OR list_contains(e.imo, ?))"
            )
            params += [word, word, word]
    w = " AND ".join(where)
    rows = _dicts(
        con,
        "SELECT e.list, e.list_id, e.schema, e.name, e.programs, e.dprk, e.imo, "
        "d.listed, d.delisted, count(*) OVER () AS total FROM sl_entities e "
        f"{names} LEFT JOIN sl_designations d ON d.key = e.key "
        f"WHERE {w} ORDER BY e.list DESC, e.name, e.list_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if rows:
        total = rows[0]["total"]
    elif offset:
        total = con.execute(
            f"SELECT count(*) FROM sl_entities e {names} WHERE {w}", params
        ).fetchone()[0]
    else:
        total = 0
    for r in rows:
        del r["total"]
    for r in rows:
        r["listed"], r["delisted"] = _iso(r["listed"]), _iso(r["delisted"])
    return rows, total
