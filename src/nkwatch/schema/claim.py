"""Claim: a statement — a bullet of the outline, or a widespread belief — with a verdict
and the evidence records that support or contradict it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from nkwatch.schema.base import Ref, Sourced

Verdict = Literal["supported", "partly-supported", "disputed", "unverified"]


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: The id of any record (event, relation, agreement, measure, series, source).
    record: Ref
    stance: Literal["supports", "contradicts", "context"] = "supports"
    note: str | None = None


class Claim(Sourced):
    text: str = Field(min_length=5)
    topic: Ref
    #: The outline bullet this claim checks, e.g. "origins.division/2".
    bullet: str | None = Field(default=None, pattern=r"^[a-z0-9.-]+/\d+$")
    verdict: Verdict
    #: Why the verdict, in our own words.
    explanation: str = Field(min_length=10)
    evidence: list[Evidence] = Field(default_factory=list)
