"""What a file is, from its first bytes, before a parser sees it: every reader of public data
(event data, sanctions lists) asks :func:`text_problem` first, so that a UTF-16 export, a
binary file or an archive gets one clear sentence naming the fix instead of rows rejected one
by one or a decoding traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

HEAD = 1 << 16

_BOMS = [
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]
_MAGIC = [
    (b"PK\x03\x04", "a zip archive (or an Excel .xlsx workbook)", "unzip it (or export CSV)"),
    (b"\x1f\x8b", "a gzip archive", "gunzip it"),
    (b"BZh", "a bzip2 archive", "bunzip2 it"),
    (b"\xfd7zXZ\x00", "an xz archive", "unxz it"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it"),
    (b"\xd0\xcf\x11\xe0", "an old Excel/Word file", "export it as CSV"),
    (b"%PDF", "a PDF document", "download the data file instead"),
    (b"\x89PNG", "a PNG image", "download the data file instead"),
    (b"SQLite format 3", "an SQLite database", "export the table as CSV"),
    (b"DUCK", "a DuckDB database", "export the table as CSV"),
]


def head(path: Path, size: int = HEAD) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


def text_problem(path: Path, data: bytes | None = None, *, xml: bool = False) -> str | None:
    """A sentence saying why ``path`` is not UTF-8 (or Latin-1) text and what to do, or None.
    ``xml`` allows UTF-16 with a byte order mark (XML declares its own encoding)."""
    data = head(path) if data is None else data[:HEAD]
    stem = path.name
    for bom, name in _BOMS:
        if data.startswith(bom):
            if xml and name == "UTF-16":
                return None
            return (
                f"{path} is {name} text (it starts with a {name} byte order mark), not UTF-8: "
                f"convert it first, e.g. iconv -f {name} -t UTF-8 {stem} > {stem}.utf8, and "
                "ingest that"
            )
    magic = data[8:] if data[4:8] == b"DUCK" else data
    for sign, what, fix in _MAGIC:
        if magic.startswith(sign):
            return f"{path} is {what}, not a text file: {fix} and ingest the data file inside"
    nul = data.count(b"\x00")
    if nul:
        even = data[0::2].count(b"\x00")
        odd = data[1::2].count(b"\x00")
        if nul > len(data) // 4 and (even == 0 or odd == 0):
            return (
                f"{path} looks like UTF-16 text without a byte order mark (every other byte "
                f"is NUL), not UTF-8: convert it first, e.g. iconv -f UTF-16LE -t UTF-8 {stem} "
                f"> {stem}.utf8, and ingest that"
            )
        first = data.index(b"\x00")
        line = data[:first].count(b"\n") + 1
        return (
            f"{path} holds NUL bytes (the first on line {line}): it is a binary file or a "
            "damaged one, not text; is it the right file? download or export it again"
        )
    return None


def utf8_problem(path: Path, chunk: int = 1 << 22) -> str | None:
    """A sentence naming the first line of ``path`` that is not UTF-8, and the fix, or None.

    DuckDB's CSV reader (1.5) fails inside the engine (an internal error that invalidates the
    whole database) when it must quarantine a row whose invalid bytes fall in a column the
    query reads: a reader that hands files to DuckDB checks the encoding here first. Mostly
    ASCII files cost little: ~1.5 GB/s (an ASCII test per chunk, a decode only where needed)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    lines = 0
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            pending = len(decoder.getstate()[0])  # bytes of a character cut by the last chunk
            if pending or not block.isascii():
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as exc:
                    bad = max(0, exc.start - pending)
                    line = lines + block[:bad].count(b"\n") + 1
                    return _not_utf8(path, line, offset + bad)
            lines += block.count(b"\n")
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return _not_utf8(path, lines + 1, offset)
    return None


def _not_utf8(path: Path, line: int, at: int) -> str:
    return (
        f"{path} is not valid UTF-8 (line {line}, byte {at:,}): the file is damaged or in "
        f"another encoding. Drop the invalid bytes with iconv -f UTF-8 -t UTF-8 -c "
        f"{path.name} > {path.name}.utf8 (or convert from its encoding) and ingest that"
    )
