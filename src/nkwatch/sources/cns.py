"""The CNS North Korea Missile Test Database (James Martin CNS / NTI), as published: a CSV
export of the NTI workbook in cp1252, with newlines inside quoted fields and dates like
``9-Apr-84``. Every test is a DPRK event without a target: CAMEO 150 (demonstrate military
power); its own fields go to the ``cns`` struct. The id is the workbook's row number (F1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nkwatch.sources.base import (
    IngestError,
    Reject,
    Report,
    parse_float,
    read_text,
    struct_type,
)

name = "cns-missiles"
column = "cns"
formats = ("cns-csv",)
HEADER = [
    "F1", "Date", "Date Entered/Updated", "Launch Time (UTC)", "Missile Name", "Missile Type",
    "Launch Agency/Authority", "Facility Name", "Facility Location", "Other Name",
    "Facility Latitude", "Facility Longitude", "Landing Location", "Apogee",
    "Distance Travelled", "Confirmation Status", "Test Outcome", "Additional Information",
    "Source(s)",
]  # fmt: skip
_KEYS = {h: h.lower().replace("(s)", "s").replace("/", "_").replace(" ", "_") for h in HEADER}
_KEYS = {h: k.replace("(utc)", "utc").replace("__", "_") for h, k in _KEYS.items()}
EXTRA_FIELDS = {
    _KEYS[h]: "VARCHAR" for h in HEADER if h not in ("Facility Latitude", "Facility Longitude")
}
extra_type = struct_type(EXTRA_FIELDS)
#: the missile types that count as long-range launches in ``nkwatch cycles``
LONG_RANGE = ("ICBM", "SLV")


def detect(path: Path) -> str:
    return "cns-csv"


def parse_date(text: str) -> dt.date:
    """``9-Apr-84`` (the CNS form), ``Sep-84`` (a test known to the month: its first day;
    the text stays in the ``cns.date`` field) or ``4/19/2023``."""
    for form in ("%d-%b-%y", "%b-%y", "%m/%d/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    raise ValueError(f"date {text!r} is not like 9-Apr-84")


def read(path: Path, fmt: str) -> Iterator[Report | Reject]:
    text = read_text(path, fallback="cp1252")
    try:
        yield from _rows(path, csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise IngestError(
            f"{path} is not readable as CSV ({exc}): is it the CNS North Korea Missile Test "
            "Database CSV? a quote left open or a binary file?"
        ) from None


def _rows(path: Path, reader: Any) -> Iterator[Report | Reject]:
    header = next(reader, [])
    if [h.strip().lstrip("\ufeff") for h in header] != HEADER:
        raise IngestError(
            f"{path} does not have the CNS missile test header ({', '.join(HEADER[:4])}, ...): "
            "is it the CNS North Korea Missile Test Database CSV?"
        )
    start = reader.line_num + 1
    for fields in reader:
        line, start = start, reader.line_num + 1
        if not any(fields):
            continue
        raw = ",".join(fields)
        if len(fields) != len(HEADER):
            yield Reject(line, f"{len(fields)} fields, expected {len(HEADER)}", raw)
            continue
        rec = dict(zip(HEADER, fields, strict=True))
        try:
            date = parse_date(rec["Date"])
        except ValueError as exc:
            yield Reject(line, str(exc), raw)
            continue
        if not rec["F1"].strip():
            yield Reject(line, "no test number (F1)", raw)
            continue
        place = ", ".join(p for p in (rec["Facility Name"], rec["Facility Location"]) if p)
        yield Report(
            id=f"cns:{rec['F1'].strip()}",
            date=date,
            line=line,
            actor1="PRK",
            actor1_name="North Korea",
            actor1_code=rec["Launch Agency/Authority"] or None,
            location=place or None,
            location_id=rec["Facility Name"] or None,
            lat=parse_float(rec["Facility Latitude"]),
            lon=parse_float(rec["Facility Longitude"]),
            extra={
                _KEYS[h]: (v or None)
                for h, v in rec.items()
                if h not in ("Facility Latitude", "Facility Longitude")
            },
        ).with_cameo("150")
