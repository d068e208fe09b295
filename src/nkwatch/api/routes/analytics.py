"""Event data analytics: DPRK–partner series, their change points, and the provocation cycle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
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


@dataclass(frozen=True)
class SeriesQuery:
    """The parameters of a dyad series, shared by its JSON, CSV and change-point routes."""

    partner: str
    freq: str
    date_from: str | None
    date_to: str | None
    source: list[str] | None

    def rows(self, store: Any) -> list[dict[str, Any]]:
        from nkwatch.analytics.dyads import dyads

        return dyads(
            store, self.partner, self.freq, date_from=self.date_from, date_to=self.date_to,
            sources=self.source,
        )  # fmt: skip


def series_query(
    partner: Partner,
    freq: Freq = "month",
    date_from: From = None,
    date_to: To = None,
    source: Sources = None,
) -> SeriesQuery:
    return SeriesQuery(partner, freq, date_from, date_to, source)


Series = Annotated[SeriesQuery, Depends(series_query)]


@router.get("/dyads", tags=["analytics"], summary="DPRK–partner cooperation and conflict")
def dyads(store: StoreDep, q: Series) -> dict[str, Any]:
    return listing(q.rows(store), partner=q.partner.upper(), freq=q.freq)


@router.get("/dyads.csv", tags=["analytics"], responses=CSV_RESPONSE)
def dyads_csv(store: StoreDep, q: Series) -> Response:
    return csv_response(q.rows(store), f"dyads-prk-{q.partner.lower()}-{q.freq}")


@router.get("/dyads/changes", tags=["analytics"], summary="Change points of a dyad series")
def dyad_changes(
    store: StoreDep,
    q: Series,
    column: Annotated[str, Query(max_length=40)] = "share",
    penalty: Annotated[float | None, Query(gt=0)] = None,
) -> dict[str, Any]:
    from nkwatch.analytics.changes import change_points, nearest_events

    partner = q.partner.upper()
    found = nearest_events(store, change_points(q.rows(store), column, penalty=penalty), partner)
    return listing(found, partner=partner, freq=q.freq, column=column)


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
