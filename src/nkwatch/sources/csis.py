"""The CSIS Beyond Parallel "Database of North Korean Provocations" (CSV or JSON with the
keys date, type, event, description, resources).

The DPRK is actor1; the target (South Korea, the United States, Japan) is read from the event
wording where it names one. CAMEO codes come from the wording too: tests and launches are 150
(demonstrate military power), fire and attacks 190, hijackings 181, bombings 183,
assassination attempts 185, declarations 138. The id hashes date, type and event, numbered
when a day has the same entry twice, so the CSV and the JSON give the same ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nkwatch.sources.base import IngestError, Reject, Report, read_text, struct_type

name = "csis-provocations"
column = "csis"
formats = ("csis-csv", "csis-json")
KEYS = ["date", "type", "event", "description", "resources"]
EXTRA_FIELDS = {"type": "VARCHAR", "event": "VARCHAR", "description": "VARCHAR",
                "resources": "VARCHAR", "format": "VARCHAR"}  # fmt: skip
extra_type = struct_type(EXTRA_FIELDS)

_CODES = [
    (("hijack",), "181"),
    (("assassinat", "assasinat"), "185"),
    (("bombing", "explosion", "terror", "land mine"), "183"),
    (("fire", "shell", "attack", "ambush", "shot down", "naval campaign", "sinking of south",
      "killing", "murder", "raid", "assault"), "190"),
    (("declar", "no-sail"), "138"),
    (("withdrawal from npt",), "166"),
]  # fmt: skip
_TARGETS = [
    (("u.s.", "uss ", "us ", "american"), "USA"),
    (("jal ", "japan"), "JPN"),
    (("south korea", "yeonpyeong", "cheonan", "blue house", "park chung-hee", "kal ", "roks",
      "dmz", "nll", "seoul", "rangoon", "balloon"), "KOR"),
]  # fmt: skip


def cameo_for(kind: str, event: str) -> str:
    text = f" {event.lower()} "
    if kind != "Other Provocation":
        return "150"
    for words, code in _CODES:
        if any(w in text for w in words):
            return code
    return "150"


def target_for(event: str, description: str) -> str | None:
    text = f" {event.lower()} "
    for words, iso in _TARGETS:
        if any(w in text for w in words):
            return iso
    return None


def detect(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(64).lstrip()
    return "csis-json" if head[:1] in (b"[", b"{") else "csis-csv"


def _records(path: Path, fmt: str) -> list[tuple[int, dict[str, Any], str]]:
    text = read_text(path)
    if fmt == "csis-json":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(
                f"{path} is not valid JSON (line {exc.lineno}): {exc.msg}: is it the CSIS "
                "provocations JSON? (use --format csis-csv for the CSV file)"
            ) from None
        except RecursionError:
            raise IngestError(
                f"{path}: its JSON nests too deeply to be the CSIS provocations list (a list "
                "of flat records): is it the right file?"
            ) from None
        if not isinstance(doc, list):
            raise IngestError(f"{path}: expected a JSON list of provocations")
        # JSON has no lines of its own: the line is the record's position (1 = first)
        return [(i, rec, json.dumps(rec, ensure_ascii=False)) for i, rec in enumerate(doc, 1)]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        reader.fieldnames  # noqa: B018 (reads the header)
    except csv.Error as exc:
        raise IngestError(
            f"{path}: its header is not readable as CSV ({exc}): is it the CSIS provocations CSV?"
        ) from None
    if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != KEYS:
        raise IngestError(
            f"{path} does not have the CSIS header {','.join(KEYS)}: is it the CSIS "
            "provocations CSV? (use --format csis-json for the JSON file)"
        )
    out, start = [], 2
    try:
        for rec in reader:
            out.append((start, rec, ",".join(str(v) for v in rec.values())))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise IngestError(
            f"{path}:{start} is not readable as CSV ({exc}): is it the CSIS provocations CSV? "
            "a quote left open or a binary file?"
        ) from None
    return out


def read(path: Path, fmt: str) -> Iterator[Report | Reject]:
    records = _records(path, fmt)
    seen: Counter[str] = Counter()
    good: list[tuple[int, dict[str, Any], dt.date]] = []
    for line, rec, raw in records:
        if (
            not isinstance(rec, dict)
            or set(KEYS) - set(rec)
            or None in rec
            or not all(isinstance(rec[k], str) for k in ("date", "type", "event"))
        ):
            yield Reject(
                line, f"expected the fields {', '.join(KEYS)} (date, type and event as text)", raw
            )
            continue
        rec = {k: None if v is None else str(v) for k, v in rec.items() if k in KEYS}
        try:
            date = dt.date.fromisoformat(str(rec["date"]).strip())
        except ValueError:
            yield Reject(line, f"date {rec['date']!r} is not YYYY-MM-DD", raw)
            continue
        good.append((line, rec, date))
    # number repeated entries oldest first (the files list the newest first)
    ids: dict[int, str] = {}
    for line, rec, date in sorted(good, key=lambda g: (g[2], -g[0])):
        key = f"{date}|{rec['type']}|{rec['event']}"
        seen[key] += 1
        digest = hashlib.sha1(f"{key}|{seen[key]}".encode()).hexdigest()[:16]
        ids[line] = f"csis:{digest}"
    for line, rec, date in good:
        code = cameo_for(rec["type"], rec["event"])
        yield Report(
            id=ids[line],
            date=date,
            line=line,
            actor1="PRK",
            actor1_name="North Korea",
            actor2=target_for(rec["event"], rec["description"] or ""),
            extra={k: rec[k] for k in KEYS[1:]} | {"format": fmt.split("-")[1]},
        ).with_cameo(code)
