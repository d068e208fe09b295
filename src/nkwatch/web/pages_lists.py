"""The explorer's list-changes page and its Atom feed: what changed between the ingested
copies of each sanctions list (new designations, delistings, changed names and identifiers).

``/lists/changes`` compares two copies (``from``/``to``, default: the first and the last dated
copy of each list); ``/lists/changes.atom`` has one entry per change between each pair of
consecutive copies, newest first, so a feed reader shows each new list's differences."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from xml.sax.saxutils import escape

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from nkwatch.api.deps import StoreDep
from nkwatch.lists.changes import changes, copies, describe
from nkwatch.lists.model import ListError
from nkwatch.web.pages import render

router = APIRouter(include_in_schema=False)

#: the most entries one feed carries (the newest)
FEED_LIMIT = 500


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise ListError(f"{text!r} is not a date YYYY-MM-DD") from None


@router.get("/lists/changes", response_class=HTMLResponse)
def changes_page(
    request: Request,
    store: StoreDep,
    date_from: str | None = Query(None, alias="from", max_length=10),
    date_to: str | None = Query(None, alias="to", max_length=10),
    dprk: bool = False,
) -> HTMLResponse:
    try:
        dated = [c for c in copies(store.con) if c["list_date"]]
        first = _day(date_from) or (
            dt.date.fromisoformat(min(c["list_date"] for c in dated)) if dated else dt.date.today()
        )
        last = _day(date_to) or (
            dt.date.fromisoformat(max(c["list_date"] for c in dated)) if dated else dt.date.today()
        )
        found = changes(store.con, first, last, dprk_only=dprk)
    except ListError as exc:
        return render(request, "error.html", status=400, message=str(exc), status_code=400)
    compared = [
        {
            "list": c["list"],
            "what": " → ".join(describe(x) for x in (c["from"], c["to"]) if x),
            "note": c["note"],
        }
        for c in found["compared"]
    ]
    counts: dict[str, int] = {}
    for row in found["changes"]:
        counts[row["change"]] = counts.get(row["change"], 0) + 1
    return render(
        request,
        "list_changes.html",
        rows=found["changes"][:2000],
        total=len(found["changes"]),
        counts=sorted(counts.items()),
        compared=compared,
        first=first.isoformat(),
        last=last.isoformat(),
        dprk=dprk,
    )


def _entries(con: Any) -> list[dict[str, Any]]:
    """Every change between consecutive dated copies of each list, newest copies first."""
    by_list: dict[str, list[str]] = {}
    for c in copies(con):
        if c["list_date"]:
            for name in c["list"].split(","):
                by_list.setdefault(name, []).append(c["list_date"])
    out: list[dict[str, Any]] = []
    for name, dates in by_list.items():
        dates = sorted(set(dates))
        for a, b in itertools.pairwise(dates):
            found = changes(con, dt.date.fromisoformat(a), dt.date.fromisoformat(b), [name])
            out += found["changes"]
    out.sort(key=lambda r: (r["to"], r["list"]), reverse=True)
    return out[:FEED_LIMIT]


@router.get("/lists/changes.atom")
def changes_feed(request: Request, store: StoreDep) -> Response:
    entries = _entries(store.con)
    base = str(request.base_url).rstrip("/")
    updated = (entries[0]["to"] if entries else dt.date.today().isoformat()) + "T00:00:00Z"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "<title>nkwatch: sanctions list changes</title>",
        f"<id>{escape(base)}/lists/changes.atom</id>",
        f'<link rel="self" href="{escape(base)}/lists/changes.atom"/>',
        f'<link rel="alternate" href="{escape(base)}/lists/changes"/>',
        f"<updated>{updated}</updated>",
        "<author><name>nkwatch</name></author>",
    ]
    for r in entries:
        title = f"{r['list']}: {r['change']}: {r['name']} ({r['id']})"
        link = f"{base}/lists/changes?from={r['from']}&to={r['to']}"
        summary = r["detail"] or f"{r['change']} between the copies of {r['from']} and {r['to']}"
        parts += [
            "<entry>",
            f"<title>{escape(title)}</title>",
            f"<id>tag:nkwatch,{r['to']}:{escape(r['key'])}/{escape(r['change'])}</id>",
            f'<link href="{escape(link)}"/>',
            f"<updated>{r['to']}T00:00:00Z</updated>",
            f"<summary>{escape(summary)}</summary>",
            "</entry>",
        ]
    parts.append("</feed>")
    return Response("\n".join(parts), media_type="application/atom+xml")
