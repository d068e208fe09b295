"""The media measures over a :class:`nkwatch.store.Store`: what the CLI, the REST API and
the explorer call, so that they return the same numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nkwatch.errors import QueryError
from nkwatch.media import measures
from nkwatch.media.cache import corpus
from nkwatch.media.concepts import load

SOURCES = ("new-year", "kcna")


def _corpus(store: Any, source: str) -> Any:
    if source not in SOURCES:
        raise QueryError(f"unknown --source {source!r}: use new-year or kcna")
    return corpus(store.con, source, store.path)


def _period(text: str | None, name: str) -> tuple[str | None, str | None]:
    """'1946..1994', '2024-01..2024-05' or one period '2018' as (from, to)."""
    if not text:
        raise QueryError(f"give --{name} as FROM..TO (e.g. 1946..1994) or one period (2018)")
    lo, sep, hi = text.partition("..")
    return (lo or None, (hi or None) if sep else (lo or None))


def concepts(kind: str | None = None) -> list[dict[str, Any]]:
    d = load()
    rows = [c.as_dict() for c in d.concepts.values() if kind is None or c.kind == kind]
    if kind and not rows:
        raise QueryError(f"unknown kind {kind!r}: use state, bloc or theme")
    for r in rows:
        r["sources"] = [d.sources[s] for s in r["sources"]]
    return rows


def texts(store: Any, source: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
    from nkwatch.media.store import has_tables

    if not has_tables(store.con):
        return []
    where, params = ["TRUE"], []
    if source:
        where.append("source = ?")
        params.append(source)
    if kind:
        where.append("kind = ?")
        params.append(kind)
    cur = store.con.execute(
        "SELECT id, source, date, kind, title, url, topic, words FROM md_documents "
        f"WHERE {' AND '.join(where)} ORDER BY date, id",
        params,
    )
    names = [d[0] for d in cur.description]
    return [{**dict(zip(names, r, strict=True)), "date": r[2].isoformat()} for r in cur.fetchall()]


def summary(store: Any) -> list[dict[str, Any]]:
    """Per source: texts, texts with words, words, first and last date, rejects."""
    from nkwatch.media.store import has_tables

    if not has_tables(store.con):
        return []
    cur = store.con.execute(
        "SELECT d.source, count(*) AS texts, count(*) FILTER (WHERE words > 0) AS with_text, "
        "sum(words) AS words, min(date) AS first, max(date) AS last, "
        "(SELECT count(*) FROM md_rejects r JOIN md_files f ON f.id = r.file_id "
        " WHERE f.source = d.source) AS rejects FROM md_documents d GROUP BY d.source "
        "ORDER BY d.source"
    )
    names = [d[0] for d in cur.description]
    out = []
    for r in cur.fetchall():
        rec = dict(zip(names, r, strict=True))
        rec["first"], rec["last"] = rec["first"].isoformat(), rec["last"].isoformat()
        out.append(rec)
    return out


def terms(
    store: Any, wanted: Sequence[str], source: str = "new-year", freq: str = "year",
    date_from: str | None = None, date_to: str | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    return measures.terms(
        _corpus(store, source), list(wanted), freq, date_from=date_from, date_to=date_to
    )


def mentions(
    store: Any, source: str = "kcna", freq: str = "month",
    concepts: Sequence[str] | None = None, date_from: str | None = None,
    date_to: str | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    return measures.mentions(
        _corpus(store, source), freq, concepts or None, date_from=date_from, date_to=date_to
    )


def keyness(
    store: Any, source: str, a: str, b: str, top: int = 20, prior: float = 1000.0
) -> list[dict[str, Any]]:
    return measures.keyness(
        _corpus(store, source), _period(a, "a"), _period(b, "b"), top=top, prior=prior
    )


def passages(
    store: Any, concept: str, source: str = "new-year", date_from: str | None = None,
    date_to: str | None = None, limit: int = 20, width: int = 160,
) -> list[dict[str, Any]]:  # fmt: skip
    return measures.passages(
        _corpus(store, source), store.con, concept, date_from=date_from, date_to=date_to,
        limit=limit, width=width,
    )  # fmt: skip


def versus(
    store: Any, partner: str, source: str = "kcna", freq: str = "month",
    date_from: str | None = None, date_to: str | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    load().by_actor(partner)  # an unknown partner fails before the texts are read
    return measures.versus(
        _corpus(store, source), store, partner, freq, date_from=date_from, date_to=date_to
    )
