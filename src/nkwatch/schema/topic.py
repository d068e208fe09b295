"""Topic: a theme or a topic of the outline, with its bullets (each a claim to check)."""

from __future__ import annotations

from pydantic import Field

from nkwatch.schema.base import Record


class Topic(Record):
    title: str
    parent: str | None = None
    order: int = 0
    summary: str | None = None
    bullets: list[str] = Field(default_factory=list)
    #: The fewest events the record must hold on this topic (``nkwatch check``).
    min_events: int = 0
    #: Why the topic has no event in the twelve months before the record's ``current_to``
    #: although it had events in the two years before (``nkwatch check`` asks for it).
    quiet: str | None = None
