"""Issue 10, critical: one over-long name must not exhaust memory (a 10 MB name once drove the
server to 24 GB). The screener refuses names over ``MAX_NAME_LENGTH``; the syllable search is
linear in a word's length and refuses words no Korean name has; the API caps every name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nkwatch.errors import QueryError
from nkwatch.names.syllables import MAX_WORD_LENGTH, _split_part, split_word
from nkwatch.screen import Query, Screener
from nkwatch.screen.model import MAX_NAME_LENGTH

from ..screen.conftest import list_db, screener  # noqa: F401 (fixtures)
from . import PEAK_KIB, RSS_KIB


def test_syllable_search_memory_is_linear() -> None:
    """Before the fix the search kept the whole syllable list at every position: memory grew
    with the square of a word's length (8,000 letters: +120 MiB; 32,000: +1.9 GiB). Run in
    a fresh process, with the length guard lifted, and read its peak RSS."""
    code = (
        "import nkwatch.names.syllables as s\n"
        "s.MAX_WORD_LENGTH = 10**9\n"
        "_split_part = s._split_part\n"
        f"base = {RSS_KIB}\n"
        "_split_part.__wrapped__('yongchol' * 1000, 3)\n"
        f"print({PEAK_KIB} - base)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    grown_kib = int(out.stdout.strip())
    assert grown_kib < 40_000, f"syllable search grew by {grown_kib / 1024:.0f} MiB"


def test_splits_unchanged_by_back_pointers() -> None:
    assert split_word("Yongchol")[0].syllables == ("yong", "chol")
    assert [s.syllables for s in split_word("Kimyongchol", n_best=3)] == [
        ("ki", "myong", "chol"),
        ("kim", "yong", "chol"),
    ]
    assert _split_part("a" * (MAX_WORD_LENGTH + 1), 3) == ()


def test_screener_refuses_an_over_long_name(screener: Screener) -> None:  # noqa: F811
    assert screener.screen(Query("Kim Young-chul" + " " * 280))  # 294 characters: screened
    with pytest.raises(QueryError, match="at most 300"):
        screener.screen("Kim " * 100_000)


def test_api_caps_every_name(list_db: Path) -> None:  # noqa: F811
    from fastapi.testclient import TestClient

    from nkwatch.api.app import create_app

    app = create_app(list_db, cache=False)
    long = "Kim" + "yongchol" * 2000
    with TestClient(app) as client:
        for body in (
            {"names": [long]},
            {"names": ["Kim Young-chul", ""]},
            {"queries": [{"name": long}]},
        ):
            r = client.post("/api/screen", json=body)
            assert r.status_code == 400 and r.json()["ok"] is False, r.text
        q = {"queries": {"q": {"schema": "Person", "properties": {"name": [long]}}}}
        r = client.post("/match/default", json=q)
        assert r.status_code == 400, r.text
        q = {"queries": {"q": {"schema": "Person", "properties": {"name": long}}}}
        assert client.post("/match/default", json=q).status_code == 400
        ok = client.post("/api/screen", json={"names": ["x" * MAX_NAME_LENGTH]})
        assert ok.status_code == 200


def test_cli_refuses_an_over_long_name(list_db: Path) -> None:  # noqa: F811
    from nkwatch.cli import app

    result = CliRunner().invoke(app, ["screen", "Kim" * 200, "--nl", "--db", str(list_db)])
    assert result.exit_code == 2, result.output
    assert "at most 300" in result.output
    ok = CliRunner().invoke(app, ["screen", "Kim Young-chul", "--nl", "--db", str(list_db)])
    assert json.loads(ok.stdout.splitlines()[0])["matches"]


@pytest.mark.parametrize("name", [".", ",", " . , ", "..."])
def test_punctuation_only_names_are_not_korean(name: str, screener: Screener) -> None:  # noqa: F811
    """Found by schemathesis: ``{"names": ["."]}`` raised IndexError in the name parser."""
    from nkwatch.names.syllables import parse_name_options

    assert parse_name_options(name) == []
    assert screener.screen(Query(name)) == []
