"""The explorer's "Isolation and alignment" page: the isolation series as small charts with
their sources, the DPRK's closest and most distant voting partners, and the human-rights
votes with who voted no; every table exportable (the API's CSV and JSON)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from nkwatch.api.deps import StoreDep
from nkwatch.store import QueryError
from nkwatch.web import specs
from nkwatch.web.pages import render

router = APIRouter(include_in_schema=False)

#: (column, title, scale): agreement shares are drawn as percentages
SERIES = (
    ("relations", "States with diplomatic relations (certain)", 1, "network"),
    ("embassies_in_pyongyang", "Resident embassies in Pyongyang (certain)", 1, "network"),
    ("dprk_embassies_abroad", "DPRK resident embassies abroad (certain)", 1, "network"),
    ("un_median", "UN agreement with the median member (%)", 100, "un"),
    ("un_CHN", "UN agreement with China (%)", 100, "un"),
    ("un_USA", "UN agreement with the United States (%)", 100, "un"),
    ("hr_yes", "Votes for the human-rights resolutions on the DPRK", 1, "un"),
    ("mids", "Militarised disputes begun (COW MID)", 1, "mids"),
)

#: the y axis of each series
UNITS = {
    "relations": "states",
    "embassies_in_pyongyang": "embassies",
    "dprk_embassies_abroad": "embassies",
    "hr_yes": "votes",
    "mids": "disputes",
}


def _series(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from nkwatch.analytics.isolation import SOURCES

    out = []
    for col, title, scale, source in SERIES:
        points = [(str(r["year"]), float(r[col]) * scale) for r in rows if r[col] is not None]
        if not points:
            continue
        out.append(
            specs.value_chart(
                col,
                f"{title}, {points[0][0]}–{points[-1][0]}",
                points,
                UNITS.get(col, "%" if col.startswith("un_") else "count"),
                note=f"Source: {SOURCES[source]}",
                csv="/api/isolation.csv",
                json="/api/isolation",
            )
        )
    return out


@router.get("/isolation", response_class=HTMLResponse)
def isolation_page(request: Request, store: StoreDep) -> HTMLResponse:
    from nkwatch.analytics.alignment import alignment, votes_about
    from nkwatch.analytics.isolation import isolation

    rows = isolation(store)
    try:
        partners = alignment(store, date_from="2010", date_to="2019", min_votes=100)
        about = votes_about(store)
    except QueryError:  # no UN votes ingested: the network series only
        partners, about = [], []
    hr = [
        dict(r, against=sorted(k for k, v in r["votes"].items() if v == "no" and k != "PRK"))
        for r in about
        if r["human_rights"]
    ]
    return render(
        request,
        "isolation.html",
        series=_series(rows),
        closest=partners[:10],
        distant=partners[-5:][::-1],
        hr=hr,
        has_votes=bool(partners or about),
    )
