"""GDELT event files: 1.0 daily files (57 or 58 columns) and 2.0 15-minute exports (61).

GDELT is read by DuckDB, never row by row in Python: ``read_csv`` with every column's type
given, and one ``INSERT ... SELECT`` into ``ev_reports``. The version is detected from the
shape of the first line (or forced with ``--format``); a zipped file is extracted beside a
temporary copy first. Rows DuckDB cannot read (a wrong number of fields, a number that is
not one, bad UTF-8) and rows without a valid SQLDATE go to ``ev_rejects`` with their line.

Ids are ``gdelt1:<GLOBALEVENTID>`` and ``gdelt2:<GLOBALEVENTID>``: the two versions number
their events separately. GDELT's own CAMEO code, Goldstein value and quad class are kept.
"""

from __future__ import annotations

import contextlib
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nkwatch import sniff
from nkwatch.sources.base import IngestError, struct_type

NAME = "gdelt"
FORMATS = ("gdelt1", "gdelt2")

_HEAD = [
    ("GLOBALEVENTID", "BIGINT"),
    ("SQLDATE", "VARCHAR"),
    ("MonthYear", "INTEGER"),
    ("Year", "INTEGER"),
    ("FractionDate", "DOUBLE"),
]
_ACTOR = [
    ("Code", "VARCHAR"),
    ("Name", "VARCHAR"),
    ("CountryCode", "VARCHAR"),
    ("KnownGroupCode", "VARCHAR"),
    ("EthnicCode", "VARCHAR"),
    ("Religion1Code", "VARCHAR"),
    ("Religion2Code", "VARCHAR"),
    ("Type1Code", "VARCHAR"),
    ("Type2Code", "VARCHAR"),
    ("Type3Code", "VARCHAR"),
]
_ACTION = [
    ("IsRootEvent", "INTEGER"),
    ("EventCode", "VARCHAR"),
    ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"),
    ("QuadClass", "TINYINT"),
    ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"),
    ("NumSources", "INTEGER"),
    ("NumArticles", "INTEGER"),
    ("AvgTone", "DOUBLE"),
]


def _geo(prefix: str, adm2: bool) -> list[tuple[str, str]]:
    cols = [
        ("Type", "INTEGER"),
        ("FullName", "VARCHAR"),
        ("CountryCode", "VARCHAR"),
        ("ADM1Code", "VARCHAR"),
        *([("ADM2Code", "VARCHAR")] if adm2 else []),
        ("Lat", "DOUBLE"),
        ("Long", "DOUBLE"),
        ("FeatureID", "VARCHAR"),
    ]
    return [(f"{prefix}Geo_{n}", t) for n, t in cols]


def columns(fmt: str) -> list[tuple[str, str]]:
    """The columns of a GDELT event file (names as in GDELT's header files) and their types."""
    v2 = fmt == "gdelt2"
    return [
        *_HEAD,
        *[(f"Actor1{n}", t) for n, t in _ACTOR],
        *[(f"Actor2{n}", t) for n, t in _ACTOR],
        *_ACTION,
        *_geo("Actor1", v2),
        *_geo("Actor2", v2),
        *_geo("Action", v2),
        ("DATEADDED", "BIGINT"),
        ("SOURCEURL", "VARCHAR"),
    ]


#: the columns the common model takes (or that follow from its date); every other column goes
#: to the ``gdelt`` struct
_COMMON = {
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor2Code",
    "Actor1Name",
    "Actor2Name",
    "EventCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_FeatureID",
    "ActionGeo_Lat",
    "ActionGeo_Long",
}
EXTRA_FIELDS: dict[str, str] = {"version": "TINYINT"} | {
    n: t for n, t in columns("gdelt2") if n not in _COMMON
}
COLUMN = "gdelt"
EXTRA_TYPE = struct_type(EXTRA_FIELDS)

#: CAMEO's regional and other non-state country codes (not ISO 3166 states)
_REGIONS = (
    "AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
    "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST", "BAL", "BLT",
)  # fmt: skip
#: CAMEO country codes that differ from ISO 3166 alpha-3
_TO_ISO = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "KSV": "XKX", "SCG": "SRB"}


def detect(path: Path, fmt: str | None = None) -> str:
    """``gdelt1`` or ``gdelt2`` from the number of fields on the first line; with ``fmt`` given,
    check the file has that shape. Raises :class:`IngestError` naming the fix."""
    with open_plain(path) as plain, plain.open("rb") as fh:
        start = fh.read(sniff.HEAD)
        problem = sniff.text_problem(path, start)
        first = start.split(b"\n", 1)[0].rstrip(b"\r")
    if problem:
        raise IngestError(problem)
    if not first:
        raise IngestError(f"{path} is empty: is it a GDELT event file?")
    n = first.count(b"\t") + 1
    shape = "gdelt1" if n in (57, 58) else "gdelt2" if n == 61 else None
    if fmt in (None, "auto"):
        if shape is None:
            raise IngestError(
                f"GDELT file {path} has {n} columns, expected 57 or 58 (1.0 daily files) or 61 "
                "(2.0 exports): is it a GDELT event file? Mentions and GKG files are not events"
            )
        return shape
    if fmt not in FORMATS:
        raise IngestError(f"unknown GDELT format {fmt!r}: use gdelt1, gdelt2 or auto")
    if shape != fmt:
        if fmt == "gdelt2":
            hint = "is it a 1.0 daily file? use --format gdelt1" if shape else "is it GDELT?"
            raise IngestError(f"GDELT file {path} has {n} columns, expected 61: {hint}")
        hint = "is it a 2.0 export? use --format gdelt2" if shape else "is it GDELT?"
        raise IngestError(f"GDELT file {path} has {n} columns, expected 57 or 58: {hint}")
    return fmt


#: the most a zipped GDELT file may hold unzipped, unless ``$NKWATCH_MAX_UNZIPPED`` says
#: otherwise (bytes, or with a unit: 500MB, 4GB). GDELT's largest daily 1.0 files hold about
#: 200 MB; a member over the cap is refused before it is extracted (a "zip bomb" of 200 MB in
#: 900 KB once held ingest for over ten minutes).
MAX_UNZIPPED = 1 << 30
_UNITS = {"": 1, "B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "TB": 1 << 40}


def max_unzipped() -> int:
    """The cap on a zip member's size: ``$NKWATCH_MAX_UNZIPPED`` or :data:`MAX_UNZIPPED`."""
    import os
    import re

    text = os.environ.get("NKWATCH_MAX_UNZIPPED", "").strip()
    if not text:
        return MAX_UNZIPPED
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMGT]?B?)", text.upper())
    if not m or (m.group(2) and m.group(2) not in _UNITS):
        raise IngestError(
            f"NKWATCH_MAX_UNZIPPED={text!r} is not a size: use e.g. 2GB, 500MB or a number of bytes"
        )
    return int(float(m.group(1)) * _UNITS[m.group(2) or ""])


def _size(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MB" if n >= 1 << 20 else f"{n:,} bytes"


@contextlib.contextmanager
def open_plain(path: Path) -> Iterator[Path]:
    """The file itself, or for a ``.zip`` its one CSV member extracted to a temporary folder
    (refused when it is bigger than :func:`max_unzipped`, whatever the zip's header says)."""
    if path.suffix.lower() != ".zip":
        yield path
        return
    import zlib

    cap = max_unzipped()
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise IngestError(f"{path} is not a valid zip file: download it again") from None
    with zf, tempfile.TemporaryDirectory(prefix="nkwatch-gdelt-") as tmp:
        members = [m for m in zf.infolist() if not m.is_dir()]
        if len(members) != 1:
            raise IngestError(
                f"{path} holds {len(members)} files, expected one GDELT CSV: unzip it "
                "and ingest the event file"
            )
        info = members[0]
        too_big = (
            f"{path}: its member {info.filename!r} unzips to more than {_size(cap)}, the "
            "cap for zipped GDELT files (a GDELT event file is far smaller): is it a "
            "GDELT file? to allow more, set NKWATCH_MAX_UNZIPPED (e.g. 4GB)"
        )
        if info.file_size > cap:
            raise IngestError(too_big)
        name = Path(info.filename).name or "member.csv"
        target = Path(tmp) / name
        try:
            with zf.open(info) as src, target.open("wb") as dst:
                written = 0
                while chunk := src.read(1 << 20):
                    written += len(chunk)
                    if written > cap:
                        raise IngestError(too_big)
                    dst.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise IngestError(
                f"{path} is damaged ({exc}): its member cannot be unzipped; download it again"
            ) from None
        except (NotImplementedError, RuntimeError) as exc:
            raise IngestError(
                f"{path}: its member cannot be unzipped ({exc}): unzip it with another tool "
                "(an encrypted or unusual zip?) and ingest the CSV"
            ) from None
        yield target


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read_csv_sql(path: Path, fmt: str, rejects: bool = True) -> str:
    """DuckDB's ``read_csv`` of a GDELT file with every column typed."""
    cols = ", ".join(f"{_sql_str(n)}: {_sql_str(t)}" for n, t in columns(fmt))
    opts = (
        "store_rejects=true, rejects_table='nk_rejects', rejects_scan='nk_scans', "
        if rejects
        else ""
    )
    return (
        f"read_csv({_sql_str(str(path))}, delim='\t', header=false, quote='', escape='', "
        f"auto_detect=false, null_padding={'true' if fmt == 'gdelt1' else 'false'}, "
        f"{opts}columns={{{cols}}})"
    )


def _state(col: str) -> str:
    remap = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in _TO_ISO.items())
    regions = ", ".join(f"'{r}'" for r in _REGIONS)
    return (
        f"CASE WHEN {col} IS NULL OR {col} IN ({regions}) THEN NULL "
        f"ELSE CASE {col} {remap} ELSE {col} END END"
    )


_CHUNK = 1 << 22
_POWERS = [10**i for i in range(19)]


def consecutive_ids(path: Path) -> int | None:
    """The GLOBALEVENTID of line 1 when every line *i* starts with ``first + i - 1`` and a tab,
    as in GDELT 2.0 exports (GDELT numbers a file's events in order, without gaps); else None.

    Then a row's line is ``GLOBALEVENTID - first + 1`` and ingest needs no numbering pass nor
    join. Only the raw first field is read (numpy, a few MiB at a time), so a line DuckDB
    later rejects still counts: the check holds for the file as written."""
    import numpy as np

    with path.open("rb") as fh:
        head = fh.read(24).split(b"\t", 1)[0]
        if not head.isdigit() or head.startswith(b"0") or len(head) > 18:
            return None
        first = int(head)
        fh.seek(0)
        done, carry = 0, b""  # lines checked; the start of a line the last chunk cut
        while chunk := fh.read(_CHUNK):
            data = carry + chunk
            buf = np.frombuffer(data, dtype=np.uint8)
            ends = np.flatnonzero(buf == 10)
            if len(ends):
                if not _lines_hold(buf, ends, first + done):
                    return None
                done += len(ends)
                carry = data[int(ends[-1]) + 1 :]
            else:
                carry = data
        if carry:  # a last line without a newline
            buf = np.frombuffer(carry, dtype=np.uint8)
            if not _lines_hold(buf, np.array([len(carry)]), first + done):
                return None
            done += 1
    return first if done else None


def _lines_hold(buf: Any, ends: Any, first: int) -> bool:
    """Whether the lines of ``buf`` ending at ``ends`` (the first starts at 0) start with
    ``first``, ``first + 1``, ... and a tab."""
    import numpy as np

    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    expected = first + np.arange(len(ends), dtype=np.int64)
    width = np.searchsorted(_POWERS, expected, side="right")  # digits of each id
    for k in np.unique(width):
        sel = width == k
        s, e = starts[sel], expected[sel]
        if np.any(ends[sel] - s <= k):  # too short for k digits and a tab
            return False
        got = buf[s[:, None] + np.arange(k + 1)]
        want = np.empty_like(got)
        want[:, :k] = (e[:, None] // 10 ** np.arange(k - 1, -1, -1)) % 10 + 48
        want[:, k] = 9
        if not np.array_equal(got, want):
            return False
    return True


def lines_sql(path: Path, fmt: str) -> str:
    """The first pass when :func:`consecutive_ids` does not hold: each row's GLOBALEVENTID
    and its line. Every field is read as text, so only a line with the wrong number of fields
    is skipped (and recorded in ``nk_lines_rej``); :func:`nkwatch.sources.ingest.ingest`
    shifts the numbers past those lines."""
    n = len(columns(fmt))
    cols = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n))
    return (
        "SELECT TRY_CAST(c0 AS BIGINT) AS gid, row_number() OVER () AS line FROM "
        f"read_csv({_sql_str(str(path))}, delim='\t', header=false, quote='', escape='', "
        f"auto_detect=false, null_padding={'true' if fmt == 'gdelt1' else 'false'}, "
        "ignore_errors=true, store_rejects=true, rejects_table='nk_lines_rej', "
        f"rejects_scan='nk_lines_scan', columns={{{cols}}})"
    )


def select_sql(
    path: Path,
    fmt: str,
    origin: str,
    ingest: str,
    lines: str | None = "nk_lines",
    first_id: int | None = None,
) -> str:
    """The SELECT that maps a GDELT file to ``ev_reports`` rows. ``line`` is
    ``GLOBALEVENTID - first_id + 1`` when the file's ids are consecutive
    (:func:`consecutive_ids`), else it comes from the table of :func:`lines_sql` (a window in
    this parallel scan would make it serial), or is NULL when ``lines`` is None."""
    version = 2 if fmt == "gdelt2" else 1
    extra = ", ".join(
        f'"{n}" := {version}'
        if n == "version"
        else f'"{n}" := "{n}"'
        if n in dict(columns(fmt))
        else f'"{n}" := NULL'
        for n in EXTRA_FIELDS
    )
    if first_id is not None:
        line, lines = f"GLOBALEVENTID - {int(first_id) - 1}", None
    else:
        line = "l.line" if lines else "NULL::BIGINT"
    return f"""
SELECT 'gdelt{version}:' || GLOBALEVENTID AS id, 'gdelt' AS source,
  CAST(try_strptime(SQLDATE, '%Y%m%d') AS DATE) AS date,
  {_state("Actor1CountryCode")} AS actor1, {_state("Actor2CountryCode")} AS actor2,
  Actor1Name AS actor1_name, Actor2Name AS actor2_name,
  Actor1Code AS actor1_code, Actor2Code AS actor2_code,
  EventCode AS cameo_code, GoldsteinScale AS goldstein, QuadClass AS quad_class,
  NumMentions AS mentions, NumSources AS sources, NumArticles AS articles,
  ActionGeo_FullName AS location, ActionGeo_FeatureID AS location_id,
  ActionGeo_Lat AS lat, ActionGeo_Long AS lon,
  {_sql_str(origin)} AS file, {line} AS line,
  {_sql_str(ingest)} AS ingest,
  struct_pack({extra}) AS gdelt
FROM {read_csv_sql(path, fmt)}{f" LEFT JOIN {lines} l ON l.gid = GLOBALEVENTID" if lines else ""}"""
