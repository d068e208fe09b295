"""The explorer's charts as Vega-Lite specs: data, built here from the same library calls the
API serves, drawn in the browser by the vendored Vega-Lite (static/charts.js).

Every chart is a dict the ``chart`` macro (templates/chart.html) renders: the title, the
spec, the same rows as a table, where to download them (the API's CSV and JSON) and the
sources beneath. What the specs promise, and tests/web/test_specs.py checks:

- time is a true axis (``temporal``, UTC): a year or month without data is a gap in the line,
  never a point squeezed between its neighbours;
- the y scale is the data's: negative values sit below a zero rule, inside the frame;
- every point has a tooltip with its exact value; the table holds every value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
#: the explorer's colours (explorer.css): cooperation green, conflict red, the line blue
COLOURS = {"cooperation": "#3a8f5c", "conflict": "#b2362b", "line": "#0b5ea8"}
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "nkwatch Noto Sans KR", sans-serif'
#: text is at least 12 px at every width: the charts are drawn at their CSS size, not scaled
CONFIG: dict[str, Any] = {
    "font": FONT,
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal",
             "labelColor": "#5b6570", "titleColor": "#5b6570", "gridColor": "#eeeeee"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top"},
    "title": {"fontSize": 13, "anchor": "start", "fontWeight": "normal", "color": "#1d232a"},
    "view": {"stroke": None},
    "point": {"size": 36},
}  # fmt: skip
#: how a line treats a missing value (null): it breaks, and the scale ignores the null
BREAK = "break-paths-show-domains"
#: the names of the event data sources, as a reader knows them
SOURCE_NAMES = {
    "gdelt": "GDELT",
    "icews": "ICEWS",
    "cns-missiles": "CNS missile tests",
    "csis-provocations": "CSIS provocations",
    "curated": "The curated record",
}
FREQ_UNITS = {"year": "utcyear", "month": "utcyearmonth", "week": "utcyearmonthdate"}


# --- time ---------------------------------------------------------------------------------


def precision(date: str) -> str:
    """'year', 'month' or 'day' for an ISO date of that precision ('2016', '2016-07')."""
    return {4: "year", 7: "month"}.get(len(date), "day")


def _parse(date: str) -> dt.date:
    parts = [int(p) for p in date[:10].split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _step(day: dt.date, freq: str) -> dt.date:
    if freq == "year":
        return day.replace(year=day.year + 1)
    if freq == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=7)


def periods(first: str, last: str, freq: str) -> list[str]:
    """Every period start from ``first`` to ``last`` (ISO dates), the ones without data
    included: the rows a chart needs so that a missing period shows as a gap."""
    day, end, out = _parse(first), _parse(last), []
    while day <= end:
        out.append(day.isoformat())
        day = _step(day, freq)
    return out


def _tick_step(first: str, last: str, freq: str) -> dict[str, Any]:
    """Ticks on whole years or months, no more than about eight."""
    a, b = _parse(first), _parse(last)
    if freq == "year" or (b.year - a.year) > 3:
        years = max(b.year - a.year, 1)
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50) if years / s <= 8)
        return {"interval": "year", "step": step}
    months = max((b.year - a.year) * 12 + b.month - a.month, 1)
    step = next(s for s in (1, 2, 3, 6) if months / s <= 8)
    return {"interval": "month", "step": step}


def _x(field: str, freq: str, first: str, last: str, title: str | None = None) -> dict[str, Any]:
    label = (
        "%Y" if freq == "year" or _tick_step(first, last, freq)["interval"] == "year" else ("%b %Y")
    )
    return {
        "field": field,
        "type": "temporal",
        "title": title,
        "scale": {"type": "utc", "padding": 10},
        "axis": {"format": label, "tickCount": _tick_step(first, last, freq),
                 "labelOverlap": True, "labelFlush": True, "grid": False},
    }  # fmt: skip


def _base(description: str, height: int = 220) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": CONFIG,
    }


def _tooltip_date(freq: str) -> str:
    return {"year": "%Y", "month": "%B %Y"}.get(freq, "%Y-%m-%d")


# --- one series of values over time ---------------------------------------------------------


def value_chart(
    chart_id: str,
    title: str,
    points: Sequence[tuple[str, float | None]],
    unit: str,
    *,
    mark: str = "line",
    sources: Iterable[dict[str, Any]] = (),
    note: str = "",
    csv: str | None = None,
    json: str | None = None,
) -> dict[str, Any]:
    """A chart of dated values (``points``: ISO dates of one precision, oldest first). A line
    breaks where a period has no value; ``mark="bar"`` draws counts as bars from zero."""
    freq = precision(points[0][0]) if points else "year"
    freq = "day" if freq == "day" else freq
    rows: list[dict[str, Any]] = []
    if points:
        known = {_parse(d).isoformat(): v for d, v in points}
        dates = periods(points[0][0], points[-1][0], freq) if freq != "day" else sorted(known)
        label = {"year": 4, "month": 7}.get(freq, 10)
        rows = [{"date": d, "label": d[:label], "value": known.get(d)} for d in dates]
    first, last = (rows[0]["date"], rows[-1]["date"]) if rows else ("2000-01-01", "2000-01-01")
    x = _x("date", freq, first, last)
    y = {"field": "value", "type": "quantitative", "title": unit, "axis": {"labelFlush": True}}
    tip = [
        {"field": "label", "type": "nominal", "title": "Date"},
        {"field": "value", "type": "quantitative", "title": unit, "format": ",.4~r"},
    ]
    values = [r["value"] for r in rows if r["value"] is not None]
    layers: list[dict[str, Any]] = []
    if values and min(values) < 0:  # a zero rule: the negatives are read against it
        layers.append(
            {"mark": {"type": "rule", "color": "#5b6570"}, "encoding": {"y": {"datum": 0}}}
        )
    if mark == "bar":
        freq_unit = FREQ_UNITS.get(freq, "utcyearmonthdate")
        bar_x = dict(x, timeUnit=freq_unit, bandPosition=0.5)
        layers.append(
            {
                "mark": {"type": "bar", "color": COLOURS["line"], "tooltip": True},
                "encoding": {"x": bar_x, "y": y, "tooltip": tip},
            }
        )
    else:
        layers += [
            {
                "mark": {"type": "line", "color": COLOURS["line"], "invalid": BREAK,
                         "strokeWidth": 2},
                "encoding": {"x": x, "y": y},
            },
            {
                "mark": {"type": "point", "filled": True, "color": COLOURS["line"],
                         "invalid": "filter", "opacity": 1},
                "encoding": {"x": x, "y": y, "tooltip": tip},
            },
        ]  # fmt: skip
    spec = _base(title)
    spec.update(data={"values": rows}, layer=layers)
    missing = [r["label"] for r in rows if r["value"] is None]
    return {
        "id": chart_id,
        "title": title,
        "spec": spec,
        "columns": [("label", "Date"), ("value", unit)],
        "rows": [r for r in rows if r["value"] is not None],
        "missing": missing,
        "sources": list(sources),
        "note": note,
        "csv": csv,
        "json": json,
        "coverage": [],
    }


def per_year(events: Iterable[dict[str, Any]]) -> list[tuple[str, float | None]]:
    """Events per year, every year from the first to the last (a year without events is a
    true zero: the record is meant to hold every event of note)."""
    years: dict[int, int] = {}
    for e in events:
        y = int(e["date"][:4])
        years[y] = years.get(y, 0) + 1
    if not years:
        return []
    return [(str(y), float(years.get(y, 0))) for y in range(min(years), max(years) + 1)]


def events_per_year(events: list[dict[str, Any]], query: str = "") -> dict[str, Any]:
    q = f"?{query}" if query else ""
    return value_chart(
        "events-per-year",
        f"Curated events per year ({len(events)} events)",
        per_year(events),
        "events",
        mark="bar",
        note="A year without a bar had no event in the curated record.",
        csv=f"/api/events.csv{q}",
        json=f"/api/events{q}",
    )


def series_chart(series: dict[str, Any]) -> dict[str, Any]:
    """A series of public figures (``Store.series``) as a chart of its observations."""
    obs = series["observations"]
    points = [(o["date"], o["value"]) for o in obs]
    span = f", {obs[0]['date']}–{obs[-1]['date']}" if obs else ""
    q = urlencode({"id": series["id"]})
    return value_chart(
        series["id"],
        f"{series['title']}{span} ({series['unit']})",
        points,
        series["unit"],
        sources=series["sources"],
        note=series.get("description") or "",
        csv=f"/api/series.csv?{q}",
        json=f"/api/series?{q}",
    )


# --- the dyad series: one panel per source, each source's coverage shaded -------------------


def dyad_chart(
    partner: str,
    freq: str,
    panels: Sequence[dict[str, Any]],
    *,
    chart_id: str = "dyad-chart",
) -> dict[str, Any]:
    """Cooperation and conflict between the DPRK and ``partner``, one panel per source on one
    time axis. A panel is ``{"source", "rows", "coverage"}``: the rows of
    ``nkwatch.analytics.dyads.dyads`` for that source alone (a row for every period in which
    the source has any event, of any actors) and ``(first, last)``, the dates its data spans.

    Each period is a bar as wide as the period (cooperation above the zero line, conflict
    below); the part of each period the source covers is shaded, so that a period without a
    bar inside the shading had no events of the pair, and time outside it is unknown."""
    label = {"year": 4, "month": 7}.get(freq, 10)
    specs, table, coverage = [], [], []
    lo = min((_period_start(p["coverage"][0], freq) for p in panels), default="2000-01-01")
    hi = max((_next(p["coverage"][1], freq) for p in panels), default="2000-01-01")
    for p in panels:
        name = SOURCE_NAMES.get(p["source"], p["source"])
        rows, (first, last) = p["rows"], p["coverage"]
        bars: list[dict[str, Any]] = []
        shaded: list[dict[str, Any]] = []
        for r in rows:
            start, end = r["period"], _next(r["period"], freq)
            shaded.append(
                {"from": max(start, first), "to": min(end, _day_after(last)),
                 "measure": "data coverage", "text": f"{name} has data for {r['period'][:label]}"
                 f" ({r.get('total_events', 0)} events of any actors)"}
            )  # fmt: skip
            for measure, sign in (("cooperation", 1), ("conflict", -1)):
                if r[measure]:
                    bars.append(
                        {"period": start, "end": end, "label": r["period"][:label],
                         "measure": measure, "events": r[measure], "y": sign * r[measure],
                         "share": r.get(f"{measure}_share")}
                    )  # fmt: skip
            table.append(
                {"source": name, "period": r["period"][:label], "cooperation": r["cooperation"],
                 "conflict": r["conflict"], "events": r["events"],
                 "total_events": r.get("total_events")}
            )  # fmt: skip
        events = sum(r["events"] for r in rows)
        q = {"partner": partner, "freq": freq, "source": p["source"]}
        coverage.append(
            {"source": p["source"], "name": name, "from": first, "to": last, "events": events,
             "periods": len(rows), "csv": f"/api/dyads.csv?{urlencode(q)}",
             "json": f"/api/dyads?{urlencode(q)}"}
        )  # fmt: skip
        specs.append(_dyad_panel(name, freq, bars, shaded, first, last, lo, hi, events))
    names = ", ".join(c["name"] for c in coverage)
    title = f"DPRK–{partner}: cooperation and conflict, events per {freq}, by source ({names})"
    spec = {
        "$schema": SCHEMA,
        "description": title,
        "config": CONFIG,
        "vconcat": specs,
        "resolve": {"scale": {"x": "shared", "color": "shared", "y": "independent"}},
        "spacing": 18,
    }
    return {
        "id": chart_id,
        "title": title,
        "spec": spec,
        "columns": [("source", "Source"), ("period", freq.capitalize()),
                    ("cooperation", "Cooperation"), ("conflict", "Conflict"),
                    ("events", "Events"), ("total_events", "All events of the source")],
        "rows": table,
        "missing": [],
        "sources": [],
        "note": "Cooperation (CAMEO quad classes 1-2) above the line, conflict (3-4) below; "
        "each bar spans its " + freq + ". Shaded: the part of each " + freq + " the source "
        "has data for (any actors); outside it nothing is known.",
        "csv": coverage[0]["csv"] if len(coverage) == 1 else None,
        "json": coverage[0]["json"] if len(coverage) == 1 else None,
        "coverage": coverage,
        "freq": freq,
        "partner": partner,
        "events": sum(c["events"] for c in coverage),
        "periods": sum(c["periods"] for c in coverage),
    }  # fmt: skip


def _period_start(date: str, freq: str) -> str:
    d = _parse(date)
    if freq == "year":
        d = d.replace(month=1, day=1)
    elif freq == "month":
        d = d.replace(day=1)
    else:
        d = d - dt.timedelta(days=d.weekday())
    return d.isoformat()


def _next(date: str, freq: str) -> str:
    """The start of the period after the one holding ``date``."""
    return _step(_parse(_period_start(date, freq)), freq).isoformat()


def _day_after(date: str) -> str:
    return (_parse(date) + dt.timedelta(days=1)).isoformat()


def _dyad_panel(
    name: str,
    freq: str,
    bars: list[dict[str, Any]],
    shaded: list[dict[str, Any]],
    first: str,
    last: str,
    lo: str,
    hi: str,
    events: int,
) -> dict[str, Any]:
    x = _x("period", freq, lo, hi)
    # every panel spans the same time: two invisible marks at its ends (an explicit domain
    # conflicts between the panels of a vconcat in Vega-Lite 6)
    ends = {
        "data": {"values": [{"period": lo}, {"period": hi}]},
        "mark": {"type": "point", "opacity": 0},
        "encoding": {"x": x},
    }
    colour = {
        "field": "measure",
        "type": "nominal",
        "title": None,
        "scale": {
            "domain": ["cooperation", "conflict", "data coverage"],
            "range": [COLOURS["cooperation"], COLOURS["conflict"], "#dfe6ee"],
        },
    }
    tip = [
        {"field": "label", "type": "nominal", "title": freq.capitalize()},
        {"field": "measure", "type": "nominal", "title": "Measure"},
        {"field": "events", "type": "quantitative", "title": "Events"},
        {"field": "share", "type": "quantitative", "title": "Share of all events",
         "format": ".2~%"},
    ]  # fmt: skip
    band = {
        "data": {"values": shaded},
        "mark": {"type": "rect"},
        "encoding": {
            "x": {"field": "from", "type": "temporal", "axis": x["axis"], "title": None},
            "x2": {"field": "to"},
            "color": colour,
            "tooltip": [{"field": "text", "type": "nominal", "title": "Coverage"}],
        },
    }
    zero = {"mark": {"type": "rule", "color": "#5b6570"}, "encoding": {"y": {"datum": 0}}}
    y = {
        "field": "y",
        "type": "quantitative",
        "title": "events",
        "axis": {
            "tickMinStep": 1,
            "labelExpr": "abs(datum.value)",
            "labelFlush": True,
            "title": "events (conflict below 0)",
        },
    }
    bar = {
        "data": {"values": bars},
        "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 0.5},
        "encoding": {"x": x, "x2": {"field": "end"}, "y": y, "y2": {"datum": 0},
                     "color": colour, "tooltip": tip},
    }  # fmt: skip
    return {
        "title": {"text": f"{name}: {events} events", "limit": 260},
        "width": 600,
        "height": 150,
        "layer": [ends, band, zero, bar],
    }


# --- from the store -------------------------------------------------------------------------


def coverage(store: Any) -> dict[str, tuple[str, str]]:
    """The first and last date of each event data source in the store (every actor), and of
    the curated record's events: what each source can say anything about."""
    import duckdb

    from nkwatch.analytics.dyads import CURATED
    from nkwatch.sources import REPORT_TABLES

    out: dict[str, tuple[str, str]] = {}
    for source, table in [*REPORT_TABLES.items(), (CURATED, "ev_curated")]:
        try:
            lo, hi = store.con.execute(f"SELECT min(date), max(date) FROM {table}").fetchone()
        except duckdb.Error:  # not ingested (or a store of the old layout)
            continue
        if lo is not None:
            out[source] = (lo.isoformat(), hi.isoformat())
    return out


def dyad_figure(
    store: Any,
    partner: str,
    freq: str,
    sources: Sequence[str],
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    chart_id: str = "dyad-chart",
) -> dict[str, Any] | None:
    """The dyad chart of ``partner`` over ``sources`` (those in the store with events of
    this dyad; none: None), each source's series from the API's own query
    (``nkwatch.analytics.dyads.dyads``, as /api/dyads?source=... serves it)."""
    from nkwatch.analytics.dyads import dyads
    from nkwatch.dates import parse_query_date

    spans = coverage(store)
    lo = parse_query_date(date_from, end=False) if date_from else None
    hi = parse_query_date(date_to, end=True) if date_to else None
    panels = []
    for source in sources:
        if source not in spans:
            continue
        rows = dyads(store, partner, freq, sources=[source], date_from=date_from,
                     date_to=date_to)  # fmt: skip
        if not any(r["events"] for r in rows):
            continue
        first, last = spans[source]
        if lo:
            first = max(first, lo.isoformat())
        if hi:
            last = min(last, hi.isoformat())
        panels.append({"source": source, "rows": rows, "coverage": (first, last)})
    if not panels:
        return None
    return dyad_chart(partner, freq, panels, chart_id=chart_id)
