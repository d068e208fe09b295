"""A store built from the fixture record with the fixture event files ingested."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nkwatch.build import build
from nkwatch.sources.ingest import ingest
from nkwatch.store import Store

from ..conftest import FIXTURE_KB

EVENTS = Path(__file__).resolve().parents[1] / "fixtures" / "events"


def event_store_at(db: Path, kb: Path = FIXTURE_KB) -> Path:
    build(db, kb)
    ingest(db, "gdelt", [EVENTS / "gdelt2-small.export.CSV"])
    ingest(db, "icews", [EVENTS / "icews-triples.txt", EVENTS / "icews-small.tab"])
    return db


@pytest.fixture
def event_db(db_path: Path) -> Path:
    return event_store_at(db_path)


@pytest.fixture
def event_store(event_db: Path):
    s = Store.open(event_db, kb_dir=FIXTURE_KB)
    yield s
    s.close()


@pytest.fixture
def cycles_kb(tmp_path: Path) -> Path:
    """The fixture record plus the cycle fixture (tests/fixtures/events/kb-cycles.yaml)."""
    kb = tmp_path / "kb-cycles"
    shutil.copytree(FIXTURE_KB, kb)
    shutil.copy(EVENTS / "kb-cycles.yaml", kb / "topics" / "cycles.yaml")
    return kb
