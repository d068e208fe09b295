"""The ingested data as the explorer reads it: the timeline's points and windows (curated
events and the event-data layers), ingested reports one by one, the missile browser, and
sanctions-list entities."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from nkwatch import missiles, reports, timeline
from nkwatch.api.deps import (
    CSV_RESPONSE,
    Cursor,
    DateParam,
    Ref,
    StoreDep,
    Text,
    csv_response,
    decode_cursor,
    encode_cursor,
)
from nkwatch.api.errors import ERROR_RESPONSES, NotFound
from nkwatch.lists import entity as list_entity

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

Layers = Annotated[
    list[str] | None,
    Query(
        max_length=4,
        description="Event-data layers to add to the curated events: icews, gdelt, cns, csis "
        "(the DPRK's events in each; with country, those between the DPRK and it).",
    ),
]


def timeline_filters(
    topic: Ref = None,
    actor: Ref = None,
    country: Ref = None,
    type: Ref = None,
    date_from: Annotated[DateParam, Query(alias="from")] = None,
    date_to: Annotated[DateParam, Query(alias="to")] = None,
    text: Text = None,
) -> dict[str, str | None]:
    """The timeline page's filters, with the page's names."""
    return {"topic": topic, "actor": actor, "country": country, "type": type,
            "from": date_from, "to": date_to, "text": text}  # fmt: skip


TimelineFilters = Annotated[dict[str, str | None], Depends(timeline_filters)]


@router.get(
    "/timeline/points",
    tags=["timeline"],
    summary="Every event the timeline's filters keep, compactly, with the event-data layers",
)
def timeline_points(
    store: StoreDep,
    filters: TimelineFilters,
    layer: Layers = None,
    curated: Annotated[
        bool, Query(description="false: only the layers' events (drawn after the curated)")
    ] = True,
) -> dict[str, Any]:
    return {"ok": True, **timeline.points(store, filters, layer or [], curated=curated)}


@router.get(
    "/timeline/window",
    tags=["timeline"],
    summary="The events of a window of time (the zoomed timeline), a page at a time",
)
def timeline_window(
    store: StoreDep,
    filters: TimelineFilters,
    layer: Layers = None,
    start: DateParam = None,
    end: DateParam = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    found = timeline.window(
        store, filters, layer or [], date_from=start, date_to=end, offset=offset, limit=limit
    )
    return {"ok": True, **found}


@router.get("/reports/{report_id}", tags=["event data"], summary="One ingested report")
def report(store: StoreDep, report_id: Annotated[str, Path(max_length=120)]) -> dict[str, Any]:
    found = reports.report(store.con, report_id)
    if found is None:
        raise NotFound(f"unknown report {report_id!r}: search for it at /api/search")
    found.pop("fields")
    return {"ok": True, "data": found}


@router.get(
    "/missiles",
    tags=["missiles"],
    summary="CNS missile tests, CSIS provocations and the curated record's launches compared",
)
def missiles_all(store: StoreDep) -> dict[str, Any]:
    b = missiles.browse(store)
    return {"ok": True, "data": {k: v for k, v in b.items() if k != "groups"}}


@router.get("/missiles/per-year", tags=["missiles"], summary="Entries per year and source")
def missiles_per_year(store: StoreDep) -> dict[str, Any]:
    rows = missiles.browse(store)["per_year"]
    return {"ok": True, "data": rows, "count": len(rows)}


@router.get("/missiles/per-year.csv", tags=["missiles"], responses=CSV_RESPONSE)
def missiles_per_year_csv(store: StoreDep) -> Response:
    return csv_response(missiles.browse(store)["per_year"], "missiles-per-year")


@router.get("/missiles/compare.csv", tags=["missiles"], responses=CSV_RESPONSE)
def missiles_compare_csv(store: StoreDep) -> Response:
    rows = [
        {
            "date": g["date"],
            "end": g["end"],
            "kind": g["kind"],
            **{s: "; ".join(r["title"] or r["id"] for r in g["by"][s]) for s in missiles.SOURCES},
            "missing_from": " ".join(g["missing"]),
        }
        for g in missiles.browse(store)["groups"]
    ]
    return csv_response(rows, "missiles-compared")


@router.get("/missiles/per-year.vl.json", tags=["missiles"], summary="Vega-Lite spec")
def missiles_per_year_spec(store: StoreDep) -> dict[str, Any]:
    return missiles.per_year_spec(missiles.browse(store)["per_year"], "/api/missiles/per-year")


@router.get("/missiles/sites.vl.json", tags=["missiles"], summary="Vega-Lite spec")
def missiles_sites_spec(store: StoreDep) -> dict[str, Any]:
    return missiles.sites_spec(missiles.browse(store)["sites"])


@router.get("/list-entities", tags=["lists"], summary="Entities of the ingested sanctions lists")
def list_entities(
    store: StoreDep,
    list_name: Annotated[str | None, Query(alias="list", max_length=20)] = None,
    q: Text = None,
    dprk: bool = True,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    filters = {"list": list_name, "q": q, "dprk": dprk}
    offset = decode_cursor(cursor, filters)
    rows, total = list_entity.entities(
        store.con, list_name=list_name, q=q, dprk_only=dprk, limit=limit, offset=offset
    )
    more = offset + limit < total
    return {
        "ok": True,
        "data": rows,
        "count": len(rows),
        "total": total,
        "next_cursor": encode_cursor(offset + limit, filters) if more else None,
    }


@router.get(
    "/list-entities/{list_name}/{list_id}",
    tags=["lists"],
    summary="One list entity: names, documents, vessels, listing dates, curated records",
)
def one_list_entity(
    store: StoreDep,
    list_name: Annotated[str, Path(max_length=20)],
    list_id: Annotated[str, Path(max_length=60)],
) -> dict[str, Any]:
    return {"ok": True, "data": list_entity.entity(store.con, list_name, list_id)}
