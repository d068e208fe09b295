"""Queries and matches: what goes into the screener and what comes out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from nkwatch.errors import QueryError

#: a match is reported at or above this score unless the caller sets another threshold
DEFAULT_THRESHOLD = 0.85

#: the longest name the screener takes (the longest listed name is ~250 characters); longer
#: text is refused, never split: a screener must not be a way to exhaust the server's memory
MAX_NAME_LENGTH = 300


@dataclass(frozen=True)
class Query:
    """One name to screen, with what else is known about the party."""

    name: str
    birth_date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    country: str | None = None  # a country name or ISO code
    schema: str | None = None  # Person, Organization, Vessel (None: any)
    imo: str | None = None  # a vessel's IMO number (7 digits, "IMO" prefix allowed)
    address: str | None = None  # the party's address, as free text

    def __post_init__(self) -> None:
        if len(self.name) > MAX_NAME_LENGTH:
            raise QueryError(
                f"a name of {len(self.name):,} characters: at most {MAX_NAME_LENGTH} are "
                "screened; give the name alone, without addresses or notes"
            )


@dataclass(frozen=True)
class Target:
    """One listed entity the screener knows."""

    key: str
    list: str
    list_id: str
    schema: str
    name: str
    dprk: bool = False
    programs: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    imo: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()


@dataclass
class Match:
    """A listed entity that matches a query: which list, its own id, the listed name that
    matched, the score (0-1) and why."""

    list: str
    id: str
    name: str
    score: float
    explanation: str
    entity: str
    schema: str
    dprk: bool
    programs: list[str] = field(default_factory=list)
    key: str = ""
    features: dict[str, float] = field(default_factory=dict)
    #: the listed entity's dates of birth and nationalities, as the list gives them: what
    #: tells two listed people of one name apart (added keys: the JSON only grows)
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
