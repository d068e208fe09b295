"""The explorer's charts as data: the Vega-Lite spec of each chart (the same dict the pages
draw) and the series' observations as CSV."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from nkwatch.api.deps import CSV_RESPONSE, StoreDep, csv_response
from nkwatch.api.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
SeriesId = Annotated[str | None, Query(max_length=120, description="One series (its id).")]


@router.get("/series.csv", tags=["series"], responses=CSV_RESPONSE)
def series_csv(store: StoreDep, id: SeriesId = None) -> Response:
    """One row per observation: the series, its unit, the date and the value."""
    rows = [
        {"series": s["id"], "title": s["title"], "unit": s["unit"], "date": o["date"],
         "value": o["value"]}
        for s in store.series(id or None)
        for o in s["observations"]
    ]  # fmt: skip
    return csv_response(rows, f"series-{id}" if id else "series")


def _chart(chart: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "title", "spec", "sources", "coverage", "csv", "json")
    return {"ok": True, "data": {k: chart[k] for k in keys if k in chart}}


@router.get("/charts/series/{series_id}", tags=["charts"], summary="A series' chart spec")
def series_chart(store: StoreDep, series_id: Annotated[str, Path(max_length=120)]) -> dict:
    """The Vega-Lite spec the explorer draws for one series, with its sources and downloads."""
    from nkwatch.web.specs import series_chart as build

    return _chart(build(store.series(series_id)[0]))


@router.get("/charts/dyads", tags=["charts"], summary="A dyad chart spec, one panel a source")
def dyads_chart(
    store: StoreDep,
    partner: Annotated[str, Query(min_length=3, max_length=3, description="ISO alpha-3")],
    freq: Literal["year", "month", "week"] = "year",
) -> dict:
    """The Vega-Lite spec of the DPRK–partner chart of the country page: one panel per source
    with events of the pair (the ingested event data and the curated record), each source's
    coverage shaded."""
    from nkwatch.analytics.dyads import CURATED, check_partner
    from nkwatch.sources import SOURCES
    from nkwatch.web.specs import dyad_figure

    iso = check_partner(store, partner, freq)
    chart = dyad_figure(store, iso, freq, [*SOURCES, CURATED])
    if chart is None:
        return {"ok": True, "data": None}
    return _chart(chart)
