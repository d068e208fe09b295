from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from nkwatch.api.deps import (
    CSV_RESPONSE,
    Cursor,
    DateParam,
    Limit,
    Ref,
    StoreDep,
    Text,
    csv_response,
    decode_cursor,
    page,
)
from nkwatch.api.errors import ERROR_RESPONSES, NotFound
from nkwatch.schema import vocab

router = APIRouter(prefix="/api", tags=["events"], responses=ERROR_RESPONSES)

ActorList = Annotated[
    list[str] | None,
    Query(max_length=5, description="Actor ids or names; repeat for events involving all of them."),
]


def event_filters(
    actor: ActorList = None,
    type: vocab.EventType | None = None,
    topic: Ref = None,
    date_from: Annotated[DateParam, Query(alias="from")] = None,
    date_to: Annotated[DateParam, Query(alias="to")] = None,
    text: Text = None,
) -> dict[str, Any]:
    """The filters of an event listing, shared by its JSON and CSV routes."""
    return {
        "actor": actor or None,
        "type": type,
        "topic": topic,
        "date_from": date_from,
        "date_to": date_to,
        "text": text,
    }


Filters = Annotated[dict[str, Any], Depends(event_filters)]


@router.get("/events", summary="Curated events, oldest first, with cursor paging")
def list_events(
    store: StoreDep, filters: Filters, limit: Limit = 100, cursor: Cursor = None
) -> dict[str, Any]:
    offset = decode_cursor(cursor, filters)
    rows = store.events(**filters, limit=limit + 1, offset=offset)
    return page(rows, limit, offset, filters)


@router.get("/events.csv", summary="Curated events as CSV", responses=CSV_RESPONSE)
def events_csv(store: StoreDep, filters: Filters) -> Response:
    return csv_response(store.events(**filters), "events")


@router.get("/events/{event_id}", summary="One event")
def get_event(store: StoreDep, event_id: Annotated[str, Path(max_length=120)]) -> dict[str, Any]:
    found = store.events(ids=[event_id])
    if not found:
        raise NotFound(f"unknown event {event_id!r}: list events at /api/events")
    return {"ok": True, "data": found[0]}
