"""The explorer's alignment pieces, browser-free through the API test client: the isolation
page's agreement map for a chosen period and the UN series on a country page."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from nkwatch.api.app import create_app
from nkwatch.build import build
from nkwatch.sources.datasets import ingest_dataset

from .conftest import VOTES


def test_isolation_map_for_a_period(votes_db: Path):
    with TestClient(create_app(votes_db, prepare=False)) as client:
        page = client.get("/isolation", params={"from": "2005", "to": "2019"})
        assert page.status_code == 200
        html = page.text
        # the map (every state's outline) follows the page: a slot, and a link for no script
        assert 'id="agreement-map"' not in html and "<path" not in html
        assert 'data-later-src="/isolation/map?from=2005&amp;to=2019&amp;fragment=true"' in html
        assert 'href="/isolation/map?from=2005&amp;to=2019"' in html
        assert '<script src="/static/later.js"></script>' in html
        assert 'href="/api/alignment.csv?from=2005&amp;to=2019"' in html
        frag = client.get("/isolation/map", params={"from": "2005", "to": "2019",
                                                    "fragment": "true"}).text  # fmt: skip
        assert 'id="agreement-map"' in frag and "2005–2019" in frag and "<html" not in frag
        # Cuba always voted with the DPRK (the darkest fill), the United States never
        assert re.search(r'<path id="a-CUB" d="[^"]+" fill="#045a8d"', frag)
        assert re.search(r'<path id="a-USA" d="[^"]+" fill="#f1eef6"', frag)
        assert re.search(r'<path id="a-PRK" d="[^"]+" fill="#c0392b"', frag)
        alone = client.get("/isolation/map", params={"from": "2005", "to": "2019"}).text
        assert "<html" in alone and 'id="agreement-map"' in alone
        assert 'href="/isolation?from=2005&amp;to=2019"' in alone
        # a period with no DPRK votes: no map, no error
        old = client.get("/isolation", params={"from": "1950", "to": "1960"})
        assert old.status_code == 200 and "agreement-slot" not in old.text
        assert "No roll calls the DPRK voted in during 1950–1960" in old.text
        empty = client.get("/isolation/map", params={"from": "1950", "to": "1960"})
        assert empty.status_code == 200 and 'id="agreement-map"' not in empty.text
        for bad in ({"from": "abcd"}, {"from": "2019", "to": "2005"}, {"to": "0"}):
            assert client.get("/isolation", params=bad).status_code == 400, bad
            assert client.get("/isolation/map", params=bad).status_code == 400, bad


def test_isolation_and_charts_load_the_chart_libraries_after_the_page(votes_db: Path):
    """Neither page names Vega in its HTML: /static/charts-later.js loads the libraries once
    the load event has fired; the charts' tables are in the HTML."""
    with TestClient(create_app(votes_db, prepare=False)) as client:
        for path in ("/isolation", "/charts"):
            html = client.get(path).text
            assert '<script src="/static/charts-later.js"></script>' in html, path
            assert '<script src="/static/vendor/' not in html, path
            assert 'class="vchart"' in html and '<details class="vchart-table">' in html


def test_country_page_shows_un_agreement(tmp_path: Path):
    db = tmp_path / "store.duckdb"
    build(db)  # the real curated record: its country pages
    ingest_dataset(db, "unvotes", [VOTES / "unvotes"])
    with TestClient(create_app(db, prepare=False)) as client:
        html = client.get("/country/CHN").text
        assert 'id="un-alignment"' in html and "2005–2010" in html
        assert 'href="/api/alignment.csv?partner=CHN&amp;freq=year"' in html
        assert "Voeten" in html  # the source
        # 2005: 1 of 1 the same, 2010: 2 of 3: 75 % over the span
        assert "(75.0% over the whole span)" in html
        assert 'id="un-alignment"' not in client.get("/country/SWE").text  # no common votes
        assert 'id="un-alignment"' not in client.get("/country/PRK").text
