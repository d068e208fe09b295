"""Every state's relation with the DPRK on a date: diplomatic relations, the state's resident
embassy in Pyongyang, the DPRK's resident embassy in its capital, UN membership.

The as-of rule is :func:`nkwatch.intervals.held_on`: an interval certainly held on a day
when it had certainly begun and not yet ended; an interval whose start is unknown is held
only from its earliest evidence. Each answer says whether it rests on an unknown start
(``start_known``), and "possible" answers give the upper bound (``*_at_most`` counts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from nkwatch.dates import format_date
from nkwatch.intervals import held_on

DPRK = "PRK"
UN = "un"


class _Queries(Protocol):
    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...


def countries(store: _Queries, day: dt.date, only: str | None = None) -> list[dict[str, Any]]:
    """One record per state that existed on ``day`` (the DPRK itself excepted); with ``only``,
    just that state."""
    states = store._dicts(
        'SELECT id, name, iso3, start, start_precision, "end", end_precision FROM actors '
        "WHERE type = 'state' AND id <> ? "
        'AND (start IS NULL OR start <= ?) AND ("end" IS NULL OR "end" > ?) '
        "AND (?::VARCHAR IS NULL OR id = ?) ORDER BY name",
        [DPRK, day, day, only, only],
    )
    rels = store._dicts(
        'SELECT r.id, r.kind, r.subject, r.object, r.start, r.start_precision, r."end", '
        "r.end_precision, r.end_reason, r.start_known, r.evidence, "
        f"{held_on('r')} AS held, {held_on('r', True)} AS possible FROM relations r "
        "WHERE (r.kind IN ('diplomatic-relations', 'embassy') AND (r.subject = ? OR "
        "r.object = ?)) OR (r.kind = 'membership' AND r.object = ?) "
        "ORDER BY r.start NULLS FIRST",
        [day, day, day, day, DPRK, DPRK, UN],
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
        "start_known": r["start_known"],
        "evidence": r["evidence"].isoformat() if r["evidence"] else None,
        "end": format_date(r["end"], r["end_precision"]),
        "end_reason": r["end_reason"],
    }


def _answer(intervals: list[dict[str, Any]]) -> tuple[bool, bool, bool | None]:
    """(certainly held, possibly held, start known) for one kind of tie; ``start_known`` is
    None when no interval holds or may hold."""
    held = next((r for r in intervals if r["held"]), None)
    if held is not None:
        return True, True, bool(held["start_known"])
    possible = next((r for r in intervals if r["possible"]), None)
    if possible is not None:
        return False, True, bool(possible["start_known"])
    return False, False, None


def _country(state: dict[str, Any], rels: list[dict[str, Any]], day: dt.date) -> dict[str, Any]:
    dip = [r for r in rels if r["kind"] == "diplomatic-relations"]
    theirs = [r for r in rels if r["kind"] == "embassy" and r["object"] == DPRK]
    ours = [r for r in rels if r["kind"] == "embassy" and r["subject"] == DPRK]
    un = [r for r in rels if r["kind"] == "membership"]
    relations, relations_possible, start_known = _answer(dip)
    current = next((r for r in dip if r["held"]), None)
    ended = [r for r in dip if r["end"] is not None and r["end"] <= day]
    if relations:
        status = "relations"
    elif relations_possible:
        status = "uncertain"  # an unknown start: held at most, not certainly
    elif ended:
        status = max(ended, key=lambda r: r["end"])["end_reason"] or "ended"
    elif dip:
        status = "not yet"
    else:
        status = "never"
    embassy, embassy_possible, embassy_known = _answer(theirs)
    dprk_embassy, dprk_embassy_possible, dprk_known = _answer(ours)
    # an embassy whose opening is unknown is possible only while relations may have held
    embassy_possible = embassy or (embassy_possible and relations_possible)
    dprk_embassy_possible = dprk_embassy or (dprk_embassy_possible and relations_possible)
    return {
        "id": state["id"],
        "name": state["name"],
        "un_member": any(r["held"] for r in un),
        "relations": relations,
        "relations_possible": relations_possible,
        "start_known": start_known,
        "status": status,
        "relations_since": format_date(current["start"], current["start_precision"])
        if current
        else None,
        "embassy_in_pyongyang": embassy,
        "embassy_in_pyongyang_possible": embassy_possible,
        "embassy_start_known": embassy_known,
        "dprk_embassy": dprk_embassy,
        "dprk_embassy_possible": dprk_embassy_possible,
        "dprk_embassy_start_known": dprk_known,
        "state_since": format_date(state["start"], state["start_precision"]),
        "state_until": format_date(state["end"], state["end_precision"]),
        "relation_intervals": [_interval(r) for r in dip],
        "embassy_intervals": [_interval(r) for r in theirs],
        "dprk_embassy_intervals": [_interval(r) for r in ours],
    }


def counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many states (and UN member states) had relations and embassies: certainly, and at
    most (adding the states whose tie rests on an unknown start)."""

    def n(key: str, un_only: bool = False) -> int:
        return sum(bool(r[key]) and (r["un_member"] or not un_only) for r in rows)

    return {
        "states": len(rows),
        "un_members": sum(r["un_member"] for r in rows),
        "relations": n("relations"),
        "relations_at_most": n("relations_possible"),
        "un_members_with_relations": n("relations", True),
        "un_members_with_relations_at_most": n("relations_possible", True),
        "embassies_in_pyongyang": n("embassy_in_pyongyang"),
        "embassies_in_pyongyang_at_most": n("embassy_in_pyongyang_possible"),
        "dprk_embassies_abroad": n("dprk_embassy"),
        "dprk_embassies_abroad_at_most": n("dprk_embassy_possible"),
    }


def counts_on(store: _Queries, days: Sequence[dt.date]) -> dict[dt.date, dict[str, int]]:
    """:func:`counts` of :func:`countries` for each of ``days``, in one query: the same rules
    (a tie certainly held, or at most; an embassy whose opening is unknown counts at most
    only while relations may have held) evaluated for every day at once, not a query per
    day (the isolation series asks for 79 years)."""
    if not days:
        return {}
    theirs = "r.kind = 'embassy' AND r.object = ?"  # the state's embassy in Pyongyang
    ours = "r.kind = 'embassy' AND r.subject = ?"  # the DPRK's embassy in its capital
    rows = store._dicts(
        "WITH days AS (SELECT unnest(?::DATE[]) AS day), "
        "st AS (SELECT d.day, a.id FROM days d JOIN actors a ON a.type = 'state' "
        'AND a.id <> ? AND (a.start IS NULL OR a.start <= d.day) AND (a."end" IS NULL '
        'OR a."end" > d.day)), '
        "tie AS (SELECT d.day, CASE WHEN r.subject = ? THEN r.object ELSE r.subject END AS other, "
        f"r.kind = 'diplomatic-relations' AS dip, {theirs} AS theirs, {ours} AS ours, "
        "r.kind = 'membership' AS un, "
        f"{held_on('r', day='d.day')} AS held, {held_on('r', True, day='d.day')} AS possible "
        "FROM days d, relations r WHERE (r.kind IN ('diplomatic-relations', 'embassy') AND "
        "(r.subject = ? OR r.object = ?)) OR (r.kind = 'membership' AND r.object = ?)), "
        "per AS (SELECT st.day, st.id, "
        "coalesce(bool_or(t.dip AND t.held), false) AS rel, "
        "coalesce(bool_or(t.dip AND (t.held OR t.possible)), false) AS rel_p, "
        "coalesce(bool_or(t.theirs AND t.held), false) AS emb, "
        "coalesce(bool_or(t.theirs AND (t.held OR t.possible)), false) AS emb_p, "
        "coalesce(bool_or(t.ours AND t.held), false) AS dprk, "
        "coalesce(bool_or(t.ours AND (t.held OR t.possible)), false) AS dprk_p, "
        "coalesce(bool_or(t.un AND t.held), false) AS un "
        "FROM st LEFT JOIN tie t ON t.day = st.day AND t.other = st.id GROUP BY st.day, st.id), "
        "flags AS (SELECT day, un, rel, rel_p, emb, emb OR (emb_p AND rel_p) AS emb_p, dprk, "
        "dprk OR (dprk_p AND rel_p) AS dprk_p FROM per) "
        "SELECT day, count(*) AS states, count_if(un) AS un_members, "
        "count_if(rel) AS relations, count_if(rel_p) AS relations_at_most, "
        "count_if(rel AND un) AS un_members_with_relations, "
        "count_if(rel_p AND un) AS un_members_with_relations_at_most, "
        "count_if(emb) AS embassies_in_pyongyang, "
        "count_if(emb_p) AS embassies_in_pyongyang_at_most, "
        "count_if(dprk) AS dprk_embassies_abroad, "
        "count_if(dprk_p) AS dprk_embassies_abroad_at_most FROM flags GROUP BY day",
        [list(days), *[DPRK] * 6, UN],
    )
    zero = dict.fromkeys(counts([]), 0)
    found = {r.pop("day"): {k: int(v) for k, v in r.items()} for r in rows}
    return {day: found.get(day, zero) for day in days}
