"""The explorer's "Isolation and alignment" page: the isolation series as small charts with
their sources, the DPRK's closest and most distant voting partners, and the human-rights
votes with who voted no; every table exportable (the API's CSV and JSON)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from nkwatch.api.deps import StoreDep
from nkwatch.store import QueryError
from nkwatch.web import graphics, specs
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


#: agreement with the DPRK (share of common roll calls) -> fill of the map, lowest first
BUCKETS = (
    (0.2, "#f1eef6", "under 20%"),
    (0.4, "#bdc9e1", "20-40%"),
    (0.6, "#74a9cf", "40-60%"),
    (0.8, "#2b8cbe", "60-80%"),
    (1.01, "#045a8d", "80% or more"),
)
NO_VOTES = "#e0e0e0"
DPRK_FILL = "#c0392b"
UN_SOURCE = "UN General Assembly roll-call votes (Voeten et al., Harvard Dataverse; unvotes)"


def _fill(agreement: float | None) -> str:
    if agreement is None:
        return NO_VOTES
    return next(colour for top, colour, _ in BUCKETS if agreement < top)


def agreement_map(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The world map's outlines filled by each state's agreement with the DPRK (``rows`` from
    :func:`~nkwatch.analytics.alignment.alignment`); an outline whose state did not vote in
    the period takes a former state's figure (the Soviet Union's on Russia's outline ...)."""
    by = {r["country"]: r for r in rows}
    for former, outlines in graphics.FORMER_SHAPES.items():
        if former in by:
            for outline in outlines:
                by.setdefault(outline, by[former])
    w = graphics.world()
    shapes = []
    for iso3, shape in w["countries"].items():
        r = by.get(iso3)
        if iso3 == "PRK":
            fill, label = DPRK_FILL, "North Korea"
        elif r is None:
            fill, label = NO_VOTES, f"{shape['name']}: no common roll calls"
        else:
            fill = _fill(r["agreement"])
            label = f"{r['name']}: {r['agreement'] * 100:.0f}% of {r['votes']} roll calls"
        shapes.append({"id": iso3, "d": shape["d"], "fill": fill, "label": label,
                       "href": f"/country/{r['country']}" if r else None})  # fmt: skip
    legend = [{"fill": c, "label": lab} for _, c, lab in BUCKETS]
    legend.append({"fill": NO_VOTES, "label": "no common roll calls"})
    return {"width": w["width"], "height": w["height"], "shapes": shapes, "legend": legend}


def country_alignment(store: Any, iso3: str) -> dict[str, Any] | None:
    """The country page's UN voting series: agreement with the DPRK per year (a small chart
    and the figures), or None when no UN votes are ingested or the two never voted together."""
    from nkwatch.analytics.alignment import alignment

    iso = iso3.strip().upper()
    if iso == "PRK":
        return None
    try:
        rows = alignment(store, partner=iso, freq="year")
    except QueryError:
        return None
    if not rows:
        return None
    points = [(str(r["year"]), r["agreement"] * 100) for r in rows]
    weighted = sum(r["agreement"] * r["votes"] for r in rows) / sum(r["votes"] for r in rows)
    csv, json = (
        f"/api/alignment.csv?partner={iso}&freq=year",
        f"/api/alignment?partner={iso}&freq=year",
    )
    return {
        "rows": rows,
        "chart": specs.value_chart(
            "un-alignment-chart",
            f"Agreement with the DPRK in the UN General Assembly, {points[0][0]}–{points[-1][0]}",
            points,
            "%",
            note=f"Source: {UN_SOURCE}. Per calendar year; S score and Cohen's kappa in the CSV.",
            csv=csv,
            json=json,
        ),
        "first": rows[0]["year"],
        "last": rows[-1]["year"],
        "mean": round(weighted * 100, 1),
        "csv": csv,
        "json": json,
        "source": UN_SOURCE,
    }


def _year(text: str | None, default: int, name: str) -> int:
    if text is None or not text.strip():
        return default
    try:
        year = int(text.strip()[:4])
    except ValueError:
        raise QueryError(f"{name} {text!r} is not a year YYYY: use e.g. 2010") from None
    if not 1946 <= year <= 2100:
        raise QueryError(f"{name} {year} is outside the UN votes (1946 on): use e.g. 2010")
    return year


def _period(date_from: str | None, date_to: str | None) -> tuple[int, int]:
    """The page's period of whole years (default 2010-2019)."""
    lo, hi = _year(date_from, 2010, "from"), _year(date_to, 2019, "to")
    if lo > hi:
        raise QueryError(f"the period is empty: from {lo} is after to {hi}")
    return lo, hi


@router.get("/isolation", response_class=HTMLResponse)
def isolation_page(
    request: Request,
    store: StoreDep,
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
) -> HTMLResponse:
    """The isolation series, the period's voting partners and the human-rights votes. The
    period's world map of agreement (the outlines of every state: most of the page's weight)
    is fetched once the page has loaded (:func:`isolation_map`)."""
    from nkwatch.analytics.alignment import alignment, votes_about
    from nkwatch.analytics.isolation import isolation
    from nkwatch.web.pages import problem

    try:
        lo, hi = _period(date_from, date_to)
    except QueryError as exc:
        return problem(request, exc)
    try:
        about = votes_about(store)
        period = alignment(store, date_from=str(lo), date_to=str(hi))
    except QueryError:  # no UN votes ingested: the network series only
        about, period = None, []
    rows = isolation(store, about=about)
    partners = [r for r in period if r["votes"] >= 100]
    hr = [
        dict(r, against=sorted(k for k, v in r["votes"].items() if v == "no" and k != "PRK"))
        for r in about or []
        if r["human_rights"]
    ]
    return render(
        request,
        "isolation.html",
        series=_series(rows),
        closest=partners[:10],
        distant=partners[-5:][::-1],
        hr=hr,
        has_votes=bool(period or about),
        period={"from": lo, "to": hi},
        has_map=bool(period),
        un_source=UN_SOURCE,
    )


@router.get("/isolation/map", response_class=HTMLResponse)
def isolation_map(
    request: Request,
    store: StoreDep,
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    fragment: bool = False,
) -> HTMLResponse:
    """The world map of UN agreement with the DPRK over a period: the fragment the isolation
    page fetches once it has loaded, or (``fragment`` false) a page of its own, which the
    page links to for readers without JavaScript."""
    from nkwatch.analytics.alignment import alignment
    from nkwatch.web.pages import problem

    try:
        lo, hi = _period(date_from, date_to)
    except QueryError as exc:
        return problem(request, exc)
    try:
        period = alignment(store, date_from=str(lo), date_to=str(hi))
    except QueryError:  # no UN votes ingested
        period = []
    return render(
        request,
        "_isolation_map.html" if fragment else "isolation_map.html",
        period={"from": lo, "to": hi},
        amap=agreement_map(period) if period else None,
        un_source=UN_SOURCE,
    )
