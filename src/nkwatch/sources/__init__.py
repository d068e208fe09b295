"""Public event data sets, one module each: read, validate, map to the common event model
(:mod:`nkwatch.sources.base`). :mod:`nkwatch.sources.ingest` writes them to the store."""

from __future__ import annotations

from types import ModuleType

from nkwatch.sources import cns, csis, gdelt, icews
from nkwatch.sources.base import IngestError

#: the sources ``nkwatch ingest`` knows, by name
SOURCES: dict[str, ModuleType] = {
    "gdelt": gdelt,
    "icews": icews,
    "cns-missiles": cns,
    "csis-provocations": csis,
}
#: every source's struct column in ev_reports and its DuckDB type
STRUCT_COLUMNS: dict[str, str] = {
    gdelt.COLUMN: gdelt.EXTRA_TYPE,
    icews.column: icews.extra_type,
    cns.column: cns.extra_type,
    csis.column: csis.extra_type,
}

#: the table that holds each source's reports (common columns and that source's struct);
#: ``ev_reports`` is the view over all of them
REPORT_TABLES: dict[str, str] = {
    name: f"ev_reports_{col}" for name, col in (
        ("gdelt", gdelt.COLUMN),
        ("icews", icews.column),
        ("cns-missiles", cns.column),
        ("csis-provocations", csis.column),
    )
}  # fmt: skip


def get(name: str) -> ModuleType:
    try:
        return SOURCES[name]
    except KeyError:
        raise IngestError(f"unknown source {name!r}: use one of {', '.join(SOURCES)}") from None
