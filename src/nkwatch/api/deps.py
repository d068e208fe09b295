"""Dependencies: a read-only store cursor per request, paging, output format."""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator, Sequence
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from nkwatch.output import flatten
from nkwatch.store import QueryError, Store


def get_store(request: Request) -> Iterator[Store]:
    """A cursor on the app's read-only connection: DuckDB cursors are safe to use one per
    thread, and FastAPI runs each sync route in a worker thread."""
    with request.app.state.live.cursor() as cur:
        yield Store(cur, request.app.state.db_path)


StoreDep = Annotated[Store, Depends(get_store)]

Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page (1-1000).")]
Cursor = Annotated[str | None, Query(max_length=200, description="Opaque cursor from next_cursor.")]
DateParam = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Text = Annotated[str | None, Query(max_length=200)]
Ref = Annotated[str | None, Query(max_length=120)]


def _fingerprint(filters: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode()).hexdigest()[
        :12
    ]


def encode_cursor(offset: int, filters: dict[str, Any]) -> str:
    raw = json.dumps({"o": offset, "f": _fingerprint(filters)}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


#: no listing is longer: a larger offset is a forged cursor (DuckDB takes offsets < 2**63)
MAX_OFFSET = 2**31


def decode_cursor(cursor: str | None, filters: dict[str, Any]) -> int:
    """The offset a cursor of :func:`encode_cursor` holds. Cursors are opaque: one that is
    not valid base64 JSON of the right shape, or whose offset is not a whole number from 0 to
    :data:`MAX_OFFSET`, is a QueryError (400), as is one made for other filters."""
    if not cursor:
        return 0
    forged = QueryError("cursor is not one this API gave: start again without it")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        doc = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        raise forged from None
    if not isinstance(doc, dict) or set(doc) != {"o", "f"}:
        raise forged
    offset, fingerprint = doc["o"], doc["f"]
    if type(offset) is not int or not 0 <= offset <= MAX_OFFSET or not isinstance(fingerprint, str):
        raise forged
    if fingerprint != _fingerprint(filters):
        raise QueryError("cursor belongs to another query: start again without it")
    return offset


def page(
    rows: list[dict[str, Any]], limit: int, offset: int, filters: dict[str, Any]
) -> dict[str, Any]:
    """``rows`` holds up to limit+1 rows from offset: the extra one says there is more."""
    more = len(rows) > limit
    return {
        "ok": True,
        "data": rows[:limit],
        "count": min(len(rows), limit),
        "next_cursor": encode_cursor(offset + limit, filters) if more else None,
    }


def listing(rows: Sequence[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"ok": True, "data": list(rows), "count": len(rows), **extra}


def _safe(name: str) -> str:
    """A file name for a header: ASCII letters, digits, '-', '_' and '.' only."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:100] or "data"


def csv_response(rows: Sequence[dict[str, Any]], name: str) -> Response:
    buf = io.StringIO()
    keys: dict[str, None] = {}
    for r in rows:
        keys.update(dict.fromkeys(r))
    writer = csv.DictWriter(buf, fieldnames=list(keys), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow(flatten(r))
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{_safe(name)}.csv"'},
    )


def json_download(rows: Sequence[dict[str, Any]], name: str) -> JSONResponse:
    return JSONResponse(
        list(rows), headers={"Content-Disposition": f'attachment; filename="{_safe(name)}.json"'}
    )


CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}
}
