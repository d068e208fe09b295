"""Agreement: a treaty, a joint statement or declaration, a resolution."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from nkwatch.schema.base import Date, Ref, Sourced

AgreementKind = Literal[
    "treaty",
    "joint-statement",
    "declaration",
    "resolution",
    "draft-resolution",
    "framework",
    "communique",
    "law",
    "executive-order",
    "other",
]


class Agreement(Sourced):
    kind: AgreementKind
    title: str = Field(min_length=3)
    date: Date
    end_date: Date | None = None
    parties: list[Ref] = Field(min_length=1)
    summary: str = Field(min_length=10)
    #: A document symbol, e.g. "S/RES/2397 (2017)".
    symbol: str | None = None
    #: How it was adopted, e.g. "adopted 15-0-0", "vetoed by China and Russia (13-2-0)".
    vote: str | None = None
    #: The event that produced it.
    event: Ref | None = None
    topics: list[Ref] = Field(default_factory=list)
