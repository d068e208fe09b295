"""Fixtures for the event data tests: the fixture files of tests/fixtures/events."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

EVENTS = Path(__file__).resolve().parents[1] / "fixtures" / "events"


@pytest.fixture
def events_dir() -> Path:
    return EVENTS


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def snapshot(db: Path) -> dict[str, list[str]]:
    """Every table's and view's rows, to compare a store before and after."""
    with duckdb.connect(str(db), read_only=True) as con:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() UNION ALL "
                "SELECT view_name FROM duckdb_views() WHERE NOT internal AND NOT temporary"
            ).fetchall()
        ]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall())) for t in names}
