"""Reports are not events: GDELT rows with the same actors, event code, day and place are one
event, with their mention, source and article counts summed. Rows of the other sources are
events already (one row each)."""

from __future__ import annotations

from typing import Any

import ibis

#: what makes two GDELT rows one event
EVENT_KEY = ("source", "date", "actor1_code", "actor2_code", "cameo_code", "place")


def events(reports: Any) -> Any:
    """An Ibis expression: one row per event with ``reports`` (how many rows it groups),
    ``mentions``, ``sources`` and ``articles`` summed."""
    r = reports
    keyed = r.mutate(
        place=ibis.coalesce(r.location_id, r.location, ibis.literal("")),
        # rows of other sources keep their own id, so they are never merged
        row_key=ibis.ifelse(r.source == "gdelt", ibis.literal(""), r.id),
    )
    return keyed.group_by([*EVENT_KEY, "row_key"]).aggregate(
        actor1=keyed.actor1.min(),
        actor2=keyed.actor2.min(),
        goldstein=keyed.goldstein.mean(),
        quad_class=keyed.quad_class.min(),
        reports=keyed.count(),
        mentions=keyed.mentions.sum(),
        sources=keyed.sources.sum(),
        articles=keyed.articles.sum(),
    )
