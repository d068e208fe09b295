"""The DPRK's texts in the store: tables ``md_*``, written in one transaction.

``md_files``      one row per ingested file (sha256): a file ingested before adds nothing
``md_documents``  one row per text: source, kind, date, title, URL, words, the text itself
``md_tokens``     its tokens (Korean morphemes or English words) with their matching key,
                  part of speech, sentence and character offsets: the measures read these
``md_rejects``    items that could not be read, with the reason (quarantine)

Document ids come from the source's own keys (``ny-1987``; ``kcna-`` + a hash of the article's
link), so the same article in many of the scraper's cumulative files is one document; when a
later file has a longer story for it, that one replaces it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from nkwatch.media.korean import Token, tokens, words
from nkwatch.media.readers import Item, Reject

DDL: dict[str, str] = {
    "md_files": "id VARCHAR PRIMARY KEY, source VARCHAR, path VARCHAR, sha256 VARCHAR, "
    "items INTEGER, new_items INTEGER, rejects INTEGER, ingested_at TIMESTAMP",
    "md_documents": "id VARCHAR PRIMARY KEY, source VARCHAR, key VARCHAR, kind VARCHAR, "
    "date DATE, title VARCHAR, url VARCHAR, topic VARCHAR, lang VARCHAR, words INTEGER, "
    "text VARCHAR, file_id VARCHAR, item INTEGER",
    "md_tokens": "doc_id VARCHAR, i INTEGER, sent INTEGER, form VARCHAR, key VARCHAR, "
    "tag VARCHAR, start INTEGER, stop INTEGER",
    "md_rejects": "file_id VARCHAR, path VARCHAR, item INTEGER, reason VARCHAR, raw VARCHAR",
}


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table, ddl in DDL.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({ddl})")


def has_tables(con: Any) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'md_documents'"
    ).fetchone()
    return bool(row and row[0])


def file_id(source: str, path: Path) -> tuple[str, str]:
    sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return f"{source}:{sha[:20]}", sha


def _token_table(doc_id: str, toks: Sequence[Token]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "doc_id": pa.array([doc_id] * len(toks), pa.string()),
            "i": pa.array(range(len(toks)), pa.int32()),
            "sent": pa.array([t.sent for t in toks], pa.int32()),
            "form": pa.array([t.form for t in toks], pa.string()),
            "key": pa.array([t.key for t in toks], pa.string()),
            "tag": pa.array([t.tag for t in toks], pa.string()),
            "start": pa.array([t.start for t in toks], pa.int32()),
            "stop": pa.array([t.end for t in toks], pa.int32()),
        }
    )


def write_file(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    fid: str,
    sha: str,
    path: Path,
    items: list[Item],
    rejects: list[Reject],
    on_item: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write one file's items inside the caller's transaction: analyse each new text (or a
    longer story for a known one), store it and its tokens. Returns counts."""
    import pyarrow as pa

    best: dict[str, Item] = {}
    for it in items:  # the same article twice in one file: keep the longer story
        if it.id not in best or len(it.text) > len(best[it.id].text):
            best[it.id] = it
    known = dict(
        con.execute(
            "SELECT id, length(coalesce(text, '')) FROM md_documents WHERE id IN "
            "(SELECT unnest(?))",
            [list(best)],
        ).fetchall()
    )
    fresh = [it for it in best.values() if it.id not in known or len(it.text) > known[it.id]]
    replaced = [it.id for it in fresh if it.id in known]
    if replaced:
        con.execute("DELETE FROM md_tokens WHERE doc_id IN (SELECT unnest(?))", [replaced])
        con.execute("DELETE FROM md_documents WHERE id IN (SELECT unnest(?))", [replaced])
    tables = []
    rows = []
    for n, it in enumerate(fresh, 1):
        toks = tokens(it.text, it.lang) if it.text else []
        if toks:
            tables.append(_token_table(it.id, toks))
        rows.append(
            (it.id, it.source, it.key, it.kind, it.date, it.title, it.url, it.topic, it.lang,
             words(it.text, it.lang), it.text or None, fid, it.item)
        )  # fmt: skip
        if on_item:
            on_item(n, len(fresh))
    if rows:
        con.executemany(
            "INSERT INTO md_documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
    if tables:
        toks_table = pa.concat_tables(tables)  # noqa: F841 (read by DuckDB by name)
        con.execute("INSERT INTO md_tokens SELECT * FROM toks_table")
    if rejects:
        con.executemany(
            "INSERT INTO md_rejects VALUES (?, ?, ?, ?, ?)",
            [(fid, r.path, r.item, r.reason, r.raw) for r in rejects],
        )
    con.execute(
        "INSERT INTO md_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [fid, source, str(path), sha, len(items), len(fresh), len(rejects),
         dt.datetime.now(dt.UTC).replace(tzinfo=None)],
    )  # fmt: skip
    return {"items": len(items), "new": len(fresh), "rejects": len(rejects)}
