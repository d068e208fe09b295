"""Issue 10: while 'nkwatch serve' runs, the command line still reads the store, and a build or
an ingest reaches the running server without a restart. Real processes: a server on a free
port, the command line as a user runs it.

Before: every read failed beside a server ('Could not set lock on file'), and so did every
write; uvicorn reset a 1 MB URL without an answer."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import FIXTURE_KB

REPO = Path(__file__).resolve().parents[2]
LISTS = REPO / "tests" / "fixtures" / "lists"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(db: Path, kb: Path) -> dict[str, str]:
    env = dict(os.environ, NKWATCH_DB=str(db), NKWATCH_KB=str(kb), NKWATCH_RELOAD_SECONDS="0.2")
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return env


def _get(port: int, path: str) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        return r.status, json.loads(body) if body else {}
    finally:
        conn.close()


@pytest.fixture
def served(tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, kb)
    db = tmp_path / "store.duckdb"
    env = _env(db, kb)
    port = _free_port()
    nk = [sys.executable, "-m", "nkwatch"]
    subprocess.run([*nk, "build"], env=env, check=True, capture_output=True, timeout=120)
    server = subprocess.Popen(
        [*nk, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(port, "/api/overview")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"server did not start: {server.stdout.read()!r}")
            time.sleep(0.2)

        def cli(*args: str, code: int = 0) -> str:
            out = subprocess.run([*nk, *args], env=env, capture_output=True, text=True, timeout=120)
            assert out.returncode == code, out.stdout + out.stderr
            return out.stdout

        yield port, cli, kb, db
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(check, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_reads_and_writes_beside_a_server(served):
    port, cli, kb, db = served
    # reads beside the server
    assert "Sweden" in cli("events", "--actor", "SWE")
    assert "events" in cli("overview", "--json")
    assert cli("lists", "--json").strip() == "[]"
    assert cli("dyads", "--partner", "SWE", "--source", "curated", "--freq", "year", "--json")
    cli("screen", "Kim Yong Chol", code=2)  # no list yet: says so (exit 2), not a lock error

    # an ingest while serving: the server answers with the new list, without a restart
    status, _ = _get(port, "/api/overview")
    assert status == 200
    cli("ingest", "un-sanctions", str(LISTS / "un-2022.xml"))
    assert "un" in cli("screen", "Kim Yong Chol", "--csv")

    def screened() -> bool:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(
            "POST", "/api/screen", json.dumps({"names": ["Kim Yong Chol"], "lists": ["UN"]}),
            {"content-type": "application/json"},
        )  # fmt: skip
        r = conn.getresponse()
        doc = json.loads(r.read())
        conn.close()
        return r.status == 200 and bool(doc["data"][0]["matches"])

    assert _wait_for(screened), "the server did not pick up the ingested list"

    # a build of a changed record while serving: the server (and its answer cache) follows
    before = _get(port, "/api/events?text=Atlantis")[1]["count"]
    assert before == 0
    events = kb / "topics" / "alpha.yaml"
    text = events.read_text(encoding="utf-8")
    assert "Sweden establishes relations" in text
    events.write_text(text.replace("Sweden establishes relations", "Sweden and Atlantis"))
    cli("build")
    assert _wait_for(lambda: _get(port, "/api/events?text=Atlantis")[1]["count"] == 1)
    assert "Atlantis" in cli("events", "--text", "Atlantis")
    assert not list(db.parent.glob(f".{db.name}.*.tmp"))  # no copy left behind


def test_a_long_url_gets_an_answer(served):
    port, *_ = served
    status, doc = _get(port, "/api/events?text=" + "a" * 1_000_000)
    assert status == 414 and doc["ok"] is False and doc["status"] == 414
