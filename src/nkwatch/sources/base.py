"""What every event data source shares: the tables ingestion writes, the common event model,
and the errors.

Ingested rows live in tables of their own, never in the curated tables a build replaces:

``ev_reports``
    one row per row of a source file, in the common event model: ``id`` (derived from the
    source's own keys, so re-ingesting adds nothing), ``source``, ``date``, ``actor1`` and
    ``actor2`` (ISO 3166 alpha-3 where the actor is or speaks for a state), their names and
    codes as the source gives them, ``cameo_code``, ``goldstein``, ``quad_class``,
    ``mentions``/``sources``/``articles`` counts, ``location``, ``location_id``, ``lat``,
    ``lon``, the origin ``file`` and ``line``, the ``ingest`` that wrote it, and one struct
    column per source with the source's own fields (``gdelt``, ``icews``, ``cns``, ``csis``).
``ev_rejects``
    the quarantine: rows that could not be read (file, line, error, the raw text). The rest
    of the file is ingested; the user inspects and fixes these rows and ingests again.
``ev_ingests``
    one row per ingested file: path, sha256, format, rows, rejects, time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from nkwatch.errors import QueryError
from nkwatch.reference import cameo


class IngestError(QueryError):
    """A file nkwatch will not ingest as given; the message names the fix. Ingestion is one
    transaction, so the message also says that nothing was written."""

    def __str__(self) -> str:
        return f"{super().__str__()} (nothing was written)"


COMMON_COLUMNS: dict[str, str] = {
    "id": "VARCHAR",
    "source": "VARCHAR",
    "date": "DATE",
    "actor1": "VARCHAR",
    "actor2": "VARCHAR",
    "actor1_name": "VARCHAR",
    "actor2_name": "VARCHAR",
    "actor1_code": "VARCHAR",
    "actor2_code": "VARCHAR",
    "cameo_code": "VARCHAR",
    "goldstein": "DOUBLE",
    "quad_class": "TINYINT",
    "mentions": "INTEGER",
    "sources": "INTEGER",
    "articles": "INTEGER",
    "location": "VARCHAR",
    "location_id": "VARCHAR",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "file": "VARCHAR",
    "line": "BIGINT",
    "ingest": "VARCHAR",
}

REJECTS_DDL = (
    "ingest VARCHAR, source VARCHAR, file VARCHAR, line BIGINT, error VARCHAR, raw VARCHAR"
)
INGESTS_DDL = (
    "id VARCHAR PRIMARY KEY, source VARCHAR, format VARCHAR, path VARCHAR, sha256 VARCHAR, "
    "rows BIGINT, rejects BIGINT, duplicates BIGINT, ingested_at TIMESTAMP, seconds DOUBLE"
)


@dataclass
class Reject:
    line: int
    error: str
    raw: str


@dataclass
class Report:
    """One row of a source file in the common model; ``extra`` holds the source's own
    fields (the keys of the source's struct column)."""

    id: str
    date: Any
    line: int
    actor1: str | None = None
    actor2: str | None = None
    actor1_name: str | None = None
    actor2_name: str | None = None
    actor1_code: str | None = None
    actor2_code: str | None = None
    cameo_code: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    mentions: int | None = None
    sources: int | None = None
    articles: int | None = None
    location: str | None = None
    location_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def with_cameo(self, code: str | None) -> Report:
        """Set cameo_code, goldstein and quad_class from nkwatch's CAMEO list."""
        if code is not None:
            c = cameo.lookup(code)
            self.cameo_code, self.goldstein, self.quad_class = c.code, c.goldstein, c.quad_class
        return self


class Source(Protocol):
    """A data set read in Python (the small ones). GDELT is read by DuckDB instead."""

    name: str
    #: the struct column with the source's own fields, and its DuckDB type
    column: str
    extra_type: str
    formats: tuple[str, ...]

    def detect(self, path: Path) -> str: ...

    def read(self, path: Path, fmt: str) -> Iterator[Report | Reject]: ...


def read_text(path: Path, *, fallback: str | None = None) -> str:
    """The text of an event data file: UTF-8 (a BOM is dropped), else ``fallback`` if given;
    a UTF-16 file, a binary file or undecodable bytes raise :class:`IngestError` naming the
    fix."""
    from nkwatch import sniff

    data = path.read_bytes()
    problem = sniff.text_problem(path, data)
    if problem:
        raise IngestError(problem)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fallback:
            return data.decode(fallback, errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(
            f"{path} is not UTF-8 (a byte it cannot decode on line {line}): convert it, e.g. "
            f"iconv -f LATIN1 -t UTF-8 {path.name} > {path.name}.utf8, and ingest that"
        ) from None


def struct_type(fields: dict[str, str]) -> str:
    return "STRUCT(" + ", ".join(f'"{k}" {v}' for k, v in fields.items()) + ")"


def parse_float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None
