"""Actors, relations, topics, claims, sources, agreements, series, search, overview."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from nkwatch.api.deps import (
    CSV_RESPONSE,
    Cursor,
    DateParam,
    Ref,
    StoreDep,
    Text,
    csv_response,
    decode_cursor,
    encode_cursor,
    listing,
)
from nkwatch.api.errors import ERROR_RESPONSES
from nkwatch.schema import vocab

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
Id = Annotated[str, Path(max_length=120)]
#: the schema's vocabularies (nkwatch.schema): a value outside them is a 400 listing them
ActorType = vocab.ActorType
Verdict = vocab.Verdict
Level = vocab.SourceLevel
RelationKind = vocab.RelationKind
AgreementKind = vocab.AgreementKind


@router.get("/overview", tags=["overview"], summary="What the store holds")
def overview(store: StoreDep) -> dict[str, Any]:
    ov = store.overview()
    ov.pop("path", None)
    return {"ok": True, "data": ov}


@router.get("/actors", tags=["actors"], summary="Actors: states, people, organizations")
def actors(store: StoreDep, type: ActorType | None = None, text: Text = None) -> dict[str, Any]:
    return listing(store.actors(type=type, text=text))


@router.get("/actors.csv", tags=["actors"], responses=CSV_RESPONSE)
def actors_csv(store: StoreDep, type: ActorType | None = None, text: Text = None) -> Response:
    return csv_response(store.actors(type=type, text=text), "actors")


@router.get("/actors/{actor_id}", tags=["actors"], summary="One actor with relations and events")
def actor(store: StoreDep, actor_id: Id) -> dict[str, Any]:
    return {"ok": True, "data": store.actor(actor_id)}


@router.get("/relations", tags=["relations"], summary="Relations, optionally as of a date")
def relations(
    store: StoreDep, actor: Ref = None, kind: RelationKind | None = None, as_of: DateParam = None
) -> dict[str, Any]:
    return listing(store.relations(actor=actor, kind=kind, as_of=as_of))


@router.get("/relations.csv", tags=["relations"], responses=CSV_RESPONSE)
def relations_csv(
    store: StoreDep, actor: Ref = None, kind: RelationKind | None = None, as_of: DateParam = None
) -> Response:
    return csv_response(store.relations(actor=actor, kind=kind, as_of=as_of), "relations")


@router.get("/countries", tags=["countries"], summary="Every state's relation with the DPRK")
def countries(store: StoreDep, as_of: DateParam = None) -> dict[str, Any]:
    rows = store.countries(as_of=as_of)
    from nkwatch.countries import counts

    return listing(rows, counts=counts(rows))


@router.get("/countries.csv", tags=["countries"], responses=CSV_RESPONSE)
def countries_csv(store: StoreDep, as_of: DateParam = None) -> Response:
    return csv_response(store.countries(as_of=as_of), "countries")


@router.get("/countries/{iso3}", tags=["countries"], summary="One state: relation history")
def country(
    store: StoreDep, iso3: Annotated[str, Path(max_length=3, min_length=3)], as_of: DateParam = None
) -> dict[str, Any]:
    return {"ok": True, "data": country_page(store, iso3, as_of)}


def country_page(store: Any, iso3: str, as_of: str | None = None) -> dict[str, Any]:
    from nkwatch.api.errors import NotFound

    a = store.actor(iso3.upper())
    if a["type"] != "state":
        raise NotFound(f"unknown state {iso3!r}: use an ISO 3166 alpha-3 code such as SWE")
    status = next(iter(store.countries(as_of=as_of, only=a["id"])), None)
    meetings = [e for e in a["events"] if e["type"] in ("summit", "visit", "talks")]
    agreements = store.agreements(party=a["id"])
    return {**a, "status": status, "meetings": meetings, "agreements": agreements}


@router.get("/topics", tags=["topics"], summary="The outline's themes and topics")
def topics(store: StoreDep) -> dict[str, Any]:
    return listing(store.topics())


@router.get("/topics/{topic_id}", tags=["topics"], summary="One topic with claims and events")
def topic(store: StoreDep, topic_id: Id) -> dict[str, Any]:
    return {"ok": True, "data": store.topic(topic_id)}


@router.get("/claims", tags=["claims"], summary="Claims with verdicts and evidence")
def claims(
    store: StoreDep, topic: Ref = None, verdict: Verdict | None = None, text: Text = None
) -> dict[str, Any]:
    return listing(store.claims(topic=topic, verdict=verdict, text=text))


@router.get("/claims.csv", tags=["claims"], responses=CSV_RESPONSE)
def claims_csv(
    store: StoreDep, topic: Ref = None, verdict: Verdict | None = None, text: Text = None
) -> Response:
    return csv_response(store.claims(topic=topic, verdict=verdict, text=text), "claims")


@router.get("/sources", tags=["sources"], summary="The sources the record cites")
def sources(store: StoreDep, text: Text = None, level: Level | None = None) -> dict[str, Any]:
    return listing(store.sources(text=text, level=level))


@router.get("/sources.csv", tags=["sources"], responses=CSV_RESPONSE)
def sources_csv(store: StoreDep, text: Text = None, level: Level | None = None) -> Response:
    return csv_response(store.sources(text=text, level=level), "sources")


@router.get("/agreements", tags=["agreements"], summary="Treaties, statements, resolutions")
def agreements(
    store: StoreDep, kind: AgreementKind | None = None, party: Ref = None
) -> dict[str, Any]:
    return listing(store.agreements(kind=kind, party=party))


@router.get("/agreements.csv", tags=["agreements"], responses=CSV_RESPONSE)
def agreements_csv(
    store: StoreDep, kind: AgreementKind | None = None, party: Ref = None
) -> Response:
    return csv_response(store.agreements(kind=kind, party=party), "agreements")


@router.get("/series", tags=["series"], summary="Series of public figures")
def series(store: StoreDep) -> dict[str, Any]:
    return listing(store.series())


@router.get("/records/{record_id}", tags=["records"], summary="Any record by its id")
def record(store: StoreDep, record_id: Id) -> dict[str, Any]:
    return {"ok": True, **store.record(record_id)}


@router.get(
    "/search",
    tags=["search"],
    summary="Words across every record type, ingested reports and sanctions-list entities",
)
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    kind: Annotated[
        str | None,
        Query(
            max_length=20,
            description="One group, paged with cursor: events, actors, claims, agreements, "
            "sources, reports or list_entities.",
        ),
    ] = None,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Without ``kind``: the first ``limit`` results of every group and each group's total.
    With it: that group, a page at a time (``next_cursor``)."""
    from nkwatch.search import search as search_all

    filters = {"q": q, "kind": kind, "limit": limit}
    offset = decode_cursor(cursor, filters) if kind else 0
    found = search_all(store, q, kind=kind, limit=limit, offset=offset)
    if kind is None:
        return {"ok": True, "data": found["groups"], "totals": found["totals"]}
    total = found["totals"][kind]
    more = offset + limit < total
    return {
        "ok": True,
        "data": found["groups"][kind],
        "count": len(found["groups"][kind]),
        "total": total,
        "next_cursor": encode_cursor(offset + limit, filters) if more else None,
    }
