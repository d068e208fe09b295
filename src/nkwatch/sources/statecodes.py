"""Country codes of the data sets → the record's states: ISO 3166 alpha-2 (the R package
``unvotes``), alpha-3 (the UN Digital Library) and Correlates of War numbers (Voeten's files,
COW) to the record's ISO alpha-3 ids and COW codes.

The states come from the curated record (``kb/actors/states.yaml``: ``iso3`` and ``cow``,
former states with their start and end), so a code that changed hands is resolved by date:
the ``RU`` seat is the Soviet Union's (SUN) before 1991-12-26, Russia's after; Yugoslavia's
(``YU``, COW 345) is Yugoslavia's before 2003-02-04, Serbia and Montenegro's until 2006-06,
Serbia's after; COW 816 is North Vietnam before 1976-07-02, Vietnam after. A few seats carry
no alpha-2 code in ``unvotes`` and are known by name: the Federal Republic of Germany (DEU,
COW 260 — the record's Germany, COW's German Federal Republic), the Yemen Arab Republic (YAR,
COW 678) and Zanzibar (no ISO code; COW 511).
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache
from pathlib import Path

import yaml

KB_STATES = Path(__file__).resolve().parents[1] / "kb" / "actors" / "states.yaml"
ISO2_TABLE = Path(__file__).resolve().parents[1] / "reference" / "iso2_iso3.csv"

#: seats ``unvotes`` leaves without an alpha-2 code: name -> (ISO3 or None, COW code)
BY_NAME: dict[str, tuple[str | None, int]] = {
    "Federal Republic of Germany": ("DEU", 260),
    "Yemen Arab Republic": ("YAR", 678),
    "Zanzibar": (None, 511),
}
#: COW codes the record's states do not carry: code -> ISO3 (None: no ISO code)
EXTRA_COW: dict[int, str | None] = {260: "DEU", 511: None}


def _day(value: object, end: bool = False) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if len(text) == 4:
        return dt.date(int(text), 12 if end else 1, 31 if end else 1)
    if len(text) == 7:
        y, m = int(text[:4]), int(text[5:7])
        return dt.date(y, m, 28 if end else 1)
    return dt.date.fromisoformat(text)


@cache
def states() -> dict[str, dict[str, object]]:
    """The record's states by id: name, iso3, cow, start and end (dates or None)."""
    doc = yaml.safe_load(KB_STATES.read_text(encoding="utf-8"))
    out = {}
    for a in doc["actors"]:
        if a.get("type") != "state":
            continue
        out[a["id"]] = {
            "name": a["name"],
            "iso3": a.get("iso3") or a["id"],
            "cow": a.get("cow"),
            "start": _day(a.get("start")),
            "end": _day(a.get("end"), end=True),
        }
    return out


@cache
def iso2_table() -> dict[str, str]:
    with ISO2_TABLE.open(encoding="utf-8") as fh:
        return {r["iso2"]: r["iso3"] for r in csv.DictReader(fh)}


@cache
def _by_cow() -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for sid, s in states().items():
        if s["cow"] is not None:
            out.setdefault(int(s["cow"]), []).append(sid)  # type: ignore[arg-type]
    return out


def _held(sid: str, day: dt.date | None) -> bool:
    s = states()[sid]
    if day is None:
        return s["end"] is None
    start, end = s["start"], s["end"]
    return (start is None or start <= day) and (end is None or day < end)  # type: ignore[operator]


def iso3_seat(iso3: str, day: dt.date | None) -> str:
    """The state holding a seat on a day, for the codes that changed hands."""
    if iso3 in ("RUS", "SUN"):
        return "SUN" if day is not None and day < dt.date(1991, 12, 26) else "RUS"
    if iso3 in ("YUG", "SCG", "SRB"):
        if day is None:
            return iso3
        if day < dt.date(2003, 2, 4):
            return "YUG"
        return "SCG" if day < dt.date(2006, 6, 3) else "SRB"
    return iso3


def cow_of(iso3: str | None) -> int | None:
    if iso3 is None:
        return None
    s = states().get(iso3)
    return int(s["cow"]) if s and s["cow"] is not None else None  # type: ignore[arg-type]


def from_iso2(code: str, name: str, day: dt.date | None) -> tuple[str | None, int | None] | None:
    """(ISO3, COW) of an ``unvotes`` country code (or name when the code is empty); None
    when the code is not known."""
    code = code.strip().upper()
    if not code:
        return BY_NAME.get(name.strip())
    iso3 = iso2_table().get(code)
    if iso3 is None:
        return None
    iso3 = iso3_seat(iso3, day)
    return iso3, cow_of(iso3)


def from_iso3(code: str, day: dt.date | None) -> tuple[str | None, int | None] | None:
    code = code.strip().upper()
    if code not in states():
        return None
    iso3 = iso3_seat(code, day)
    return iso3, cow_of(iso3)


def from_cow(ccode: int, day: dt.date | None) -> tuple[str | None, int] | None:
    """(ISO3, COW) of a COW state number on a day (None: not a state nkwatch knows)."""
    if ccode in EXTRA_COW:
        return EXTRA_COW[ccode], ccode
    ids = _by_cow().get(ccode)
    if not ids:
        return None
    if len(ids) > 1:
        held = [i for i in ids if _held(i, day)]
        ids = held or ids
    return ids[0], ccode
