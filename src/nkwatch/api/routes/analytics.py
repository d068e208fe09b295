"""Event data analytics: DPRK–partner series, their change points, and the provocation cycle."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from nkwatch.api.deps import CSV_RESPONSE, DateParam, StoreDep, csv_response, listing
from nkwatch.api.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

Partner = Annotated[
    str, Query(min_length=3, max_length=3, description="Partner state, ISO 3166 alpha-3 (USA).")
]
Freq = Literal["year", "month", "week"]
Sources = Annotated[
    list[Literal["gdelt", "icews", "cns-missiles", "csis-provocations", "curated"]] | None,
    Query(
        description="Only these sources (repeat the parameter). Without it, every ingested "
        "source; 'curated' counts the curated record's events."
    ),
]
From = Annotated[DateParam, Query(alias="from")]
To = Annotated[DateParam, Query(alias="to")]
View = Literal["lags", "summary", "leaders"]
Months = Annotated[int, Query(ge=1, le=120, description="Talks within this many months.")]
Window = Annotated[int, Query(ge=1, le=120, description="Resolutions within this many months.")]
Responses = Literal["sanctions", "all"]


def _series(
    store: Any, partner: str, freq: str, date_from: str | None, date_to: str | None,
    source: list[str] | None,
) -> list[dict[str, Any]]:  # fmt: skip
    from nkwatch.analytics.dyads import dyads

    return dyads(store, partner, freq, date_from=date_from, date_to=date_to, sources=source)


@router.get("/dyads", tags=["analytics"], summary="DPRK–partner cooperation and conflict")
def dyads(
    store: StoreDep,
    partner: Partner,
    freq: Freq = "month",
    date_from: From = None,
    date_to: To = None,
    source: Sources = None,
) -> dict[str, Any]:
    rows = _series(store, partner, freq, date_from, date_to, source)
    return listing(rows, partner=partner.upper(), freq=freq)


@router.get("/dyads.csv", tags=["analytics"], responses=CSV_RESPONSE)
def dyads_csv(
    store: StoreDep,
    partner: Partner,
    freq: Freq = "month",
    date_from: From = None,
    date_to: To = None,
    source: Sources = None,
) -> Response:
    rows = _series(store, partner, freq, date_from, date_to, source)
    return csv_response(rows, f"dyads-prk-{partner.lower()}-{freq}")


@router.get("/dyads/changes", tags=["analytics"], summary="Change points of a dyad series")
def dyad_changes(
    store: StoreDep,
    partner: Partner,
    freq: Freq = "month",
    date_from: From = None,
    date_to: To = None,
    source: Sources = None,
    column: Annotated[str, Query(max_length=40)] = "share",
    penalty: Annotated[float | None, Query(gt=0)] = None,
) -> dict[str, Any]:
    from nkwatch.analytics.changes import change_points, nearest_events

    rows = _series(store, partner, freq, date_from, date_to, source)
    found = nearest_events(store, change_points(rows, column, penalty=penalty), partner.upper())
    return listing(found, partner=partner.upper(), freq=freq, column=column)


def _cycles(store: Any, months: int, window: int, responses: str) -> dict[str, Any]:
    from nkwatch.analytics.cycles import cycles

    return cycles(store, months=months, window_months=window, responses=responses)


@router.get("/cycles", tags=["analytics"], summary="Provocation → resolution → talks")
def cycles(
    store: StoreDep, months: Months = 6, window: Window = 12, responses: Responses = "sanctions"
) -> dict[str, Any]:
    return {"ok": True, "data": _cycles(store, months, window, responses)}


@router.get("/cycles.csv", tags=["analytics"], responses=CSV_RESPONSE)
def cycles_csv(
    store: StoreDep,
    view: View = "lags",
    months: Months = 6,
    window: Window = 12,
    responses: Responses = "sanctions",
) -> Response:
    return csv_response(_cycles(store, months, window, responses)[view], f"cycles-{view}")
