"""The DPRK's isolation over time, one row per year from 1948: its diplomatic network (from
the curated record), its UN General Assembly voting alignment and the human-rights votes
against it (UN votes), and the militarised disputes it entered (Correlates of War MIDs).

Per year (the network as of 31 December, or today for the current year):

- ``relations`` / ``relations_at_most``: states with diplomatic relations, certainly / at
  most (counting the ties whose start the record does not know, see :mod:`nkwatch.countries`);
  ``un_members_with_relations`` (and ``_at_most``);
- ``embassies_in_pyongyang`` (and ``_at_most``): states with a resident embassy there;
- ``dprk_embassies_abroad`` (and ``_at_most``): the DPRK's resident embassies;
- ``un_votes``: roll calls the DPRK voted in; ``un_median``: its agreement with the median
  member (:func:`nkwatch.analytics.alignment.median_alignment`); ``un_USA`` ... ``un_FRA``:
  its agreement with each permanent member (the Soviet Union's votes count as Russia's);
  empty before the DPRK joined (1991) and after the last ingested vote;
- ``hr_resolutions``, ``hr_yes``, ``hr_no``, ``hr_abstain``: recorded votes on resolutions
  on the human rights situation in the DPRK, and how the members voted (yes is a vote
  against the DPRK's position);
- ``mids``: militarised interstate disputes the DPRK took part in that began that year
  (COW MID); empty after the last year the ingested MID data covers.

Each series says where it comes from (:data:`SOURCES`); a source not ingested leaves its
columns empty rather than zero.

The network is counted for every year in one query (:func:`nkwatch.countries.counts_on`);
the UN columns come from the per-year vote cells an unvotes ingest keeps
(``uv_focal_cells``), or from the votes themselves in a store ingested before nkwatch kept
them: the same figures either way (tests/votes/test_focal_cells.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from nkwatch.analytics import ibis_backend
from nkwatch.analytics.alignment import (
    P5,
    SEATS,
    cell_metrics,
    focal_alignment,
    median_alignment,
    stored_cells,
    votes_about,
    votes_table,
)
from nkwatch.countries import counts_on
from nkwatch.store import QueryError, Store

FIRST_YEAR = 1948
DPRK_COW = 731
SOURCES = {
    "network": "nkwatch curated record (relations and embassies, kb/countries)",
    "un": "UN General Assembly roll-call votes (Voeten et al., Harvard Dataverse; unvotes)",
    "mids": "Correlates of War, Militarized Interstate Disputes v4.3 (MIDA, MIDB)",
}
NETWORK = (
    "relations",
    "relations_at_most",
    "un_members_with_relations",
    "un_members_with_relations_at_most",
    "embassies_in_pyongyang",
    "embassies_in_pyongyang_at_most",
    "dprk_embassies_abroad",
    "dprk_embassies_abroad_at_most",
)
COLUMNS = (
    "year",
    *NETWORK,
    "un_votes",
    "un_median",
    *(f"un_{p}" for p in P5),
    "hr_resolutions",
    "hr_yes",
    "hr_no",
    "hr_abstain",
    "mids",
)


def _tables(store: Store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


UnSeries = tuple[dict[int, dict[str, Any]], dict[int, dict[str, int]]]


def _un(store: Store, about: list[dict[str, Any]] | None = None) -> UnSeries:
    """The UN columns per year, and the human-rights votes per year: from the cells the
    ingest keeps (:func:`~nkwatch.analytics.alignment.stored_cells`), else from the votes
    (:func:`_un_from_votes`, the same figures)."""
    from nkwatch.sources.unvotes import MEDIAN

    cells = stored_cells(store, [MEDIAN, *P5, *SEATS])
    if cells is None:
        return _un_from_votes(store, about)

    per: dict[int, dict[str, Any]] = {}
    rows = []
    for c in cells:
        m = cell_metrics(c)
        if c["country"] == MEDIAN:
            per.setdefault(c["year"], {})["un_votes"] = m["votes"]
            per[c["year"]]["un_median"] = round(m["agreement"], 4)
        elif c["country"] in P5 or c["country"] in SEATS:
            rows.append({"year": c["year"], "country": c["country"], **m})
    _seats(per, rows)
    return per, _hr(store, about)


def _un_from_votes(store: Store, about: list[dict[str, Any]] | None = None) -> UnSeries:
    """:func:`_un` computed from the votes themselves (Ibis on the store)."""
    votes = votes_table(ibis_backend(store))
    per: dict[int, dict[str, Any]] = {}
    for r in median_alignment(votes).to_pyarrow().to_pylist():
        per.setdefault(r["year"], {})["un_votes"] = r["votes"]
        per[r["year"]]["un_median"] = round(r["agreement"], 4)
    seats = [*P5, *SEATS]
    rows = focal_alignment(votes, partners=seats, by_year=True).to_pyarrow().to_pylist()
    _seats(per, rows)
    return per, _hr(store, about)


def _seats(per: dict[int, dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    """Agreement with each permanent member per year (``un_USA`` ...), the Soviet Union's
    votes counted as Russia's (the mean weighted by roll calls)."""
    weighted: dict[tuple[int, str], list[tuple[float, int]]] = {}
    for r in rows:
        weighted.setdefault((r["year"], SEATS.get(r["country"], r["country"])), []).append(
            (r["agreement"], r["votes"])
        )
    for (year, p), parts in weighted.items():
        n = sum(v for _, v in parts)
        per.setdefault(year, {})[f"un_{p}"] = round(sum(a * v for a, v in parts) / n, 4)


def _hr(store: Store, about: list[dict[str, Any]] | None) -> dict[int, dict[str, int]]:
    """The recorded votes on the human-rights resolutions on the DPRK, per year (``about``:
    :func:`~nkwatch.analytics.alignment.votes_about`'s rows, if the caller has them)."""
    hr: dict[int, dict[str, int]] = {}
    for rc in votes_about(store) if about is None else about:
        if not rc["human_rights"] or rc["amendment"] or rc["paragraph"]:
            continue
        y = hr.setdefault(
            int(rc["date"][:4]), {"hr_resolutions": 0, "hr_yes": 0, "hr_no": 0, "hr_abstain": 0}
        )
        y["hr_resolutions"] += 1
        for k in ("yes", "no", "abstain"):
            y[f"hr_{k}"] += rc[k]
    return hr


def _mids(store: Store) -> tuple[dict[int, int], int | None]:
    rows = store.con.execute(
        "SELECT d.styear, count(DISTINCT d.dispnum3) FROM cow_mid_disputes d WHERE d.dispnum3 IN "
        "(SELECT dispnum3 FROM cow_mid_participants WHERE ccode = ?) GROUP BY 1",
        [DPRK_COW],
    ).fetchall()
    last = store.con.execute("SELECT max(styear) FROM cow_mid_disputes").fetchone()[0]  # type: ignore[index]
    return {int(y): int(n) for y, n in rows}, last


def isolation(
    store: Store,
    *,
    freq: str = "year",
    date_from: str | None = None,
    date_to: str | None = None,
    about: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One record per year (see the module's docstring), oldest first. ``about``: the roll
    calls about the DPRK (:func:`~nkwatch.analytics.alignment.votes_about`), when the caller
    has read them already."""
    if freq != "year":
        raise QueryError(f"unknown frequency {freq!r}: use year")
    today = dt.date.today()

    def year_of(text: str | None, default: int) -> int:
        """A year YYYY (or a date that starts with one), held to the series' span: the
        series runs from FIRST_YEAR to this year, so an earlier 'from' means its start."""
        if text is None:
            return default
        found = re.match(r"(\d{4})(?:-\d{2}(?:-\d{2})?)?$", str(text).strip())
        if not found or int(found.group(1)) < 1000:
            raise QueryError(f"{text!r} is not a year: give YYYY, e.g. 1990")
        return min(max(int(found.group(1)), FIRST_YEAR), today.year)

    first, last = year_of(date_from, FIRST_YEAR), year_of(date_to, today.year)
    if first > last:
        raise QueryError(f"the range is empty: from {first} is after to {last}")
    tables = _tables(store)
    has_un = {"uv_votes", "uv_roll_calls"} <= tables
    un, hr = _un(store, about) if has_un else ({}, {})
    last_hr = max(un) if un else None
    has_mids = {"cow_mid_disputes", "cow_mid_participants"} <= tables
    mids, mids_to = _mids(store) if has_mids else ({}, None)
    days = {year: min(dt.date(year, 12, 31), today) for year in range(first, last + 1)}
    network = counts_on(store, list(days.values()))
    out = []
    for year, day in days.items():
        c = network[day]
        row: dict[str, Any] = {"year": year, **{k: c[k] for k in NETWORK}}
        u = un.get(year, {})
        row["un_votes"] = u.get("un_votes")
        row["un_median"] = u.get("un_median")
        for p in P5:
            row[f"un_{p}"] = u.get(f"un_{p}")
        covered = last_hr is not None and year <= last_hr
        h = hr.get(year, {})
        for k in ("hr_resolutions", "hr_yes", "hr_no", "hr_abstain"):
            row[k] = h.get(k, 0) if covered else None
        row["mids"] = mids.get(year, 0) if mids_to is not None and year <= mids_to else None
        out.append(row)
    return out
