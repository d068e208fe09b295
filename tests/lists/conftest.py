from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every sl_ table's rows, sorted: equal snapshots mean an unchanged store."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'sl_%'"
            ).fetchall()
        ]
        return {
            t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall()))
            for t in sorted(tables)
        }
