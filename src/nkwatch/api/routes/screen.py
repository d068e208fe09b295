"""Screening over HTTP: ``POST /api/screen`` (nkwatch's own shape) and ``POST /match/{dataset}``
(the shape of OpenSanctions' yente API, so its clients work against nkwatch).

The screener is built from the read-only store on first use and kept while the store's
ingested copies stay the same.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from nkwatch.api.errors import BODY_RESPONSES, ERROR_RESPONSES
from nkwatch.errors import StoreError
from nkwatch.screen import DEFAULT_THRESHOLD, Match, Screener
from nkwatch.screen import Query as ScreenQuery
from nkwatch.screen.choose import check_lists
from nkwatch.screen.model import MAX_NAME_LENGTH
from nkwatch.store import QueryError

router = APIRouter(responses=ERROR_RESPONSES)

MAX_QUERIES = 1000


#: one name to screen: never longer than the screener takes (checked before any work)
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_LENGTH)]
#: a FollowTheMoney property value (names, dates, countries): the same bound
PropertyValue = Annotated[str, Field(max_length=MAX_NAME_LENGTH)]
MAX_VALUES = 50  # values of one property


class ScreenItem(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    name: str = Field(..., min_length=1, max_length=MAX_NAME_LENGTH, examples=["Kim Young-chul"])
    birth_date: str | None = Field(None, max_length=10, examples=["1962-02-18"])
    country: str | None = Field(None, max_length=100, examples=["North Korea"])
    schema_: str | None = Field(
        None,
        alias="schema",
        max_length=40,
        examples=["Person"],
        description="Person, Organization, Company, LegalEntity, Vessel or Airplane "
        "(FollowTheMoney); a Person matches no vessel. Default: anything.",
    )
    imo: str | None = Field(None, max_length=20, examples=["IMO 8021713"])
    address: str | None = Field(None, max_length=MAX_NAME_LENGTH, examples=["Pyongyang"])


class ScreenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    names: list[Name] = Field(
        default_factory=list, max_length=MAX_QUERIES, examples=[["Kim Young-chul", "Park Bong Nam"]]
    )
    queries: list[ScreenItem] = Field(default_factory=list, max_length=MAX_QUERIES)
    threshold: float = Field(DEFAULT_THRESHOLD, ge=0.0, le=1.0)
    limit: int = Field(10, ge=1, le=100)
    lists: list[Annotated[str, Field(max_length=80)]] | None = Field(
        None,
        max_length=50,
        examples=[["un", "ofac"]],
        description="Only these lists (case-insensitive); an unknown name is a 400 that "
        "names the lists in the store.",
    )


class EntityExample(BaseModel):
    id: str | None = None
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[
        Annotated[str, Field(max_length=40)],
        PropertyValue | Annotated[list[PropertyValue], Field(max_length=MAX_VALUES)],
    ] = Field(..., examples=[{"name": ["Kim Young-chul"], "birthDate": ["1962-02-18"]}])


class EntityMatchQuery(BaseModel):
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, description="yente's algorithm options (accepted, not used)"
    )
    queries: dict[str, EntityExample]


#: screeners kept per server (one per set of lists asked for): a client that alternates
#: ``lists`` values finds each one built
SCREENERS_KEPT = 4
#: /match/{dataset} names for every list (yente's collections)
ALL_DATASETS = ("default", "sanctions", "all")


def _screener(
    request: Request, lists: list[str] | None, what: str = "list"
) -> tuple[Screener, list[dict[str, Any]]]:
    """The screener for ``lists`` and the list copies it answers from (StoreError when no
    list is ingested: screening would find nothing)."""
    from nkwatch.lists.changes import NO_LISTS, versions

    live = request.app.state.live
    with live.cursor() as con:
        from nkwatch.lists import _has_tables

        if not _has_tables(con) or not con.execute("SELECT count(*) FROM sl_files").fetchone()[0]:
            raise StoreError(NO_LISTS)
        lists = check_lists(con, lists, what=what)
        found_versions = versions(con, lists)
        stamp: tuple[Any, ...] = ()
        if _has_tables(con):
            stamp = tuple(
                r[0] for r in con.execute("SELECT id FROM sl_files ORDER BY id").fetchall()
            )
        cache = getattr(request.app.state, "screeners", None)
        if cache is None:
            cache = request.app.state.screeners = OrderedDict()
        key = (live.generation, stamp, tuple(sorted(lists or ())))
        found = cache.get(key)
        if found is None:
            found = cache[key] = Screener.from_store(con, lists=lists)
            while len(cache) > SCREENERS_KEPT:
                cache.popitem(last=False)
        cache.move_to_end(key)
        if not found.targets:
            raise StoreError(NO_LISTS)
        return found, found_versions


@router.post(
    "/api/screen",
    tags=["screening"],
    summary="Screen names against sanctions lists",
    responses=BODY_RESPONSES,
)
def screen(request: Request, body: ScreenRequest) -> dict[str, Any]:
    """One result per name: ``{"query", "matches": [{"list", "id", "name", "score",
    "explanation", ...}]}`` with the matches at or above ``threshold``."""
    from nkwatch.screen.index import schemata

    for i, q in enumerate(body.queries):
        _check_item(i, q)
    for i, n in enumerate(body.names):
        if not n.strip():
            raise QueryError(f"names[{i}] is blank: give a name to screen")
    queries = [ScreenQuery(n) for n in body.names] + [
        ScreenQuery(q.name, q.birth_date, q.country, q.schema_, q.imo, q.address)
        for q in body.queries
    ]
    for q in queries:
        schemata(q.schema)
    if not queries:
        raise QueryError("give 'names' (a list of names) or 'queries' (objects with a 'name')")
    if len(queries) > MAX_QUERIES:
        raise QueryError(f"at most {MAX_QUERIES} names per request: split the batch")
    screener, found = _screener(request, body.lists)
    data = []
    for q in queries:
        matches = screener.screen(q, threshold=body.threshold, limit=body.limit)
        doc: dict[str, Any] = {"query": q.name}
        doc.update({k: v for k, v in (("birth_date", q.birth_date), ("country", q.country)) if v})
        doc["matches"] = [m.as_dict() for m in matches]
        data.append(doc)
    return {
        "ok": True,
        "data": data,
        "count": len(data),
        "threshold": body.threshold,
        "lists": found,
    }


def _check_item(i: int, q: ScreenItem) -> None:
    """A blank name or a birth date that is no date is refused in words (a 400), not
    screened as if it were something else."""
    from nkwatch.dates import parse_query_date

    if not q.name.strip():
        raise QueryError(f"queries[{i}].name is blank: give a name to screen")
    if q.birth_date:
        try:
            parse_query_date(q.birth_date.strip())
        except ValueError:
            raise QueryError(
                f"queries[{i}].birth_date {q.birth_date!r} is not a date: give the year, "
                "the year and month or the full date (1962, 1962-02 or 1962-02-18)"
            ) from None


FEATURES = {
    "name_korean": {
        "description": "Korean names compared syllable by syllable across "
        "romanizations (nkwatch.names)",
        "coefficient": 1.0,
        "url": "",
    },
    "name_fuzzy": {
        "description": "Names of other origins compared word by word across "
        "transliterations; every word of both names must be found (nkwatch.screen.fuzzy)",
        "coefficient": 1.0,
        "url": "",
    },
    "dob": {
        "description": "Date of birth agrees (+) or differs (-)",
        "coefficient": 1.0,
        "url": "",
    },
    "country": {"description": "Country agrees (+) or differs (-)", "coefficient": 1.0, "url": ""},
    "imo": {
        "description": "A vessel's IMO number agrees, or differs (-)",
        "coefficient": 1.0,
        "url": "",
    },
    "address": {"description": "Address agrees (+)", "coefficient": 1.0, "url": ""},
}


def _first(props: dict[str, str | list[str]], *keys: str) -> list[str]:
    out: list[str] = []
    for k in keys:
        v = props.get(k)
        out += [str(x) for x in (v if isinstance(v, list) else [v]) if x]
    return out


def _result(m: Match, threshold: float) -> dict[str, Any]:
    return {
        "id": f"nkwatch-{m.list}-{m.id}",
        "caption": m.entity,
        "schema": m.schema,
        "properties": {
            "name": [m.entity],
            **({"alias": [m.name]} if m.name != m.entity else {}),
            "program": m.programs,
            **({"birthDate": m.birth_dates} if m.birth_dates else {}),
            **({"nationality": m.nationalities} if m.nationalities else {}),
        },
        "datasets": [m.list],
        "referents": [],
        "target": True,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
        "score": m.score,
        "features": m.features,
        # yente's shape: one explained score per feature (nomenklatura's FeatureResult)
        "explanations": {
            name: {"detail": m.explanation, "score": value, "query": None, "candidate": m.name}
            for name, value in m.features.items()
        },
        "match": m.score >= threshold,
        "explanation": m.explanation,
    }


@router.post(
    "/match/{dataset}",
    tags=["screening"],
    summary="Match FollowTheMoney queries (yente-compatible)",
    responses=BODY_RESPONSES,
)
def match(
    request: Request,
    body: EntityMatchQuery,
    dataset: Annotated[
        str,
        Path(
            max_length=80,
            description="default (every list), or a list in the store: un, ofac or an FtM "
            "dataset (case-insensitive; an unknown name is a 400 naming the valid ones)",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=100)] = 5,
    threshold: Annotated[float, Query(ge=0.0, le=1.0)] = DEFAULT_THRESHOLD,
    cutoff: Annotated[float, Query(ge=0.0, le=1.0)] = 0.5,
    algorithm: Annotated[str, Query(max_length=40)] = "nkwatch",
) -> dict[str, Any]:
    """Answer in yente's shape: ``{"responses": {key: {"status", "results", "total",
    "query"}}, "matcher", "limit"}``; results scoring at least ``cutoff`` are returned, those
    at least ``threshold`` have ``"match": true``."""
    if len(body.queries) > MAX_QUERIES:
        raise QueryError(f"at most {MAX_QUERIES} queries per request: split the batch")
    lists = None if dataset.lower() in ALL_DATASETS else [dataset]
    screener, found = _screener(request, lists, what="dataset")
    responses = {}
    for key, example in body.queries.items():
        props = example.properties
        names = _first(props, "name", "alias")
        parts = " ".join(_first(props, "firstName", "middleName", "lastName"))
        if not names and parts:
            names = [parts]
        if not names:
            raise QueryError(f"query {key!r}: give properties.name (or firstName/lastName)")
        births = _first(props, "birthDate")
        countries = _first(props, "nationality", "country", "citizenship", "jurisdiction")
        # FollowTheMoney's schemata decide what a query may match (a Person no vessel);
        # "Thing" and unknown names screen against anything, as yente does for Thing
        schema = example.schema_ if example.schema_ not in ("", "Thing") else None
        try:
            from nkwatch.screen.index import schemata

            schemata(schema)
        except QueryError:
            schema = None
        imos = _first(props, "imoNumber")
        addresses = _first(props, "address", "addressEntity")
        best: dict[str, Match] = {}
        for name in names:
            q = ScreenQuery(
                name,
                births[0] if births else None,
                countries[0] if countries else None,
                schema,
                imos[0] if imos else None,
                addresses[0] if addresses else None,
            )
            for m in screener.screen(q, threshold=cutoff, limit=limit):
                if m.key not in best or m.score > best[m.key].score:
                    best[m.key] = m
        ranked = sorted(best.values(), key=lambda m: -m.score)[:limit]
        responses[key] = {
            "status": 200,
            "results": [_result(m, threshold) for m in ranked],
            "total": {"value": len(ranked), "relation": "eq"},
            "query": {"id": example.id, "schema": example.schema_, "properties": props},
        }
    return {
        "responses": responses,
        "matcher": FEATURES,
        "limit": limit,
        "algorithm": algorithm,
        "lists": found,
    }
