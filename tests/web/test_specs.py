"""The charts' Vega-Lite specs and the network's geometry, tested as data (not pixels): true
time axes with gaps, negative values inside the frame, exact values in tooltips and tables,
each source's coverage, labels that cannot overlap."""

import itertools
import math

import pytest

from nkwatch.web import graphics, specs

GDP = {
    "id": "se-gdp",
    "title": "DPRK real GDP growth",
    "unit": "percent",
    "description": "Bank of Korea estimates.",
    "observations": [
        {"date": "2015", "value": 5.51},
        {"date": "2016", "value": 3.9},
        {"date": "2017", "value": -3.5},
        {"date": "2018", "value": -4.1},
        {"date": "2021", "value": -0.1},
    ],
    "sources": [{"title": "A source", "url": "https://example.org/a", "publisher": "X"}],
}


def _layers(spec, mark):
    return [
        layer
        for layer in spec["layer"]
        if (layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"]) == mark
    ]


def test_a_series_is_on_a_true_time_axis_with_gaps():
    c = specs.series_chart(GDP)
    spec = c["spec"]
    rows = spec["data"]["values"]
    # every year from the first to the last, the missing ones as nulls: the line breaks
    assert [r["date"][:4] for r in rows] == [str(y) for y in range(2015, 2022)]
    assert [r["value"] for r in rows if r["date"][:4] in ("2019", "2020")] == [None, None]
    (line,) = _layers(spec, "line")
    assert line["mark"]["invalid"] == specs.BREAK
    x = line["encoding"]["x"]
    assert x["type"] == "temporal" and x["scale"]["type"] == "utc"
    assert x["axis"]["format"] == "%Y" and x["axis"]["tickCount"]["interval"] == "year"
    assert c["missing"] == ["2019", "2020"]  # said under the chart too


def test_negative_values_sit_below_a_zero_rule_inside_the_frame():
    spec = specs.series_chart(GDP)["spec"]
    (rule,) = _layers(spec, "rule")
    assert rule["encoding"]["y"] == {"datum": 0}
    for layer in _layers(spec, "line") + _layers(spec, "point"):
        y = layer["encoding"]["y"]
        assert y["type"] == "quantitative"
        assert "domain" not in y.get("scale", {})  # the data's own extent, negatives included
        assert y.get("scale", {}).get("clamp") is not True


def test_values_are_exact_in_tooltips_and_the_table():
    c = specs.series_chart(GDP)
    (points,) = _layers(c["spec"], "point")
    tip = {t["field"]: t for t in points["encoding"]["tooltip"]}
    assert tip["value"]["format"] == ",.4~r"  # 5.51 reads 5.51, not 6
    assert [r["value"] for r in c["rows"]] == [5.51, 3.9, -3.5, -4.1, -0.1]
    assert c["csv"] == "/api/series.csv?id=se-gdp" and c["sources"] == GDP["sources"]


def test_counts_per_year_are_bars_from_zero_with_every_year():
    events = [{"date": "1950-06-25"}, {"date": "1953"}, {"date": "1953-07-27"}]
    c = specs.events_per_year(events)
    rows = c["spec"]["data"]["values"]
    assert [(r["label"], r["value"]) for r in rows] == [
        ("1950", 1.0), ("1951", 0.0), ("1952", 0.0), ("1953", 2.0)
    ]  # fmt: skip
    (bar,) = _layers(c["spec"], "bar")
    assert bar["encoding"]["x"]["timeUnit"] == "utcyear"


def test_charts_draw_at_their_size_with_text_of_12_px():
    spec = specs.series_chart(GDP)["spec"]
    assert spec["width"] == "container"
    assert spec["config"]["axis"]["labelFontSize"] >= 12
    assert spec["config"]["legend"]["labelFontSize"] >= 12


def test_periods_include_the_ones_without_data():
    assert specs.periods("2018-11-01", "2019-02-01", "month") == [
        "2018-11-01", "2018-12-01", "2019-01-01", "2019-02-01"
    ]  # fmt: skip
    assert specs.periods("2016-01-01", "2018-01-01", "year")[-1] == "2018-01-01"


def _dyad_rows(periods, coop, conflict):
    return [
        {"period": p, "cooperation": c, "conflict": k, "events": c + k, "total_events": 50,
         "cooperation_share": c / 50, "conflict_share": k / 50}
        for p, c, k in zip(periods, coop, conflict, strict=True)
    ]  # fmt: skip


def test_the_dyad_chart_has_a_panel_and_a_coverage_per_source():
    icews = _dyad_rows(["2018-09-01", "2018-10-01"], [20, 370], [3, 29])
    gdelt = _dyad_rows(["2017-03-01", "2019-01-01"], [1, 0], [0, 2])
    c = specs.dyad_chart(
        "USA",
        "month",
        [
            {"source": "icews", "rows": icews, "coverage": ("2018-09-28", "2018-10-31")},
            {"source": "gdelt", "rows": gdelt, "coverage": ("2017-03-26", "2019-01-21")},
        ],
    )
    panels = c["spec"]["vconcat"]
    assert len(panels) == 2 and c["spec"]["resolve"]["scale"]["x"] == "shared"
    assert [p["title"]["text"].split(":")[0] for p in panels] == ["ICEWS", "GDELT"]
    icews_panel = panels[0]
    band, bars = icews_panel["layer"][1], icews_panel["layer"][3]
    # the coverage: the part of each month the source has data for, not the whole month
    assert [(b["from"], b["to"]) for b in band["data"]["values"]] == [
        ("2018-09-28", "2018-10-01"), ("2018-10-01", "2018-11-01")
    ]  # fmt: skip
    # each bar spans its month: a month is not a point squeezed between its neighbours
    sept = [b for b in bars["data"]["values"] if b["label"] == "2018-09"]
    assert {(b["period"], b["end"]) for b in sept} == {("2018-09-01", "2018-10-01")}
    assert {b["measure"]: b["y"] for b in sept} == {"cooperation": 20, "conflict": -3}
    assert bars["encoding"]["x2"] == {"field": "end"} and bars["encoding"]["y2"] == {"datum": 0}
    # both panels span the same time: GDELT's first month to its last
    ends = [p["layer"][0]["data"]["values"] for p in panels]
    assert ends[0] == ends[1] == [{"period": "2017-03-01"}, {"period": "2019-02-01"}]
    # each source says what it covers, with its own downloads
    cov = {x["source"]: x for x in c["coverage"]}
    assert cov["icews"]["from"] == "2018-09-28" and cov["icews"]["events"] == 422
    assert cov["gdelt"]["csv"] == "/api/dyads.csv?partner=USA&freq=month&source=gdelt"
    assert {r["source"] for r in c["rows"]} == {"ICEWS", "GDELT"}


@pytest.mark.parametrize("count", [3, 40, 163, 400])
def test_network_labels_never_overlap_and_sit_outside_the_rings(count):
    rels = [
        {"subject": "PRK", "object": f"S{i:03d}", "object_name": f"State number {i}" * (i % 3 + 1),
         "subject_name": "North Korea",
         "kind": ["alliance", "embassy", "diplomatic-relations", "membership"][i % 4]}
        for i in range(count)
    ]  # fmt: skip
    g = graphics.network(rels)
    c, r_label = g["centre"], g["r_label"]
    nodes = [n for n in g["nodes"] if n["ring"] != "centre"]
    assert len(nodes) == count
    outer = max(r["r"] for r in g["rings"])
    angles = []
    for n in nodes:
        assert n["tx"] != "" and n["anchor"] in ("start", "end")  # never x="" or anchor=""
        dist = math.hypot(n["tx"] - c, n["ty"] - c)
        assert dist == pytest.approx(r_label, abs=0.2) and dist > outer  # outside the graph
        assert len(n["label"]) <= graphics.LABEL_CHARS
        # the label fits inside the drawing
        reach = r_label + len(n["label"]) * graphics.CHAR_WIDTH
        assert reach <= g["size"] / 2
        angles.append(math.atan2(n["ty"] - c, n["tx"] - c))
    angles.sort()
    gaps = [b - a for a, b in itertools.pairwise(angles)]
    if gaps:  # neighbouring labels are at least a line of text apart
        assert min(gaps) * r_label >= graphics.LABEL_FONT


def test_no_outline_jumps_across_the_map():
    """Russia and Fiji cross the 180th meridian: no segment of the map may cross half of it
    (it drew a stripe across the top), except Antarctica's edge along the bottom."""
    import re

    w = graphics.world()
    for iso3, shape in w["countries"].items():
        for sub in re.findall(r"M[^M]*", shape["d"]):
            pts = [tuple(map(float, p)) for p in re.findall(r"(-?[\d.]+),(-?[\d.]+)", sub)]
            for (x1, y1), (x2, y2) in itertools.pairwise(pts):
                if abs(x1 - x2) > w["width"] / 2:
                    assert iso3 == "ATA" and min(y1, y2) >= w["height"] - 3, iso3
    assert "RUS" in w["countries"] and len(w["countries"]["RUS"]["d"]) > 1000
