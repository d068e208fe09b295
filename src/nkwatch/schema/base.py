"""What every record type shares: an id, sources, and the date type with its precision."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, field_validator

from nkwatch.dates import PartialDate

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


def _to_partial_date(value: Any) -> PartialDate | None:
    if value is None or value == "":
        return None
    return PartialDate.parse(value)


#: A date written YYYY, YYYY-MM or YYYY-MM-DD; it keeps its precision.
Date = Annotated[
    PartialDate,
    BeforeValidator(_to_partial_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
]

#: An id of another record (actor, source, topic, event ...). Checked by the model loader.
Ref = Annotated[str, Field(min_length=1, max_length=120)]


class Record(BaseModel):
    """The base of every curated record: a stable id, the sources behind it, free notes."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=120)
    notes: str | None = None

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(
                f"id {value!r} may hold only letters, digits and . _ : - "
                "(e.g. 'ev-1953-07-27-armistice')"
            )
        return value


class Sourced(Record):
    """A record that must cite at least one source (by source id)."""

    sources: list[Ref] = Field(min_length=1)
