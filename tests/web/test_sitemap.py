"""The missile page's map of launch sites (nkwatch.web.sitemap): every site with coordinates
drawn where it is, labels that overlap nothing, and the page drawing it as SVG without a
script. The browser test (test_data_pages.py) measures the labels as Chromium draws them."""

from __future__ import annotations

import itertools
import random

import pytest

from nkwatch.web import sitemap


def _site(name: str, lat: float | None, lon: float | None, tests: int) -> dict:
    return {"site": name, "location": None, "lat": lat, "lon": lon, "tests": tests,
            "first": "2016-01-01", "last": "2019-12-31", "types": "SRBM",
            "failures": 0}  # fmt: skip


def _crowd() -> list[dict]:
    """Sixty sites, long names among them, most crowded around Pyongyang and Wonsan."""
    rng = random.Random(7)
    out = [_site("Pyongyang International Airport", 39.2, 125.67, 18),
           _site("Sunan", 39.203, 125.709, 6),  # inside the airport's circle
           _site("Sohae Satellite Launching Station", 39.66, 124.71, 11),
           _site("Tonghae Satellite Launching Ground", 40.85, 129.67, 17),
           _site("Nowhere", None, None, 14)]  # fmt: skip
    for i in range(55):
        lat, lon = (39.1, 125.8) if i % 2 else (39.2, 127.5)
        out.append(_site(f"Site {i} Air Base", lat + rng.uniform(-.4, .4),
                         lon + rng.uniform(-.4, .4), rng.randint(1, 25)))  # fmt: skip
    return out


def _boxes(labels: list[dict]) -> list[tuple[float, float, float, float]]:
    return [sitemap._text_box(t["lines"], t["x"], t["y"], t["font"], t["anchor"],
                              sitemap.advance(t["cls"])) for t in labels]  # fmt: skip


def test_every_site_is_drawn_where_it_is():
    m = sitemap.site_map(_crowd())
    assert m is not None and len(m["sites"]) == 59 and m["unknown"] == 14
    proj, height = sitemap.projection()
    assert m["height"] == height and m["width"] == sitemap.WIDTH
    west, south, east, north = sitemap.outline()["bbox"]
    assert proj(west, north) == (0, 0)
    x, y = proj(east, south)
    assert x == pytest.approx(sitemap.WIDTH) and y == pytest.approx(height, abs=0.1)
    tonghae = next(s for s in m["sites"] if s["name"].startswith("Tonghae"))
    assert (tonghae["x"], tonghae["y"]) == tuple(round(v, 1) for v in proj(129.67, 40.85))
    assert "17 tests (SRBM), 2016–2019" in tonghae["title"]
    radii = sorted((s["tests"], s["r"]) for s in m["sites"])
    assert all(r1 <= r2 for (_, r1), (_, r2) in itertools.pairwise(radii))  # area ~ tests
    assert {land["id"] for land in m["land"]} >= {"PRK", "KOR", "CHN"}
    assert m["largest"]["name"] == "Site 1 Air Base" or m["largest"]["tests"] >= 18


@pytest.mark.parametrize("name", [s[0] for s in sitemap.LABEL_SETS])
def test_labels_overlap_nothing(name):
    m = sitemap.site_map(_crowd())
    labels = m["labels"][name]
    boxes = _boxes(labels)
    for a, b in itertools.combinations(boxes, 2):
        assert not sitemap._overlap(a, b, pad=0), (a, b)
    for (left, top, right, bottom), t in zip(boxes, labels, strict=True):
        assert left >= 0 and right <= m["width"] and top >= 0 and bottom <= m["height"], t
        if t["cls"] != "site-label":
            continue
        for s in m["sites"]:  # no label covers a circle
            circle = (s["x"] - s["r"], s["y"] - s["r"], s["x"] + s["r"], s["y"] + s["r"])
            assert not sitemap._overlap((left, top, right, bottom), circle, pad=0), (t, s)
        if t["line"]:  # a leader line crosses no other label
            for other, box in zip(labels, boxes, strict=True):
                assert other is t or not sitemap._crosses(t["line"], box), (t, other)
    texts = [" ".join(t["lines"]) for t in labels]
    assert {"CHINA", "NORTH KOREA", "SOUTH KOREA"} <= set(texts)
    assert len(texts) == len(set(texts))
    # the airport is labelled or Sunan is not: a label never names a bigger site's circle
    if not any(t.startswith("Pyongyang") for t in texts):
        assert "Sunan" not in texts


def test_no_site_with_coordinates_no_map():
    assert sitemap.site_map([_site("Unknown", None, None, 14)]) is None
    assert sitemap.site_map([]) is None
    far = sitemap.site_map([_site("Far", 10.0, 10.0, 3), _site("Near", 39.0, 126.0, 1)])
    assert far["outside"] == 3 and len(far["sites"]) == 1


def test_long_names_go_on_two_lines_or_by_their_place_name():
    assert sitemap._two_lines("Sohae Satellite Launching Station") == [
        "Sohae Satellite", "Launching Station"]  # fmt: skip
    assert sitemap._two_lines("Sunan") is None
    names = ["Sondok", "Sondok Airbase", "North Kusong Testing Ground", "Sohae Satellite"]
    assert sitemap._short("Sohae Satellite", names) == "Sohae"
    assert sitemap._short("Sondok Airbase", names) is None  # two sites start so
    assert sitemap._short("North Kusong Testing Ground", names) is None


def test_the_page_draws_the_map_without_a_script(tmp_path):
    """On a store with CNS rows (tests/fixtures/events/cns-small.csv: two sites, one row
    with a broken date rejected): an inline SVG, a circle per site with its tooltip, both
    label sets, and nothing for a script to do."""
    from fastapi.testclient import TestClient

    from nkwatch.api.app import create_app
    from nkwatch.build import build
    from nkwatch.sources.ingest import ingest

    from ..conftest import FIXTURE_KB

    db = tmp_path / "store.duckdb"
    build(db, FIXTURE_KB)
    ingest(db, "cns-missiles", [FIXTURE_KB.parents[1] / "fixtures" / "events" / "cns-small.csv"])
    with TestClient(create_app(db, kb_dir=FIXTURE_KB, prepare=False)) as client:
        html = client.get("/missiles").text
    assert '<figure class="sitemap" id="site-map">' in html
    assert html.count('<circle class="site"') == 3
    assert "<title>Test Site A: 2 tests (ICBM, MRBM), 1993–2006</title>" in html
    assert 'class="labels labels-wide"' in html and 'class="labels labels-narrow"' in html
    assert (
        "<script"
        not in html[
            html.index('id="site-map"') : html.index("</figure>", html.index('id="site-map"'))
        ]
    )
    assert "Natural Earth" in html
