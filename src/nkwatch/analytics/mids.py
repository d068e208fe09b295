"""Militarised interstate disputes (Correlates of War MID 4.3) the DPRK took part in, and how
they line up with the curated record's events.

MID 4.3 has two levels: disputes (MIDA, MIDB: 1816-2010) and, from 1993 only, the incidents
within them (MIDI, MIDP). A *MID record* here is an incident where the data set has them
(1993-2010) and a dispute otherwise (before 1993).

A curated event (types :data:`EVENT_TYPES` involving the DPRK) and a MID record are the same
incident when another state of the event took part in the record (on either side) and the
dates meet: the event's date (its range for a partial date such as "1994-05") falls within
:data:`WINDOW` days of the record's span. A dispute's span can be years (dispute 1379
runs 1964-1971), so a match says ``starts`` when the event falls within the window of the
record's first day, and ``within`` when the spans only overlap.

The disagreements are the MID records with no curated event, and the curated events before
2015 with no MID record (those after 2010 fall after MID 4.3 ends; those without another
state, e.g. a standoff with the IAEA, cannot be an interstate dispute).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nkwatch.store import QueryError, Store

DPRK_COW = 731
#: days either side of a MID record's span within which an event's date may fall
WINDOW = 3
EVENT_TYPES = ("war", "military-action", "provocation", "incident")
#: curated events compared run to the end of 2014
EVENTS_TO = "2014"
MID_END = 2010
SOURCE = (
    "Correlates of War, Militarized Interstate Disputes v4.3 (Palmer, D'Orazio, Kenwick and "
    "Lane 2015): MIDA, MIDB (disputes), MIDI, MIDP (incidents, 1993-2010)"
)
#: COW MID codes: highest action, hostility level, fatalities
ACTIONS = {
    0: "no militarized action", 1: "threat to use force", 2: "threat to blockade",
    3: "threat to occupy territory", 4: "threat to declare war", 5: "threat to use CBR weapons",
    6: "threat to join war", 7: "show of force", 8: "alert", 9: "nuclear alert",
    10: "mobilization", 11: "fortify border", 12: "border violation", 13: "blockade",
    14: "occupation of territory", 15: "seizure", 16: "attack", 17: "clash",
    18: "declaration of war", 19: "use of CBR weapons", 20: "begin interstate war",
    21: "join interstate war",
}  # fmt: skip
HOSTILITY = {1: "no militarized action", 2: "threat", 3: "display of force",
             4: "use of force", 5: "war"}  # fmt: skip
FATALITIES = {0: "none", 1: "1-25", 2: "26-100", 3: "101-250", 4: "251-500", 5: "501-999",
              6: "over 999"}  # fmt: skip
NO_MIDS = (
    "no Correlates of War MIDs in the store: ingest them first, e.g. "
    "'nkwatch ingest cow ../shared/data/cow'"
)


def _day(y: int | None, m: int | None, d: int | None) -> tuple[str, dt.date, dt.date] | None:
    """(text, earliest, latest) of a COW date with -9 for unknown month or day."""
    if y is None or y < 0:
        return None
    if m is None or m < 1:
        return str(y), dt.date(y, 1, 1), dt.date(y, 12, 31)
    if d is None or d < 1:
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return f"{y}-{m:02d}", dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    day = dt.date(y, m, d)
    return day.isoformat(), day, day


def _tables(store: Store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def _sides(store: Store, table: str, key: str, side: str) -> dict[int, dict[str, list[str]]]:
    out: dict[int, dict[str, list[str]]] = {}
    rows = store.con.execute(
        f"SELECT {key}, coalesce(iso3, 'COW' || ccode::VARCHAR), {side} FROM {table} "
        f"WHERE {key} IN (SELECT {key} FROM {table} WHERE ccode = ?) ORDER BY 1, 2",
        [DPRK_COW],
    ).fetchall()
    for k, iso, a in rows:
        sides = out.setdefault(int(k), {"side_a": [], "side_b": []})
        lst = sides["side_a" if a == 1 else "side_b"]
        if iso not in lst:
            lst.append(iso)
    return out


def _record(
    kind: str, key: int, dispute: int, row: tuple, sides: dict[str, list[str]]
) -> dict[str, Any]:
    sy, sm, sd, ey, em, ed, action, hostlev, fatality = row
    start, end = _day(sy, sm, sd), _day(ey, em, ed)
    return {
        "kind": kind,
        "id": key,
        "dispute": dispute,
        "start": start[0] if start else None,
        "end": end[0] if end else None,
        "side_a": sides["side_a"],
        "side_b": sides["side_b"],
        "partners": [s for s in sides["side_a"] + sides["side_b"] if s != "PRK"],
        "action": ACTIONS.get(action, str(action)) if action is not None else None,
        "hostility": HOSTILITY.get(hostlev, str(hostlev)) if hostlev is not None else None,
        "fatalities": FATALITIES.get(fatality) if fatality is not None else None,
        "_lo": start[1] if start else None,
        "_hi": (end or start)[2] if (end or start) else None,
        "_start_hi": start[2] if start else None,
    }


def disputes(store: Store) -> list[dict[str, Any]]:
    """The DPRK's disputes, oldest first: dispute number, start, end, the two sides, highest
    action, hostility level, fatalities, number of incidents (1993 on)."""
    if not {"cow_mid_disputes", "cow_mid_participants"} <= _tables(store):
        raise QueryError(NO_MIDS)
    sides = _sides(store, "cow_mid_participants", "dispnum3", "sidea")
    n_inc: dict[int, int] = {}
    if "cow_mid_incidents" in _tables(store):
        n_inc = dict(
            store.con.execute(
                "SELECT dispnum3, count(*) FROM cow_mid_incidents GROUP BY 1"
            ).fetchall()
        )
    rows = store.con.execute(
        "SELECT dispnum3, styear, stmon, stday, endyear, endmon, endday, hiact, hostlev, "
        "fatality FROM cow_mid_disputes WHERE dispnum3 IN (SELECT unnest(?)) "
        "ORDER BY styear, stmon, stday, dispnum3",
        [list(sides)],
    ).fetchall()
    out = []
    for r in rows:
        rec = _record("dispute", int(r[0]), int(r[0]), r[1:], sides[int(r[0])])
        rec["incidents"] = int(n_inc.get(int(r[0]), 0))
        out.append(rec)
    return out


def incidents(store: Store) -> list[dict[str, Any]]:
    """The DPRK's MID incidents (1993-2010), oldest first."""
    if not {"cow_mid_incidents", "cow_mid_incident_participants"} <= _tables(store):
        raise QueryError(NO_MIDS)
    sides = _sides(store, "cow_mid_incident_participants", "incidnum3", "insidea")
    rows = store.con.execute(
        "SELECT incidnum3, dispnum3, styear, stmon, stday, endyear, endmon, endday, action, "
        "hostlev, fatality FROM cow_mid_incidents WHERE incidnum3 IN (SELECT unnest(?)) "
        "ORDER BY styear, stmon, stday, incidnum3",
        [list(sides)],
    ).fetchall()
    return [_record("incident", int(r[0]), int(r[1]), r[2:], sides[int(r[0])]) for r in rows]


def _events(store: Store) -> list[dict[str, Any]]:
    from nkwatch.dates import PartialDate

    out = []
    for t in EVENT_TYPES:
        for e in store.events(actor="PRK", type=t, date_to=EVENTS_TO):
            start = PartialDate.parse(e["date"])
            end = PartialDate.parse(e["end_date"]) if e["end_date"] else None
            states = store.con.execute(
                "SELECT id FROM actors WHERE type = 'state' AND id IN (SELECT unnest(?))",
                [[a["id"] for a in e["actors"]]],
            ).fetchall()
            partners = sorted(s[0] for s in states if s[0] != "PRK")
            out.append(
                {
                    "event": e["id"],
                    "date": e["date"],
                    "type": e["type"],
                    "title": e["title"],
                    "partners": partners,
                    "_lo": start.earliest,
                    "_hi": (end or start).latest,
                }
            )
    return sorted(out, key=lambda e: (e["_lo"], e["event"]))


def _meets(rec: dict[str, Any], ev: dict[str, Any]) -> str | None:
    """``starts`` (the event's date is within the window of the record's first day),
    ``within`` (the two spans overlap) or None; and a state in common, always."""
    if rec["_lo"] is None or not set(rec["partners"]) & set(ev["partners"]):
        return None
    w = dt.timedelta(days=WINDOW)
    if ev["_hi"] < rec["_lo"] - w or ev["_lo"] > rec["_hi"] + w:
        return None
    return "starts" if ev["_lo"] <= rec["_start_hi"] + w else "within"


def _public(r: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in r.items() if not k.startswith("_")}


def matching(store: Store) -> dict[str, Any]:
    """MID records (disputes before 1993, incidents 1993-2010) matched to curated events:
    ``records`` (each with its ``events`` and the match), ``unmatched_mids``,
    ``unmatched_events`` (with a ``reason``) and ``counts``."""
    recs = [d for d in disputes(store) if d["incidents"] == 0]
    have_incidents = {"cow_mid_incidents", "cow_mid_incident_participants"} <= _tables(store)
    recs += incidents(store) if have_incidents else []
    events = _events(store)
    matched_events: set[str] = set()
    for rec in recs:
        rec["events"] = []
        for ev in events:
            how = _meets(rec, ev)
            if how:
                rec["events"].append({"event": ev["event"], "date": ev["date"], "match": how})
                matched_events.add(ev["event"])
    unmatched_events = []
    for ev in events:
        if ev["event"] in matched_events:
            continue
        if not ev["partners"]:
            reason = "no other state among its actors: not an interstate dispute"
        elif ev["_lo"].year > MID_END:
            reason = f"after MID 4.3 ends ({MID_END})"
        else:
            reason = "no MID record with these states at this date"
        unmatched_events.append({**_public(ev), "reason": reason})
    unmatched = [_public(r) for r in recs if not r["events"]]
    counts = {
        "disputes": len(disputes(store)),
        "incidents": sum(1 for r in recs if r["kind"] == "incident"),
        "records": len(recs),
        "records_matched": sum(1 for r in recs if r["events"]),
        "records_unmatched": len(unmatched),
        "events": len(events),
        "events_matched": len(matched_events),
        "events_unmatched": len(unmatched_events),
        "events_unmatched_in_mid_years": sum(
            1 for e in unmatched_events if e["reason"].startswith("no MID")
        ),
    }
    return {
        "counts": counts,
        "records": [_public(r) for r in recs],
        "unmatched_mids": unmatched,
        "unmatched_events": unmatched_events,
        "window_days": WINDOW,
        "source": SOURCE,
    }


def listing(store: Store, level: str = "dispute") -> list[dict[str, Any]]:
    """Disputes (``level="dispute"``) or incidents with the curated events each matches."""
    if level not in ("dispute", "incident"):
        raise QueryError(f"unknown level {level!r}: use dispute or incident")
    m = matching(store)
    by_key = {(r["kind"], r["id"]): r["events"] for r in m["records"]}
    rows = disputes(store) if level == "dispute" else incidents(store)
    out = []
    for r in rows:
        if level == "dispute":
            evs = by_key.get(("dispute", r["id"])) or [
                e
                for rec in m["records"]
                if rec["kind"] == "incident" and rec["dispute"] == r["id"]
                for e in rec["events"]
            ]
        else:
            evs = by_key.get(("incident", r["id"]), [])
        seen: dict[str, None] = {}
        for e in evs:
            seen.setdefault(e["event"], None)
        out.append({**_public(r), "events": list(seen)})
    return out
