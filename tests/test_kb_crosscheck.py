"""The curated record against the real data sets in ../shared/data.

- Nuclear tests: every test in the CSIS provocations database is a curated nuclear-test
  event on the same date, and the other way round.
- Missile tests and satellite launches: every curated one (dated to the day) has a launch in
  the CNS missile-test database or the CSIS database on the same date; a one-day difference is
  tolerated (CNS dates launches in UTC, nkwatch in Korean local time) and reported; any other
  disagreement must be listed below with its reason.
- Embassies: every embassy in Pyongyang and every DPRK embassy abroad in the Wikidata-derived
  database of embassies (2022-11-16) is a curated embassy relation, unless listed below with
  its reason.

Run with ``-s`` to see the report of tolerated disagreements.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from functools import cache

import pytest

from nkwatch.model import load_kb

from .conftest import shared_file

pytestmark = pytest.mark.shared_data

#: Curated launches with no launch on the same day (or the day before or after) in either
#: data set, and why.
TOLERATED_LAUNCHES: dict[str, str] = {}

#: Embassies in the data set that the curated record does not hold, and why.
TOLERATED_EMBASSIES: dict[tuple[str, str], str] = {
    ("FRA", "PRK"): "a cooperation office, not an embassy: France has no diplomatic "
    "relations with the DPRK",
    ("PRK", "JPN"): "Chongryon (the General Association of Korean Residents in Japan) acts for "
    "the DPRK but is not a diplomatic mission: Japan has no relations with the DPRK",
}

#: Names of the embassy data set that differ from nkwatch's actor names.
DATASET_NAMES = {"People's Republic of China": "CHN", "Republic of Ireland": "IRL",
                 "Czech Republic": "CZE", "North Korea": "PRK", "Russia": "RUS",
                 "United Kingdom": "GBR", "Palestine": "PSE", "Vietnam": "VNM"}


@cache
def kb():
    return load_kb()


def _report(title: str, lines: list[str]) -> None:
    print(f"\n{title} ({len(lines)})")
    for line in lines:
        print(f"  - {line}")


def _cns_dates() -> dict[dt.date, list[str]]:
    path = shared_file("cns-nk-missile-tests", "north_korea_missile_test_database.csv")
    out: dict[dt.date, list[str]] = {}
    for row in csv.DictReader(io.StringIO(path.read_bytes().decode("cp1252"))):
        text = row["Date"].strip()
        if text.count("-") == 1:  # "Sep-84": a month only, no day to compare
            continue
        day = dt.datetime.strptime(text, "%d-%b-%y").date()
        if day.year > 2030:  # two-digit years: 84 is 1984
            day = day.replace(year=day.year - 100)
        out.setdefault(day, []).append(f"CNS {row['Missile Name']} ({row['Missile Type']})")
    return out


def _csis_rows() -> list[dict[str, str]]:
    path = shared_file("csis-nk-provocations", "north_korea_provocations_1958_present.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_nuclear_tests_agree_with_csis():
    csis = {dt.date.fromisoformat(r["date"]) for r in _csis_rows()
            if r["type"] == "Nuclear Provocation"}
    ours = {e.date.earliest for e in kb().events.values() if e.type == "nuclear-test"}
    assert len(csis) == 6
    assert ours == csis, f"only in nkwatch: {sorted(ours - csis)}; only in CSIS: " \
        f"{sorted(csis - ours)}"


def test_launches_agree_with_cns_and_csis():
    cns = _cns_dates()
    csis: dict[dt.date, list[str]] = {}
    for r in _csis_rows():
        # CSIS files some satellite launches under "Other Provocation"
        if r["type"] == "Missile Provocation" or "Satellite Launch" in r["event"]:
            csis.setdefault(dt.date.fromisoformat(r["date"]), []).append(f"CSIS {r['event']}")
    launches = [e for e in kb().events.values()
                if e.type in ("missile-test", "satellite-launch") and e.date.precision == "day"]
    assert len(launches) >= 15
    exact, shifted, unexplained = [], [], []
    for e in sorted(launches, key=lambda e: e.date.earliest):
        day = e.date.earliest
        if cns.get(day) or csis.get(day):
            exact.append(e.id)
            continue
        near = [(d, what) for off in (-1, 1) for d in [day + dt.timedelta(days=off)]
                for what in cns.get(d, []) + csis.get(d, [])]
        if near:
            shifted.append(f"{e.id}: nkwatch {day}, {near[0][1]} on {near[0][0]} "
                           "(UTC against Korean local date)")
        elif e.id in TOLERATED_LAUNCHES:
            shifted.append(f"{e.id}: {TOLERATED_LAUNCHES[e.id]}")
        else:
            unexplained.append(f"{e.id} ({day}): no launch within a day in CNS or CSIS")
    _report(f"launches on the same date: {len(exact)}; tolerated differences", shifted)
    assert not unexplained, "\n".join(unexplained)
    assert len(exact) >= len(launches) // 2


def _iso3(name: str) -> str | None:
    if name in DATASET_NAMES:
        return DATASET_NAMES[name]
    for a in kb().actors.values():
        if a.type == "state" and (a.name == name or any(n.name == name for n in a.names)):
            return a.id
    return None


def test_embassies_agree_with_the_database_of_embassies():
    path = shared_file("database-of-embassies", "database_of_embassies.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter=";")
                if "embassy" in r["type"] and "North Korea" in (r["operator"], r["country"])]
    ours = {(r.subject, r.object) for r in kb().relations.values() if r.kind == "embassy"}
    theirs = set()
    for r in rows:
        pair = (_iso3(r["operator"]), _iso3(r["country"]))
        assert None not in pair, f"unmapped name in {r['operator']!r} -> {r['country']!r}"
        theirs.add(pair)
    missing = sorted(theirs - ours)
    tolerated = [f"{a} in {b}: {TOLERATED_EMBASSIES[(a, b)]}" for a, b in missing
                 if (a, b) in TOLERATED_EMBASSIES]
    unexplained = [f"{a} in {b}" for a, b in missing if (a, b) not in TOLERATED_EMBASSIES]
    _report("embassies in the data set that nkwatch does not hold, tolerated", tolerated)
    _report("embassies nkwatch holds that the data set lacks (Wikidata is incomplete)",
            [f"{a} in {b}" for a, b in sorted(ours - theirs)])
    assert not unexplained, f"embassies in the data set missing from nkwatch: {unexplained}"
    assert len(theirs & ours) >= 30

    # On the data set's own date, embassies it shows open that nkwatch has closed must have
    # closed in the COVID-19 departures (2020-2022), which the data set does not record.
    snapshot = dt.date(2022, 11, 16)
    closed_then = []
    for a, b in sorted(theirs & ours):
        spans = [r for r in kb().relations.values()
                 if r.kind == "embassy" and (r.subject, r.object) == (a, b)]
        if any((r.start is None or r.start.latest <= snapshot)
               and (r.end is None or r.end.earliest > snapshot) for r in spans):
            continue
        last = max((r for r in spans if r.end is not None), key=lambda r: r.end.earliest,
                   default=None)
        assert last is not None and dt.date(2020, 1, 1) <= last.end.earliest <= snapshot, (
            f"{a} in {b}: open in the data set on {snapshot}, closed in nkwatch, and not in "
            "the COVID-19 departures"
        )
        closed_then.append(f"{a} in {b}: closed {last.end} ({last.end_reason or 'no reason'}) "
                           "in nkwatch; the data set does not record temporary closures")
    _report(f"open in the data set on {snapshot}, closed in nkwatch", closed_then)
