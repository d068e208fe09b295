"""UN voting alignment, roll calls about the DPRK and isolation over time (issue 14)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from nkwatch.api.deps import CSV_RESPONSE, DateParam, StoreDep, csv_response, listing
from nkwatch.api.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

Partner = Annotated[
    str | None,
    Query(min_length=3, max_length=3, description="One partner state, ISO 3166 alpha-3 (CHN)."),
]
Freq = Annotated[Literal["year"] | None, Query(description="year: one row per year (partner).")]
From = Annotated[DateParam, Query(alias="from")]
To = Annotated[DateParam, Query(alias="to")]
MinVotes = Annotated[int, Query(ge=1, le=100000, description="At least N shared roll calls.")]
Issue = Annotated[
    Literal[
        "human rights",
        "nuclear weapons",
        "Middle East",
        "colonialism",
        "arms control",
        "development",
    ]
    | None,
    Query(description="Only roll calls on this issue (Voeten's issue codes)."),
]
About = Annotated[Literal["PRK"], Query(description="Roll calls about this state.")]


def _alignment(
    store: Any,
    partner: str | None,
    freq: str | None,
    date_from: str | None,
    date_to: str | None,
    min_votes: int,
    issue: str | None,
) -> list[dict[str, Any]]:
    from nkwatch.analytics.alignment import alignment
    from nkwatch.store import QueryError

    if freq and not partner:
        raise QueryError("freq needs partner (e.g. ?partner=CHN&freq=year)")
    return alignment(
        store,
        partner=partner,
        freq=freq,
        date_from=date_from,
        date_to=date_to,
        min_votes=min_votes,
        issue=issue,
    )


@router.get("/alignment", tags=["votes"], summary="UN voting alignment with the DPRK")
def alignment(
    store: StoreDep,
    partner: Partner = None,
    freq: Freq = None,
    date_from: From = None,
    date_to: To = None,
    min_votes: MinVotes = 1,
    issue: Issue = None,
) -> dict[str, Any]:
    rows = _alignment(store, partner, freq, date_from, date_to, min_votes, issue)
    return listing(rows, focal="PRK", partner=partner.upper() if partner else None, freq=freq)


@router.get("/alignment.csv", tags=["votes"], responses=CSV_RESPONSE)
def alignment_csv(
    store: StoreDep,
    partner: Partner = None,
    freq: Freq = None,
    date_from: From = None,
    date_to: To = None,
    min_votes: MinVotes = 1,
    issue: Issue = None,
) -> Response:
    rows = _alignment(store, partner, freq, date_from, date_to, min_votes, issue)
    return csv_response(rows, f"alignment-prk-{(partner or 'all').lower()}")


Year = Annotated[int, Query(ge=1946, le=2100, description="Calendar year of the roll calls.")]
PosMinVotes = Annotated[
    int, Query(ge=1, le=100000, description="Only states that voted in N roll calls.")
]


@router.get(
    "/alignment/positions",
    tags=["votes"],
    summary="Positions on the first dimension of UN voting, one year",
)
def positions(
    store: StoreDep, year: Year, min_votes: PosMinVotes = 10, issue: Issue = None
) -> dict[str, Any]:
    from nkwatch.analytics.positions import positions as positions_of

    rows = positions_of(store, year, min_votes=min_votes, issue=issue)
    return listing(
        rows,
        year=year,
        method="classical MDS of 1 - agreement, first dimension, United States positive",
    )


@router.get("/alignment/positions.csv", tags=["votes"], responses=CSV_RESPONSE)
def positions_csv(
    store: StoreDep, year: Year, min_votes: PosMinVotes = 10, issue: Issue = None
) -> Response:
    from nkwatch.analytics.positions import positions as positions_of

    rows = positions_of(store, year, min_votes=min_votes, issue=issue)
    return csv_response(rows, f"positions-{year}")


Level = Annotated[
    Literal["dispute", "incident"],
    Query(description="dispute (1949-2010) or incident (1993-2010)."),
]


@router.get("/mids", tags=["votes"], summary="Militarised disputes of the DPRK (COW MID)")
def mids(store: StoreDep, level: Level = "dispute") -> dict[str, Any]:
    from nkwatch.analytics import mids as m

    return listing(m.listing(store, level), level=level, source=m.SOURCE)


@router.get("/mids.csv", tags=["votes"], responses=CSV_RESPONSE)
def mids_csv(store: StoreDep, level: Level = "dispute") -> Response:
    from nkwatch.analytics import mids as m

    rows = [
        {k: " ".join(v) if isinstance(v, list) else v for k, v in r.items()}
        for r in m.listing(store, level)
    ]
    return csv_response(rows, f"mids-prk-{level}")


@router.get(
    "/mids/matching",
    tags=["votes"],
    summary="COW MIDs matched to curated events, and the disagreements",
)
def mids_matching(store: StoreDep) -> dict[str, Any]:
    from nkwatch.analytics import mids as m

    return {"ok": True, **m.matching(store)}


@router.get("/votes", tags=["votes"], summary="UN roll calls about the DPRK")
def votes(store: StoreDep, about: About = "PRK") -> dict[str, Any]:
    from nkwatch.analytics.alignment import votes_about

    return listing(votes_about(store, about), about=about)


@router.get("/votes.csv", tags=["votes"], responses=CSV_RESPONSE)
def votes_csv(store: StoreDep, about: About = "PRK") -> Response:
    from nkwatch.analytics.alignment import votes_about

    return csv_response(votes_about(store, about), f"votes-about-{about.lower()}")


def _isolation(store: Any, date_from: str | None, date_to: str | None) -> list[dict[str, Any]]:
    from nkwatch.analytics.isolation import isolation

    return isolation(store, date_from=date_from, date_to=date_to)


@router.get("/isolation", tags=["votes"], summary="The DPRK's isolation per year")
def isolation(store: StoreDep, date_from: From = None, date_to: To = None) -> dict[str, Any]:
    from nkwatch.analytics.isolation import SOURCES

    return listing(_isolation(store, date_from, date_to), freq="year", sources=SOURCES)


@router.get("/isolation.csv", tags=["votes"], responses=CSV_RESPONSE)
def isolation_csv(store: StoreDep, date_from: From = None, date_to: To = None) -> Response:
    return csv_response(_isolation(store, date_from, date_to), "isolation-prk-year")
