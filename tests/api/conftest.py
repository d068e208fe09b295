from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from nkwatch.api.app import create_app

from ..conftest import FIXTURE_KB


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "store.duckdb"
    return create_app(path, kb_dir=FIXTURE_KB)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


def assert_error(response, status: int, fragment: str) -> None:
    """Every error has one shape: {"ok": false, "error": "...", "status": N}."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status
    assert fragment in body["error"], body["error"]
