"""A source's documents and tokens, read from the store once per process and kept while the
store file is unchanged (the measures read them many times; the API serves them)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkwatch.errors import QueryError
from nkwatch.media.korean import Token


@dataclass
class Doc:
    id: str
    source: str
    kind: str
    date: Any  # datetime.date
    title: str
    url: str | None
    lang: str
    words: int
    tokens: list[Token]


@dataclass
class Corpus:
    source: str
    docs: list[Doc]
    memo: dict[Any, Any] = field(default_factory=dict)  # per-dictionary matches


_lock = threading.Lock()
_corpora: dict[tuple[str, str, float], Corpus] = {}


def forget() -> None:
    with _lock:
        _corpora.clear()


def _stamp(path: Path | None) -> float:
    try:
        return path.stat().st_mtime if path else 0.0
    except OSError:
        return 0.0


def corpus(con: Any, source: str, db_path: Path | None = None) -> Corpus:
    """The documents of ``source`` (new-year or kcna) with their tokens, oldest first."""
    from nkwatch.media.store import has_tables

    if source not in ("new-year", "kcna"):
        raise QueryError(f"unknown source {source!r}: use new-year or kcna")
    key = (str(db_path), source, _stamp(db_path))
    with _lock:
        if db_path is not None and key in _corpora:
            return _corpora[key]
    if not has_tables(con):
        raise QueryError(_empty(source))
    rows = con.execute(
        "SELECT id, source, kind, date, title, url, lang, words FROM md_documents "
        "WHERE source = ? ORDER BY date, id",
        [source],
    ).fetchall()
    if not rows:
        raise QueryError(_empty(source))
    tab = con.execute(
        "SELECT t.doc_id, t.sent, t.form, t.key, t.tag, t.start, t.stop FROM md_tokens t "
        "JOIN md_documents d ON d.id = t.doc_id WHERE d.source = ? ORDER BY t.doc_id, t.i",
        [source],
    ).to_arrow_table()
    cols = [tab.column(c).to_pylist() for c in ("doc_id", "sent", "form", "key", "tag")]
    starts, stops = tab.column("start").to_pylist(), tab.column("stop").to_pylist()
    by_doc: dict[str, list[Token]] = {}
    for n, doc_id in enumerate(cols[0]):
        by_doc.setdefault(doc_id, []).append(
            Token(cols[2][n], cols[3][n], cols[4][n], starts[n], stops[n], cols[1][n])
        )
    docs = [Doc(*r, tokens=by_doc.get(r[0], [])) for r in rows]
    found = Corpus(source, docs)
    if db_path is not None:
        with _lock:
            for old in [k for k in _corpora if (k[0], k[2]) != (key[0], key[2])]:
                del _corpora[old]  # one store (as it is now) at a time
            _corpora[key] = found
    return found


def _empty(source: str) -> str:
    example = (
        "nkwatch ingest new-year nk-new-year-addresses/"
        if source == "new-year"
        else "nkwatch ingest kcna headlines.json"
    )
    return f"no {source} texts in the store: ingest them first, e.g. '{example}'"
