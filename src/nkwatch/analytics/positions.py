"""A position per state and year on the main axis of UN General Assembly voting: the first
dimension of classical (Torgerson) multidimensional scaling of the year's agreement matrix.

For one calendar year, the states that voted in at least ``min_votes`` roll calls, the
dissimilarity of two states is ``1 - agreement`` (:func:`~nkwatch.analytics.alignment.
dyad_years`; a pair with no common roll call takes the mean dissimilarity), the squared
dissimilarities are double-centred and the eigenvector of the largest eigenvalue, scaled by
its root, is the position. The sign is fixed so that the United States is positive (the
Soviet Union's or Russia's seat negative when the United States did not vote).
``explained`` is that eigenvalue's share of the positive eigenvalues.

This is not an ideal-point model: Bailey, Strezhnev and Voeten (2017, Journal of Conflict
Resolution 61(2), doi:10.1177/0022002715595700) estimate one dimension of "positions toward
the US-led liberal order" with a dynamic ordinal spatial model that makes years comparable
by bridging roll calls; these positions are scaled each year on its own, so compare ranks
and distances within a year, not values across years.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nkwatch.analytics import ibis_backend
from nkwatch.analytics.alignment import _names, dyad_years, votes_table
from nkwatch.store import QueryError, Store

ANCHOR = "USA"


def scale(agreements: dict[tuple[str, str], float], states: list[str]) -> tuple[list[float], float]:
    """First classical-MDS dimension of ``states`` from pairwise agreements (either order);
    (positions in ``states`` order, share of the positive eigenvalues)."""
    import numpy as np

    n = len(states)
    idx = {s: i for i, s in enumerate(states)}
    d = np.full((n, n), np.nan)
    np.fill_diagonal(d, 0.0)
    for (a, b), agree in agreements.items():
        if a in idx and b in idx:
            d[idx[a], idx[b]] = d[idx[b], idx[a]] = 1.0 - agree
    off = d[~np.eye(n, dtype=bool)]
    d[np.isnan(d)] = np.nanmean(off) if off.size and not np.isnan(off).all() else 0.0
    j = np.eye(n) - 1.0 / n
    b = -0.5 * j @ (d**2) @ j
    values, vectors = np.linalg.eigh(b)
    top = int(np.argmax(values))
    if values[top] <= 0:
        return [0.0] * n, 0.0
    pos = vectors[:, top] * np.sqrt(values[top])
    share = float(values[top] / values[values > 0].sum())
    return [float(x) for x in pos], share


def positions(
    store: Store,
    year: int,
    *,
    min_votes: int = 10,
    min_share: float = 0.5,
    issue: str | None = None,
) -> list[dict[str, Any]]:
    """Every state's position in ``year`` (highest first): ``country``, ``name``,
    ``position``, ``rank``, ``votes`` (roll calls it voted in), ``explained``. Only states
    that voted in ``min_votes`` roll calls and in ``min_share`` of the year's roll calls are
    placed: a state present for a few votes agrees with everyone on little, and MDS puts it
    at an end of the axis (Dominica, 18 of 88 roll calls in 2010, would come last)."""
    if not 1946 <= int(year) <= 2100:
        raise QueryError(f"year {year} is not a UN year: use e.g. 2015")
    votes = votes_table(
        ibis_backend(store),
        date_from=dt.date(year, 1, 1),
        date_to=dt.date(year, 12, 31),
        issue=issue,
    )
    per = votes.group_by("country").aggregate(n=votes.count()).to_pyarrow().to_pylist()
    counts = {r["country"]: r["n"] for r in per}
    held = votes.select("roll_call").distinct().count().execute()
    need = max(min_votes, min_share * int(held))
    states = sorted(c for c, n in counts.items() if n >= need)
    if len(states) < 3:
        raise QueryError(
            f"fewer than 3 states voted in {need:g} or more roll calls in {year}: "
            "is the year in the ingested UN votes? (try --min-votes 1)"
        )
    pairs = dyad_years(votes).select("country_a", "country_b", "agreement").to_pyarrow()
    agreements = {
        (a, b): g
        for a, b, g in zip(
            pairs["country_a"].to_pylist(),
            pairs["country_b"].to_pylist(),
            pairs["agreement"].to_pylist(),
            strict=True,
        )
    }
    pos, share = scale(agreements, states)
    anchor = next((s for s in (ANCHOR,) if s in states), None)
    if anchor is not None and pos[states.index(anchor)] < 0:
        pos = [-p for p in pos]
    elif anchor is None:
        other = next((s for s in ("SUN", "RUS") if s in states), None)
        if other is not None and pos[states.index(other)] > 0:
            pos = [-p for p in pos]
    names = _names()
    rows = sorted(zip(states, pos, strict=True), key=lambda t: (-t[1], t[0]))
    return [
        {
            "year": int(year),
            "rank": i,
            "country": c,
            "name": names.get(c, c),
            "position": round(p, 4),
            "votes": int(counts[c]),
            "explained": round(share, 4),
        }
        for i, (c, p) in enumerate(rows, start=1)
    ]
