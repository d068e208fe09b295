"""Fetch GDELT event files for a date range from GDELT's official file lists, with progress
and resume.

- GDELT 2.0: ``masterfilelist.txt`` (lines ``size md5 url``), 15-minute ``*.export.CSV.zip``.
- GDELT 1.0: ``md5sums`` (lines ``md5  name``) beside the files: daily ``YYYYMMDD.export.CSV.zip``
  from April 2013, monthly ``YYYYMM.zip`` 2006-2013 and yearly ``YYYY.zip`` before.

A file already complete (size and md5 as listed) is skipped; a partial ``.part`` file is
resumed with an HTTP Range request and checked against the list's md5 when done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nkwatch.sources.base import IngestError

LISTS = {
    "gdelt2": "http://data.gdeltproject.org/gdeltv2/masterfilelist.txt",
    "gdelt1": "http://data.gdeltproject.org/events/md5sums",
}
_V2 = re.compile(r"/(\d{14})\.export\.CSV\.zip$")
_V1 = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(?:\.export\.CSV)?\.zip$")


@dataclass(frozen=True)
class Remote:
    url: str
    name: str
    md5: str | None
    size: int | None
    first: dt.date
    last: dt.date


def _fetch_text(url: str, timeout: float = 60) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return resp.read().decode("utf-8", "replace")


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def parse_list(text: str, version: str, base_url: str) -> list[Remote]:
    """The event files a list names, with the days each covers."""
    out: list[Remote] = []
    for line in text.splitlines():
        parts = line.split()
        if version == "gdelt2" and len(parts) == 3:
            m = _V2.search(parts[2])
            if m:
                day = dt.datetime.strptime(m.group(1)[:8], "%Y%m%d").date()
                name = parts[2].rsplit("/", 1)[1]
                out.append(Remote(parts[2], name, parts[1], int(parts[0]), day, day))
        elif version == "gdelt1" and len(parts) == 2:
            m = _V1.match(parts[1])
            if not m:
                continue
            y, mo, d = int(m.group(1)), m.group(2), m.group(3)
            if d:
                first = last = dt.date(y, int(mo), int(d))
            elif mo:
                first, last = dt.date(y, int(mo), 1), _month_end(y, int(mo))
            else:
                first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
            url = base_url.rsplit("/", 1)[0] + "/" + parts[1]
            out.append(Remote(url, parts[1], parts[0], None, first, last))
    return out


def plan(
    date_from: dt.date, date_to: dt.date, version: str = "gdelt2", list_url: str | None = None
) -> list[Remote]:
    """The files of ``version`` that cover days in [date_from, date_to]."""
    if version not in LISTS:
        raise IngestError(f"unknown GDELT version {version!r}: use gdelt1 or gdelt2")
    if date_from > date_to:
        raise IngestError(f"the range is empty: {date_from} is after {date_to}")
    url = list_url or LISTS[version]
    try:
        text = _fetch_text(url)
    except OSError as exc:
        raise IngestError(f"cannot read the GDELT file list {url} ({exc}): check the network "
                          "or pass --list with a local copy (file:///...)") from None  # fmt: skip
    listed = parse_list(text, version, url)
    files = [r for r in listed if r.last >= date_from and r.first <= date_to]
    if not files:
        raise IngestError(f"the GDELT list {url} names no event file between {date_from} and "
                          f"{date_to}: is the range right for {version}?")  # fmt: skip
    return files


def _md5(path: Path) -> str:
    h = hashlib.md5()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def fetch(
    remote: Remote,
    dest: Path,
    progress: Callable[[int], None] | None = None,
    timeout: float = 60,
) -> Path:
    """Download one file into ``dest`` (resuming a ``.part``); returns the file's path."""
    dest.mkdir(parents=True, exist_ok=True)
    final, part = dest / remote.name, dest / f"{remote.name}.part"
    if final.exists() and (remote.md5 is None or _md5(final) == remote.md5):
        if progress:
            progress(final.stat().st_size)
        return final
    have = part.stat().st_size if part.exists() else 0
    req = urllib.request.Request(remote.url)
    if have:
        req.add_header("Range", f"bytes={have}-")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            mode = "ab" if have and resp.status == 206 else "wb"
            if progress and mode == "ab":
                progress(have)
            with part.open(mode) as fh:
                while chunk := resp.read(1 << 16):
                    fh.write(chunk)
                    if progress:
                        progress(len(chunk))
    except OSError as exc:
        raise IngestError(
            f"download of {remote.url} stopped ({exc}): run the same command again to resume"
        ) from None
    if remote.md5 and _md5(part) != remote.md5:
        part.unlink()
        raise IngestError(f"{remote.name} does not match GDELT's md5: run the command again")
    part.replace(final)
    return final
