"""Shared fixtures: a small curated record of our own, a real DuckDB store built from it,
and the path to the real public data sets in ../shared/data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from nkwatch.build import build
from nkwatch.store import Store

FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"
REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """``$NKWATCH_SHARED_DATA``, else ``../shared/data`` beside the repository."""
    return Path(os.environ.get("NKWATCH_SHARED_DATA") or REPO.parent / "shared" / "data")


def shared_file(*parts: str) -> Path:
    """A file of the shared data sets; the test is skipped (with the reason) if absent."""
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"real data file {path} is absent: set NKWATCH_SHARED_DATA to the folder "
            "holding the shared data sets"
        )
    return path


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test touches the user's store or reads another kb by accident."""
    monkeypatch.setenv("NKWATCH_DB", str(tmp_path / "default.duckdb"))
    monkeypatch.delenv("NKWATCH_KB", raising=False)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture record, for tests that break it."""
    dest = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, dest)
    return dest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


@pytest.fixture
def store(db_path: Path) -> Store:
    build(db_path, FIXTURE_KB)
    s = Store.open(db_path, kb_dir=FIXTURE_KB)
    yield s
    s.close()
