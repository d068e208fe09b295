"""nkwatch update lists against a local HTTP server (http.server in a thread) serving fixture
files at the official file names: download, resume, checks, ingest, changes."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from nkwatch.lists import ListError
from nkwatch.lists.update import fetch, plan, update

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves the files of ``root`` with Range support; records the Range headers seen."""

    root: Path
    ranges: list[str | None]

    def do_GET(self) -> None:
        path = self.root / self.path.lstrip("/").split("?")[0]
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        wanted = self.headers.get("Range")
        self.ranges.append(wanted)
        if wanted and wanted.startswith("bytes="):
            start = int(wanted[6:].split("-")[0])
            if start >= len(data):
                self.send_error(416)
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            data = data[start:]
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path, list]]:
    """A server on 127.0.0.1 with un/consolidated.xml and ofac/SDN*.{CSV,XML}."""
    root = tmp_path / "site"
    (root / "un").mkdir(parents=True)
    (root / "ofac").mkdir()
    shutil.copy(FIXTURES / "un-2022.xml", root / "un" / "consolidated.xml")
    shutil.copy(FIXTURES / "advanced" / "sdn_advanced.xml", root / "ofac" / "SDN_ADVANCED.XML")
    shutil.copy(FIXTURES / "advanced" / "sdn.csv", root / "ofac" / "SDN.CSV")
    shutil.copy(FIXTURES / "advanced" / "alt.csv", root / "ofac" / "ALT.CSV")
    shutil.copy(FIXTURES / "advanced" / "add.csv", root / "ofac" / "ADD.CSV")
    ranges: list = []
    handler = type("H", (_Handler,), {"root": root, "ranges": ranges})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root, ranges
    finally:
        server.shutdown()
        server.server_close()


def test_update_downloads_checks_ingests_and_reports_changes(site, tmp_path: Path) -> None:
    base, root, _ = site
    db, dest = tmp_path / "s.duckdb", tmp_path / "files"
    urls = {"un_url": f"{base}/un/consolidated.xml", "ofac_url": f"{base}/ofac"}
    first = update(db, dest, **urls)
    assert first["ingested"]["un"]["list_date"] == "2022-10-21"
    assert first["ingested"]["ofac"]["list_date"] == "2024-05-03"  # the XML's date of issue
    assert first["ingested"]["ofac"]["entries"] == 3
    assert first["changes"] == []  # nothing ingested before: nothing to compare
    # the UN publishes a new copy: the next update ingests it and says what changed
    shutil.copy(FIXTURES / "un-2023.xml", root / "un" / "consolidated.xml")
    second = update(db, tmp_path / "files2", **urls)
    assert second["before"]["un"] == "2022-10-21"
    assert second["ingested"]["ofac"]["skipped"]  # the same OFAC files: nothing new
    kinds = {(c["list"], c["change"], c["id"]) for c in second["changes"]}
    assert kinds, second
    assert {k[0] for k in kinds} == {"un"}
    with duckdb.connect(str(db), read_only=True) as con:
        dates = con.execute("SELECT list, list_date FROM sl_files ORDER BY 1, 2").fetchall()
    assert [(a, str(b)) for a, b in dates] == [
        ("ofac", "2024-05-03"),
        ("un", "2022-10-21"),
        ("un", "2023-03-27"),
    ]


def test_an_interrupted_download_resumes(site, tmp_path: Path) -> None:
    base, root, ranges = site
    (remote,) = [r for r in plan(("un",), un_url=f"{base}/un/consolidated.xml")]
    whole = (root / "un" / "consolidated.xml").read_bytes()
    dest = tmp_path / "d"
    dest.mkdir()
    (dest / "consolidated.xml.part").write_bytes(whole[:1000])  # a download cut short
    seen: list[int] = []
    path = fetch(remote, dest, lambda n, total: seen.append(n))
    assert path.read_bytes() == whole
    assert ranges[-1] == "bytes=1000-" and seen[0] == 1000  # asked for the rest only
    assert not (dest / "consolidated.xml.part").exists()
    fetch(remote, dest)  # complete: not fetched again
    assert len(ranges) == 1


def test_a_bad_download_writes_nothing(site, tmp_path: Path) -> None:
    base, root, _ = site
    (root / "un" / "consolidated.xml").write_text("<html><body>Service unavailable</body></html>")
    db = tmp_path / "s.duckdb"
    with pytest.raises(ListError, match="consolidated.xml"):
        update(db, tmp_path / "f", lists=("un",), un_url=f"{base}/un/consolidated.xml")
    assert not db.exists()
    with pytest.raises(ListError, match="HTTP 404"):
        update(db, tmp_path / "g", lists=("un",), un_url=f"{base}/un/missing.xml")


def test_csv_and_advanced_xml_must_agree(site, tmp_path: Path) -> None:
    base, root, _ = site
    shutil.copy(FIXTURES / "ofac" / "sdn.csv", root / "ofac" / "SDN.CSV")  # another list
    with pytest.raises(ListError, match="name different entries"):
        update(tmp_path / "s.duckdb", tmp_path / "f", lists=("ofac",), ofac_url=f"{base}/ofac")


def test_cli_update_lists(site, tmp_path: Path) -> None:
    from nkwatch.cli import app

    base, _, _ = site
    db = tmp_path / "s.duckdb"
    args = ["update", "lists", "--db", str(db), "--dest", str(tmp_path / "f")]
    args += ["--un-url", f"{base}/un/consolidated.xml", "--ofac-url", f"{base}/ofac"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "un: 4 entries, list of 2022-10-21, ingested" in result.output
    assert "The store now answers from:" in result.output and "sha256" in result.output
    out = CliRunner().invoke(app, ["lists", "--json", "--db", str(db)])
    assert {r["list"] for r in json.loads(out.stdout)} == {"un", "ofac"}
