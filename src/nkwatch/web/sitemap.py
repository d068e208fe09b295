"""The missile page's map of the CNS launch sites: plain data the template draws as SVG (no
JavaScript needed to see it, nothing for the Content-Security-Policy to refuse), like the
world map and the network (:mod:`nkwatch.web.graphics`).

The land is ``static/korea.json`` (Natural Earth via world-atlas, clipped to the box around
the DPRK by ``scripts/make_korea_outline.py``), drawn in an equirectangular projection
true at the box's middle latitude (over six degrees the distortion is a few per cent). Each
site is a circle whose area follows its tests. Labels are placed on the server, largest
site first, beside their circle where they overlap no other label, circle or place name; a
site whose label does not fit goes without (its circle has a tooltip, the table below lists
every site). A label that fits nowhere beside its circle may sit a little further out, with
a line to it. Two sets are placed: one at 13 px for a map drawn at (nearly) its own width,
one at 24 units for a phone, where the map is drawn at about half its width (the stylesheet
shows one set or the other), so that no label is drawn smaller than 12 px.
"""

from __future__ import annotations

import itertools
import json
import math
from functools import cache
from typing import Any

from nkwatch.web.graphics import STATIC

WIDTH = 680
#: (class, font size in map units, the fewest tests a site needs for a label, how many steps
#: away from its circle a label may go)
LABEL_SETS = (("wide", 13, 1, 4), ("narrow", 24, 6, 1))
#: a character's advance as a share of the font size (generous for a sans-serif)
ADVANCE = 0.62
PLACE_ADVANCE = 0.85
#: place names: (text, lon, lat, class)
PLACES = (
    ("CHINA", 125.0, 42.45, "place"),
    ("NORTH KOREA", 127.6, 41.55, "place"),
    ("SOUTH KOREA", 128.9, 37.65, "place"),
    ("East Sea", 130.1, 39.6, "sea-label"),
    ("Yellow Sea", 124.35, 37.75, "sea-label"),
)
SOURCE = "Outlines: Natural Earth (world-atlas, 1:10m)"


@cache
def outline() -> dict[str, Any]:
    return json.loads((STATIC / "korea.json").read_text("utf-8"))


def projection() -> tuple[Any, float]:
    """(lon, lat) -> (x, y) in map units, and the map's height."""
    west, south, east, north = outline()["bbox"]
    kx = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * kx)

    def proj(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * kx * scale, (north - lat) * scale

    return proj, round((north - south) * scale, 1)


def radius(tests: int) -> float:
    """A circle's radius in map units: its area follows the tests."""
    return round(2.5 + 1.7 * math.sqrt(tests), 1)


Box = tuple[float, float, float, float]


LINE = 1.15  # line height of a label of two lines, in ems


def advance(cls: str) -> float:
    """A character's advance in a label of class ``cls``: country names are capitals spaced
    out (0.12 em), wider than a site's or a sea's name."""
    return PLACE_ADVANCE if cls == "place" else ADVANCE


def _half_height(lines: list[str], font: float) -> float:
    return font * (0.55 + (len(lines) - 1) * LINE / 2)


def _text_box(
    lines: list[str], x: float, y: float, font: float, anchor: str, advance: float = ADVANCE
) -> Box:
    """The box a label covers (its lines centred on ``y``, see :func:`_label`)."""
    w = max(len(t) for t in lines) * font * advance
    left = {"start": x, "end": x - w, "middle": x - w / 2}[anchor]
    hh = _half_height(lines, font)
    return left, y - hh, left + w, y + hh


def _two_lines(name: str) -> list[str] | None:
    """A long name split at the space that makes the longer line shortest."""
    words = name.split()
    if len(words) < 2 or len(name) < 14:
        return None
    best = min(range(1, len(words)), key=lambda i: max(len(" ".join(words[:i])),
                                                      len(" ".join(words[i:]))))  # fmt: skip
    return [" ".join(words[:best]), " ".join(words[best:])]


def _label(lines: list[str], x: float, y: float, font: float, anchor: str, **rest: Any) -> dict:
    """A label as the template draws it: each line a tspan, the first shifted so that the
    lines are centred on ``y`` (``dys`` in ems)."""
    first = round(0.35 - (len(lines) - 1) * LINE / 2, 3)
    return {"lines": lines, "dys": [first] + [LINE] * (len(lines) - 1), "x": round(x, 1),
            "y": round(y, 1), "font": font, "anchor": anchor, **rest}  # fmt: skip


def _overlap(a: Box, b: Box, pad: float = 2.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _circle_box(s: dict[str, Any]) -> Box:
    return s["x"] - s["r"], s["y"] - s["r"], s["x"] + s["r"], s["y"] + s["r"]


def _crosses(seg: list[float], box: Box) -> bool:
    """Whether a segment (x0, y0, x1, y1) passes through a box (Liang-Barsky)."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def _short(name: str, names: list[str]) -> str | None:
    """A site's place name alone (its first word: "Sohae" for the Sohae Satellite Launching
    Station), when no other site's name starts with it and it is a place, not a qualifier."""
    first = name.split()[0]
    if first == name or first in ("North", "South", "East", "West", "Lake"):
        return None
    if sum(1 for n in names if n.split()[0] == first) > 1:
        return None
    return first


def _inside(p: dict[str, Any], font: float) -> float:
    """The x of a place name moved just enough for its box to be inside the map."""
    left, _, right, _ = _text_box([p["text"]], p["x"], p["y"], font, "middle", advance(p["class"]))
    return round(p["x"] + max(0.0, 4 - left) - max(0.0, right - (WIDTH - 4)), 1)


def _labels(
    sites: list[dict[str, Any]], places: list[dict[str, Any]], font: float, least: int,
    height: float, reach: int,
) -> list[dict[str, Any]]:  # fmt: skip
    """Greedy placement: biggest site first, beside its circle (then up to ``reach`` steps
    further out, with a line), where the label covers no other label, circle or line and its
    line crosses no label. A site whose circle's centre lies within a bigger site's circle
    is labelled only if that site is (else its label would name the bigger circle)."""
    # a place name kept inside the map (the phone's larger names are wider)
    places = [dict(p, x=_inside(p, font)) for p in places]
    taken: list[Box] = [
        _text_box([p["text"]], p["x"], p["y"], font, "middle", advance(p["class"])) for p in places
    ]
    lines_drawn: list[list[float]] = []
    circles = [_circle_box(s) for s in sites]
    out = [_label([p["text"]], p["x"], p["y"], font, "middle", cls=p["class"]) for p in places]
    names = [s["name"] for s in sites]
    unlabelled: list[dict[str, Any]] = []
    for s in sorted(sites, key=lambda s: (-s["tests"], s["name"])):
        if s["tests"] < least:
            continue
        if any(math.dist((s["x"], s["y"]), (t["x"], t["y"])) < t["r"] for t in unlabelled):
            unlabelled.append(s)
            continue
        variants = [[s["name"]]] + ([two] if (two := _two_lines(s["name"])) else [])
        short = _short(s["name"], names)
        spots = _spots(s, font, variants, reach)
        if short:
            spots += _spots(s, font, [[short]], reach)
        for x, y, anchor, line, lines in spots:
            box = _text_box(lines, x, y, font, anchor)
            if box[0] < 2 or box[2] > WIDTH - 2 or box[1] < 2 or box[3] > height - 2:
                continue
            if any(_overlap(box, t) for t in taken):
                continue
            if any(_overlap(box, c, 0.5) for c in circles):
                continue
            if any(_crosses(seg, box) for seg in lines_drawn):
                continue
            if line and any(_crosses(line, t) for t in taken):
                continue
            taken.append(box)
            if line:
                lines_drawn.append(line)
            out.append(_label(lines, x, y, font, anchor, cls="site-label", line=line))
            break
        else:
            unlabelled.append(s)
    return out


#: the directions a label may take from its circle, in the order they are tried
_DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))


def _spots(
    s: dict[str, Any], font: float, variants: list[list[str]], reach: int
) -> list[tuple[float, float, str, Any, list[str]]]:
    """Where a site's label may go: (x, y, anchor, leader line or None, lines), beside the
    circle first, then further out with a line back to it; at each spot the name on one
    line, then on two."""
    out = []
    for extra in (font * 1.1 * step for step in range(reach + 1)):
        gap = s["r"] + 3 + extra
        for dx, dy in _DIRECTIONS:
            ux, uy = (dx * 0.7071, dy * 0.7071) if dx and dy else (dx, dy)
            line = None
            if extra:
                x0, y0 = s["x"] + ux * (s["r"] + 1), s["y"] + uy * (s["r"] + 1)
                x1, y1 = s["x"] + ux * (gap - 2), s["y"] + uy * (gap - 2)
                line = [round(v, 1) for v in (x0, y0, x1, y1)]
            for lines in variants:
                hh = _half_height(lines, font)
                x = s["x"] + ux * gap
                y = s["y"] + uy * gap + (dy * hh if not dx else dy * (hh - font * 0.25))
                anchor = "start" if dx > 0 else "end" if dx < 0 else "middle"
                out.append((x, y, anchor, line, lines))
    return out


def _path(proj: Any, ring: list[list[float]]) -> str:
    """A ring as an SVG path in whole map units (a unit is a pixel at the map's own size),
    each point relative to the one before: a third of the bytes of absolute decimals. An
    islet that rounds to fewer than three points is left out."""
    pts = [(round(x), round(y)) for x, y in (proj(lon, lat) for lon, lat in ring)]
    steps = [(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(pts)]
    steps = [(dx, dy) for dx, dy in steps if dx or dy]
    if len(steps) < 2:
        return ""
    return f"M{pts[0][0]},{pts[0][1]}l" + " ".join(f"{dx},{dy}" for dx, dy in steps) + "z"


def site_map(sites: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The map of ``sites`` (:func:`nkwatch.missiles.sites`' rows), or None when none has
    coordinates. Sites outside the box (none in CNS's data) are left off and counted."""
    proj, height = projection()
    west, south, east, north = outline()["bbox"]
    land = [{"id": iso3, "d": "".join(_path(proj, r) for r in rings)}
            for iso3, rings in outline()["land"].items()]  # fmt: skip
    placed, outside, unknown = [], 0, 0
    for s in sites:
        if s["lat"] is None or s["lon"] is None:
            unknown += s["tests"]
            continue
        if not (west <= s["lon"] <= east and south <= s["lat"] <= north):
            outside += s["tests"]
            continue
        x, y = proj(s["lon"], s["lat"])
        years = (
            s["first"][:4]
            if s["first"][:4] == s["last"][:4]
            else (f"{s['first'][:4]}–{s['last'][:4]}")
        )
        placed.append({
            "name": s["site"], "x": round(x, 1), "y": round(y, 1), "r": radius(s["tests"]),
            "tests": s["tests"],
            "title": f"{s['site']}: {s['tests']} test{'s' if s['tests'] != 1 else ''} "
                     f"({s['types']}), {years}",
        })  # fmt: skip
    if not placed:
        return None
    # biggest first in the drawing order too: small circles stay on top, visible
    placed.sort(key=lambda s: -s["r"])
    places = []
    for text, lon, lat, cls in PLACES:
        x, y = proj(lon, lat)
        places.append({"text": text, "x": round(x, 1), "y": round(y, 1), "class": cls})
    labels = {
        name: _labels(placed, places, font, least, height, reach)
        for name, font, least, reach in LABEL_SETS
    }
    top = max(placed, key=lambda s: (s["tests"], s["name"]))
    return {
        "width": WIDTH,
        "height": height,
        "land": land,
        "sites": placed,
        "labels": labels,
        "largest": top,
        "unknown": unknown,
        "outside": outside,
        "source": SOURCE,
    }
