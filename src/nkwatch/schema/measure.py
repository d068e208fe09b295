"""Measure: a sanction or other measure that a resolution, law or order imposes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from nkwatch.schema.base import Date, Ref, Sourced

MeasureKind = Literal[
    "arms-embargo",
    "asset-freeze",
    "travel-ban",
    "luxury-goods-ban",
    "export-ban",
    "import-ban",
    "import-cap",
    "financial",
    "inspection",
    "maritime",
    "labour",
    "secondary-sanctions",
    "designation-authority",
    "trade-embargo",
    "other",
]


class Measure(Sourced):
    kind: MeasureKind
    title: str = Field(min_length=3)
    description: str = Field(min_length=10)
    #: The agreement (resolution, law, executive order) that imposed it.
    imposed_by: Ref
    #: Who imposes it (the UN Security Council, a state).
    imposer: Ref
    target: Ref
    start: Date
    end: Date | None = None
    topics: list[Ref] = Field(default_factory=list)
