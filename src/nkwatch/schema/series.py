"""Series: a public figure measured over time (defectors arriving per year, trade per year)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from nkwatch.schema.base import Date, Ref, Sourced


class Observation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    date: Date
    value: float


class Series(Sourced):
    title: str = Field(min_length=3)
    unit: str
    description: str = Field(min_length=10)
    observations: list[Observation] = Field(min_length=1)
    topics: list[Ref] = Field(default_factory=list)
