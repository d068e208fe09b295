"""Change points in a dyad series (``ruptures``, PELT with a least-squares cost) and the
curated events nearest to each.

The penalty defaults to ``2 · log(n) · variance`` of the series (a BIC-like choice: a change
must explain more than noise); pass ``penalty`` to see more or fewer changes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from nkwatch.errors import need
from nkwatch.store import QueryError, Store


def change_points(
    series: Sequence[dict[str, Any]],
    column: str = "share",
    *,
    penalty: float | None = None,
    min_size: int = 2,
) -> list[dict[str, Any]]:
    """Where the mean of ``column`` shifts: the first period of each new segment, with the
    means before and after."""
    need("ruptures", "change points")
    import numpy as np
    import ruptures as rpt

    if series and column not in series[0]:
        raise QueryError(
            f"column {column!r} is not a column of the series: use one of {', '.join(series[0])}"
        )
    values = [float(r[column]) if r[column] is not None else 0.0 for r in series]
    n = len(values)
    if n < 2 * min_size:
        return []
    signal = np.asarray(values).reshape(-1, 1)
    var = float(signal.var())
    if var == 0.0:
        return []
    pen = penalty if penalty is not None else 2.0 * math.log(n) * var
    ends = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(signal).predict(pen=pen)
    starts = [0, *ends[:-1]]
    out = []
    for i, b in enumerate(ends[:-1]):
        before = values[starts[i] : b]
        after = values[b : ends[i + 1]]
        mb, ma = sum(before) / len(before), sum(after) / len(after)
        out.append(
            {
                "period": series[b]["period"],
                "column": column,
                "before": round(mb, 6),
                "after": round(ma, 6),
                "change": round(ma - mb, 6),
            }
        )
    return out


def nearest_events(
    store: Store,
    changes: list[dict[str, Any]],
    partner: str,
    *,
    limit: int = 3,
    focal: str = "PRK",
) -> list[dict[str, Any]]:
    """Add to each change point the curated events between the DPRK and the partner nearest
    to it in time (``nearest``: id, date, title, days from the change point)."""
    try:
        events = store.events(actor=[focal, partner])
    except QueryError:
        events = []
    for cp in changes:
        day = dt.date.fromisoformat(str(cp["period"])[:10])
        ranked = sorted(((abs((_day(e["date"]) - day).days), e) for e in events), key=_first)
        cp["nearest"] = [
            {"id": e["id"], "date": e["date"], "title": e["title"], "days": d}
            for d, e in ranked[:limit]
        ]
    return changes


def _first(pair: tuple[int, dict[str, Any]]) -> int:
    return pair[0]


def _day(text: str) -> dt.date:
    """The first day of a date of any precision ("2018", "2018-06", "2018-06-12")."""
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], *[*parts[1:], 1, 1][:2])
