"""Stores with the fixture UN votes and Correlates of War files (tests/fixtures/votes)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from nkwatch.build import build
from nkwatch.sources.datasets import ingest_dataset
from nkwatch.store import Store

from ..conftest import FIXTURE_KB

VOTES = Path(__file__).resolve().parents[1] / "fixtures" / "votes"


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture
def votes_db(db_path: Path) -> Path:
    build(db_path, FIXTURE_KB)
    ingest_dataset(db_path, "unvotes", [VOTES / "unvotes"])
    ingest_dataset(db_path, "cow", [VOTES / "cow"])
    return db_path


@pytest.fixture
def votes_store(votes_db: Path):
    s = Store.open(votes_db, kb_dir=FIXTURE_KB)
    yield s
    s.close()
