"""Relation: a dated link between two actors (diplomatic relations, an embassy, an alliance,
a membership, an office held). Either end of the interval may be open."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from nkwatch.schema.base import Date, Ref, Sourced

RelationKind = Literal[
    "diplomatic-relations",  # symmetric; subject and object are the two states
    "embassy",  # subject's resident embassy in object's capital
    "alliance",  # a defence treaty or alliance
    "treaty",  # another treaty relationship
    "membership",  # subject is a member of object (an organization)
    "observer",  # subject has observer status in object
    "leader",  # subject (person) leads object (state or party)
    "head-of-state",
    "head-of-government",
    "office",  # subject holds another office in object (see role)
]

SYMMETRIC_KINDS = frozenset({"diplomatic-relations", "alliance", "treaty"})


class Relation(Sourced):
    kind: RelationKind
    subject: Ref
    object: Ref
    start: Date | None = None
    end: Date | None = None
    #: How the interval ended: "severed", "suspended", "closed", "expired", "withdrew", ...
    end_reason: str | None = None
    #: For offices: the title held ("Supreme Leader", "Foreign Minister").
    role: str | None = None
    #: An agreement that created the relation (e.g. the 1961 treaty).
    agreement: Ref | None = None
    topics: list[Ref] = Field(default_factory=list)

    @model_validator(mode="after")
    def _interval(self) -> Relation:
        if self.subject == self.object:
            raise ValueError("a relation links two different actors")
        if self.start and self.end and self.end.latest < self.start.earliest:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self
