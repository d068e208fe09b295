"""Fixtures for nkwatch.media: small texts of our own in the data sets' formats
(fixtures/new-year: YYYY.txt files, one in EUC-KR, CRLF and BOM; fixtures/kcna: the
scraper's archive and daily JSON, a links file, a broken file and a saved article page)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("kiwipiepy", reason="the media extra is not installed: pip install '.[media]'")

FIXTURES = Path(__file__).parent / "fixtures"
NEW_YEAR = FIXTURES / "new-year"
KCNA = FIXTURES / "kcna"


def make_media_store(path: Path) -> Path:
    """A store built from the bundled record, with the fixture texts ingested."""
    from nkwatch.build import build
    from nkwatch.media import ingest

    build(path)
    ingest(path, "new-year", [NEW_YEAR])
    ingest(path, "kcna", [KCNA / "headlines_2024-11-11.json", KCNA / "article.html"])
    return path


@pytest.fixture(scope="module")
def media_store(tmp_path_factory):
    """A reader of :func:`make_media_store`'s store."""
    from nkwatch.store import Store

    path = make_media_store(tmp_path_factory.mktemp("media") / "store.duckdb")
    store = Store.reader(path)
    yield store
    store.close()
