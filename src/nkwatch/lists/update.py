"""Fetch the current UN and OFAC lists from their official addresses, check them, ingest them
and say what changed (``nkwatch update lists``).

Files go to ``<dest>/<today>/`` (UTC). A download that stops leaves a ``.part`` file, resumed
with an HTTP Range request the next time; a file already complete today is not fetched again.
Every file is read by nkwatch's own parser before anything is written (an HTML error page, a
cut file or the wrong list is refused with the file named), OFAC's CSV and advanced XML must
hold the same entries, and the lists are then ingested in one transaction each: OFAC's
advanced XML is the copy ingested (it carries its date of issue and OFAC's weak a.k.a.), the
CSV files are kept beside it and checked against it.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import ListError

UN_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
OFAC_URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"
OFAC_FILES = ("SDN_ADVANCED.XML", "SDN.CSV", "ALT.CSV", "ADD.CSV")
LISTS = ("un", "ofac")


@dataclass(frozen=True)
class Remote:
    list: str
    url: str
    name: str


def plan(lists: tuple[str, ...] = LISTS, un_url: str | None = None, ofac_url: str | None = None):
    """The files to fetch: the UN list and OFAC's four SDN files (addresses overridable, by
    argument or ``$NKWATCH_UN_URL`` / ``$NKWATCH_OFAC_URL``, e.g. for a mirror or a test)."""
    un_url = un_url or os.environ.get("NKWATCH_UN_URL") or UN_URL
    ofac_url = (ofac_url or os.environ.get("NKWATCH_OFAC_URL") or OFAC_URL).rstrip("/")
    for name in lists:
        if name not in LISTS:
            raise ListError(f"unknown list {name!r}: 'nkwatch update lists' fetches un and ofac")
    out = []
    if "un" in lists:
        out.append(Remote("un", un_url, "consolidated.xml"))
    if "ofac" in lists:
        out += [Remote("ofac", f"{ofac_url}/{f}", f) for f in OFAC_FILES]
    return out


def fetch(
    remote: Remote,
    dest: Path,
    progress: Callable[[int, int | None], None] | None = None,
    timeout: float = 120,
) -> Path:
    """Download one file into ``dest``, resuming a ``.part`` left by an earlier try."""
    dest.mkdir(parents=True, exist_ok=True)
    final, part = dest / remote.name, dest / f"{remote.name}.part"
    if final.exists():
        if progress:
            progress(final.stat().st_size, final.stat().st_size)
        return final
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(remote.url, headers={"User-Agent": "nkwatch"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            resumed = have and resp.status == 206
            length = resp.headers.get("Content-Length")
            total = (int(length) + (have if resumed else 0)) if length else None
            if progress:
                progress(have if resumed else 0, total)
            with part.open("ab" if resumed else "wb") as fh:
                while chunk := resp.read(1 << 16):
                    fh.write(chunk)
                    if progress:
                        progress(len(chunk), None)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # the .part is already whole
            part.replace(final)
            return final
        raise ListError(
            f"{remote.url} answered HTTP {exc.code}: the address may have moved; check it "
            "or pass --un-url/--ofac-url"
        ) from None
    except OSError as exc:
        raise ListError(
            f"download of {remote.url} stopped ({exc}): run 'nkwatch update lists' again to "
            "resume it"
        ) from None
    part.replace(final)
    return final


def check(files: dict[str, list[Path]]) -> dict[str, Any]:
    """Parse every downloaded file (nothing is written); OFAC's CSV and advanced XML must name
    the same entries. Returns what to ingest: {list: (source, files, date)}."""
    from . import parse

    out: dict[str, Any] = {}
    if "un" in files:
        ((paths, date, entries),) = parse("un-sanctions", files["un"])
        out["un"] = ("un-sanctions", paths, date, len(entries))
    if "ofac" in files:
        by_name = {p.name.upper(): p for p in files["ofac"]}
        advanced = by_name["SDN_ADVANCED.XML"]
        ((_, date, entries),) = parse("ofac-sdn", [advanced])
        csvs = [by_name[n] for n in ("SDN.CSV", "ALT.CSV", "ADD.CSV") if n in by_name]
        ((_, _, from_csv),) = parse("ofac-sdn", csvs, date=date)
        a, b = {e.list_id for e in entries}, {e.list_id for e in from_csv}
        if a != b:
            only = sorted(a ^ b, key=lambda x: (len(x), x))[:5]
            raise ListError(
                f"OFAC's SDN_ADVANCED.XML and SDN.CSV name different entries ({len(a)} and "
                f"{len(b)}; e.g. {', '.join(only)}): one download is from another day or cut "
                "short; delete the folder and run 'nkwatch update lists' again"
            )
        out["ofac"] = ("ofac-sdn", [advanced], date, len(entries))
    return out


def update(
    db_path: Path | str,
    dest: Path,
    *,
    lists: tuple[str, ...] = LISTS,
    un_url: str | None = None,
    ofac_url: str | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Fetch, check, ingest; returns {"files", "ingested", "changes"} (the changes of each list
    between its latest copy before and the copy just ingested)."""
    import duckdb

    from . import ingest
    from .changes import changes, copies

    today = today or dt.datetime.now(dt.UTC).date()
    folder = Path(dest).expanduser() / today.isoformat()
    fetched: dict[str, list[Path]] = {}
    for remote in plan(lists, un_url, ofac_url):
        report = (lambda n, total, name=remote.name: progress(name, n, total)) if progress else None
        fetched.setdefault(remote.list, []).append(fetch(remote, folder, report))
    checked = check(fetched)
    db = Path(db_path).expanduser()
    before: dict[str, str | None] = {}
    if db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            for name in checked:
                dated = [c["list_date"] for c in copies(con, [name]) if c["list_date"]]
                before[name] = max(dated) if dated else None
    ingested = {}
    for name, (source, paths, date, count) in checked.items():
        result = ingest(db, source, paths, date=date)
        ingested[name] = {
            "source": source,
            "files": [str(p) for p in paths],
            "list_date": date.isoformat() if date else None,
            "entries": count,
            "skipped": all(c["skipped"] for c in result["copies"]),
        }
    found: dict[str, Any] = {"compared": [], "changes": []}
    with duckdb.connect(str(db), read_only=True) as con:
        for name, info in ingested.items():
            old, new = before.get(name), info["list_date"]
            if not old or not new or old >= new:
                continue
            part = changes(con, dt.date.fromisoformat(old), dt.date.fromisoformat(new), [name])
            found["compared"] += part["compared"]
            found["changes"] += part["changes"]
    return {
        "files": {k: [str(p) for p in v] for k, v in fetched.items()},
        "ingested": ingested,
        "before": before,
        **found,
    }
