"""Render listings: a readable table by default, or JSON, CSV, newline-delimited JSON.

JSON and newline-delimited JSON carry the records as they are. CSV has one column per key;
a nested value is flattened: a list of records becomes their ids (sources: their URLs)
joined by "; ", a list of text is joined by "; ", a mapping is written as JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TextIO

Format = Literal["table", "json", "csv", "nl"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_ref(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, float) and value.is_integer():
        return str(value)
    return str(value)


def _ref(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("url", "id", "record", "name"):
            if value.get(key) is not None:
                return str(value[key])
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else str(value)


def flatten(record: dict[str, Any]) -> dict[str, str]:
    """The CSV form of a record."""
    return {k: _cell(v) for k, v in record.items()}


def write(
    records: Sequence[dict[str, Any]],
    fmt: Format,
    out: TextIO,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Write records to out in the chosen format. ``columns`` picks the table's columns
    (JSON, CSV and nl always carry every key)."""
    if fmt == "json":
        json.dump(list(records), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "nl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False))
            out.write("\n")
    elif fmt == "csv":
        keys = _keys(records)
        writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        for rec in records:
            writer.writerow(flatten(rec))
    else:
        _table(records, out, columns or _keys(records), title)


def _keys(records: Iterable[dict[str, Any]]) -> list[str]:
    keys: dict[str, None] = {}
    for rec in records:
        keys.update(dict.fromkeys(rec))
    return list(keys)


def _table(
    records: Sequence[dict[str, Any]], out: TextIO, columns: Sequence[str], title: str | None
) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    for col in columns:
        table.add_column(col, overflow="fold", max_width=60 if col in _WIDE else None)
    for rec in records:
        table.add_row(*(_short(rec.get(col)) for col in columns))
    console = Console(file=out, width=_width(out), soft_wrap=False)
    console.print(table)
    console.print(f"{len(records)} row(s)", style="dim")


_WIDE = {"title", "summary", "text", "explanation", "description", "url", "name", "names"}


def _short(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(
            (v.get("id") or v.get("name") or "") if isinstance(v, dict) else str(v) for v in value
        )
    return _cell(value)


def _width(out: TextIO) -> int:
    import shutil

    if out.isatty():
        return shutil.get_terminal_size((160, 40)).columns
    return 160


def render(records: Sequence[dict[str, Any]], fmt: Format, **kwargs: Any) -> str:
    buf = io.StringIO()
    write(records, fmt, buf, **kwargs)
    return buf.getvalue()
