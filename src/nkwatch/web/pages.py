"""The explorer's pages: each one a library call and a template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from nkwatch.api.deps import StoreDep
from nkwatch.api.routes.records import country_page
from nkwatch.store import QueryError
from nkwatch.web import graphics, specs

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
Param = Annotated[str | None, Query(max_length=200)]


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {"page": name.removesuffix(".html"), **ctx}, status_code=status
    )


def problem(request: Request, exc: QueryError) -> Response:
    """A bad parameter or unknown id on a page: the error page (JSON for a client that
    asks for it, in the API's one error shape)."""
    from nkwatch.api.errors import error

    status = 404 if str(exc).startswith("unknown ") else 400
    return error(status, str(exc), request)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, message=message, status_code=status)


def _today() -> str:
    return dt.date.today().isoformat()


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference: Swagger UI served from /static/vendor (no CDN)."""
    return templates.TemplateResponse(request, "docs.html", {})


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> HTMLResponse:
    ov = store.overview()
    topics = store.topics()
    themes = [
        dict(t, topics=[s for s in topics if s["parent"] == t["id"]])
        for t in topics
        if t["parent"] is None
    ]
    counts = store.country_counts()
    resolutions = [
        a
        for a in store.agreements(kind="resolution")
        if any(p["id"] == "un-security-council" for p in a["parties"])
    ]
    recent = store.events()[-8:][::-1]
    return render(
        request,
        "overview.html",
        ov=ov,
        themes=themes,
        counts=counts,
        resolutions=len(resolutions),
        recent=recent,
    )


# /timeline, /record/{id} and /search: nkwatch.web.pages_data


def export_query(filters: dict[str, str | None]) -> str:
    """The query string of /api/events for the timeline's filters, each value URL-encoded
    (a '&' or '#' in a search is part of the search); the page's country is an actor there."""
    from urllib.parse import urlencode

    pairs = [
        ("actor" if k == "country" else k, v)
        for k, v in filters.items()
        if v and k in ("topic", "actor", "country", "type", "from", "to", "text")
    ]
    return urlencode(pairs)


def _dyad_chart(
    store: Any, country: str | None, date_from: str | None, date_to: str | None
) -> dict[str, Any] | None:
    """Cooperation and conflict between the DPRK and the chosen country: per month from each
    ingested event data source (one panel each, its coverage shaded), or, when none has
    events of the pair, per year from the curated record's own events (no state chosen, or
    no analytics extra: no chart)."""
    if not country:
        return None
    try:
        iso3 = store.resolve_actor(country)
        if len(iso3) != 3 or not iso3.isupper():
            return None
        from nkwatch.analytics.dyads import CURATED
        from nkwatch.sources import SOURCES

        span = {"date_from": date_from or None, "date_to": date_to or None}
        chart = specs.dyad_figure(store, iso3, "month", list(SOURCES), **span)
        if chart is None:
            chart = specs.dyad_figure(store, iso3, "year", [CURATED], **span)
    except (QueryError, ImportError):  # no such state; no analytics extra
        return None
    return chart


@router.get("/map", response_class=HTMLResponse)
def world_map(
    request: Request, store: StoreDep, date: Annotated[str | None, Query(max_length=10)] = None
) -> HTMLResponse:
    """The map page: its counts in words and the day's classes (a few KB of JSON); the
    outlines (270 KB, the same every day) come from /map/outlines.json, fetched and drawn by
    static/map.js and cached by the browser."""
    day = date or _today()
    try:
        rows = store.countries(as_of=day)
    except QueryError as exc:
        return problem(request, exc)
    w = graphics.world()
    data = graphics.map_data(rows, day)
    return render(
        request,
        "map.html",
        date=day,
        data=data,
        outlines_url=f"/map/outlines.json?v={graphics.outlines()[1]}",
        width=w["width"],
        height=w["height"],
        legend=graphics.STATUS_CLASSES,
        shared_note=graphics.SHARED_NOTE,
    )


@router.get("/map/outlines.json")
def map_outlines() -> Response:
    """Every outline of the world map, the same for every day: cached by the browser for a
    year (the page asks for it under its version, ?v=, so a new file is a new URL)."""
    body, _ = graphics.outlines()
    return Response(
        body,
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


@router.get("/map/data.json")
def map_data(
    store: StoreDep, date: Annotated[str | None, Query(max_length=10)] = None
) -> JSONResponse:
    """The map on one day (graphics.map_data): what static/map.js asks for when the slider
    or the date box changes the day; errors in the API's one JSON shape."""
    day = date or _today()
    try:
        rows = store.countries(as_of=day)
    except QueryError as exc:
        return JSONResponse({"ok": False, "error": str(exc), "status": 400}, status_code=400)
    return JSONResponse(graphics.map_data(rows, day))


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request, store: StoreDep, date: Annotated[str | None, Query(max_length=10)] = None
) -> HTMLResponse:
    day = date or _today()
    try:
        rels = store.relations(actor="PRK", as_of=day)
    except QueryError as exc:
        return problem(request, exc)
    return render(request, "network.html", date=day, graph=graphics.network(rels))


@router.get("/countries", response_class=HTMLResponse)
def countries(
    request: Request, store: StoreDep, as_of: Annotated[str | None, Query(max_length=10)] = None
) -> HTMLResponse:
    day = as_of or _today()
    try:
        rows = store.countries(as_of=day)
    except QueryError as exc:
        return problem(request, exc)
    from nkwatch.countries import counts

    return render(request, "countries.html", date=day, rows=rows, counts=counts(rows))


#: rows per page of the country page's tables (its events: 147 for the United States, 1.1 KB
#: each with their sources; the whole list is on the timeline and in the export)
COUNTRY_TABLES = {"relations": 25, "meetings": 10, "agreements": 10, "events": 25}
TablePage = Annotated[int, Query(ge=1, le=100_000)]


@router.get("/country/{iso3}", response_class=HTMLResponse)
def country(
    request: Request,
    store: StoreDep,
    iso3: str,
    relations: TablePage = 1,
    meetings: TablePage = 1,
    agreements: TablePage = 1,
    events: TablePage = 1,
) -> HTMLResponse:
    """A state and the DPRK: its status, its UN votes, its tables a page at a time (each its
    own page number: ?events=3) and a slot for the cooperation–conflict series, which
    static/charts-later.js fetches from /country/{iso3}/dyad once the page has loaded (its
    query is the slowest part of the page)."""
    try:
        data = country_page(store, iso3)
    except QueryError as exc:
        return problem(request, exc)
    from nkwatch.web.pages_alignment import country_alignment

    at = {"relations": relations, "meetings": meetings, "agreements": agreements, "events": events}
    tables = {
        name: _table_page(data[name], at[name], size, at, name, f"/country/{data['id']}")
        for name, size in COUNTRY_TABLES.items()
    }
    return render(
        request,
        "country.html",
        c=data,
        tables=tables,
        un=country_alignment(store, data["id"]),
    )


def _table_page(
    rows: list[Any], page: int, size: int, at: dict[str, int], param: str, path: str
) -> dict[str, Any]:
    """One page of a table and its pager, whose links keep the other tables' pages and land
    on the table (#param)."""
    from nkwatch.web.pages_data import _pager

    pager = _pager(len(rows), page, size, at, param=param)
    for key in ("prev", "next"):
        if pager[key]:
            pager[key] = path + pager[key].rstrip("?") + "#" + param
    return {"rows": rows[(page - 1) * size : page * size], "pager": pager}


@router.get("/country/{iso3}/dyad", response_class=HTMLResponse)
def country_dyad(
    request: Request, store: StoreDep, iso3: str, fragment: bool = False
) -> HTMLResponse:
    """The country's cooperation–conflict series: the fragment its page fetches once loaded,
    or a page of its own (the page's link without JavaScript)."""
    found = store._dicts(
        "SELECT id, name FROM actors WHERE id = ? AND type = 'state'", [iso3.upper()]
    )
    if not found:
        return problem(
            request,
            QueryError(f"unknown state {iso3!r}: use an ISO 3166 alpha-3 code such as SWE"),
        )
    c = found[0]
    return render(
        request,
        "country_dyad.html" if fragment else "country_dyad_page.html",
        c=c,
        dyad=_country_dyads(store, c["id"]),
    )


def _country_dyads(store: Any, iso3: str) -> dict[str, Any] | None:
    """The country's cooperation–conflict series per year from every source that has events
    of the pair: the event data ingested and the curated record, each source's coverage
    shaded (without the analytics extra: none)."""
    try:
        from nkwatch.analytics.dyads import CURATED
        from nkwatch.sources import SOURCES

        return specs.dyad_figure(store, iso3, "year", [*SOURCES, CURATED])
    except (QueryError, ImportError):
        return None


@router.get("/actors", response_class=HTMLResponse)
def actors(
    request: Request, store: StoreDep, type: Param = None, text: Param = None
) -> HTMLResponse:
    try:
        rows = store.actors(type=type or None, text=text or None)
    except QueryError as exc:
        return problem(request, exc)
    return render(request, "actors.html", rows=rows, type=type, text=text)


@router.get("/actor/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, store: StoreDep, actor_id: str) -> HTMLResponse:
    try:
        a = store.actor(actor_id)
    except QueryError as exc:
        return problem(request, exc)
    if a["type"] == "state":
        return country(request, store, a["id"])
    return render(request, "actor.html", a=a)


@router.get("/topics", response_class=HTMLResponse)
def topics(request: Request, store: StoreDep) -> HTMLResponse:
    rows = store.topics()
    themes = [
        dict(t, topics=[s for s in rows if s["parent"] == t["id"]])
        for t in rows
        if t["parent"] is None
    ]
    return render(request, "topics.html", themes=themes)


@router.get("/topic/{topic_id}", response_class=HTMLResponse)
def topic(request: Request, store: StoreDep, topic_id: str) -> HTMLResponse:
    try:
        t = store.topic(topic_id)
    except QueryError as exc:
        return problem(request, exc)
    return render(request, "topic.html", t=t)


@router.get("/sanctions", response_class=HTMLResponse)
def sanctions(request: Request, store: StoreDep) -> HTMLResponse:
    agreements = store.agreements()
    unsc = [a for a in agreements if any(p["id"] == "un-security-council" for p in a["parties"])]
    other = [a for a in agreements if a not in unsc and a["measures"]]
    us = [a for a in agreements if a["kind"] in ("law", "executive-order")]
    return render(
        request, "sanctions.html", unsc=unsc, us=us, other=[a for a in other if a not in us]
    )


@router.get("/charts", response_class=HTMLResponse)
def charts(request: Request, store: StoreDep) -> HTMLResponse:
    return render(
        request,
        "charts.html",
        series=[specs.series_chart(s) for s in store.series()],
        per_year=specs.events_per_year(store.events()),
    )
