"""Make the explorer's world map: country outlines as SVG paths keyed by ISO 3166 alpha-3.

Input: ``countries-50m.json`` of the npm package world-atlas (TopoJSON, Natural Earth data,
ISC licence): ``npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz``.
Output: ``src/nkwatch/web/static/world.json``: {"width", "height", "countries": {iso3:
{"name", "d"}}} in the Equal Earth projection. Needs ``pycountry`` (numeric to alpha-3).

    python scripts/make_world_paths.py package/countries-50m.json
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from pathlib import Path

WIDTH = 960.0
# Equal Earth projection (Šavrič, Patterson, Jenny 2018)
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
NAME_FALLBACK = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None}


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs: list, idx: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in idx:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def main(src: str) -> None:
    import pycountry

    topo = json.loads(Path(src).read_text())
    arcs = decode_arcs(topo)
    xmax, ymax = equal_earth(180, 0)[0], equal_earth(0, 90)[1]
    scale = WIDTH / (2 * xmax)
    height = round(2 * ymax * scale, 1)

    def proj(p: tuple[float, float]) -> tuple[float, float]:
        x, y = equal_earth(*p)
        return round(WIDTH / 2 + x * scale), round(height / 2 - y * scale)

    out = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        iso3 = None
        if geom.get("id") and geom["id"].isdigit():
            c = pycountry.countries.get(numeric=geom["id"])
            iso3 = c.alpha_3 if c else None
        iso3 = iso3 or NAME_FALLBACK.get(name)
        if not iso3 or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        parts = []
        for poly in polys:
            for r in poly:
                pts = [proj(p) for p in ring(arcs, r)]
                dedup = [pts[0]] + [q for a, q in itertools.pairwise(pts) if q != a]
                if len(dedup) < 3:
                    continue
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in dedup) + "Z")
        if iso3 in out:
            out[iso3]["d"] += "".join(parts)
        else:
            out[iso3] = {"name": name, "d": "".join(parts)}
    doc = {
        "source": "world-atlas 2.0.2 countries-50m (Natural Earth), Equal Earth projection",
        "width": WIDTH,
        "height": height,
        "countries": out,
    }
    dest = Path(__file__).resolve().parents[1] / "src/nkwatch/web/static/world.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(doc, separators=(",", ":")))
    print(f"{len(out)} countries, {dest.stat().st_size // 1024} KiB -> {dest}")


if __name__ == "__main__":
    main(sys.argv[1])
