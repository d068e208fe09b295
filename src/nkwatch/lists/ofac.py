"""OFAC's SDN list in its legacy CSV files: ``sdn.csv`` (12 fields), with ``alt.csv`` (5
fields: other names) and ``add.csv`` (6 fields: addresses) of the same release when given.

No header; ``-0-`` is null; several programs are joined as ``DPRK] [DPRK2``; the last line is
OFAC's single end-of-file byte 0x1A. Files are told apart by their number of fields, so their
names do not matter. The SDN XML format is read by :mod:`.ofac_xml`.

An entry is DPRK-related (``dprk``) when a program is one of OFAC's North Korea programs
(``DPRK``, ``DPRK2``, ``DPRK3``, ``DPRK4``, ``DPRK-NKSPEA``) or its remarks cite the North Korea
Sanctions Regulations (entries listed under NPWMD with a DPRK tie).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from nkwatch.sniff import text_problem

from .model import Alias, Entry, ListError, clean, where
from .remarks import parse_remarks

SDN_FIELDS, ALT_FIELDS, ADD_FIELDS = 12, 5, 6
_EOF = "\x1a"
_SCHEMA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}


def is_dprk(programs: list[str], remarks: str) -> bool:
    return any(p.upper().startswith("DPRK") for p in programs) or (
        "North Korea Sanctions Regulations" in remarks
    )


def _null(value: str) -> str:
    value = clean(value)
    return "" if value == "-0-" else value


def _encoding(path: Path) -> str:
    """UTF-8 when the whole file decodes so (read in chunks), else Latin-1 (OFAC's older
    files); a UTF-16, binary or archive file raises :class:`ListError`."""
    problem = text_problem(path)
    if problem:
        raise ListError(f"{problem} (OFAC's CSV files are plain text)")
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "latin-1"
    return "utf-8-sig"


def iter_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line, fields) of one OFAC CSV file, streamed, without the end-of-file byte. A row
    that runs over several lines (a quote left open: OFAC's fields have no line breaks)
    raises :class:`ListError` at the line where it starts, before the rest is read."""
    with path.open(encoding=_encoding(path), newline="") as fh:
        reader = csv.reader(fh)
        start = 1
        try:
            for row in reader:
                line, start = start, reader.line_num + 1
                if reader.line_num > line and any("\n" in f or "\r" in f for f in row):
                    raise ListError(
                        f"{where(path, line)}: a quote opened on this line is not closed "
                        f"before line {reader.line_num} (OFAC's fields never span lines): "
                        "a stray quote? download the file again from OFAC"
                    )
                if not row or row == [_EOF] or (len(row) == 1 and not row[0].strip(_EOF + " ")):
                    continue
                yield line, row
        except csv.Error as exc:
            raise ListError(
                f"{where(path, reader.line_num)}: not readable as CSV ({exc}): is a quote "
                "left open? download the file again from OFAC"
            ) from None


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line, fields) of one OFAC CSV file (all of it; :func:`iter_rows` streams)."""
    return list(iter_rows(path))


def kind_of(path: Path, rows: list[tuple[int, list[str]]]) -> str:
    """ "sdn", "alt" or "add", from the number of fields of the first row."""
    if not rows:
        raise ListError(f"{where(path)}: the file has no rows: download it again from OFAC")
    n = len(rows[0][1])
    kinds = {SDN_FIELDS: "sdn", ALT_FIELDS: "alt", ADD_FIELDS: "add"}
    if n not in kinds:
        raise ListError(
            f"{where(path, rows[0][0])}: {n} fields, expected {SDN_FIELDS} (sdn.csv), "
            f"{ALT_FIELDS} (alt.csv) or {ADD_FIELDS} (add.csv): is this an OFAC legacy CSV "
            "file? for the SDN XML use a .xml file; for the consolidated (non-SDN) list use "
            "cons_prim.csv"
        )
    return kinds[n]


def _first_kind(path: Path) -> str:
    """The kind of a file from its first row, reading no further."""
    first = next(iter_rows(path), None)
    return kind_of(path, [first] if first else [])


def _check(path: Path, line: int, row: list[str], want: int, kind: str) -> int:
    if len(row) != want:
        raise ListError(
            f"{where(path, line)}: {len(row)} fields, expected {want} like the rest of this "
            f"{kind}.csv file: the line is damaged (an unquoted comma or a cut line?); "
            "download the file again from OFAC"
        )
    try:
        return int(row[0].strip())
    except ValueError:
        raise ListError(
            f"{where(path, line)}: ent_num {row[0]!r} is not a number: the first field of "
            f"every {kind}.csv line is OFAC's entity number; is the file damaged?"
        ) from None


def _sdn_entry(path: Path, line: int, row: list[str]) -> Entry:
    num = _check(path, line, row, SDN_FIELDS, "sdn")
    name, sdn_type, program = _null(row[1]), _null(row[2]).lower(), _null(row[3])
    if not name:
        raise ListError(f"{where(path, line)}: entity {num} has no name: is the file damaged?")
    if '"' in name:
        raise ListError(
            f"{where(path, line)}: entity {num}'s name {name[:60]!r} holds a stray quote (OFAC "
            "quotes whole fields only): the line is damaged; download the file again from OFAC"
        )
    programs = [p.strip() for p in program.strip("[]").split("] [") if p.strip()]
    remarks = _null(row[11])
    parsed = parse_remarks(remarks)
    nationalities = parsed.nationalities
    flag = _null(row[9])
    if sdn_type == "vessel" and flag:
        nationalities = [*nationalities, flag]
    return Entry(
        list="ofac",
        list_id=str(num),
        schema=_SCHEMA.get(sdn_type, "Organization"),
        name=name,
        aliases=parsed.aliases,
        programs=programs,
        dprk=is_dprk(programs, remarks),
        birth_dates=parsed.birth_dates,
        nationalities=nationalities,
        passports=parsed.passports,
        imo=parsed.imo,
        remarks=remarks,
        line=line,
    )


def read(paths: list[Path]) -> tuple[list[Entry], int]:
    """Entries of one OFAC release (sdn.csv with alt.csv/add.csv), and how many alt/add rows
    named an entity not in sdn.csv (left out)."""
    by_kind: dict[str, Path] = {}
    for path in paths:
        kind = _first_kind(path)
        if kind in by_kind:
            raise ListError(
                f"{where(path)}: a second {kind}.csv in one call (the first is "
                f"{by_kind[kind]}): ingest one release at a time"
            )
        by_kind[kind] = path
    if "sdn" not in by_kind:
        other = next(iter(by_kind.values()))
        raise ListError(
            f"{where(other)}: alt.csv and add.csv only add to an sdn.csv: give the release's "
            "sdn.csv in the same call (nkwatch ingest ofac-sdn sdn.csv alt.csv add.csv)"
        )
    sdn_path = by_kind["sdn"]
    entries = {}
    for line, row in iter_rows(sdn_path):
        entry = _sdn_entry(sdn_path, line, row)
        entries[entry.list_id] = entry
    orphans = 0
    if "alt" in by_kind:
        path = by_kind["alt"]
        for line, row in iter_rows(path):
            num = str(_check(path, line, row, ALT_FIELDS, "alt"))
            if num not in entries:
                orphans += 1
                continue
            kind, name, note = _null(row[2]).lower(), _null(row[3]), _null(row[4]).lower()
            if name:
                kind = "weak" if "weak" in note else kind.replace(".", "") or "aka"
                entries[num].aliases.append(Alias(name, kind, note))
    if "add" in by_kind:
        path = by_kind["add"]
        for line, row in iter_rows(path):
            num = str(_check(path, line, row, ADD_FIELDS, "add"))
            if num not in entries:
                orphans += 1
                continue
            text = ", ".join(p for p in (_null(x) for x in row[2:5]) if p)
            if text:
                entries[num].addresses.append(text)
    return list(entries.values()), orphans
