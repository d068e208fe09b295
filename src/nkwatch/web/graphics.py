"""Server-side geometry for the explorer: the world map and the partner network, plain data
drawn as SVG. The network is drawn by its template (no JavaScript needed to see); the map's
outlines are a file of their own that static/map.js fetches (cached by the browser), with the
day's classes and its counts in words on the page. Charts are Vega-Lite specs
(nkwatch.web.specs)."""

from __future__ import annotations

import itertools
import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parent / "static"

#: Map classes, strongest first: the legend and the colours in explorer.css follow this order.
STATUS_CLASSES = {
    "embassy": "Relations and a resident embassy in Pyongyang",
    "relations": "Diplomatic relations, no resident embassy in Pyongyang",
    "uncertain": "Relations possible: they held later, but when they began is not known",
    "broken": "Relations severed or suspended",
    "none": "No relations (or no state there then)",
}

#: Former states drawn on their successors' outlines (the map's shapes are today's). Where two
#: states of the day share one outline (Germany 1949-90, Vietnam 1954-76, Yemen 1967-90), the
#: one with the stronger tie to the DPRK is drawn: see ``SHARED_NOTE``.
FORMER_SHAPES: dict[str, tuple[str, ...]] = {
    "SUN": (
        "RUS",
        "UKR",
        "BLR",
        "EST",
        "LVA",
        "LTU",
        "MDA",
        "GEO",
        "ARM",
        "AZE",
        "KAZ",
        "UZB",
        "TKM",
        "KGZ",
        "TJK",
    ),
    "DDR": ("DEU",),
    "CSK": ("CZE", "SVK"),
    "YUG": ("SVN", "HRV", "BIH", "SRB", "MNE", "MKD", "XKX"),
    "SCG": ("SRB", "MNE", "XKX"),
    "VDR": ("VNM",),
    "RVN": ("VNM",),
    "YMD": ("YEM",),
    "YAR": ("YEM",),
}
SHARED_NOTE = (
    "Former states are drawn on their successors' outlines (the USSR on the fifteen republics, "
    "Czechoslovakia and Yugoslavia on theirs). Where two states shared one outline (the two "
    "Germanys, the two Vietnams, the two Yemens), the one with the stronger tie to the DPRK is "
    "drawn."
)
_RANK = {"embassy": 0, "relations": 1, "uncertain": 2, "broken": 3, "none": 4}


@cache
def world() -> dict[str, Any]:
    data = json.loads((STATIC / "world.json").read_text("utf-8"))
    for shape in data["countries"].values():
        shape["d"] = split_antimeridian(shape["d"], data["width"], data["height"])
    return data


_SUBPATH = re.compile(r"M[^M]*")
_POINT = re.compile(r"(-?[\d.]+),(-?[\d.]+)")


def split_antimeridian(d: str, width: float, height: float) -> str:
    """An outline that crosses the 180th meridian (Russia's Chukotka, Fiji) jumps from one
    edge of the map to the other: drawn as is, the jump is a stripe across the world. Each
    such ring is cut at its jumps and drawn as one ring per side, closed along the edge.
    A jump along the map's bottom (Antarctica's edge at the pole) is a true edge and stays."""
    out = []
    for sub in _SUBPATH.findall(d):
        pts = [(float(x), float(y)) for x, y in _POINT.findall(sub)]

        def jump(a: tuple[float, float], b: tuple[float, float]) -> bool:
            along_pole = min(a[1], b[1]) >= height - 3 or max(a[1], b[1]) <= 3
            return abs(a[0] - b[0]) > width / 2 and not along_pole

        if not any(jump(a, b) for a, b in itertools.pairwise(pts)):
            out.append(sub)
            continue
        runs: list[list[tuple[float, float]]] = [[pts[0]]]
        for a, b in itertools.pairwise(pts):
            if jump(a, b):
                runs.append([])
            runs[-1].append(b)
        sides: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for run in runs:
            sides[sum(x for x, _ in run) / len(run) > width / 2] += run
        for ring in sides.values():
            if len(ring) > 2:
                out.append("M" + "L".join(f"{x:g},{y:g}" for x, y in ring) + "Z")
    return "".join(out)


def map_class(country: dict[str, Any] | None) -> str:
    if country is None:
        return "none"
    if country["relations"] and country["embassy_in_pyongyang"]:
        return "embassy"
    if country["relations"]:
        return "relations"
    if country["relations_possible"]:
        return "uncertain"
    if country["status"] not in ("never", "not yet"):
        return "broken"
    return "none"


def map_shapes(countries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every outline of the world map with its class on the chosen date: the state that
    holds the outline then (a former state on its successors' outlines; of two states on
    one outline, the one with the stronger tie)."""
    by_id = {c["id"]: c for c in countries}
    holders: dict[str, list[dict[str, Any]]] = {}
    for state_id, outlines in FORMER_SHAPES.items():
        if state_id in by_id:
            for outline in outlines:
                holders.setdefault(outline, []).append(by_id[state_id])
    shapes = []
    for iso3, shape in world()["countries"].items():
        here = [by_id[iso3]] if iso3 in by_id else []
        here += holders.get(iso3, [])
        c = min(here, key=lambda s: _RANK[map_class(s)]) if here else None
        cls = "dprk" if iso3 == "PRK" else map_class(c)
        shapes.append(
            {
                "id": iso3,
                "state": c["id"] if c else iso3,
                "name": c["name"] if c else shape["name"],
                "d": shape["d"],
                "cls": cls,
                "known": c is not None or iso3 == "PRK",
            }
        )
    return shapes


@cache
def outlines() -> tuple[bytes, str]:
    """The map's outlines as the file the map page fetches (/map/outlines.json): JSON of
    ``{"width", "height", "source", "outlines": [[iso3, name, d], ...]}``, each outline cut at
    the 180th meridian, and a version (a hash of it) for the page to put in the URL, so that
    the file can be cached for good and a new one is a new URL."""
    import hashlib

    w = world()
    body = json.dumps(
        {
            "width": w["width"],
            "height": w["height"],
            "source": w["source"],
            "outlines": [[k, v["name"], v["d"]] for k, v in w["countries"].items()],
        },
        separators=(",", ":"),
    ).encode()
    return body, hashlib.blake2b(body, digest_size=6).hexdigest()


def map_data(countries: list[dict[str, Any]], day: str) -> dict[str, Any]:
    """The map on one day, small: each outline that a state of the day holds (or the DPRK)
    as ``iso3: [class, state id, name]`` (every other outline is "none", under its own
    name, and links nowhere), the counts and the sentence that says them (the page's text
    without JavaScript, the same after each change of date)."""
    from nkwatch.countries import counts

    k = counts(countries)
    shapes = map_shapes(countries)
    return {
        "ok": True,
        "date": day,
        "shapes": {s["id"]: [s["cls"], s["state"], s["name"]] for s in shapes if s["known"]},
        "counts": k,
        "text": counts_text(k),
    }


def counts_text(k: dict[str, int]) -> str:
    """The map's counts in a sentence: certain figures, and the most they could be where a
    start is unknown."""
    text = f"{k['relations']} states had relations with the DPRK"
    if k["relations_at_most"] > k["relations"]:
        unknown = k["relations_at_most"] - k["relations"]
        text += f" (at most {k['relations_at_most']}: for {unknown} the start is unknown)"
    text += f", {k['un_members_with_relations']} of {k['un_members']} UN member states; "
    text += f"{k['embassies_in_pyongyang']} had a resident embassy in Pyongyang"
    if k["embassies_in_pyongyang_at_most"] > k["embassies_in_pyongyang"]:
        text += f" (at most {k['embassies_in_pyongyang_at_most']})"
    return text + "."


#: Rings of the partner network, innermost first: the distance from the centre is the
#: strongest tie.
RINGS = [
    ("alliance", "Alliance or treaty"),
    ("embassy", "Resident embassy in Pyongyang"),
    ("relations", "Diplomatic relations"),
    ("membership", "Organizations the DPRK belongs to"),
]
#: label geometry in the SVG's units: the graph is drawn at most at its own size
#: (1 unit = 1 px), so at full size labels are 13 px; static/network.js hides them (the
#: lists below the graph name every partner) where the graph is drawn so small that they
#: would be under 12 px
LABEL_FONT = 13
LABEL_STEP = 15  # units of arc between two labels: they never overlap
LABEL_CHARS = 24  # longer names are cut with "…" (the full name is the node's title)
CHAR_WIDTH = 7.6  # a generous average advance of the font at LABEL_FONT


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def network(relations: list[dict[str, Any]]) -> dict[str, Any]:
    """A radial graph: the DPRK at the centre, each partner at its own angle (grouped by its
    strongest tie on the chosen date, alphabetically within a group), at the distance of
    that tie, with its label outside the outermost ring along its spoke: labels never
    overlap each other or the graph, whatever the number of partners."""
    tie: dict[str, tuple[int, set[str]]] = {}
    names: dict[str, str] = {}
    rank = {
        "alliance": 0,
        "treaty": 0,
        "embassy": 1,
        "diplomatic-relations": 2,
        "membership": 3,
        "observer": 3,
    }
    for r in relations:
        if r["kind"] not in rank:
            continue
        other, name = (
            (r["object"], r["object_name"])
            if r["subject"] == "PRK"
            else (r["subject"], r["subject_name"])
        )
        names[other] = name
        kind = r["kind"]
        if kind == "embassy" and r["subject"] == "PRK":
            kind = "diplomatic-relations"  # the DPRK's own embassy: ring of relations
        best, kinds = tie.get(other, (9, set()))
        kinds.add(r["kind"])
        tie[other] = (min(best, rank[kind]), kinds)
    groups = [
        sorted((k for k, v in tie.items() if v[0] == i), key=lambda k: names[k].casefold())
        for i in range(len(RINGS))
    ]
    slots = sum(len(g) for g in groups) + 2 * sum(1 for g in groups if g)  # a gap per group
    r_label = max(220.0, slots * LABEL_STEP / (2 * math.pi))
    r_ring = [r_label * f for f in (0.3, 0.52, 0.74, 0.93)]
    half = round(r_label + LABEL_CHARS * CHAR_WIDTH + 12)
    size = 2 * half
    c = float(half)
    nodes = [{"id": "PRK", "name": "North Korea", "x": c, "y": c, "ring": "centre", "kinds": []}]
    edges = []
    slot = 0
    for (ring_name, _), members in zip(RINGS, groups, strict=True):
        if not members:
            continue
        slot += 1
        for k in members:
            angle = 2 * math.pi * slot / slots - math.pi / 2
            slot += 1
            cos, sin = math.cos(angle), math.sin(angle)
            radius = r_ring[RINGS.index((ring_name, _))]
            x, y = c + radius * cos, c + radius * sin
            degrees = math.degrees(angle)
            left = cos < -1e-9  # the left half: the label reads outward from its end
            nodes.append(
                {
                    "id": k,
                    "name": names[k],
                    "label": _short(names[k]),
                    "x": round(x, 1),
                    "y": round(y, 1),
                    "ring": ring_name,
                    "kinds": sorted(tie[k][1]),
                    # the label: at the label radius on the node's spoke, turned along it
                    "tx": round(c + r_label * cos, 1),
                    "ty": round(c + r_label * sin, 1),
                    "rotate": round(degrees + 180 if left else degrees, 1),
                    "anchor": "end" if left else "start",
                    "lx": round(c + (r_label - 6) * cos, 1),
                    "ly": round(c + (r_label - 6) * sin, 1),
                }
            )
            edges.append(
                {"x1": c, "y1": c, "x2": round(x, 1), "y2": round(y, 1), "ring": ring_name}
            )
        slot += 1
    rings = [
        {
            "name": n,
            "label": label,
            "r": round(r_ring[i], 1),
            "count": len(groups[i]),
            "members": [{"id": k, "name": names[k]} for k in groups[i]],
        }
        for i, (n, label) in enumerate(RINGS)
    ]
    return {
        "size": size,
        "centre": c,
        "r_label": round(r_label, 1),
        "font": LABEL_FONT,
        "nodes": nodes,
        "edges": edges,
        "rings": rings,
    }
