"""A real server on loopback and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from ..conftest import REPO, shared_data_dir

CHROMIUM = os.environ.get("NKWATCH_CHROMIUM", "/usr/bin/chromium")
SHOTS = REPO / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The explorer on the bundled store (or $NKWATCH_KB), served by uvicorn on loopback."""
    uvicorn = pytest.importorskip("uvicorn")
    from nkwatch.api.app import create_app

    db = tmp_path_factory.mktemp("web") / "store.duckdb"
    kb = os.environ.get("NKWATCH_KB") or None
    create_app(db, kb_dir=kb)  # builds the store
    data = shared_data_dir()
    un = data / "un-sc-consolidated" / "consolidated-202303.xml"
    icews = data / "icews18-tkg" / "test.txt"
    if un.exists() and icews.exists():  # real data for the screening box and the series
        from nkwatch.lists import ingest as ingest_list
        from nkwatch.sources.ingest import ingest

        ingest_list(db, "un-sanctions", [un])
        ingest(db, "icews", [icews])
        ofac = data / "ofac-sdn" / "sdn.csv"
        if ofac.exists():  # two listed "KIM, Yong Chol" (born 1947 and 1962)
            ingest_list(db, "ofac-sdn", [ofac])
        gdelt = sorted((data / "gdelt-v2-events").glob("*.export.CSV"))
        if gdelt:  # a second source for the DPRK–USA series, with its own coverage
            ingest(db, "gdelt", gdelt)
        cns = data / "cns-nk-missile-tests" / "north_korea_missile_test_database.csv"
        csis = data / "csis-nk-provocations" / "north_korea_provocations_1958_present.csv"
        if cns.exists() and csis.exists():  # the missile browser and the timeline's layers
            ingest(db, "cns-missiles", [cns])
            ingest(db, "csis-provocations", [csis])
    votes = data / "unvotes"
    if (votes / "un_votes.csv.gz").exists():  # the isolation page's UN series and its map
        from nkwatch.sources.datasets import ingest_dataset

        ingest_dataset(db, "unvotes", [votes])
    app = create_app(db, kb_dir=kb, prepare=False)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(
            f"chromium is not installed at {CHROMIUM}: apt-get install chromium "
            "(scripts/ensure-chromium does it for make test)"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(30_000)  # conditions, not sleeps: generous on a loaded 2-core box
    yield p
    context.close()


def _watched(context):
    """A page that keeps its console errors and failed requests (a CSP refusal is one)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    p = context.new_page()
    p.set_default_timeout(30_000)
    p.errors = []
    p.on("console", lambda m: p.errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    return p


@pytest.fixture
def wide(browser):
    """A laptop's window, 1366 px wide."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    yield _watched(context)
    context.close()


@pytest.fixture
def phone(browser):
    """A phone, 390 px wide."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
        device_scale_factor=2,
    )  # fmt: skip
    yield _watched(context)
    context.close()


def shot(page, name: str) -> Path:
    """Save a screenshot of the viewport as a test artefact (artifacts/screenshots/NAME.png).
    Never the full page: a 99,000-px timeline page timed out on a loaded machine (a flaky
    test blocks every landing); what a test checks, it checks by condition, not by pixels."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False, timeout=60_000, animations="disabled")
    return path
