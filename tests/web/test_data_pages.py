"""The explorer's data pages in a real headless Chromium, on real data (the bundled record,
ICEWS18, the UN list, CNS and CSIS): the timeline clusters thousands of events and its table
follows the zoomed window; event, report and list-entity pages; the missile browser; search
across the data. Every wait is on a condition; screenshots are of the viewport only, at
1366 and 390 px wide (artifacts/screenshots/data-*.png)."""

import re

import pytest

from ..conftest import shared_file
from .conftest import shot

WIDTHS = {"wide": (1366, 900), "phone": (390, 844)}


def _needs(*files: tuple[str, str]) -> None:
    """Skip, with the reason, where the real data sets this page shows are absent (the live
    server ingests them only when they are there: tests/web/conftest.py)."""
    for parts in files:
        shared_file(*parts)


@pytest.fixture(params=list(WIDTHS))
def sized(request, browser):
    w, h = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": w, "height": h})
    p = context.new_page()
    p.set_default_timeout(30_000)
    yield p, request.param
    context.close()


def _ready(page):
    page.wait_for_selector("#timeline[data-ready='1']")


def _fits(page, size):
    """At phone width: no sideways scroll and no text under 12 px (the timeline's drawing
    aside), as tests/web/test_browser_explorer.py asks of every page."""
    if size != "phone":
        return
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    small = page.evaluate(
        """() => [...document.querySelectorAll('main *')].filter(el =>
            el.offsetParent !== null && !el.closest('#timeline') && el.childNodes.length &&
            [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) &&
            parseFloat(getComputedStyle(el).fontSize) < 11.95).map(el => el.tagName)"""
    )
    assert not small, small


def test_timeline_clusters_and_its_table_follows_the_zoom(sized, live_server):
    page, size = sized
    page.goto(live_server + "/timeline")
    _ready(page)
    svg = page.locator("#timeline")
    total = int(svg.get_attribute("data-count"))
    assert total > 100 and int(svg.get_attribute("data-shown")) == total
    assert int(svg.get_attribute("data-clusters")) > 0  # hundreds of events do not overlap
    assert page.locator("#window-rows tr").count() == 50  # one page, not all of them
    _fits(page, size)
    shot(page, f"data-timeline-{size}")
    before = svg.get_attribute("data-view")
    page.click("#zoom-in")
    page.click("#zoom-in")
    assert svg.get_attribute("data-view") != before
    page.wait_for_selector("#event-table[data-window]")
    window = page.get_attribute("#event-table", "data-window")
    _, end, offset = window.split("/")
    dates = page.locator("#window-rows td.date").all_inner_texts()
    assert dates and all(d[:10] <= end for d in dates) and offset == "0"
    first = page.locator("#window-rows tr a").first.get_attribute("href")
    assert first.startswith("/record/")


def test_timeline_with_event_data_layers(sized, live_server):
    _needs(
        ("cns-nk-missile-tests", "north_korea_missile_test_database.csv"),
        ("csis-nk-provocations", "north_korea_provocations_1958_present.csv"),
        ("icews18-tkg", "test.txt"),
    )
    page, size = sized
    page.goto(live_server + "/timeline?layer=icews&layer=cns&layer=csis")
    _ready(page)
    svg = page.locator("#timeline")
    total, curated = int(svg.get_attribute("data-count")), int(svg.get_attribute("data-curated"))
    assert total > curated + 1000
    assert page.locator("#timeline .cluster.data").count() > 0
    _fits(page, size)
    shot(page, f"data-timeline-layers-{size}")
    cluster = page.locator("#timeline .cluster.data").first
    n = int(cluster.get_attribute("data-n"))
    before = svg.get_attribute("data-view")
    cluster.click()
    page.wait_for_selector(f"#timeline:not([data-view='{before}'])")
    assert int(svg.get_attribute("data-shown")) >= n
    page.wait_for_selector("#window-rows tr.layer")
    svg.scroll_into_view_if_needed()
    shot(page, f"data-timeline-layers-zoomed-{size}")


def test_missile_browser(sized, live_server):
    _needs(
        ("cns-nk-missile-tests", "north_korea_missile_test_database.csv"),
        ("csis-nk-provocations", "north_korea_provocations_1958_present.csv"),
        ("icews18-tkg", "test.txt"),
        ("un-sc-consolidated", "consolidated-202303.xml"),
    )
    page, size = sized
    page.goto(live_server + "/missiles")
    assert page.locator("#per-year tbody tr").count() > 30
    assert page.locator("#per-leader tbody tr").count() == 3
    assert page.locator("#compare tbody tr").count() > 5
    assert "Hodo Peninsula" in page.inner_text("#sites")
    page.wait_for_selector("#missiles-per-year[data-drawn='1'] svg")  # Vega-Lite drew it
    _fits(page, size)
    shot(page, f"data-missiles-{size}")
    _site_map(page, size)
    page.click("#compare tbody tr a[href^='/record/cns:']")
    page.wait_for_url(re.compile(r"/record/cns:\d+$"))
    assert "CNS missile tests report" in page.inner_text("main")
    assert "Demonstrate military or police power" in page.inner_text("#cameo")
    _fits(page, size)
    shot(page, f"data-report-cns-{size}")


def _site_map(page, size):
    """The launch sites drawn on the map (SVG in the page, no script): a circle per site with
    coordinates, the labels of the width's set, none under 12 px on the screen, no two
    overlapping, none outside the map."""
    with_coords = page.locator("#sites tbody tr td a[href*='openstreetmap']").count()
    assert page.locator("#site-map circle.site").count() == with_coords > 30
    page.locator("#site-map").scroll_into_view_if_needed()
    labels = page.evaluate(
        """() => { const svg = document.querySelector('#site-map svg');
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const frame = svg.getBoundingClientRect();
          return [...svg.querySelectorAll('text')].filter(t => t.getBoundingClientRect().width)
            .map(t => { const r = t.getBoundingClientRect();
              return {text: [...t.children].map(l => l.textContent).join(' '),
                      px: parseFloat(getComputedStyle(t).fontSize) * scale,
                      box: [r.left, r.top, r.right, r.bottom],
                      inside: r.left >= frame.left - 1 && r.right <= frame.right + 1 &&
                              r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1}; }); }"""
    )
    texts = [t["text"] for t in labels]
    assert "NORTH KOREA" in texts and "Hodo Peninsula" in texts, texts
    assert len(texts) >= (20 if size == "wide" else 8), texts
    for t in labels:
        assert t["px"] >= 11.95 and t["inside"], t
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            apart = r1 <= l2 + 1 or r2 <= l1 + 1 or b1 <= t2 + 1 or b2 <= t1 + 1
            assert apart, (a["text"], b["text"])
    tip = page.locator("#site-map circle.site title").first.text_content()
    assert re.search(r": \d+ tests? \(", tip), tip
    shot(page, f"data-missiles-sites-{size}")


def test_event_page_explains_its_codes(sized, live_server):
    page, size = sized
    page.goto(live_server + "/record/ev-2006-10-09-first-nuclear-test")
    assert "CAMEO code" in page.inner_text("#cameo")
    assert "Goldstein scale" in page.inner_text("#goldstein")
    assert "material conflict" in page.inner_text("#quad")
    assert "/record/ev-2006-10-09-first-nuclear-test" in page.inner_text("#citation")
    assert page.locator("#related li").count() > 0
    _fits(page, size)
    shot(page, f"data-event-{size}")


def test_list_entity_page(sized, live_server):
    _needs(
        ("un-sc-consolidated", "consolidated-202303.xml"),
        ("icews18-tkg", "test.txt"),
        ("ofac-sdn", "sdn.csv"),
    )
    page, size = sized
    page.goto(live_server + "/list-entity/un/KPe.001")
    assert "KOREA MINING DEVELOPMENT TRADING CORPORATION" in page.inner_text("h1")
    assert page.locator("#names li").count() >= 3
    assert page.locator("#designations a[href='/actor/komid']").count() == 1
    _fits(page, size)
    shot(page, f"data-list-entity-{size}")
    page.click("a[href='/list-entities?list=un']")
    page.wait_for_url(re.compile(r"/list-entities\?list=un$"))
    assert page.locator("#entities tbody tr").count() == 50
    _fits(page, size)
    shot(page, f"data-list-entities-{size}")


def test_search_finds_reports_and_list_entries(sized, live_server):
    _needs(
        ("un-sc-consolidated", "consolidated-202303.xml"),
        ("icews18-tkg", "test.txt"),
        ("cns-nk-missile-tests", "north_korea_missile_test_database.csv"),
        ("csis-nk-provocations", "north_korea_provocations_1958_present.csv"),
        ("ofac-sdn", "sdn.csv"),
    )
    page, size = sized
    page.goto(live_server + "/search?q=kim")
    assert page.locator("#search-reports tbody tr").count() > 0
    assert page.locator("#search-entities tbody tr").count() > 0
    _fits(page, size)
    shot(page, f"data-search-{size}")
    page.click("a[href*='kind=reports']")
    page.wait_for_url(re.compile(r"kind=reports"))
    assert "page 1 of" in page.inner_text("nav.pager")
