"""What Pyongyang says: term counts, mentions of states and their tone, rising words, key
passages and mentions beside the curated events, over the New Year addresses and KCNA.
The same numbers as ``nkwatch media ...`` (both call :mod:`nkwatch.media.query`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from nkwatch.api.deps import CSV_RESPONSE, DateParam, StoreDep, csv_response, listing
from nkwatch.api.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/media", responses=ERROR_RESPONSES, tags=["media"])

SourceP = Literal["new-year", "kcna"]
FreqP = Literal["year", "month"]
From = Annotated[DateParam, Query(alias="from")]
To = Annotated[DateParam, Query(alias="to")]
Terms = Annotated[
    list[Annotated[str, Query(min_length=1, max_length=60)]],
    Query(
        alias="term",
        max_length=12,
        description="Concept ids (usa, nuclear) or words as written (핵무력, sanctions); repeat.",
    ),
]
Concepts = Annotated[
    list[Annotated[str, Query(min_length=1, max_length=40)]] | None,
    Query(alias="concept", max_length=20, description="Only these concepts (default: states)."),
]
Period = Annotated[
    str, Query(min_length=4, max_length=21, description="FROM..TO (1946..1994) or one period.")
]
Partner = Annotated[
    str, Query(min_length=3, max_length=3, description="The state, ISO 3166 alpha-3 (USA).")
]
Concept = Annotated[str, Query(min_length=1, max_length=60, description="Concept id or word.")]
Limit = Annotated[int, Query(ge=1, le=200)]
Width = Annotated[int, Query(ge=40, le=1000)]
Top = Annotated[int, Query(ge=1, le=200)]


def _q() -> Any:
    from nkwatch.media import query

    return query


@router.get("/concepts", summary="The concept dictionary")
def concepts(
    kind: Literal["state", "bloc", "theme"] | None = None,
) -> dict[str, Any]:
    return listing(_q().concepts(kind))


@router.get("/texts", summary="The texts in the store (or a summary per source)")
def texts(
    store: StoreDep, source: SourceP | None = None, kind: Annotated[str | None, Query(
        max_length=40)] = None,
) -> dict[str, Any]:  # fmt: skip
    if source or kind:
        return listing(_q().texts(store, source, kind))
    return listing(_q().summary(store))


def _terms(store: Any, term: list[str], source: str, freq: str, f: Any, t: Any) -> list[Any]:
    return _q().terms(store, term, source, freq, f, t)


@router.get("/terms", summary="Term counts per period (count, per 10,000 words)")
def terms(
    store: StoreDep, term: Terms, source: SourceP = "new-year", freq: FreqP = "year",
    date_from: From = None, date_to: To = None,
) -> dict[str, Any]:  # fmt: skip
    rows = _terms(store, term, source, freq, date_from, date_to)
    return listing(rows, source=source, freq=freq)


@router.get("/terms.csv", responses=CSV_RESPONSE)
def terms_csv(
    store: StoreDep, term: Terms, source: SourceP = "new-year", freq: FreqP = "year",
    date_from: From = None, date_to: To = None,
) -> Response:  # fmt: skip
    return csv_response(_terms(store, term, source, freq, date_from, date_to), f"terms-{source}")


@router.get("/mentions", summary="Mentions of states per period, with tone")
def mentions(
    store: StoreDep, source: SourceP = "kcna", freq: FreqP = "month",
    concept: Concepts = None, date_from: From = None, date_to: To = None,
) -> dict[str, Any]:  # fmt: skip
    rows = _q().mentions(store, source, freq, concept, date_from, date_to)
    return listing(rows, source=source, freq=freq)


@router.get("/mentions.csv", responses=CSV_RESPONSE)
def mentions_csv(
    store: StoreDep, source: SourceP = "kcna", freq: FreqP = "month",
    concept: Concepts = None, date_from: From = None, date_to: To = None,
) -> Response:  # fmt: skip
    rows = _q().mentions(store, source, freq, concept, date_from, date_to)
    return csv_response(rows, f"mentions-{source}-{freq}")


@router.get("/keyness", summary="Words rising and falling between two periods")
def keyness(
    store: StoreDep, a: Period, b: Period, source: SourceP = "new-year", top: Top = 20
) -> dict[str, Any]:
    return listing(_q().keyness(store, source, a, b, top), source=source, a=a, b=b)


@router.get("/keyness.csv", responses=CSV_RESPONSE)
def keyness_csv(
    store: StoreDep, a: Period, b: Period, source: SourceP = "new-year", top: Top = 20
) -> Response:
    return csv_response(_q().keyness(store, source, a, b, top), f"keyness-{source}")


@router.get("/passages", summary="Key passages carrying a concept")
def passages(
    store: StoreDep, concept: Concept, source: SourceP = "new-year", date_from: From = None,
    date_to: To = None, limit: Limit = 20, width: Width = 160,
) -> dict[str, Any]:  # fmt: skip
    rows = _q().passages(store, concept, source, date_from, date_to, limit, width)
    return listing(rows, source=source, concept=concept)


@router.get("/passages.csv", responses=CSV_RESPONSE)
def passages_csv(
    store: StoreDep, concept: Concept, source: SourceP = "new-year", date_from: From = None,
    date_to: To = None, limit: Limit = 20, width: Width = 160,
) -> Response:  # fmt: skip
    rows = _q().passages(store, concept, source, date_from, date_to, limit, width)
    return csv_response(rows, f"passages-{source}")


@router.get("/versus", summary="Mentions of a state and their tone beside the curated events")
def versus(
    store: StoreDep, partner: Partner, source: SourceP = "kcna", freq: FreqP = "month",
    date_from: From = None, date_to: To = None,
) -> dict[str, Any]:  # fmt: skip
    rows = _q().versus(store, partner, source, freq, date_from, date_to)
    return listing(rows, partner=partner.upper(), source=source, freq=freq)


@router.get("/versus.csv", responses=CSV_RESPONSE)
def versus_csv(
    store: StoreDep, partner: Partner, source: SourceP = "kcna", freq: FreqP = "month",
    date_from: From = None, date_to: To = None,
) -> Response:  # fmt: skip
    rows = _q().versus(store, partner, source, freq, date_from, date_to)
    return csv_response(rows, f"versus-{partner.lower()}-{source}")
