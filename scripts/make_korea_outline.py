"""Make the outline the missile page's launch-site map is drawn on: the land of the Korean
peninsula and its neighbours, clipped to the box around the DPRK, in longitude and latitude.

Input: ``countries-10m.json`` of the npm package world-atlas (TopoJSON, Natural Earth data,
ISC licence, as for the world map): ``npm pack world-atlas@2 && tar xzf
world-atlas-2.0.2.tgz``. Output: ``src/nkwatch/web/static/korea.json``: {"source", "bbox":
[west, south, east, north], "land": {iso3: [ring, ...]}}, each ring a list of [lon, lat]
rounded to 0.001 degree and thinned (Douglas-Peucker, 0.008 degree: under a pixel of the
drawn map). :mod:`nkwatch.web.sitemap` projects it.

    python scripts/make_korea_outline.py package/countries-10m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from make_world_paths import decode_arcs, ring

#: west, south, east, north: the DPRK (124.2-130.7 E, 37.7-43.0 N) with a margin
BBOX = (123.6, 37.35, 131.0, 43.15)
#: world-atlas ids (ISO 3166 numeric) of the land in the box
COUNTRIES = {"408": "PRK", "410": "KOR", "156": "CHN", "643": "RUS", "392": "JPN"}
TOLERANCE = 0.008

Point = tuple[float, float]


def clip(points: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland-Hodgman: the ring clipped to the box (a ring outside it: empty)."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    out = points
    for inside, cross in edges:
        if not out:
            break
        pts, out = out, []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def _at_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _at_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def thin(points: list[Point], tol: float) -> list[Point]:
    """Douglas-Peucker, iteratively (rings of thousands of points)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        far, at = -1.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            d = (
                abs(dy * px - dx * py + bx * ay - by * ax) / norm
                if norm
                else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            )
            if d > far:
                far, at = d, k
        if far > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def main(src: str) -> None:
    topo = json.loads(Path(src).read_text())
    arcs = decode_arcs(topo)
    land: dict[str, list[list[list[float]]]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        iso3 = COUNTRIES.get(str(geom.get("id")))
        if iso3 is None:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for poly in polys:
            for r in poly:
                pts = thin(clip(ring(arcs, r), BBOX), TOLERANCE)
                if len(pts) >= 3:
                    land.setdefault(iso3, []).append([[round(x, 3), round(y, 3)] for x, y in pts])
    doc = {
        "source": "world-atlas 2.0.2 countries-10m (Natural Earth), clipped to the box",
        "bbox": list(BBOX),
        "land": land,
    }
    dest = Path(__file__).resolve().parents[1] / "src/nkwatch/web/static/korea.json"
    dest.write_text(json.dumps(doc, separators=(",", ":")))
    n = sum(len(r) for rings in land.values() for r in rings)
    print(f"{len(land)} countries, {n} points, {dest.stat().st_size // 1024} KiB -> {dest}")


if __name__ == "__main__":
    main(sys.argv[1])
