"""The GDELT downloader against a real HTTP server on localhost (the network boundary):
file lists, date ranges, resume with Range requests, md5 checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import threading
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest

from nkwatch.sources import gdelt_download as dl
from nkwatch.sources.base import IngestError
from nkwatch.sources.ingest import ingest


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder and honours "Range: bytes=N-" as GDELT's server does."""

    requests: ClassVar[list[str | None]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        RangeHandler.requests.append(self.headers.get("Range"))
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        rng = self.headers.get("Range")
        start = int(rng.split("=")[1].rstrip("-")) if rng else 0
        self.send_response(206 if rng else 200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])


@pytest.fixture
def server(tmp_path, events_dir):
    root = tmp_path / "www"
    (root / "gdeltv2").mkdir(parents=True)
    lines = []
    for stamp in ("20180612000000", "20180612001500", "20180613000000"):
        z = root / "gdeltv2" / f"{stamp}.export.CSV.zip"
        with zipfile.ZipFile(z, "w") as zf:
            zf.write(events_dir / "gdelt2-small.export.CSV", f"{stamp}.export.CSV")
        md5 = hashlib.md5(z.read_bytes()).hexdigest()
        lines.append(f"{z.stat().st_size} {md5} URL/gdeltv2/{stamp}.export.CSV.zip")
        lines.append(f"123 {md5} URL/gdeltv2/{stamp}.mentions.CSV.zip")
    handler = lambda *a, **k: RangeHandler(*a, directory=str(root), **k)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    (root / "gdeltv2" / "masterfilelist.txt").write_text(
        "\n".join(lines).replace("URL", base) + "\n"
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    RangeHandler.requests = []
    yield base
    httpd.shutdown()


def test_plan_keeps_event_files_in_range(server):
    files = dl.plan(
        dt.date(2018, 6, 12), dt.date(2018, 6, 12), "gdelt2", f"{server}/gdeltv2/masterfilelist.txt"
    )
    assert [f.name for f in files] == [
        "20180612000000.export.CSV.zip",
        "20180612001500.export.CSV.zip",
    ]


def test_download_resumes_and_ingests(server, tmp_path, db_path):
    [remote] = dl.plan(
        dt.date(2018, 6, 13), dt.date(2018, 6, 13), "gdelt2", f"{server}/gdeltv2/masterfilelist.txt"
    )
    RangeHandler.requests = []  # the list was one request
    dest = tmp_path / "dl"
    dest.mkdir()
    whole = (tmp_path / "www" / "gdeltv2" / remote.name).read_bytes()
    (dest / f"{remote.name}.part").write_bytes(whole[:100])  # an interrupted download
    seen: list[int] = []
    path = dl.fetch(remote, dest, seen.append)
    assert path.read_bytes() == whole
    assert RangeHandler.requests == ["bytes=100-"]
    assert sum(seen) == len(whole)
    assert not (dest / f"{remote.name}.part").exists()
    dl.fetch(remote, dest)  # complete: nothing fetched
    assert RangeHandler.requests == ["bytes=100-"]
    [res] = ingest(db_path, "gdelt", [path])
    assert res.rows == 7


def test_corrupt_download_is_refused(server, tmp_path):
    [remote] = dl.plan(
        dt.date(2018, 6, 13), dt.date(2018, 6, 13), "gdelt2", f"{server}/gdeltv2/masterfilelist.txt"
    )
    bad = dl.Remote(remote.url, remote.name, "0" * 32, remote.size, remote.first, remote.last)
    with pytest.raises(IngestError, match="does not match GDELT's md5"):
        dl.fetch(bad, tmp_path / "dl")


def test_empty_range_and_missing_list(server):
    with pytest.raises(IngestError, match="names no event file"):
        dl.plan(
            dt.date(2020, 1, 1),
            dt.date(2020, 1, 2),
            "gdelt2",
            f"{server}/gdeltv2/masterfilelist.txt",
        )
    with pytest.raises(IngestError, match="cannot read the GDELT file list"):
        dl.plan(dt.date(2020, 1, 1), dt.date(2020, 1, 2), "gdelt2", f"{server}/nothing.txt")


def test_gdelt1_list():
    text = (
        "aa  20130401.export.CSV.zip\nbb  200601.zip\ncc  1979.zip\n"
        "dd  GDELT.MASTERREDUCEDV2.1979-2013.zip\n"
    )
    files = dl.parse_list(text, "gdelt1", "http://data.gdeltproject.org/events/md5sums")
    assert [(f.name, str(f.first), str(f.last)) for f in files] == [
        ("20130401.export.CSV.zip", "2013-04-01", "2013-04-01"),
        ("200601.zip", "2006-01-01", "2006-01-31"),
        ("1979.zip", "1979-01-01", "1979-12-31"),
    ]
    assert files[0].url == "http://data.gdeltproject.org/events/20130401.export.CSV.zip"
