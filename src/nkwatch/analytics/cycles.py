"""The cycle analysts describe: a provocation, a UN Security Council response, talks.

Provocations ("triggers") are nuclear tests and long-range launches (ICBMs and satellite
launch vehicles), from the curated record (events of type ``nuclear-test``,
``satellite-launch``, and ``missile-test`` named as ICBM tests) and, when ingested, from the
CSIS provocations (``Nuclear Provocation``; ICBM and satellite launches) and the CNS missile
tests (types ICBM and SLV). Reports of the same kind on the same day are one trigger.

For each trigger: the next Security Council resolution on the DPRK within ``window_months``
(by default only resolutions that respond: mandate renewals of the Panel of Experts are left
out; ``responses="all"`` keeps them) and the lag in days; the next talks or summit the DPRK
took part in, and whether it came within ``months``. Per leader of the DPRK: tests per year
over the years the test data covers.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from nkwatch.analytics import ibis_backend
from nkwatch.sources.cns import LONG_RANGE
from nkwatch.store import QueryError, Store

KINDS = ("nuclear-test", "long-range-launch")
_LONG_WORDS = ("icbm", "intercontinental", "satellite")


def _day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], *[*parts[1:], 1, 1][:2])


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _ingested(store: Store) -> list[dict[str, Any]]:
    """Triggers and tests from ev_reports (CSIS and CNS), through Ibis."""
    backend = ibis_backend(store)
    if "ev_reports" not in backend.list_tables():
        return []
    r = backend.table("ev_reports")
    r = r.filter(r.source.isin(["csis-provocations", "cns-missiles"]))
    rows = r.select(
        "id", "source", "date", kind=r.csis["type"], event=r.csis["event"],
        missile_type=r.cns["missile_type"],
    ).to_pyarrow().to_pylist()  # fmt: skip
    out = []
    for row in rows:
        kind = None
        event = (row["event"] or "").lower()
        if row["source"] == "csis-provocations":
            if row["kind"] == "Nuclear Provocation":
                kind = "nuclear-test"
            elif any(w in event for w in _LONG_WORDS) and "engine" not in event:
                kind = "long-range-launch"
        elif row["missile_type"] in LONG_RANGE:
            kind = "long-range-launch"
        out.append({**row, "trigger": kind})
    return out


def _curated_triggers(store: Store) -> list[tuple[str, dt.date, str]]:
    found = []
    for ev in store.events(type="nuclear-test"):
        found.append(("nuclear-test", _day(ev["date"]), ev["id"]))
    for ev in store.events(type="satellite-launch"):
        found.append(("long-range-launch", _day(ev["date"]), ev["id"]))
    for ev in store.events(type="missile-test"):
        if any(w in f"{ev['id']} {ev['title']}".lower() for w in ("icbm", "intercontinental")):
            found.append(("long-range-launch", _day(ev["date"]), ev["id"]))
    return found


def triggers(store: Store, ingested: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Nuclear tests and long-range launches, one per kind and day, with what reports them."""
    rows = _ingested(store) if ingested is None else ingested
    merged: dict[tuple[str, dt.date], list[str]] = {}
    for kind, day, rid in _curated_triggers(store):
        merged.setdefault((kind, day), []).append(rid)
    for row in rows:
        if row["trigger"]:
            merged.setdefault((row["trigger"], row["date"]), []).append(row["id"])
    # the same launch dated a day apart (UTC and Korean time) is one trigger: the earliest day
    out: list[dict[str, Any]] = []
    last: dict[str, dict[str, Any]] = {}
    for (kind, day), ids in sorted(merged.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        prev = last.get(kind)
        if prev and (day - prev["_last"]).days <= 1:
            prev["reported_by"] = sorted({*prev["reported_by"], *ids})
            prev["_last"] = day
            continue
        last[kind] = {"kind": kind, "date": day, "reported_by": sorted(set(ids)), "_last": day}
        out.append(last[kind])
    for t in out:
        t.pop("_last")
    return out


def resolutions(store: Store, responses: str = "sanctions") -> list[dict[str, Any]]:
    """Security Council resolutions on the DPRK, oldest first, with their symbols."""
    if responses not in ("sanctions", "all"):
        raise QueryError(f"unknown responses {responses!r}: use sanctions or all")
    symbols = {a["event"]: a["symbol"] for a in store.agreements(kind="resolution") if a["event"]}
    out = []
    for ev in store.events(type="resolution"):
        ids = {a["id"] for a in ev["actors"]}
        if "un-security-council" not in ids or "PRK" not in ids:
            continue
        if responses == "sanctions" and any(i.startswith("un-panel-of-experts") for i in ids):
            continue
        if not symbols.get(ev["id"]):
            continue  # a draft that was not adopted (vetoed) has no symbol
        out.append({"id": ev["id"], "date": _day(ev["date"]), "symbol": symbols[ev["id"]]})
    return out


#: the parties of the Six-Party Talks besides the DPRK: a summit with one of them is dialogue
DIALOGUE_PARTNERS = {"USA", "KOR", "JPN", "CHN", "RUS"}


def _talks(store: Store) -> list[dict[str, Any]]:
    """Talks the DPRK took part in, and its summits with a Six-Party partner."""
    found = []
    for t in ("talks", "summit"):
        for e in store.events(type=t):
            ids = {a["id"] for a in e["actors"]}
            if "PRK" in ids and (t == "talks" or ids & DIALOGUE_PARTNERS):
                found.append(
                    {"id": e["id"], "date": _day(e["date"]), "title": e["title"], "type": t}
                )
    return sorted(found, key=lambda e: e["date"])


def lags(
    store: Store,
    *,
    months: int = 6,
    window_months: int = 12,
    responses: str = "sanctions",
    kinds: tuple[str, ...] = KINDS,
    ingested: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One row per trigger: the next resolution and talks, and the lags in days."""
    res, talks = resolutions(store, responses), _talks(store)
    out = []
    for t in triggers(store, ingested):
        if t["kind"] not in kinds:
            continue
        day = t["date"]
        nxt = next((r for r in res if day < r["date"] <= _add_months(day, window_months)), None)
        tk = next((e for e in talks if e["date"] > day), None)
        within = tk is not None and tk["date"] <= _add_months(day, months)
        out.append(
            {
                "date": day.isoformat(),
                "kind": t["kind"],
                "reported_by": t["reported_by"],
                "resolution": nxt["symbol"] if nxt else None,
                "resolution_date": nxt["date"].isoformat() if nxt else None,
                "lag_days": (nxt["date"] - day).days if nxt else None,
                "next_talks": tk["title"] if tk else None,
                "talks_date": tk["date"].isoformat() if tk else None,
                "talks_lag_days": (tk["date"] - day).days if tk else None,
                f"talks_within_{months}m": within,
            }
        )
    return out


def summary(rows: list[dict[str, Any]], months: int) -> list[dict[str, Any]]:
    """Per kind of trigger: how many, how many drew a resolution, the median lag, and the
    share followed by talks within ``months``."""
    out = []
    for kind in sorted({r["kind"] for r in rows}):
        group = [r for r in rows if r["kind"] == kind]
        lagged = [r["lag_days"] for r in group if r["lag_days"] is not None]
        talked = sum(1 for r in group if r[f"talks_within_{months}m"])
        out.append(
            {
                "kind": kind,
                "triggers": len(group),
                "with_resolution": len(lagged),
                "median_lag_days": statistics.median(lagged) if lagged else None,
                "talks_within_months": months,
                "share_followed_by_talks": round(talked / len(group), 4),
            }
        )
    return out


def leaders(store: Store, ingested: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Tests per year under each leader of the DPRK, over the years the test data covers:
    CNS missile tests when ingested (else curated missile tests and satellite launches), and
    nuclear tests."""
    rows = _ingested(store) if ingested is None else ingested
    cns_days = [r["date"] for r in rows if r["source"] == "cns-missiles"]
    if cns_days:
        tests, origin = cns_days, "cns-missiles"
    else:
        tests = [_day(e["date"]) for t in ("missile-test", "satellite-launch")
                 for e in store.events(type=t)]  # fmt: skip
        origin = "curated"
    nuclear = [t["date"] for t in triggers(store, rows) if t["kind"] == "nuclear-test"]
    if not tests:
        return []
    first, last = min(tests), max(tests)
    out = []
    for rel in store.relations(kind="leader"):
        if rel["object"] != "PRK":
            continue
        start = _day(rel["start"]) if rel["start"] else first
        end = _day(rel["end"]) if rel["end"] else last
        lo, hi = max(start, first), min(end, last)
        years = max((hi - lo).days, 0) / 365.25

        open_end = rel["end"] is None

        def between(
            days: list[dt.date], s: dt.date = start, e: dt.date = end, o: bool = open_end
        ) -> int:
            return sum(1 for d in days if s <= d and (o or d < e))

        n = between(tests)
        out.append(
            {
                "leader": rel["subject"],
                "name": rel["subject_name"],
                "start": rel["start"],
                "end": rel["end"],
                "years_covered": round(years, 2),
                "tests": n,
                "nuclear_tests": between(nuclear),
                "tests_per_year": round(n / years, 2) if years > 0 else None,
                "tests_from": origin,
            }
        )
    return out


def cycles(
    store: Store, *, months: int = 6, window_months: int = 12, responses: str = "sanctions"
) -> dict[str, list[dict[str, Any]]]:
    """Everything ``nkwatch cycles`` shows: lags, summary and leaders."""
    if months < 1 or window_months < 1:
        raise QueryError("months and window must be at least 1")
    ingested = _ingested(store)
    rows = lags(
        store, months=months, window_months=window_months, responses=responses,
        ingested=ingested,
    )  # fmt: skip
    return {
        "lags": rows,
        "summary": summary(rows, months),
        "leaders": leaders(store, ingested),
    }
