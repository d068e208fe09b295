"""Dependencies: a read-only store cursor per request, paging, output format."""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from nkwatch.output import flatten
from nkwatch.store import QueryError, Store


def get_store(request: Request) -> Iterator[Store]:
    """A cursor on the app's read-only connection: DuckDB cursors are safe to use one per
    thread, and FastAPI runs each sync route in a worker thread."""
    cur = request.app.state.con.cursor()
    try:
        yield Store(cur, request.app.state.db_path)
    finally:
        cur.close()


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


def decode_cursor(cursor: str | None, filters: dict[str, Any]) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        doc = json.loads(raw)
        offset = int(doc["o"])
        same = doc["f"] == _fingerprint(filters)
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise QueryError("cursor is not one this API gave: start again without it") from None
    if not same or offset < 0:
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
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def json_download(rows: Sequence[dict[str, Any]], name: str) -> JSONResponse:
    return JSONResponse(
        list(rows), headers={"Content-Disposition": f'attachment; filename="{name}.json"'}
    )


CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}
}
