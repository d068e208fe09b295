"""The missile page's chart: entries per year in the three sources, one line each, as a chart
of nkwatch.web.specs's shape (drawn by /static/charts.js, its table and downloads beneath)."""

from __future__ import annotations

from typing import Any

from nkwatch.web import specs

#: (column of nkwatch.missiles.per_year, label, colour)
SERIES = (
    ("cns_missile", "CNS: missiles", "#0b5ea8"),
    ("csis_missile", "CSIS: missile provocations", "#d08a1e"),
    ("curated_missile", "Curated record: launches", "#1d232a"),
)


def per_year_chart(
    rows: list[dict[str, Any]], spans: dict[str, tuple[str, str] | None]
) -> dict[str, Any] | None:
    """Missile entries per year and source; every year from the first to the last stays on
    the axis. Within a catalogue's span a year without entries is a zero (CNS and CSIS mean to
    list every launch they know of); outside it there is no value, and the line breaks (CNS
    runs from 1984 to April 2023). The curated record spans the whole axis."""
    if not rows:
        return None

    def value(r: dict[str, Any], col: str) -> int | None:
        span = spans.get(col.split("_")[0])
        if col.startswith("curated") or not span:
            return r[col]
        return r[col] if int(span[0][:4]) <= r["year"] <= int(span[1][:4]) else None

    values = [
        {"date": f"{r['year']}-01-01", "label": str(r["year"]), "source": label,
         "n": value(r, col)}
        for r in rows
        for col, label, _ in SERIES
    ]  # fmt: skip
    first, last = values[0]["date"], values[-1]["date"]
    x = specs._x("date", "year", first, last)
    y = {"field": "n", "type": "quantitative", "title": "entries", "axis": {"labelFlush": True}}
    colour = {
        "field": "source",
        "type": "nominal",
        "title": None,
        "scale": {"domain": [s[1] for s in SERIES], "range": [s[2] for s in SERIES]},
    }
    tip = [
        {"field": "label", "type": "nominal", "title": "Year"},
        {"field": "source", "type": "nominal", "title": "Source"},
        {"field": "n", "type": "quantitative", "title": "Entries"},
    ]
    spec = specs._base("Missile launches per year in three sources", height=240)
    spec.update(
        data={"values": values},
        layer=[
            {"mark": {"type": "line", "strokeWidth": 2, "invalid": specs.BREAK},
             "encoding": {"x": x, "y": y, "color": colour}},
            {"mark": {"type": "point", "filled": True, "opacity": 1, "invalid": "filter"},
             "encoding": {"x": x, "y": y, "color": colour, "tooltip": tip}},
        ],
    )  # fmt: skip
    return {
        "id": "missiles-per-year",
        "title": "Missile launches per year: CNS, CSIS and the curated record",
        "spec": spec,
        "columns": [("year", "Year")] + [(col, label) for col, label, _ in SERIES],
        "rows": rows,
        "missing": [],
        "sources": [],
        "note": "CNS counts each missile, CSIS each reported launch event (a salvo is one), the "
        "curated record only notable launches. Outside a source's span its line stops (a gap, "
        "not a zero).",
        "csv": "/api/missiles/per-year.csv",
        "json": "/api/missiles/per-year",
        "coverage": [],
    }
