"""The explorer's charts, network, screening box, error pages, API docs and fonts in a real
Chromium, at 1366 px and at 390 px. Every wait is on a condition (a selector, an event), never
a sleep; screenshots are of the viewport (artifacts/screenshots/, see conftest.shot)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import shot

#: the pages this file covers, each at both widths
PAGES = {
    "charts": "/charts",
    "isolation": "/isolation",
    "network": "/network",
    "map": "/map",
    "country-usa": "/country/USA",
    "timeline-usa": "/timeline?country=USA",
    "sanctions": "/sanctions",
    "docs": "/docs",
    "not-found": "/nope",
}


def _drawn(page, url):
    """Open a page and wait until every chart on it is drawn (or said to have failed): the
    series that follows the page (#dyad-slot) and the map's outlines too."""
    page.goto(url)
    if page.locator("#dyad-slot").count():
        expect(page.locator("#dyad-slot")).to_have_attribute("data-loaded", re.compile("."))
    if page.locator("#worldmap").count():
        expect(page.locator("#worldmap")).to_have_attribute("data-drawn", re.compile("."))
    figures = page.locator("figure.vchart")
    for i in range(figures.count()):
        expect(figures.nth(i)).to_have_attribute("data-drawn", re.compile("."))
    return figures


def _no_errors(page, allow=()):
    """No console error, apart from the status of error pages opened on purpose."""
    expected = [f"the server responded with a status of {n}" for n in allow]
    errors = [e for e in page.errors if not any(x in e for x in expected)]
    assert not errors, errors  # a CSP refusal, a script error, a missing file


def test_charts_draw_with_tooltips_tables_and_downloads(wide, live_server, tmp_path):
    figures = _drawn(wide, live_server + "/charts")
    assert figures.count() >= 2
    expect(wide.locator("figure.vchart[data-drawn='error']")).to_have_count(0)
    for i in range(figures.count()):  # every chart: an SVG, its table, its downloads
        f = figures.nth(i)
        assert f.locator(".vchart-view svg").count() == 1
        assert f.locator("details.vchart-table tbody tr").count() >= 1
        assert f.locator("button[data-export='png']").is_enabled()
    shot(wide, "charts-1366")
    gdp = wide.locator("#se-dprk-gdp-growth-bok")
    if gdp.count():  # the real record: negative growth inside the frame, sources beneath
        gdp.scroll_into_view_if_needed()
        assert gdp.locator(".vchart-sources a").count() >= 1
        labels = gdp.locator(".vchart-view svg text").all_text_contents()
        assert "−4" in labels or "-4" in labels  # an axis below zero
        shot(wide, "charts-gdp-1366")
    first = figures.first
    first.scroll_into_view_if_needed()
    mark = first.locator(".vchart-view svg path[aria-roledescription], .vchart-view svg path")
    box = first.locator(".vchart-view svg g.mark-rect path, .vchart-view svg g.mark-symbol path")
    target = box.first if box.count() else mark.last
    target.hover(force=True)
    expect(wide.locator("#vg-tooltip-element.visible")).to_be_visible()
    for kind in ("png", "svg"):
        with wide.expect_download() as info:
            first.locator(f"button[data-export='{kind}']").click()
        assert info.value.suggested_filename == f"{first.get_attribute('id')}.{kind}"
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        head = path.read_bytes()[:8]
        assert head.startswith(b"\x89PNG") if kind == "png" else b"<svg" in path.read_bytes()
    with wide.expect_download() as info:
        first.locator(".vchart-actions a", has_text="CSV").click()
    assert info.value.suggested_filename.endswith(".csv")
    _no_errors(wide)


def test_the_dyad_chart_shows_each_source_and_its_coverage(wide, live_server):
    for url, name in (("/timeline?country=USA", "timeline-usa"), ("/country/USA", "country-usa")):
        _drawn(wide, live_server + url)
        chart = wide.locator("#dyad-chart")
        if not chart.count():
            pytest.skip("no event data for the DPRK–USA series (../shared/data is absent)")
        expect(chart).to_have_attribute("data-drawn", "1")
        chart.scroll_into_view_if_needed()
        assert chart.locator(".coverage li").count() >= 1
        assert "data from" in chart.locator(".coverage").inner_text()
        assert chart.locator(".vchart-view svg g.mark-rect path").count() >= 1  # bars, bands
        shot(wide, f"{name}-1366")
    _no_errors(wide, allow=(404,) if name == "not-found" else ())


def test_network_labels_are_readable_and_never_overlap(wide, phone, live_server):
    wide.goto(live_server + "/network")
    svg = wide.locator("#network")
    expect(svg).to_have_attribute("data-label-px", re.compile(r"^\d"))
    px = float(svg.get_attribute("data-label-px"))
    boxes = wide.evaluate(
        """() => [...document.querySelectorAll('#network text.label')]
             .filter(t => getComputedStyle(t).display !== 'none')
             .map(t => { const r = t.getBoundingClientRect();
                         return [r.left, r.top, r.right, r.bottom, t.textContent]; })"""
    )
    if px >= 12:
        assert len(boxes) == int(svg.get_attribute("data-nodes")) - 1
        # rotated labels: their boxes are loose, so compare the boxes of close neighbours only
        # by their centres: no two labels share a spot, and none sits on the DPRK or an edge
        centres = [((a + c) / 2, (b + d) / 2) for a, b, c, d, _ in boxes]
        for i, (x, y) in enumerate(centres):
            for x2, y2 in centres[i + 1 :]:
                assert abs(x - x2) + abs(y - y2) > 6, "two labels on one spot"
        xs = [b[0] for b in boxes] + [b[2] for b in boxes]
        box = svg.bounding_box()
        assert min(xs) >= box["x"] - 1 and max(xs) <= box["x"] + box["width"] + 1
    else:
        assert boxes == []
    shot(wide, "network-1366")
    phone.goto(live_server + "/network")
    expect(phone.locator("#network")).to_have_class(re.compile("labels-hidden"))
    assert phone.locator("#network text.label").first.is_hidden()
    lists = phone.locator(".ring-list li")
    assert lists.count() == int(phone.locator("#network").get_attribute("data-nodes")) - 1
    shot(phone, "network-390")
    _no_errors(wide)
    _no_errors(phone)


def test_isolation_map_follows_the_page(wide, phone, live_server):
    """The UN agreement map (every state's outline) is not in the page's HTML: it arrives
    after the load event and fills its slot; the series draw after the load event too."""
    from ..conftest import shared_file

    shared_file("unvotes", "un_votes.csv.gz")  # the live server ingests the votes if there
    for page in (wide, phone):
        html = page.goto(live_server + "/isolation").text()
        assert 'id="agreement-map"' not in html and "vega" not in html.split("<main")[0]
        slot = page.locator("#agreement-slot[data-loaded='1']")
        expect(slot.locator("#agreement-map path#a-CUB")).to_be_attached()
        assert slot.locator("#agreement-map path").count() > 150
        fill = slot.locator("#a-CUB").get_attribute("fill")
        assert fill in ("#2b8cbe", "#045a8d")  # Cuba agreed with the DPRK most of the time
        figures = _drawn(page, live_server + "/isolation")
        expect(page.locator("figure.vchart[data-drawn='error']")).to_have_count(0)
        assert figures.count() >= 6  # the network, the UN series, the human-rights votes
        page.locator("#agreement-slot").scroll_into_view_if_needed()
        expect(page.locator("#agreement-slot[data-loaded='1'] #agreement-map")).to_be_visible()
        shot(page, f"isolation-map-{'1366' if page is wide else '390'}")
        _no_errors(page)


def test_screening_box_tells_two_listed_namesakes_apart(wide, live_server):
    from ..conftest import shared_data_dir

    wide.goto(live_server + "/sanctions")
    wide.click("#screen-form button[type=submit]")  # nothing typed
    expect(wide.locator("#screen-error")).to_contain_text("Type a name")
    wide.fill("#screen-name", "Kim Yong Chol")
    wide.fill("#screen-dob", "1962-13-40")
    wide.click("#screen-form button[type=submit]")
    expect(wide.locator("#screen-error")).to_contain_text("is not a date of birth")
    if not (shared_data_dir() / "ofac-sdn" / "sdn.csv").exists():
        pytest.skip("the OFAC list in ../shared/data is absent (NKWATCH_SHARED_DATA)")
    wide.fill("#screen-dob", "")
    wide.click("#screen-form button[type=submit]")
    expect(wide.locator("#screen-error")).to_be_hidden()
    rows = wide.locator("#screen-results tr.match")
    expect(rows.first).to_be_visible()
    ofac = wide.locator("#screen-results tr.match", has_text="OFAC")
    born = sorted(r.locator("td.born").inner_text() for r in ofac.all())
    assert len(born) >= 2 and any("1947" in b for b in born) and any("1962" in b for b in born)
    first = ofac.first.inner_text()
    for text in ("person", "DPRK", "yes", "Kim (same)"):
        assert text in first
    wide.locator("#screen-wrap").scroll_into_view_if_needed()
    shot(wide, "sanctions-screening-1366")
    _no_errors(wide)


def test_error_pages_docs_and_hangul(wide, live_server):
    r = wide.goto(live_server + "/nope")
    assert r.status == 404 and r.headers["content-type"].startswith("text/html")
    expect(wide.locator("h1")).to_have_text("Not found")
    r = wide.goto(live_server + "/search?q=" + "a" * 250)
    assert r.status == 400
    expect(wide.locator("p.error")).to_contain_text("250 characters long")
    shot(wide, "error-1366")
    wide.goto(live_server + "/docs")
    expect(wide.locator(".swagger-ui .opblock").first).to_be_visible()
    assert wide.locator(".swagger-ui .opblock").count() > 10
    shot(wide, "docs-1366")
    wide.goto(live_server + "/actor/kim-jong-un")
    expect(wide.locator("[lang=ko]").first).to_be_visible()
    loaded = wide.evaluate(
        """() => document.fonts.ready.then(() => [...document.fonts]
             .filter(f => f.family.includes('nkwatch Noto Sans KR') && f.status === 'loaded')
             .length)"""
    )
    assert loaded >= 1  # the bundled Hangul subset, not a system fallback
    shot(wide, "hangul-1366")
    _no_errors(wide, allow=(404, 400))


#: what may be smaller than 12 px: the timeline's own drawing (its page) and hidden text
SMALL_OK = "#timeline, #timeline *"


@pytest.mark.parametrize("name", list(PAGES))
def test_phone_layout(phone, live_server, name):
    """At 390 px: no sideways scroll, text of at least 12 px, tables as cards."""
    _drawn(phone, live_server + PAGES[name])
    if name == "docs":
        expect(phone.locator(".swagger-ui .opblock").first).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"{name} scrolls sideways at phone width ({width}px)"
    small = phone.evaluate(
        """(skip) => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode, el = node.parentElement;
            if (!node.textContent.trim() || !el || el.closest(skip)) continue;
            const r = el.getBoundingClientRect();
            if (!r.width || !r.height || !el.checkVisibility()) continue;
            let px = parseFloat(getComputedStyle(el).fontSize);
            const svg = el.closest('svg');
            if (svg) {  // text in a drawing: its size on the screen
              const m = el.getScreenCTM ? el.getScreenCTM() : null;
              if (m) px *= Math.hypot(m.a, m.b);
            }
            const text = node.textContent.trim().slice(0, 30);
            if (px < 11.95) out.push(el.tagName + ' ' + px.toFixed(1) + ' ' + text);
          }
          return out.slice(0, 10);
        }""",
        SMALL_OK if name != "docs" else SMALL_OK + ", .swagger-ui",
    )
    assert not small, f"{name}: text under 12 px: {small}"
    boxes = phone.evaluate(
        """() => [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
          .filter(e => e.checkVisibility() && e.getBoundingClientRect().width > 40)
          .map(e => e.id || e.name)"""
    )
    assert not boxes, f"{name}: check boxes stretched across the line, their labels broken: {boxes}"
    tables = phone.locator(".table-wrap table:visible")
    if tables.count():
        assert phone.evaluate(
            "() => getComputedStyle(document.querySelector('.table-wrap table')).display"
        ) == "block"  # fmt: skip
    shot(phone, f"{name}-390")
    _no_errors(phone, allow=(404,) if name == "not-found" else ())


@pytest.mark.parametrize("name", ["map", "not-found"])
def test_wide_screenshots(wide, live_server, name):
    _drawn(wide, live_server + PAGES[name])
    if name == "map":
        expect(wide.locator("#worldmap path").first).to_be_attached()
    shot(wide, f"{name}-1366")
    _no_errors(wide, allow=(404,) if name == "not-found" else ())
