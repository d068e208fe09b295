"""Missile tests and provocations from three sources side by side: the CNS North Korea
Missile Test Database (one row per missile), the CSIS Beyond Parallel provocations (one row
per reported provocation) and the curated record's missile, satellite and nuclear events;
counted per year and per leader, their sites, and the days where they disagree (an entry on
a day, give or take one, in one source but not in another that covers that period).

>>> from nkwatch.missiles import browse
>>> b = browse(store)
>>> b["per_year"][-1], b["disagreements"][:3]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from nkwatch import reports
from nkwatch.dates import parse_query_date

SOURCES = ("cns", "csis", "curated")
SOURCE_NAMES = {
    "cns": "CNS missile tests",
    "csis": "CSIS provocations",
    "curated": "nkwatch curated record",
}
CURATED_TYPES = {
    "missile-test": "missile",
    "satellite-launch": "missile",
    "nuclear-test": "nuclear",
}
CSIS_KINDS = {"Missile Provocation": "missile", "Nuclear Provocation": "nuclear"}
#: which sources record which kind at all (CNS lists missiles only)
RECORDS_KIND = {"missile": ("cns", "csis", "curated"), "nuclear": ("csis", "curated")}


def _iso(d: Any) -> str:
    return d.isoformat() if isinstance(d, dt.date) else str(d)


def cns_tests(con: Any) -> list[dict[str, Any]]:
    if not reports._has(con, "ev_reports_cns"):
        return []
    rows = con.execute(
        "SELECT id, date, lat, lon, cns FROM ev_reports_cns ORDER BY date, "
        "try_cast(cns.f1 AS INTEGER), id"
    ).fetchall()
    out = []
    for rid, date, lat, lon, x in rows:
        out.append(
            {
                "id": rid,
                "date": _iso(date),
                "date_text": x.get("date"),
                "kind": "missile",
                "name": x.get("missile_name"),
                "type": x.get("missile_type"),
                "site": x.get("facility_name"),
                "location": x.get("facility_location"),
                "lat": lat,
                "lon": lon,
                "apogee": x.get("apogee"),
                "distance": x.get("distance_travelled"),
                "landing": x.get("landing_location"),
                "outcome": x.get("test_outcome"),
                "confirmation": x.get("confirmation_status"),
                "title": reports.title("cns-missiles", {}, x),
            }
        )
    return out


def csis_rows(con: Any) -> list[dict[str, Any]]:
    if not reports._has(con, "ev_reports_csis"):
        return []
    rows = con.execute(
        "SELECT id, date, actor2, csis FROM ev_reports_csis ORDER BY date, id"
    ).fetchall()
    return [
        {
            "id": rid,
            "date": _iso(date),
            "kind": CSIS_KINDS.get(x.get("type"), "other"),
            "type": x.get("type"),
            "title": x.get("event"),
            "description": x.get("description"),
            "target": target,
        }
        for rid, date, target, x in rows
    ]


def curated_rows(store: Any) -> list[dict[str, Any]]:
    out = []
    for etype, kind in CURATED_TYPES.items():
        for e in store.events(type=etype):
            out.append(
                {
                    "id": e["id"],
                    "date": e["date"],
                    "kind": kind,
                    "type": etype,
                    "title": e["title"],
                    "summary": e["summary"],
                    "sources": e["sources"],
                }
            )
    return sorted(out, key=lambda r: (r["date"], r["id"]))


def leaders(store: Any) -> list[dict[str, Any]]:
    """The DPRK's leaders with their terms, from the curated record's relations."""
    rels = [r for r in store.relations(actor="PRK", kind="leader") if r["object"] == "PRK"]
    return [
        {"id": r["subject"], "name": r["subject_name"], "start": r["start"], "end": r["end"]}
        for r in sorted(rels, key=lambda r: r["start"] or "")
    ]


def _leader_of(day: str, terms: list[dict[str, Any]]) -> str | None:
    for t in reversed(terms):  # the latest term that began by then (partial dates compare fine)
        if t["start"] and t["start"][: len(day)] <= day:
            return t["name"]
    return None


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # a month- or year-precision curated date: not compared day by day
        return None


def compare(entries: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Group the three sources' missile and nuclear entries into days (entries of one kind
    a day or less apart are one group) and say for each which sources have it and which,
    covering that period and recording that kind, do not."""
    spans = {}
    for s, rows in entries.items():  # a partial date ("2017-11") covers its whole period
        firsts = [parse_query_date(r["date"]) for r in rows]
        lasts = [parse_query_date(r["date"], end=True) for r in rows]
        spans[s] = (min(firsts), max(lasts)) if rows else None
    groups: list[dict[str, Any]] = []
    for kind in ("missile", "nuclear"):
        items = sorted(
            (
                (d, s, r)
                for s, rows in entries.items()
                for r in rows
                if r["kind"] == kind and (d := _day(r["date"]))
            ),
            key=lambda item: (item[0], item[1], item[2]["id"]),
        )
        current: dict[str, Any] | None = None
        for d, s, r in items:
            if current is None or (d - current["last"]).days > 1:
                current = {"kind": kind, "first": d, "last": d, "by": defaultdict(list)}
                groups.append(current)
            current["last"] = d
            current["by"][s].append(r)
    out = []
    for g in groups:
        covering = [
            s
            for s in RECORDS_KIND[g["kind"]]
            if spans.get(s) and spans[s][0] <= g["first"] and g["last"] <= spans[s][1]
        ]
        have = [s for s in SOURCES if g["by"].get(s)]
        out.append(
            {
                "date": g["first"].isoformat(),
                "end": g["last"].isoformat() if g["last"] != g["first"] else None,
                "kind": g["kind"],
                "by": {s: g["by"].get(s, []) for s in SOURCES},
                "have": have,
                "missing": [s for s in covering if s not in have],
                "not_covering": [s for s in SOURCES if s not in covering and s not in have],
            }
        )
    out.sort(key=lambda g: (g["date"], g["kind"]))
    return out


def per_year(entries: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for s, rows in entries.items():
        for r in rows:
            if s == "csis" and r["kind"] == "other":
                counts[int(r["date"][:4])]["csis_other"] += 1
                continue
            counts[int(r["date"][:4])][f"{s}_{r['kind']}"] += 1
    if not counts:
        return []
    cols = ("cns_missile", "csis_missile", "curated_missile", "csis_nuclear",
            "curated_nuclear", "csis_other")  # fmt: skip
    return [
        {"year": y, **{c: counts[y][c] for c in cols}}
        for y in range(min(counts), max(counts) + 1)  # a true axis: empty years stay
    ]


def per_leader(
    entries: dict[str, list[dict[str, Any]]], terms: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for s, rows in entries.items():
        for r in rows:
            who = _leader_of(r["date"], terms) or "before 1948"
            key = "csis_other" if s == "csis" and r["kind"] == "other" else f"{s}_{r['kind']}"
            counts[who][key] += 1
    out = []
    for t in terms:
        c = counts.get(t["name"], Counter())
        out.append({"leader": t["name"], "id": t["id"], "start": t["start"], "end": t["end"],
                    **dict(c)})  # fmt: skip
    return out


def sites(tests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in tests:
        by[t["site"] or "Unknown"].append(t)
    out = []
    for site, rows in by.items():
        located = [r for r in rows if r["lat"] is not None]
        out.append(
            {
                "site": site,
                "location": rows[0]["location"],
                "lat": located[0]["lat"] if located else None,
                "lon": located[0]["lon"] if located else None,
                "tests": len(rows),
                "first": rows[0]["date"],
                "last": rows[-1]["date"],
                "types": ", ".join(sorted({r["type"] for r in rows if r["type"]})),
                "failures": sum(1 for r in rows if (r["outcome"] or "").lower() == "failure"),
            }
        )
    return sorted(out, key=lambda s: (-s["tests"], s["site"]))


def by_type(tests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """CNS tests per missile type and outcome."""
    c: dict[str, Counter[str]] = defaultdict(Counter)
    for t in tests:
        c[t["type"] or "Unknown"][(t["outcome"] or "Unknown").title()] += 1
    return sorted(
        (
            {
                "type": k,
                "tests": sum(v.values()),
                "success": v["Success"],
                "failure": v["Failure"],
                "unknown": v["Unknown"],
            }
            for k, v in c.items()
        ),
        key=lambda r: -r["tests"],
    )


def browse(store: Any) -> dict[str, Any]:
    """Everything the missiles page shows, from one read of each source."""
    entries = {
        "cns": cns_tests(store.con),
        "csis": csis_rows(store.con),
        "curated": curated_rows(store),
    }
    terms = leaders(store)
    groups = compare(entries)
    spans = {}
    for s, rows in entries.items():
        spans[s] = (rows[0]["date"], rows[-1]["date"]) if rows else None
    return {
        "entries": entries,
        "spans": spans,
        "per_year": per_year(entries),
        "per_leader": per_leader(entries, terms),
        "sites": sites(entries["cns"]),
        "by_type": by_type(entries["cns"]),
        "groups": groups,
        "disagreements": [g for g in groups if g["missing"]],
    }


def per_year_spec(rows: list[dict[str, Any]], data_url: str) -> dict[str, Any]:
    """A Vega-Lite spec: missile entries per year, one line per source (the page's table is
    the same data)."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": "North Korean missile launches per year, three sources",
        "description": "CNS counts missiles, CSIS counts reported provocations, the curated "
        "record lists notable launches only.",
        "data": {"url": data_url, "format": {"type": "json", "property": "data"}},
        "transform": [
            {"fold": ["cns_missile", "csis_missile", "curated_missile"], "as": ["source", "n"]}
        ],
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "year", "type": "temporal", "timeUnit": "year", "title": None},
            "y": {"field": "n", "type": "quantitative", "title": "entries"},
            "color": {"field": "source", "type": "nominal", "title": None},
        },
    }


def sites_spec(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A Vega-Lite spec: the CNS launch sites as points sized by tests."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": "CNS launch sites (facility coordinates as CNS gives them)",
        "data": {"values": [r for r in rows if r["lat"] is not None]},
        "projection": {"type": "equalEarth", "center": [127, 39.5], "scale": 2200},
        "mark": {"type": "circle", "opacity": 0.7},
        "encoding": {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "size": {"field": "tests", "type": "quantitative", "title": "tests"},
            "tooltip": [{"field": "site"}, {"field": "tests"}, {"field": "types"}],
        },
    }
