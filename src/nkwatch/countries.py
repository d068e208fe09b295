"""Every state's relation with the DPRK on a date: diplomatic relations, the state's resident
embassy in Pyongyang, the DPRK's resident embassy in its capital, UN membership.

The as-of rule is the store's (:func:`nkwatch.store.held_on`): an interval counts on a day
when it had certainly begun and not yet ended.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from nkwatch.dates import format_date

if TYPE_CHECKING:
    from nkwatch.store import Store

DPRK = "PRK"
UN = "un"


def countries(store: Store, day: dt.date, only: str | None = None) -> list[dict[str, Any]]:
    """One record per state that existed on ``day`` (the DPRK itself excepted); with ``only``,
    just that state."""
    from nkwatch.store import held_on

    states = store._dicts(
        "SELECT id, name, iso3 FROM actors WHERE type = 'state' AND id <> ? "
        'AND (start IS NULL OR start <= ?) AND ("end" IS NULL OR "end" > ?) '
        "AND (?::VARCHAR IS NULL OR id = ?) ORDER BY name",
        [DPRK, day, day, only, only],
    )
    rels = store._dicts(
        'SELECT r.id, r.kind, r.subject, r.object, r.start, r.start_precision, r."end", '
        f"r.end_precision, r.end_reason, {held_on('r')} AS held FROM relations r "
        "WHERE (r.kind IN ('diplomatic-relations', 'embassy') AND (r.subject = ? OR "
        "r.object = ?)) OR (r.kind = 'membership' AND r.object = ?) "
        "ORDER BY r.start NULLS FIRST",
        [day, day, DPRK, DPRK, UN],
    )
    by_state: dict[str, list[dict[str, Any]]] = {}
    for r in rels:
        other = r["object"] if r["subject"] == DPRK else r["subject"]
        by_state.setdefault(other, []).append(r)
    return [_country(s, by_state.get(s["id"], []), day) for s in states]


def _interval(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "start": format_date(r["start"], r["start_precision"]),
        "end": format_date(r["end"], r["end_precision"]),
        "end_reason": r["end_reason"],
    }


def _country(state: dict[str, Any], rels: list[dict[str, Any]], day: dt.date) -> dict[str, Any]:
    dip = [r for r in rels if r["kind"] == "diplomatic-relations"]
    theirs = [r for r in rels if r["kind"] == "embassy" and r["object"] == DPRK]
    ours = [r for r in rels if r["kind"] == "embassy" and r["subject"] == DPRK]
    un = [r for r in rels if r["kind"] == "membership"]
    current = next((r for r in dip if r["held"]), None)
    if current is not None:
        status = "relations"
    elif any(r["end"] is not None and r["end"] <= day for r in dip):
        last = max(
            (r for r in dip if r["end"] is not None and r["end"] <= day), key=lambda r: r["end"]
        )
        status = last["end_reason"] or "ended"
    elif dip:
        status = "not yet"
    else:
        status = "never"
    return {
        "id": state["id"],
        "name": state["name"],
        "un_member": any(r["held"] for r in un),
        "relations": current is not None,
        "status": status,
        "relations_since": format_date(current["start"], current["start_precision"])
        if current
        else None,
        "embassy_in_pyongyang": any(r["held"] for r in theirs),
        "dprk_embassy": any(r["held"] for r in ours),
        "relation_intervals": [_interval(r) for r in dip],
        "embassy_intervals": [_interval(r) for r in theirs],
        "dprk_embassy_intervals": [_interval(r) for r in ours],
    }


def counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many states (and UN member states) had relations and embassies."""

    def n(key: str, un_only: bool = False) -> int:
        return sum(bool(r[key]) and (r["un_member"] or not un_only) for r in rows)

    return {
        "states": len(rows),
        "un_members": sum(r["un_member"] for r in rows),
        "relations": n("relations"),
        "un_members_with_relations": n("relations", True),
        "embassies_in_pyongyang": n("embassy_in_pyongyang"),
        "dprk_embassies_abroad": n("dprk_embassy"),
    }
