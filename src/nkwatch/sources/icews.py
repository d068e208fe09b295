"""ICEWS events: the ``.tab`` release files (Boschee et al., Harvard Dataverse) and the
ICEWS-derived temporal-KG triples (``subject<TAB>relation<TAB>object<TAB>YYYY-MM-DD``).

Actors are names (``North_Korea``, ``Police_(South_Korea)``, ``Kim_Jong-Un``): they map to ISO3
through :mod:`nkwatch.sources.names` and keep their text in ``actor1_name``/``actor2_name``.
The CAMEO code is the release's own (``.tab``) or comes from the event text (triples, through
:mod:`nkwatch.sources.cameo_text`). Triples have no event id: the id hashes the four fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

from nkwatch import sniff
from nkwatch.reference import cameo
from nkwatch.sources.base import (
    IngestError,
    Reject,
    Report,
    parse_float,
    read_text,
    struct_type,
)
from nkwatch.sources.cameo_text import code_for
from nkwatch.sources.names import actor_country, country_iso3

name = "icews"
column = "icews"
formats = ("icews-tab", "icews-triples")
EXTRA_FIELDS = {
    "event_id": "VARCHAR",
    "event_text": "VARCHAR",
    "intensity": "DOUBLE",
    "source_sectors": "VARCHAR",
    "source_country": "VARCHAR",
    "target_sectors": "VARCHAR",
    "target_country": "VARCHAR",
    "story_id": "VARCHAR",
    "sentence_number": "VARCHAR",
    "publisher": "VARCHAR",
    "city": "VARCHAR",
    "district": "VARCHAR",
    "province": "VARCHAR",
    "country": "VARCHAR",
    "format": "VARCHAR",
}
extra_type = struct_type(EXTRA_FIELDS)

TAB_HEADER = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
]  # fmt: skip


def detect(path: Path) -> str:
    problem = sniff.text_problem(path)
    if problem:
        raise IngestError(problem)
    with path.open("r", encoding="utf-8-sig", errors="replace") as fh:
        first = fh.readline().rstrip("\r\n").split("\t")
    if first[:2] == TAB_HEADER[:2]:
        return "icews-tab"
    if len(first) == 4:
        return "icews-triples"
    raise IngestError(
        f"{path} is neither an ICEWS .tab file (a header starting 'Event ID<TAB>Event Date') "
        f"nor ICEWS triples (4 tab-separated fields); its first line has {len(first)} fields"
    )


def read(path: Path, fmt: str) -> Iterator[Report | Reject]:
    text = read_text(path)
    lines = list(enumerate(text.splitlines(keepends=True), start=1))
    if fmt == "icews-tab":
        yield from _read_tab(lines)
    else:
        yield from _read_triples(lines)


def _code(code_text: str, event_text: str) -> str | None:
    table = cameo.codes()
    code = code_text.strip()
    for candidate in (code, code.zfill(3), code.zfill(4)):
        if candidate and candidate in table:
            return candidate
    return code_for(event_text)


def _read_triples(lines: list[tuple[int, str]]) -> Iterator[Report | Reject]:
    for no, raw in lines:
        text = raw.rstrip("\r\n")
        if not text.strip():
            continue
        fields = text.split("\t")
        if len(fields) != 4:
            yield Reject(
                no, f"{len(fields)} fields, expected 4: subject, relation, object, date", text
            )
            continue
        subj, rel, obj, day = fields
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            yield Reject(no, f"date {day!r} is not YYYY-MM-DD", text)
            continue
        code = code_for(rel)
        if code is None:
            yield Reject(
                no,
                f"unknown ICEWS event text {rel!r}: add its CAMEO code to "
                "nkwatch.sources.cameo_text.ICEWS_WORDING",
                text,
            )
            continue
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]
        yield Report(
            id=f"icews-tkg:{key}",
            date=date,
            line=no,
            actor1=actor_country(subj),
            actor2=actor_country(obj),
            actor1_name=subj,
            actor2_name=obj,
            actor1_code=subj,
            actor2_code=obj,
            extra={"event_text": rel, "format": "triples"},
        ).with_cameo(code)


def _read_tab(lines: list[tuple[int, str]]) -> Iterator[Report | Reject]:
    header = lines[0][1].rstrip("\r\n").split("\t") if lines else []
    missing = [c for c in TAB_HEADER[:12] if c not in header]
    if missing:
        raise IngestError(f"ICEWS .tab header lacks {missing}: is it an ICEWS event file?")
    idx = {c: i for i, c in enumerate(header)}
    for no, raw in lines[1:]:
        text = raw.rstrip("\r\n")
        if not text.strip():
            continue
        f = text.split("\t")
        if len(f) != len(header):
            yield Reject(no, f"{len(f)} fields, expected {len(header)}", text)
            continue
        get = {c: f[i] for c, i in idx.items()}
        try:
            date = dt.date.fromisoformat(get["Event Date"])
        except ValueError:
            yield Reject(no, f"Event Date {get['Event Date']!r} is not YYYY-MM-DD", text)
            continue
        code = _code(get["CAMEO Code"], get["Event Text"])
        if code is None:
            yield Reject(no, f"CAMEO Code {get['CAMEO Code']!r} is not a CAMEO code", text)
            continue
        src, tgt = get["Source Name"], get["Target Name"]
        city = [get.get(k) for k in ("City", "District", "Province", "Country") if get.get(k)]
        yield Report(
            id=f"icews:{get['Event ID']}",
            date=date,
            line=no,
            actor1=country_iso3(get["Source Country"]) or actor_country(src),
            actor2=country_iso3(get["Target Country"]) or actor_country(tgt),
            actor1_name=src,
            actor2_name=tgt,
            actor1_code=src,
            actor2_code=tgt,
            location=", ".join(city) or None,
            lat=parse_float(get.get("Latitude")),
            lon=parse_float(get.get("Longitude")),
            extra={
                "event_id": get["Event ID"],
                "event_text": get["Event Text"],
                "intensity": parse_float(get["Intensity"]),
                "source_sectors": get["Source Sectors"],
                "source_country": get["Source Country"],
                "target_sectors": get["Target Sectors"],
                "target_country": get["Target Country"],
                "story_id": get["Story ID"],
                "sentence_number": get.get("Sentence Number"),
                "publisher": get.get("Publisher"),
                "city": get.get("City"),
                "district": get.get("District"),
                "province": get.get("Province"),
                "country": get.get("Country"),
                "format": "tab",
            },
        ).with_cameo(code)
