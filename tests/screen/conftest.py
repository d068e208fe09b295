from __future__ import annotations

from pathlib import Path

import pytest

from nkwatch.lists import ingest, parse
from nkwatch.screen import Screener

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


@pytest.fixture(scope="session")
def screener() -> Screener:
    """The fixture lists (UN, OFAC CSV with alt/add) as one screener."""
    entries = [e for _, _, es in parse("un-sanctions", [FIXTURES / "un-2022.xml"]) for e in es]
    ofac = FIXTURES / "ofac"
    entries += [
        e
        for _, _, es in parse("ofac-sdn", [ofac / "sdn.csv", ofac / "alt.csv", ofac / "add.csv"])
        for e in es
    ]
    return Screener.from_entries(entries)


@pytest.fixture
def list_db(tmp_path: Path) -> Path:
    db = tmp_path / "store.duckdb"
    ingest(db, "un-sanctions", [FIXTURES / "un-2022.xml"])
    ofac = FIXTURES / "ofac"
    ingest(
        db, "ofac-sdn", [ofac / "sdn.csv", ofac / "alt.csv", ofac / "add.csv"], date="2024-05-03"
    )
    return db
