"""What Pyongyang says: the DPRK's New Year addresses (Korean, 1946-2019) and KCNA's English
news (2023-12 to 2024-11), read as data.

>>> from nkwatch.media import ingest
>>> ingest("store.duckdb", "new-year", ["shared/data/nk-new-year-addresses"])
>>> ingest("store.duckdb", "kcna", ["headlines_2024-11-11.json", "article.html"])

Korean is analysed into morphemes (:mod:`.korean`, kiwipiepy), the DPRK's spellings folded
into the South's for matching; the concept dictionary (``reference/concepts.yaml``,
:mod:`.concepts`) maps the words of each state, bloc and theme to one concept; the measures
(:mod:`.measures`) count terms per period, find mentions of states with their tone, the words
that rise and fall between two periods, key passages, and set mentions beside the curated
events.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from nkwatch.media.readers import MediaError, kcna_files, new_year_files, read_kcna, read_new_year

MEDIA_SOURCES = ("new-year", "kcna")

__all__ = ["MEDIA_SOURCES", "MediaError", "ingest", "parse"]


def parse(source: str, paths: Sequence[Path | str]) -> list[tuple[Path, list[Any], list[Any]]]:
    """(file, items, rejects) for every file of ``paths`` (files or folders), read before the
    store is opened: an unreadable file raises MediaError and nothing is written."""
    if source not in MEDIA_SOURCES:
        raise MediaError(f"unknown text source {source!r}: use new-year or kcna")
    if not paths:
        raise MediaError(
            f"give the files to ingest, e.g. 'nkwatch ingest {source} "
            + ("nk-new-year-addresses/'" if source == "new-year" else "headlines.json'")
        )
    out = []
    for p in paths:
        if source == "new-year":
            for f in new_year_files(Path(p)):
                items, rejects = read_new_year(f)
                out.append((f, items, rejects))
        else:
            for f in kcna_files(Path(p)):
                items, rejects = read_kcna(f)
                out.append((f, items, rejects))
    return out


def ingest(
    db_path: Path | str,
    source: str,
    paths: Sequence[Path | str],
    *,
    on_item: Callable[[str, int, int], None] | None = None,
) -> list[dict[str, Any]]:
    """Ingest texts of ``source`` (new-year or kcna) into the store in one transaction.
    A file ingested before (same sha256) is skipped. Returns one row per file: path, items,
    new (texts written), rejects (quarantined in md_rejects), skipped."""
    from nkwatch.build import write_transaction
    from nkwatch.media.store import ensure_tables, file_id, write_file

    parsed = parse(source, paths)
    report = []
    with write_transaction(Path(db_path).expanduser()) as con:
        ensure_tables(con)
        for path, items, rejects in parsed:
            fid, sha = file_id(source, path)
            row = {"path": str(path), "items": len(items), "rejects": len(rejects)}
            if con.execute("SELECT 1 FROM md_files WHERE id = ?", [fid]).fetchone():
                report.append({**row, "new": 0, "skipped": True})
                continue
            counts = write_file(
                con, source=source, fid=fid, sha=sha, path=path, items=items, rejects=rejects,
                on_item=(lambda i, n, name=path.name: on_item(name, i, n)) if on_item else None,
            )  # fmt: skip
            report.append({**row, "new": counts["new"], "skipped": False})
    from nkwatch.media.cache import forget

    forget()
    return report
