"""Ingested event reports as things a reader can open: one report with its source's own
fields explained, a readable title for each, the DPRK's reports as a layer of the timeline
(grouped into events first: GDELT rows with the same actors, code, day and place are one
event, as :mod:`nkwatch.analytics.events` groups them), and words across all of them.

>>> from nkwatch.reports import report, layer
>>> report(store.con, "cns:1")["title"]
'Scud-B (SRBM) launch from Tonghae Satellite Launching Ground'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from nkwatch.errors import QueryError
from nkwatch.reference import cameo

#: the layer names the explorer uses, and the source each stands for
LAYERS: dict[str, str] = {
    "icews": "icews",
    "gdelt": "gdelt",
    "cns": "cns-missiles",
    "csis": "csis-provocations",
}
#: each source's table and struct column
TABLES: dict[str, tuple[str, str]] = {
    "gdelt": ("ev_reports_gdelt", "gdelt"),
    "icews": ("ev_reports_icews", "icews"),
    "cns-missiles": ("ev_reports_cns", "cns"),
    "csis-provocations": ("ev_reports_csis", "csis"),
}
#: how to cite each data set (its publisher's own citation, shortened) and where it lives
DATASETS: dict[str, dict[str, str]] = {
    "gdelt": {
        "name": "GDELT",
        "citation": "The GDELT Project, GDELT Event Database",
        "url": "https://www.gdeltproject.org/",
    },
    "icews": {
        "name": "ICEWS",
        "citation": "Boschee, E. et al., ICEWS Coded Event Data, Harvard Dataverse "
        "(as the ICEWS14/ICEWS18 temporal knowledge-graph splits where so ingested)",
        "url": "https://doi.org/10.7910/DVN/28075",
    },
    "cns-missiles": {
        "name": "CNS missile tests",
        "citation": "James Martin Center for Nonproliferation Studies, The CNS North Korea "
        "Missile Test Database, Nuclear Threat Initiative",
        "url": "https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/",
    },
    "csis-provocations": {
        "name": "CSIS provocations",
        "citation": "CSIS Beyond Parallel, Database of North Korean Provocations",
        "url": "https://beyondparallel.csis.org/database-north-korean-provocations/",
    },
}
#: the source's own fields shown on a report's page, with their labels (in this order)
FIELDS: dict[str, list[tuple[str, str]]] = {
    "cns-missiles": [
        ("missile_name", "Missile"),
        ("missile_type", "Missile type"),
        ("other_name", "Other name"),
        ("launch_time_utc", "Launch time (UTC)"),
        ("launch_agency_authority", "Launched by"),
        ("facility_name", "Facility"),
        ("facility_location", "Facility location"),
        ("landing_location", "Landing location"),
        ("apogee", "Apogee"),
        ("distance_travelled", "Distance travelled"),
        ("confirmation_status", "Confirmation"),
        ("test_outcome", "Outcome"),
        ("additional_information", "Notes"),
        ("sources", "CNS's sources"),
        ("date", "Date as CNS writes it"),
        ("date_entered_updated", "Entered or updated"),
    ],
    "csis-provocations": [
        ("type", "CSIS type"),
        ("event", "Event"),
        ("description", "Description"),
        ("resources", "CSIS's sources"),
    ],
    "icews": [
        ("event_text", "ICEWS event text"),
        ("intensity", "Intensity"),
        ("source_sectors", "Source sectors"),
        ("target_sectors", "Target sectors"),
        ("publisher", "Publisher"),
        ("story_id", "Story"),
        ("city", "City"),
        ("province", "Province"),
        ("country", "Country"),
        ("format", "Format"),
    ],
    "gdelt": [
        ("SOURCEURL", "Source article"),
        ("AvgTone", "Average tone"),
        ("IsRootEvent", "Root event"),
        ("Actor1Geo_FullName", "Actor 1 place"),
        ("Actor2Geo_FullName", "Actor 2 place"),
        ("DATEADDED", "Added to GDELT"),
        ("version", "GDELT version"),
    ],
}


def _has(con: Any, name: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary", [name]
    ).fetchone()
    return bool(row and row[0])


def sources_present(con: Any) -> list[str]:
    """The sources with at least one ingested report, in :data:`TABLES` order."""
    out = []
    for source, (table, _) in TABLES.items():
        if _has(con, table) and con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            out.append(source)
    return out


def actor_label(name: str | None, iso3: str | None) -> str:
    if name:
        return name.replace("_", " ")
    return iso3 or "?"


def cameo_label(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return cameo.lookup(code).label
    except KeyError:
        return None


def title(source: str, row: dict[str, Any], extra: dict[str, Any] | None = None) -> str:
    """A readable one-line title for a report: the missile and site for CNS, the event for
    CSIS, "actor → actor: what (CAMEO label)" for event data."""
    x = extra or {}
    if source == "cns-missiles":
        name = x.get("missile_name") or "Missile"
        kind = x.get("missile_type")
        site = x.get("facility_name")
        text = f"{name} ({kind}) launch" if kind and kind != name else f"{name} launch"
        return text + (f" from {site}" if site and site != "Unknown" else "")
    if source == "csis-provocations":
        return str(x.get("event") or x.get("type") or "Provocation")
    a1 = actor_label(row.get("actor1_name"), row.get("actor1"))
    a2 = row.get("actor2_name") or row.get("actor2")
    what = cameo_label(row.get("cameo_code")) or "event"
    return f"{a1} → {actor_label(a2, None)}: {what}" if a2 else f"{a1}: {what}"


def _iso(d: Any) -> str | None:
    return d.isoformat() if isinstance(d, dt.date) else d


def report(con: Any, report_id: str) -> dict[str, Any] | None:
    """One ingested report by id, with its source's own fields, a title, its CAMEO code
    explained and where it came from (file, line); None when no source holds it."""
    prefix = report_id.split(":", 1)[0]
    candidates = [
        s
        for s in TABLES
        if prefix in (s, TABLES[s][1], s.split("-")[0]) or prefix.startswith(TABLES[s][1])
    ]
    for source in candidates or list(TABLES):
        table, col = TABLES[source]
        if not _has(con, table):
            continue
        cur = con.execute(f"SELECT * FROM {table} WHERE id = ?", [report_id])
        names = [d[0] for d in cur.description]
        found = cur.fetchone()
        if found is None:
            continue
        row = dict(zip(names, found, strict=True))
        extra = row.pop(col) or {}
        row["date"] = _iso(row["date"])
        row["title"] = title(source, row, extra)
        row["dataset"] = DATASETS[source]
        row["fields"] = [
            (label, extra.get(key))
            for key, label in FIELDS.get(source, [])
            if extra.get(key) not in (None, "", "Unknown")
        ]
        row["extra"] = extra
        return row
    return None


def layer_sql(
    layers: Sequence[str],
    *,
    partner: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> tuple[str, list[Any]]:
    """SQL for the DPRK's events in the given layers (``icews``, ``gdelt``, ``cns``, ``csis``;
    with ``partner``, only those between the DPRK and that state): one row per event with
    ``id`` (its first report), ``source``, ``date``, actors, ``cameo_code``, ``quad_class``,
    ``reports`` and the source's own struct."""
    parts, params = [], []
    for layer in layers:
        source = LAYERS.get(layer)
        if source is None:
            raise QueryError(f"layer {layer!r} is not one of {', '.join(LAYERS)}")
        table, col = TABLES[source]
        where = ["(actor1 = 'PRK' OR actor2 = 'PRK')"]
        if partner:
            where.append("(actor1 = ? OR actor2 = ?)")
            params += [partner, partner]
        if date_from:
            where.append("date >= ?")
            params.append(date_from)
        if date_to:
            where.append("date <= ?")
            params.append(date_to)
        w = " AND ".join(where)
        if source == "gdelt":  # reports are not events: group them as the analytics do
            parts.append(
                f"SELECT min(id) AS id, '{source}' AS source, date, min(actor1) AS actor1, "
                "min(actor2) AS actor2, min(actor1_name) AS actor1_name, "
                "min(actor2_name) AS actor2_name, cameo_code, min(quad_class) AS quad_class, "
                f"count(*) AS reports, NULL AS x FROM {table} WHERE {w} "
                "GROUP BY date, actor1_code, actor2_code, cameo_code, "
                "coalesce(location_id, location, '')"
            )
        else:
            x = f"{col}" if source in ("cns-missiles", "csis-provocations") else "NULL"
            parts.append(
                f"SELECT id, '{source}' AS source, date, actor1, actor2, actor1_name, "
                f"actor2_name, cameo_code, quad_class, 1 AS reports, {x} AS x "
                f"FROM {table} WHERE {w}"
            )
    return " UNION ALL ".join(parts), params


def present_layers(con: Any, layers: Sequence[str]) -> list[str]:
    """The asked-for layers whose table exists (a store with no ingest has none)."""
    out = []
    for layer in layers:
        if layer not in LAYERS:
            raise QueryError(f"layer {layer!r} is not one of {', '.join(LAYERS)}")
        if _has(con, TABLES[LAYERS[layer]][0]) and layer not in out:
            out.append(layer)
    return out


def layer(
    con: Any,
    layers: Sequence[str],
    *,
    partner: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The DPRK's events in ``layers``, oldest first, each with a title (see
    :func:`layer_sql`)."""
    return layer_page(
        con, layers, partner=partner, date_from=date_from, date_to=date_to, limit=limit,
        offset=offset,
    )[0]  # fmt: skip


def layer_page(
    con: Any,
    layers: Sequence[str],
    *,
    partner: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """:func:`layer`'s rows and how many there are in all, from one scan."""
    layers = present_layers(con, layers)
    if not layers:
        return [], 0
    sql, params = layer_sql(layers, partner=partner, date_from=date_from, date_to=date_to)
    page = ""
    if limit is not None:
        page = " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = con.execute(
        f"SELECT *, count(*) OVER () FROM ({sql}) ORDER BY date, id{page}", params
    ).fetchall()
    if rows:
        total = rows[0][-1]
    else:
        total = layer_count(con, layers, partner=partner, date_from=date_from, date_to=date_to)
    return [_layer_row(r[:-1]) for r in rows], total


def layer_rows(
    con: Any,
    layers: Sequence[str],
    ids: Sequence[str],
    partner: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The layer events with these ids (see :func:`layer_sql`), each with a title."""
    if not ids:
        return []
    sql, params = layer_sql(layers, partner=partner, date_from=date_from, date_to=date_to)
    rows = con.execute(
        f"SELECT * FROM ({sql}) WHERE id IN (SELECT unnest(?::VARCHAR[]))", [*params, list(ids)]
    ).fetchall()
    return [_layer_row(r) for r in rows]


_LAYER_KEYS = ("id", "source", "date", "actor1", "actor2", "actor1_name", "actor2_name",
               "cameo_code", "quad_class", "reports", "x")  # fmt: skip


def _layer_row(r: Sequence[Any]) -> dict[str, Any]:
    row = dict(zip(_LAYER_KEYS, r, strict=True))
    x = row.pop("x")
    row["title"] = title(row["source"], row, x)
    row["date"] = _iso(row["date"])
    row["dataset"] = DATASETS[row["source"]]["name"]
    return row


def layer_count(
    con: Any,
    layers: Sequence[str],
    *,
    partner: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> int:
    layers = present_layers(con, layers)
    if not layers:
        return 0
    sql, params = layer_sql(layers, partner=partner, date_from=date_from, date_to=date_to)
    return con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]  # type: ignore[index]


#: the columns each source is searched in (a word must be in one of them)
_SEARCHED = {
    "gdelt": ("actor1_name", "actor2_name", "actor1", "actor2", "location", "gdelt.SOURCEURL"),
    "icews": ("actor1_name", "actor2_name", "actor1", "actor2", "icews.event_text",
              "icews.city", "icews.country"),
    "cns-missiles": ("location", "cns.missile_name", "cns.missile_type", "cns.other_name",
                     "cns.test_outcome", "cns.additional_information"),
    "csis-provocations": ("actor2", "csis.type", "csis.event", "csis.description"),
}  # fmt: skip


def _search_sql(con: Any, q: str) -> tuple[str, list[Any]] | None:
    """Every word in one of the source's columns. Each column is searched on its own: one
    string per row built from all of them cost five times as much on ICEWS."""
    words = q.lower().split()[:12]
    if not words:
        raise QueryError("search needs some words: e.g. 'Hwasong' or 'Japan'")
    parts, params = [], []
    for source, (table, col) in TABLES.items():
        if not _has(con, table):
            continue
        cols = _SEARCHED[source]
        where = []
        for word in words:
            where.append("(" + " OR ".join(f"contains(lower({c}), ?)" for c in cols) + ")")
            params += [word] * len(cols)
        x = col if source in ("cns-missiles", "csis-provocations") else "NULL"
        parts.append(
            f"SELECT id, '{source}' AS source, date, actor1, actor2, actor1_name, actor2_name, "
            f"cameo_code, quad_class, {x} AS x FROM {table} WHERE {' AND '.join(where)}"
        )
    if not parts:
        return None
    return " UNION ALL ".join(parts), params


def search(con: Any, q: str, *, limit: int = 20, offset: int = 0) -> tuple[list[dict], int]:
    """Reports of every ingested source whose text holds every word of ``q``, newest first,
    and how many there are in all."""
    found = _search_sql(con, q)
    if found is None:
        return [], 0
    sql, params = found
    rows = con.execute(  # one scan: the total comes with the page
        f"SELECT *, count(*) OVER () AS total FROM ({sql}) ORDER BY date DESC, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    if rows:
        total = rows[0][-1]
    elif offset:  # past the end: count them
        total = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    else:
        total = 0
    rows = [r[:-1] for r in rows]
    keys = ("id", "source", "date", "actor1", "actor2", "actor1_name", "actor2_name",
            "cameo_code", "quad_class", "x")  # fmt: skip
    out = []
    for r in rows:
        row = dict(zip(keys, r, strict=True))
        x = row.pop("x")
        row["title"] = title(row["source"], row, x)
        row["date"] = _iso(row["date"])
        row["dataset"] = DATASETS[row["source"]]["name"]
        out.append(row)
    return out, total


def around(
    con: Any, day: str | dt.date, *, days: int = 1, exclude: str | None = None, limit: int = 12
) -> list[dict[str, Any]]:
    """The DPRK's reports in every ingested source within ``days`` of ``day``."""
    d = dt.date.fromisoformat(day) if isinstance(day, str) else day
    layers = [k for k in LAYERS if _has(con, TABLES[LAYERS[k]][0])]
    rows = layer(
        con,
        layers,
        date_from=d - dt.timedelta(days=days),
        date_to=d + dt.timedelta(days=days),
    )
    rows = [r for r in rows if r["id"] != exclude]
    rows.sort(key=lambda r: (r["source"] not in ("cns-missiles", "csis-provocations"), r["date"]))
    return rows[:limit]
