"""DPRK–partner series of cooperation and conflict, per year, month or week.

For each period of the chosen sources: the events between the DPRK and the partner in either
direction (``events_out``: the DPRK acts, ``events_in``: the partner acts), the counts by quad
class, cooperation (quad classes 1-2) and conflict (3-4), the mean and sum of Goldstein
values, the reports and mentions behind them, and the same normalised by the total volume of
the period (every event of those sources in that period, whoever the actors):
``share = events / total_events`` and so on. Periods with data but no dyad events are 0.

The curated record is a source too (``sources=["curated"]``): its events as event data
(actors as states, a leader as the state led; a multilateral event as one row per DPRK–
partner pair, as ICEWS codes it), Goldstein values and quad classes from their CAMEO codes.
An event dated only to a month or a year counts in the first period of that month or year.

>>> from nkwatch.analytics.dyads import dyads
>>> dyads(store, partner="USA", freq="month", sources=["icews"])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import ibis

from nkwatch.analytics import ibis_backend, reports_table
from nkwatch.analytics.events import events as group_events
from nkwatch.dates import parse_query_date
from nkwatch.store import QueryError, Store

FREQS = {"year": "Y", "month": "M", "week": "W"}
#: the curated record as a source of the series (``ev_curated``, see nkwatch.build)
CURATED = "curated"
FOCAL = "PRK"
COUNTS = (
    "events",
    "events_out",
    "events_in",
    "reports",
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
    "cooperation",
    "conflict",
    "mentions",
)


def _check(partner: str, freq: str) -> str:
    if freq not in FREQS:
        raise QueryError(f"unknown frequency {freq!r}: use year, month or week")
    iso = partner.strip().upper()
    if len(iso) != 3 or not iso.isalpha():
        raise QueryError(f"partner {partner!r} is not an ISO 3166 alpha-3 code: use e.g. USA")
    if iso == FOCAL:
        raise QueryError("the partner must be another state than the DPRK (PRK)")
    return iso


def _i(cond: Any) -> Any:
    return ibis.ifelse(cond, 1, 0)


def dyad_series(
    reports: Any,
    partner: str,
    freq: str = "month",
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    sources: Sequence[str] | None = None,
) -> Any:
    """The Ibis expression of the series (any backend holding ``ev_reports``)."""
    iso = _check(partner, freq)
    r = reports
    if sources:
        r = r.filter(r.source.isin(list(sources)))
    if date_from is not None:
        r = r.filter(r.date >= date_from)
    if date_to is not None:
        r = r.filter(r.date <= date_to)
    # the period's volume: every event of these sources
    ev = group_events(r)
    ev = ev.mutate(period=ev.date.truncate(FREQS[freq]))
    totals = ev.group_by("period").aggregate(
        total_events=ev.count(), total_mentions=ev.mentions.sum()
    )
    # the dyad's events: filter the reports first (the actors are part of an event's key,
    # so this gives the same events as filtering after grouping, on far fewer rows)
    out = (r.actor1 == FOCAL) & (r.actor2 == iso)
    into = (r.actor1 == iso) & (r.actor2 == FOCAL)
    d = group_events(r.filter(out | into))
    d = d.mutate(period=d.date.truncate(FREQS[freq]))
    q = d.quad_class
    dyad = d.group_by(d.period.name("p")).aggregate(
        events=d.count(),
        events_out=_i(d.actor1 == FOCAL).sum(),
        events_in=_i(d.actor1 == iso).sum(),
        reports=d.reports.sum(),
        verbal_coop=_i(q == 1).sum(),
        material_coop=_i(q == 2).sum(),
        verbal_conflict=_i(q == 3).sum(),
        material_conflict=_i(q == 4).sum(),
        cooperation=_i(q <= 2).sum(),
        conflict=_i(q >= 3).sum(),
        goldstein_mean=d.goldstein.mean(),
        goldstein_sum=d.goldstein.sum(),
        mentions=d.mentions.sum(),
    )
    j = totals.left_join(dyad, totals.period == dyad.p)
    counts = {c: j[c].fill_null(0).cast("int64") for c in COUNTS}
    gsum = j.goldstein_sum.fill_null(0.0)
    total = j.total_events.cast("float64")
    return j.select(
        period=j.period,
        **counts,
        goldstein_mean=j.goldstein_mean,
        goldstein_sum=gsum,
        total_events=j.total_events.cast("int64"),
        total_mentions=j.total_mentions.fill_null(0).cast("int64"),
        share=counts["events"] / total,
        cooperation_share=counts["cooperation"] / total,
        conflict_share=counts["conflict"] / total,
        goldstein_sum_norm=gsum / total,
    ).order_by("period")


def _date(value: str | dt.date | None, end: bool, name: str) -> dt.date | None:
    try:
        return parse_query_date(value, end=end)
    except ValueError as exc:
        raise QueryError(f"{name}: {exc}") from None


def reports_of(store: Store, sources: Sequence[str] | None) -> Any:
    """The reports the series count: the ingested ones, and the curated events
    (``ev_curated``, built with the record) when ``curated`` is one of ``sources``. No
    sources means every ingested source; the curated record is counted only when named, so
    that a series never mixes the two without being asked to.

    Ingested reports are read from each source's own table (only those asked for and not
    empty) rather than through the ``ev_reports`` view: a union of four tables costs a
    quarter more time on 100 M rows than a scan of the one that holds them."""
    from nkwatch.sources import REPORT_TABLES
    from nkwatch.sources.base import COMMON_COLUMNS

    backend = ibis_backend(store)
    names = list(sources or [])
    ingested = [s for s in names if s != CURATED]
    parts = []
    if not names or ingested:
        view = reports_table(backend)  # a clear error when nothing was ingested
        present = set(backend.list_tables())
        for source in ingested or REPORT_TABLES:
            table = REPORT_TABLES[source]
            if (
                table in present
                and store.con.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
            ):  # type: ignore[index]
                parts.append(backend.table(table).select(*COMMON_COLUMNS))
        if not parts:  # nothing of these sources, or a store of the old layout
            parts.append(view.select(*COMMON_COLUMNS))
    if CURATED in names:
        parts.append(backend.table("ev_curated").select(*COMMON_COLUMNS))
    return parts[0] if len(parts) == 1 else ibis.union(*parts)


def dyads(
    store: Store,
    partner: str,
    freq: str = "month",
    *,
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    sources: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """The series as records (period as ISO text), oldest first."""
    from nkwatch.sources import SOURCES

    known = [*SOURCES, CURATED]
    unknown = [s for s in sources or [] if s not in known]
    if unknown:
        raise QueryError(f"unknown source {unknown[0]!r}: use one of {', '.join(known)}")
    lo, hi = _date(date_from, False, "from"), _date(date_to, True, "to")
    if lo and hi and lo > hi:
        raise QueryError(f"the range is empty: from {date_from} is after to {date_to}")
    expr = dyad_series(
        reports_of(store, sources),
        partner,
        freq,
        date_from=lo,
        date_to=hi,
        sources=list(sources) if sources else None,
    )
    return records(expr.to_pyarrow().to_pylist())


def records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        rec = dict(row)
        p = rec["period"]
        rec["period"] = p.date().isoformat() if isinstance(p, dt.datetime) else str(p)
        for k in ("goldstein_mean", "goldstein_sum", "share", "cooperation_share",
                  "conflict_share", "goldstein_sum_norm"):  # fmt: skip
            if rec.get(k) is not None:
                rec[k] = round(float(rec[k]), 6)
        out.append(rec)
    return out
