"""A compliance trail: every screening written down as it happened (``nkwatch screen
--audit trail.jsonl``).

One JSON object per query, appended and flushed as each query is screened: the time (UTC), the
query (name and what else was given), the threshold and limit, the list copies screened
against (list, date, files, sha256), every candidate name considered with its score and
explanation (and how many names the cheap filter set aside), the matches reported, and the
nkwatch version. A reviewer can replay a decision from the line alone.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nkwatch import __version__

from .index import Screener
from .model import Match, Query


def record(
    query: Query,
    matches: list[Match],
    trace: list[dict[str, Any]],
    *,
    threshold: float,
    limit: int,
    versions: list[dict[str, Any]],
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The trail's line for one query."""
    at = at or dt.datetime.now(dt.UTC)
    considered = sorted(
        (t for t in trace if "key" in t), key=lambda t: (-float(t["score"]), str(t["key"]))
    )
    return {
        "time": at.isoformat(timespec="milliseconds"),
        "query": {k: v for k, v in vars(query).items() if v is not None},
        "threshold": threshold,
        "limit": limit,
        "lists": versions,
        "candidates": considered,
        "set_aside": [t for t in trace if "key" not in t],
        "matches": [m.as_dict() for m in matches],
        "nkwatch": __version__,
    }


def screen_with_trail(
    screener: Screener,
    queries: Sequence[Query],
    path: Path | str,
    *,
    threshold: float,
    limit: int,
    versions: list[dict[str, Any]],
) -> list[list[Match]]:
    """Screen ``queries`` in this process, appending one trail line per query to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    results = []
    with path.open("a", encoding="utf-8") as handle:
        for q in queries:
            trace: list[dict[str, Any]] = []
            matches = screener.screen(q, threshold=threshold, limit=limit, trace=trace)
            line = record(q, matches, trace, threshold=threshold, limit=limit, versions=versions)
            handle.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
            handle.flush()
            results.append(matches)
    return results
