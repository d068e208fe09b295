"""Designation: an actor on a sanctions list, listed (and perhaps delisted) on dates."""

from __future__ import annotations

from pydantic import Field

from nkwatch.schema.base import Date, Ref, Sourced


class Designation(Sourced):
    #: The list: "un" (the 1718 Committee list), "ofac" (the SDN list), "eu", ...
    list: str = Field(pattern=r"^[a-z0-9-]+$")
    #: The list's own reference (UN "KPi.024", OFAC entity number "12211").
    list_id: str | None = None
    actor: Ref
    program: str | None = None
    listed: Date
    delisted: Date | None = None
    #: The measure or agreement under which the listing was made.
    basis: Ref | None = None
