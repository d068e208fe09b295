"""Event: something that happened on a date (or over a span), coded in CAMEO."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from nkwatch.schema.base import Date, Ref, Sourced

EventType = Literal[
    "founding",
    "war",
    "military-action",
    "incident",
    "provocation",
    "nuclear-test",
    "missile-test",
    "satellite-launch",
    "summit",
    "visit",
    "talks",
    "agreement",
    "resolution",
    "sanction",
    "designation",
    "diplomatic",
    "statement",
    "inspection",
    "withdrawal",
    "humanitarian",
    "human-rights",
    "report",
    "cultural",
    "sport",
    "tourism",
    "economic",
    "defection",
    "abduction",
    "other",
]


class Event(Sourced):
    date: Date
    end_date: Date | None = None
    title: str = Field(min_length=3, max_length=200)
    summary: str = Field(min_length=10)
    type: EventType
    #: CAMEO event code (2 to 4 digits, e.g. "036", "0311", "190"); Goldstein value and
    #: quad class follow from it.
    cameo: str = Field(pattern=r"^\d{2,4}$")
    actors: list[Ref] = Field(min_length=1)
    #: Outline topic ids; when absent, the file's topic.
    topics: list[Ref] = Field(default_factory=list)
    location: str | None = None

    @field_validator("cameo", mode="before")
    @classmethod
    def _cameo_text(cls, value: object) -> object:
        if isinstance(value, int):
            raise ValueError(
                f"write the CAMEO code as text in quotes (e.g. '0{value}'): a leading zero matters"
            )
        return value

    @model_validator(mode="after")
    def _span(self) -> Event:
        if self.end_date is not None and self.end_date.latest < self.date.earliest:
            raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        return self
