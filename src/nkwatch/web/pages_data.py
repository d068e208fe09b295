"""The explorer's pages over everything the store holds: the timeline (curated events and
the event-data layers, the table following the zoomed window a page at a time), event and
report pages, the missile browser, sanctions-list entities and search across all of it.
Each page is a library call and a template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from nkwatch import event_detail, missiles, reports, timeline
from nkwatch.api.deps import StoreDep
from nkwatch.lists import entity as list_entity
from nkwatch.store import QueryError
from nkwatch.web import sitemap, specs, specs_missiles
from nkwatch.web.pages import _dyad_chart, actor, export_query, problem, render

router = APIRouter(include_in_schema=False)
Param = Annotated[str | None, Query(max_length=200)]
LayerParam = Annotated[list[str] | None, Query(max_length=4)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
PAGE = 50
STATIC = Path(__file__).resolve().parent / "static"


def _pager(
    total: int, page: int, size: int, base: dict[str, Any], param: str = "page"
) -> dict[str, Any]:
    """Page links (``param`` = page number) that keep the page's other parameters."""
    pages = max(1, -(-total // size))

    def href(n: int) -> str:
        pairs = [(k, v) for k, v in base.items() if v not in (None, "", [], 1) and k != param]
        flat = [(k, x) for k, v in pairs for x in (v if isinstance(v, list) else [v])]
        return "?" + urlencode(flat + ([(param, n)] if n > 1 else []))

    past = page > pages  # a page after the last: nothing on it, a link back to the last
    return {
        "page": page,
        "pages": pages,
        "total": total,
        "first": 0 if past or not total else (page - 1) * size + 1,
        "last": 0 if past else min(page * size, total),
        "prev": href(min(page - 1, pages)) if page > 1 else None,
        "prev_page": min(page - 1, pages),
        "next": href(page + 1) if page < pages else None,
    }


def _layer_choices(store: Any) -> list[dict[str, Any]]:
    present = set(reports.sources_present(store.con))
    return [
        {"id": k, "name": reports.DATASETS[v]["name"], "present": v in present}
        for k, v in reports.LAYERS.items()
    ]


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    store: StoreDep,
    topic: Param = None,
    actor: Param = None,
    country: Param = None,
    type: Param = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    text: Param = None,
    layer: LayerParam = None,
    page: PageNo = 1,
) -> HTMLResponse:
    filters = {"topic": topic, "actor": actor, "country": country, "type": type,
               "from": date_from, "to": date_to, "text": text}  # fmt: skip
    layers = [x for x in layer or [] if x]
    try:
        curated = _curated_all(store, filters)
        win = timeline.window(
            store, filters, layers, offset=(page - 1) * PAGE, limit=PAGE, curated=curated
        )
    except QueryError as exc:
        return problem(request, exc)
    query = export_query(filters)
    filter_query = urlencode([(k, v) for k, v in filters.items() if v])
    api_query = urlencode(
        [(k, v) for k, v in filters.items() if v] + [("layer", x) for x in win["layers"]]
    )
    return render(
        request,
        "timeline.html",
        dyad_query=urlencode(
            [(k, v) for k, v in (("country", country), ("from", date_from), ("to", date_to)) if v]
        ),
        window=win,
        rows=win["rows"],
        total=win["total"],
        curated_count=len(curated),
        pager=_pager(win["total"], page, PAGE, {**filters, "layer": win["layers"]}),
        layers=_layer_choices(store),
        chosen=win["layers"],
        layer_dropped=bool(layers)
        and not win["layers"]
        and any(filters[k] for k in ("topic", "type", "actor", "text")),
        filters=filters,
        query=query,
        api_query=api_query,
        filter_query=filter_query,
        topics=_topic_choices(store),
        types=store.event_types(),
        people=_actor_choices(store, "person") + _actor_choices(store, "organization"),
        states=_actor_choices(store, "state"),
        per_year=specs.events_per_year(curated, query),
    )


@router.get("/timeline/dyad", response_class=HTMLResponse)
def timeline_dyad(
    request: Request,
    store: StoreDep,
    country: Param = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    fragment: bool = False,
) -> HTMLResponse:
    """The timeline's cooperation–conflict series with its country: the fragment the page
    fetches once it has loaded (the series' query is the slowest part of the page), or a page
    of its own."""
    return render(
        request,
        "timeline_dyad.html" if fragment else "timeline_dyad_page.html",
        dyad=_dyad_chart(store, country, date_from, date_to),
        filters={"country": country},
    )


def _topic_choices(store: Any) -> list[dict[str, Any]]:
    """The outline's themes and topics for a select (ids, titles, parents; no counts)."""
    return store._dicts(
        "SELECT t.id, t.title, t.parent FROM topics t LEFT JOIN topics p ON p.id = t.parent "
        "ORDER BY coalesce(p.ord, t.ord), t.parent NULLS FIRST, t.ord"
    )


def _actor_choices(store: Any, kind: str) -> list[dict[str, Any]]:
    return store._dicts("SELECT id, name FROM actors WHERE type = ? ORDER BY name", [kind])


def _curated_all(store: Any, filters: dict[str, str | None]) -> list[dict[str, Any]]:
    actors = [a for a in (filters.get("actor"), filters.get("country")) if a]
    return store.events(
        topic=filters.get("topic") or None,
        type=filters.get("type") or None,
        text=filters.get("text") or None,
        actor=actors or None,
        date_from=filters.get("from") or None,
        date_to=filters.get("to") or None,
    )


@router.get("/record/{record_id}", response_class=HTMLResponse)
def record(request: Request, store: StoreDep, record_id: str) -> HTMLResponse:
    """Any record by id: events and ingested reports have pages of their own; actors open
    their actor or country page; the other records list their fields."""
    found_report = reports.report(store.con, record_id) if ":" in record_id else None
    if found_report is not None:
        return report_page(request, store, found_report)
    try:
        found = store.record(record_id)
    except QueryError as exc:
        return problem(request, exc)
    if found["type"] == "actor":
        return actor(request, store, record_id)
    if found["type"] == "event":
        return event_page(request, store, found["data"])
    return render(request, "record.html", kind=found["type"], r=found["data"])


def _url(request: Request, path: str) -> str:
    return str(request.base_url).rstrip("/") + path


def event_page(request: Request, store: Any, e: dict[str, Any]) -> HTMLResponse:
    url = _url(request, f"/record/{e['id']}")
    day = e["date"] if len(e["date"] or "") == 10 else None
    return render(
        request,
        "event.html",
        e=e,
        cameo=event_detail.explain_cameo(e["cameo_code"], e["goldstein"], e["quad_class"]),
        topics=event_detail.topic_titles(store, e["topics"] or []),
        agreements=event_detail.agreements_of(store, e["id"]),
        related=event_detail.related(store, e),
        nearby=reports.around(store.con, day, days=1) if day else [],
        url=url,
        citation=event_detail.citation(e["title"], e["date"], url),
    )


def report_page(request: Request, store: Any, r: dict[str, Any]) -> HTMLResponse:
    url = _url(request, f"/record/{r['id']}")
    curated = store.events(date_from=r["date"], date_to=r["date"])
    return render(
        request,
        "report.html",
        r=r,
        cameo=event_detail.explain_cameo(r["cameo_code"], r["goldstein"], r["quad_class"]),
        nearby=reports.around(store.con, r["date"], days=1, exclude=r["id"]),
        curated=curated[:12],
        url=url,
        citation=event_detail.citation(
            r["title"], r["date"], url, kind=f"{r['dataset']['name']} report"
        )
        + f" Data: {r['dataset']['citation']}.",
        file_name=Path(r["file"] or "").name,
    )


@router.get("/missiles", response_class=HTMLResponse)
def missiles_page(
    request: Request,
    store: StoreDep,
    missing: Annotated[str | None, Query(max_length=10)] = None,
    source: Annotated[str | None, Query(max_length=10)] = None,
    page: PageNo = 1,
    dpage: PageNo = 1,
) -> HTMLResponse:
    """The three sources side by side: counts per year and leader, sites, the days they
    disagree on (``missing``: cns, csis, curated or any; by default the two catalogues,
    CNS and CSIS), and one source's entries a page at a time (``source``)."""
    b = missiles.browse(store)
    choice = missing if missing in ("cns", "csis", "curated", "any") else "catalogues"
    wanted = {"catalogues": {"cns", "csis"}, "any": set(missiles.SOURCES)}.get(choice, {choice})
    disagree = [g for g in b["groups"] if wanted & set(g["missing"])]
    src = source if source in missiles.SOURCES else "cns"
    rows = b["entries"][src]
    base = {"missing": missing, "source": source, "page": page, "dpage": dpage}
    listing = {
        "source": src,
        "rows": rows[(page - 1) * PAGE : page * PAGE],
        "pager": _pager(len(rows), page, PAGE, base),
    }
    dpager = _pager(len(disagree), dpage, PAGE, base, param="dpage")
    return render(
        request,
        "missiles.html",
        b=b,
        names=missiles.SOURCE_NAMES,
        choice=choice,
        disagree=disagree[(dpage - 1) * PAGE : dpage * PAGE],
        disagree_total=len(disagree),
        dpager=dpager,
        listing=listing,
        has_data=bool(b["entries"]["cns"] or b["entries"]["csis"]),
        per_year=specs_missiles.per_year_chart(b["per_year"], b["spans"]),
        site_map=sitemap.site_map(b["sites"]),
    )


@router.get("/list-entity/{list_name}/{list_id}", response_class=HTMLResponse)
def list_entity_page(
    request: Request, store: StoreDep, list_name: str, list_id: str
) -> HTMLResponse:
    try:
        e = list_entity.entity(store.con, list_name, list_id)
    except QueryError as exc:
        return problem(request, exc)
    url = _url(request, f"/list-entity/{list_name}/{list_id}")
    return render(
        request,
        "list_entity.html",
        e=e,
        url=url,
        citation=event_detail.citation(
            f"{e['name']} ({e['list_id']})", e.get("listed"), url, kind=f"{e['list_name']} entry"
        ),
        files=[Path(p).name for c in e["copies"] for p in c["paths"] or []],
    )


@router.get("/list-entities", response_class=HTMLResponse)
def list_entities_page(
    request: Request,
    store: StoreDep,
    list_name: Annotated[str | None, Query(alias="list", max_length=20)] = None,
    q: Param = None,
    every: Annotated[bool, Query(alias="all")] = False,
    page: PageNo = 1,
) -> HTMLResponse:
    rows, total = list_entity.entities(
        store.con,
        list_name=list_name or None,
        q=q or None,
        dprk_only=not every,
        limit=PAGE,
        offset=(page - 1) * PAGE,
    )
    return render(
        request,
        "list_entities.html",
        rows=rows,
        total=total,
        list_name=list_name or "",
        text=q or "",
        every=every,
        lists=list_entity.LIST_NAMES,
        pager=_pager(
            total, page, PAGE, {"list": list_name, "q": q, "all": "true" if every else None}
        ),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    q: Param = None,
    kind: Annotated[str | None, Query(max_length=20)] = None,
    page: PageNo = 1,
) -> HTMLResponse:
    from nkwatch.search import KINDS, search

    if not q or not q.strip():
        return render(request, "search.html", q=q or "", results=None, kind=None)
    size = PAGE if kind else 20
    try:
        found = search(store, q, kind=kind or None, limit=size, offset=(page - 1) * size)
    except QueryError as exc:
        return problem(request, exc)
    pager = None
    if kind:
        pager = _pager(found["totals"][kind], page, size, {"q": q, "kind": kind})
    return render(
        request,
        "search.html",
        q=q,
        results=found["groups"],
        totals=found["totals"],
        n=sum(found["totals"].values()),
        kind=kind if kind in KINDS else None,
        pager=pager,
        size=size,
    )
