"""Source: where a fact comes from — a document a reader can open."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from nkwatch.schema.base import Date, Record


class Source(Record):
    title: str = Field(min_length=3)
    publisher: str | None = None
    url: str
    date: Date | None = None
    #: "primary" for the issuing body's own document (a UN resolution, a ministry page,
    #: a treaty text); "secondary" for reference works, scholarship and journalism.
    level: Literal["primary", "secondary"] = "secondary"
    #: A document symbol where one exists, e.g. "S/RES/1718 (2006)".
    symbol: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"url {value!r} must be a web address starting with https://")
        return value
