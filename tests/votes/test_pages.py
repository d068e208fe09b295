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
        assert 'id="agreement-map"' in html and "2005–2019" in html
        # Cuba always voted with the DPRK (the darkest fill), the United States never
        assert re.search(r'<path id="a-CUB" d="[^"]+" fill="#045a8d"', html)
        assert re.search(r'<path id="a-USA" d="[^"]+" fill="#f1eef6"', html)
        assert re.search(r'<path id="a-PRK" d="[^"]+" fill="#c0392b"', html)
        assert 'href="/api/alignment.csv?from=2005&amp;to=2019"' in html
        # a period with no DPRK votes: no map, no error
        old = client.get("/isolation", params={"from": "1950", "to": "1960"})
        assert old.status_code == 200 and 'id="agreement-map"' not in old.text
        for bad in ({"from": "abcd"}, {"from": "2019", "to": "2005"}, {"to": "0"}):
            r = client.get("/isolation", params=bad)
            assert r.status_code == 400, bad


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
