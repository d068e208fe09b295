"""The explorer's page "What Pyongyang says": term trends with the reader's own terms, KCNA
mentions of states by month and tone, key passages in Korean with a romanized reading,
exports and sources. One library call per section (:mod:`nkwatch.media.query`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from nkwatch.api.deps import StoreDep
from nkwatch.store import QueryError
from nkwatch.web import specs
from nkwatch.web.pages import render

router = APIRouter(include_in_schema=False)

DEFAULT_TERMS = "usa, nuclear, south-korea, self-reliance"
#: the data sets the page reads, as their compilers publish them
DATA_SOURCES = [
    {
        "title": "DPRK New Year addresses and joint editorials, 1946-2019 (Korean)",
        "url": "https://github.com/e9t/north-korea-new-years-speechs",
    },
    {
        "title": "KCNA English news archive of stiles/north-korea-news (2023-12 to 2024-11)",
        "url": "https://github.com/stiles/north-korea-news",
    },
]


def _try(fn: Any, *args: Any) -> tuple[Any, str | None]:
    try:
        return fn(*args), None
    except QueryError as exc:
        return [], str(exc)


@router.get("/media", response_class=HTMLResponse)
def media(
    request: Request,
    store: StoreDep,
    terms: Annotated[str, Query(max_length=200)] = DEFAULT_TERMS,
    source: Literal["new-year", "kcna"] = "new-year",
    freq: Literal["year", "month"] = "year",
    concept: Annotated[str, Query(max_length=60)] = "usa",
    month_from: Annotated[str | None, Query(max_length=7)] = None,
) -> HTMLResponse:
    from nkwatch.media import query

    wanted = [t.strip() for t in terms.split(",") if t.strip()][:8]
    summary = query.summary(store)
    rows, terms_error = _try(query.terms, store, wanted, source, freq)
    periods = sorted({r["period"] for r in rows})
    table = [
        {"period": p, **{r["term"]: r["per_10k"] for r in rows if r["period"] == p}}
        for p in periods
    ]
    q_csv = urlencode([("term", t) for t in wanted] + [("source", source), ("freq", freq)])
    charts = [
        specs.value_chart(
            f"term-{i}",
            f"{t} per 10,000 words ({source}, by {freq})",
            sorted((r["period"], r["per_10k"]) for r in rows if r["term"] == t),
            "per 10,000 words",
            csv=f"/api/media/terms.csv?{q_csv}",
            json=f"/api/media/terms?{q_csv}",
            sources=DATA_SOURCES,
        )
        for i, t in enumerate(wanted)
        if any(r["term"] == t for r in rows)
    ]
    mentions, mentions_error = _try(query.mentions, store, "kcna", "month", None, month_from)
    passages, passages_error = _try(query.passages, store, concept, source, None, None, 10)
    q_terms = urlencode([("term", t) for t in wanted] + [("source", source), ("freq", freq)])
    q_pass = urlencode({"concept": concept, "source": source, "limit": 10})
    return render(
        request,
        "media.html",
        summary=summary,
        terms=", ".join(wanted),
        wanted=wanted,
        source=source,
        freq=freq,
        concept=concept,
        table=table,
        charts=charts,
        terms_error=terms_error,
        mentions=mentions,
        mentions_error=mentions_error,
        passages=passages,
        passages_error=passages_error,
        concepts=query.concepts(),
        q_terms=q_terms,
        q_pass=q_pass,
        data_sources=DATA_SOURCES,
    )
