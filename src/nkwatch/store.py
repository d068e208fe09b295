"""Open the store and query it: the library under the command line, the API and the explorer.

>>> from nkwatch import Store
>>> store = Store.open()                      # builds the store on first use
>>> store.events(actor="PRK", date_from="2006", date_to="2006")
>>> store.relations(actor="PRK", as_of="2017-06-01", kind="embassy")

Every listing returns plain dicts (JSON-ready: dates are ISO text cut to their precision), so
the command line, the REST API and Python callers see the same records.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from nkwatch.build import StoreError, build, is_current, limit_memory
from nkwatch.dates import format_date, parse_query_date
from nkwatch.errors import QueryError
from nkwatch.intervals import held_on
from nkwatch.model import default_kb_dir
from nkwatch.schema import vocab


def default_db_path() -> Path:
    """``$NKWATCH_DB`` if set, else ``$XDG_DATA_HOME/nkwatch/nkwatch.duckdb``
    (``~/.local/share/nkwatch/nkwatch.duckdb``)."""
    env = os.environ.get("NKWATCH_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "nkwatch" / "nkwatch.duckdb"


def _date(value: str | dt.date | None, *, end: bool = False, name: str = "date") -> dt.date | None:
    try:
        return parse_query_date(value, end=end)
    except ValueError as exc:
        raise QueryError(f"{name}: {exc}") from None


def _words(where: list[str], params: list[Any], text: str, *columns: str) -> None:
    """Every word of ``text`` must appear (case-insensitive) in one of the columns. Words are
    parameters, never SQL: quotes, % and _ are just characters."""
    haystack = "lower(concat_ws(' ', " + ", ".join(columns) + "))"
    for word in text.lower().split()[:12]:
        where.append(f"contains({haystack}, ?)")
        params.append(word)


class Store:
    """A connection to the nkwatch store with the queries every face of nkwatch uses."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None = None):
        self.con = con
        self.path = path

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        read_only: bool = False,
        kb_dir: Path | str | None = None,
    ) -> Store:
        """Open the store at path (default: :func:`default_db_path`). Unless read_only, the
        store is built first when it is missing or older than the curated files."""
        db = Path(path).expanduser() if path else default_db_path()
        kb = Path(kb_dir) if kb_dir else default_kb_dir()
        if not read_only and not is_current(db, kb):
            build(db, kb)
        if not db.exists():
            raise StoreError(f"no store at {db}: run 'nkwatch build --db {db}' first")
        try:
            con = duckdb.connect(str(db), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {db}: {exc}") from None
        return cls(limit_memory(con), db)

    @classmethod
    def reader(cls, path: Path | str | None = None, *, kb_dir: Path | str | None = None) -> Store:
        """Open the store read-only, as the command line's reads do: any number of readers
        (and a running 'nkwatch serve') share it. A store that is missing or older than the
        curated files is built first (beside readers too: see
        :func:`nkwatch.build.open_for_writing`)."""
        db = Path(path).expanduser() if path else default_db_path()
        kb = Path(kb_dir) if kb_dir else default_kb_dir()
        if not is_current(db, kb):
            build(db, kb)
        try:
            con = duckdb.connect(str(db), read_only=True)
        except duckdb.Error as exc:
            if "different configuration" in str(exc):
                # this process has it open for writing already (a Python session that
                # opened it with Store.open): share that, no other process can hold it
                return cls.open(db, kb_dir=kb)
            if "could not set lock" in str(exc).lower():
                raise StoreError(
                    f"the store {db} is being written (nkwatch build or ingest): try again "
                    "when that ends"
                ) from None
            raise StoreError(f"cannot open the store {db} read-only: {exc}") from None
        from nkwatch.journal import unfinished

        if unfinished(con):  # an ingest was killed: undo it before anyone reads half of it
            con.close()
            from nkwatch.journal import repair

            repair(db)
            return cls.reader(db, kb_dir=kb)
        return cls(limit_memory(con), db)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------------

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def _sources_of(self, kind: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        if not ids:
            return out
        rows = self._dicts(
            "SELECT l.record_id, s.id, s.title, s.publisher, s.url, s.date, s.date_precision, "
            "s.level FROM record_sources l JOIN sources s ON s.id = l.source_id "
            "WHERE l.record_type = ? AND l.record_id IN (SELECT unnest(?)) "
            "ORDER BY l.record_id, l.ord",
            [kind, ids],
        )
        for r in rows:
            out[r["record_id"]].append(
                {
                    "id": r["id"],
                    "title": r["title"],
                    "publisher": r["publisher"],
                    "url": r["url"],
                    "date": format_date(r["date"], r["date_precision"]),
                    "level": r["level"],
                }
            )
        return out

    def _links(self, table: str, kind: str, ids: list[str], col: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {i: [] for i in ids}
        if ids:
            for rid, val in self.con.execute(
                f"SELECT record_id, {col} FROM {table} WHERE record_type = ? "
                "AND record_id IN (SELECT unnest(?)) ORDER BY record_id, ord",
                [kind, ids],
            ).fetchall():
                out[rid].append(val)
        return out

    def _actor_refs(self, kind: str, ids: list[str]) -> dict[str, list[dict[str, str]]]:
        out: dict[str, list[dict[str, str]]] = {i: [] for i in ids}
        if ids:
            for rid, aid, name in self.con.execute(
                "SELECT l.record_id, l.actor_id, a.name FROM record_actors l "
                "JOIN actors a ON a.id = l.actor_id WHERE l.record_type = ? "
                "AND l.record_id IN (SELECT unnest(?)) ORDER BY l.record_id, l.ord",
                [kind, ids],
            ).fetchall():
                out[rid].append({"id": aid, "name": name})
        return out

    def resolve_actor(self, ref: str) -> str:
        """An actor id from an id, an ISO code or a name (case-insensitive)."""
        row = self.con.execute(
            "SELECT id FROM actors WHERE id = ? OR upper(iso3) = upper(?) "
            "OR lower(name) = lower(?) "
            "UNION SELECT actor_id FROM actor_names WHERE lower(name) = lower(?) LIMIT 2",
            [ref, ref, ref, ref],
        ).fetchall()
        if len(row) == 1:
            return row[0][0]
        if not row:
            raise QueryError(
                f"unknown actor {ref!r}: use an actor id such as PRK or kim-jong-un "
                "(list them with 'nkwatch actors --text ...')"
            )
        raise QueryError(f"{ref!r} names several actors: use the actor id")

    def resolve_topic(self, ref: str) -> list[str]:
        """The topic and, for a theme, its topics."""
        rows = self.con.execute(
            "SELECT id FROM topics WHERE id = ? OR parent = ? ORDER BY ord", [ref, ref]
        ).fetchall()
        if not rows:
            raise QueryError(
                f"unknown topic {ref!r}: use a topic id such as 'nuclear' or "
                "'nuclear.six-party-talks' (list them with 'nkwatch topics')"
            )
        return [r[0] for r in rows]

    # -- events -----------------------------------------------------------------------------

    def events(
        self,
        *,
        actor: str | list[str] | None = None,
        type: str | None = None,
        topic: str | None = None,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        text: str | None = None,
        ids: list[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Curated events, oldest first. ``actor`` may be a list: events involving all of them.
        ``date_from``/``date_to`` keep events that overlap the range; a partial date bound
        stands for its whole period ("1994" = all of 1994)."""
        where, params = ["TRUE"], []
        for one in [actor] if isinstance(actor, str) else actor or []:
            where.append(
                "e.id IN (SELECT record_id FROM record_actors WHERE record_type='event' "
                "AND actor_id = ?)"
            )
            params.append(self.resolve_actor(one))
        if vocab.check("event_type", type):
            where.append("e.type = ?")
            params.append(type)
        if topic:
            where.append(
                "e.id IN (SELECT record_id FROM record_topics WHERE record_type='event' "
                "AND topic_id IN (SELECT unnest(?)))"
            )
            params.append(self.resolve_topic(topic))
        lo, hi = _date(date_from, name="from"), _date(date_to, end=True, name="to")
        if lo and hi and lo > hi:
            raise QueryError(f"the range is empty: from {date_from} is after to {date_to}")
        if lo:
            where.append("coalesce(e.end_latest, e.date_latest) >= ?")
            params.append(lo)
        if hi:
            where.append("e.date <= ?")
            params.append(hi)
        if text:
            _words(where, params, text, "e.search_text")
        if ids is not None:
            where.append("e.id IN (SELECT unnest(?))")
            params.append(ids)
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self.con.execute(
            f"SELECT id, date_text, end_text, title, summary, type, cameo_code, goldstein, "
            f"quad_class, location, actor_list, topic_list, source_list FROM event_docs e "
            f"WHERE {' AND '.join(where)} ORDER BY e.date, e.date_precision DESC, e.id{page}",
            params,
        ).fetchall()
        keys = (
            "id",
            "date",
            "end_date",
            "title",
            "summary",
            "type",
            "cameo_code",
            "goldstein",
            "quad_class",
            "location",
            "actors",
            "topics",
            "sources",
        )
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def event(self, event_id: str) -> dict[str, Any]:
        found = self.events(ids=[event_id])
        if not found:
            raise QueryError(f"unknown event {event_id!r}: list events with 'nkwatch events'")
        return found[0]

    # -- actors -----------------------------------------------------------------------------

    def actors(self, *, type: str | None = None, text: str | None = None) -> list[dict[str, Any]]:
        where, params = ["TRUE"], []
        if vocab.check("actor_type", type):
            where.append("a.type = ?")
            params.append(type)
        if text:
            _words(
                where,
                params,
                text,
                "a.id",
                "a.name",
                "(SELECT string_agg(n.name, ' ') FROM actor_names n WHERE n.actor_id = a.id)",
            )
        rows = self._dicts(
            "SELECT a.*, (SELECT list(n.name ORDER BY n.ord) FROM actor_names n "
            "WHERE n.actor_id = a.id) AS names FROM actors a "
            f"WHERE {' AND '.join(where)} ORDER BY a.type DESC, a.name",
            params,
        )
        return [_actor_record(r) for r in rows]

    def actor(self, ref: str) -> dict[str, Any]:
        """One actor with its names, relations, events and sources."""
        aid = self.resolve_actor(ref)
        row = self._dicts("SELECT a.*, NULL AS names FROM actors a WHERE a.id = ?", [aid])[0]
        rec = _actor_record(row)
        rec["names"] = self._dicts(
            "SELECT name, system FROM actor_names WHERE actor_id = ? ORDER BY ord", [aid]
        )
        rec["sources"] = self._sources_of("actor", [aid])[aid]
        rec["relations"] = self.relations(actor=aid)
        rec["events"] = self.events(actor=aid)
        return rec

    # -- relations --------------------------------------------------------------------------

    def relations(
        self,
        *,
        actor: str | None = None,
        kind: str | None = None,
        as_of: str | dt.date | None = None,
        include_uncertain: bool = False,
    ) -> list[dict[str, Any]]:
        """Relations, optionally only those that held on ``as_of``.

        A relation held on day D when it had certainly begun (its start, at its precision,
        is no later than D) and had not yet ended (its end, at its precision, is after D).
        A relation that began "1975-08" is not counted on 1975-08-10 unless
        ``include_uncertain`` is set, which also counts the days its dates leave open."""
        where, params = ["TRUE"], []
        if actor:
            where.append("(r.subject = ? OR r.object = ?)")
            aid = self.resolve_actor(actor)
            params += [aid, aid]
        if vocab.check("relation_kind", kind):
            where.append("r.kind = ?")
            params.append(kind)
        day = _date(as_of, name="as_of")
        if day is not None:
            where.append(held_on("r", include_uncertain))
            params += [day, day]
        rows = self._dicts(
            "SELECT r.*, sa.name AS subject_name, oa.name AS object_name FROM relations r "
            "JOIN actors sa ON sa.id = r.subject JOIN actors oa ON oa.id = r.object "
            f"WHERE {' AND '.join(where)} ORDER BY r.kind, r.start NULLS FIRST, r.id",
            params,
        )
        ids = [r["id"] for r in rows]
        sources = self._sources_of("relation", ids)
        return [
            {
                "id": r["id"],
                "kind": r["kind"],
                "subject": r["subject"],
                "subject_name": r["subject_name"],
                "object": r["object"],
                "object_name": r["object_name"],
                "start": format_date(r["start"], r["start_precision"]),
                "end": format_date(r["end"], r["end_precision"]),
                "end_reason": r["end_reason"],
                "role": r["role"],
                "agreement": r["agreement"],
                "sources": sources[r["id"]],
            }
            for r in rows
        ]

    # -- countries --------------------------------------------------------------------------

    def countries(
        self, *, as_of: str | dt.date | None = None, only: str | None = None
    ) -> list[dict[str, Any]]:
        """Every state that existed on ``as_of`` (default: today) with its relation to the
        DPRK on that day (``only``: one state id); see :mod:`nkwatch.countries`."""
        from nkwatch import countries

        day = _date(as_of, name="as_of") or dt.date.today()
        return countries.countries(self, day, only)

    def country_counts(self, *, as_of: str | dt.date | None = None) -> dict[str, Any]:
        """How many states had relations with the DPRK, an embassy in Pyongyang, a DPRK
        embassy, on ``as_of``."""
        from nkwatch import countries

        day = _date(as_of, name="as_of") or dt.date.today()
        return {"as_of": day.isoformat(), **countries.counts(countries.countries(self, day))}

    # -- topics, claims, sources ------------------------------------------------------------

    def topics(self) -> list[dict[str, Any]]:
        rows = self._dicts(
            "SELECT t.*, coalesce(p.ord, t.ord) AS theme_ord, "
            # a theme counts the events of its topics too (each event once)
            "(SELECT count(DISTINCT l.record_id) FROM record_topics l WHERE l.record_type = "
            "'event' AND (l.topic_id = t.id OR l.topic_id IN (SELECT id FROM topics c "
            "WHERE c.parent = t.id))) AS events, "
            "(SELECT count(*) FROM claims c WHERE c.topic = t.id OR c.topic IN "
            "(SELECT id FROM topics s WHERE s.parent = t.id)) AS claims "
            "FROM topics t LEFT JOIN topics p ON p.id = t.parent "
            "ORDER BY theme_ord, t.parent NULLS FIRST, t.ord"
        )
        return [
            {
                "id": r["id"],
                "title": r["title"],
                "parent": r["parent"],
                "bullets": list(r["bullets"] or []),
                "events": r["events"],
                "claims": r["claims"],
                "min_events": r["min_events"],
            }
            for r in rows
        ]

    def claims(
        self, *, topic: str | None = None, verdict: str | None = None, text: str | None = None
    ) -> list[dict[str, Any]]:
        where, params = ["TRUE"], []
        if topic:
            where.append("c.topic IN (SELECT unnest(?))")
            params.append(self.resolve_topic(topic))
        if vocab.check("verdict", verdict):
            where.append("c.verdict = ?")
            params.append(verdict)
        if text:
            _words(where, params, text, "c.text", "c.explanation")
        rows = self._dicts(
            f"SELECT c.* FROM claims c JOIN topics t ON t.id = c.topic "
            f"WHERE {' AND '.join(where)} ORDER BY c.topic, c.bullet, c.id",
            params,
        )
        ids = [r["id"] for r in rows]
        sources = self._sources_of("claim", ids)
        evidence: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        if ids:
            for ev in self._dicts(
                "SELECT claim_id, record_id, stance, note FROM claim_evidence "
                "WHERE claim_id IN (SELECT unnest(?)) ORDER BY claim_id, ord",
                [ids],
            ):
                cid = ev.pop("claim_id")
                evidence[cid].append(
                    {"record": ev["record_id"], "stance": ev["stance"], "note": ev["note"]}
                )
        return [
            {
                "id": r["id"],
                "text": r["text"],
                "topic": r["topic"],
                "bullet": r["bullet"],
                "verdict": r["verdict"],
                "explanation": r["explanation"],
                "evidence": evidence[r["id"]],
                "sources": sources[r["id"]],
            }
            for r in rows
        ]

    def sources(self, *, text: str | None = None, level: str | None = None) -> list[dict[str, Any]]:
        where, params = ["TRUE"], []
        if text:
            _words(where, params, text, "s.title", "s.publisher", "s.url", "s.symbol")
        if vocab.check("source_level", level):
            where.append("s.level = ?")
            params.append(level)
        rows = self._dicts(
            "SELECT s.*, (SELECT count(*) FROM record_sources l WHERE l.source_id = s.id) "
            f"AS cited_by FROM sources s WHERE {' AND '.join(where)} ORDER BY s.id",
            params,
        )
        return [
            {
                "id": r["id"],
                "title": r["title"],
                "publisher": r["publisher"],
                "url": r["url"],
                "date": format_date(r["date"], r["date_precision"]),
                "level": r["level"],
                "symbol": r["symbol"],
                "cited_by": r["cited_by"],
            }
            for r in rows
        ]

    def event_types(self) -> list[str]:
        return [
            r[0] for r in self.con.execute("SELECT DISTINCT type FROM events ORDER BY 1").fetchall()
        ]

    def topic(self, topic_id: str) -> dict[str, Any]:
        """One topic of the outline with its claims and events (a theme: with its topics')."""
        found = [t for t in self.topics() if t["id"] == topic_id]
        if not found:
            raise QueryError(f"unknown topic {topic_id!r}: list topics with 'nkwatch topics'")
        topic = found[0]
        topic["subtopics"] = [t for t in self.topics() if t["parent"] == topic_id]
        topic["claims"] = self.claims(topic=topic_id)
        topic["events"] = self.events(topic=topic_id)
        return topic

    def series(self, series_id: str | None = None) -> list[dict[str, Any]]:
        """Series of public figures with their observations."""
        rows = self._dicts(
            "SELECT * FROM series WHERE ? IS NULL OR id = ? ORDER BY id", [series_id, series_id]
        )
        if series_id and not rows:
            raise QueryError(f"unknown series {series_id!r}")
        ids = [r["id"] for r in rows]
        sources = self._sources_of("series", ids)
        obs: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        for o in self._dicts(
            "SELECT series_id, date, date_precision, value FROM observations "
            "WHERE series_id IN (SELECT unnest(?)) ORDER BY series_id, date",
            [ids],
        ):
            obs[o["series_id"]].append(
                {"date": format_date(o["date"], o["date_precision"]), "value": o["value"]}
            )
        return [
            {
                "id": r["id"],
                "title": r["title"],
                "unit": r["unit"],
                "description": r["description"],
                "observations": obs[r["id"]],
                "sources": sources[r["id"]],
            }
            for r in rows
        ]

    def agreements(
        self, *, kind: str | None = None, party: str | None = None
    ) -> list[dict[str, Any]]:
        """Agreements (treaties, statements, resolutions), oldest first, with their measures."""
        where, params = ["TRUE"], []
        if vocab.check("agreement_kind", kind):
            where.append("g.kind = ?")
            params.append(kind)
        if party:
            where.append(
                "g.id IN (SELECT record_id FROM record_actors WHERE "
                "record_type = 'agreement' AND actor_id = ?)"
            )
            params.append(self.resolve_actor(party))
        rows = self._dicts(
            f"SELECT * FROM agreements g WHERE {' AND '.join(where)} ORDER BY g.date, g.id", params
        )
        ids = [r["id"] for r in rows]
        parties = self._actor_refs("agreement", ids)
        sources = self._sources_of("agreement", ids)
        measures: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        for m in self._dicts(
            "SELECT * FROM measures WHERE imposed_by IN (SELECT unnest(?)) ORDER BY start, id",
            [ids],
        ):
            measures[m["imposed_by"]].append(
                {
                    "id": m["id"],
                    "kind": m["kind"],
                    "title": m["title"],
                    "description": m["description"],
                    "target": m["target"],
                    "start": format_date(m["start"], m["start_precision"]),
                    "end": format_date(m["end"], m["end_precision"]),
                }
            )
        return [
            {
                "id": r["id"],
                "kind": r["kind"],
                "title": r["title"],
                "date": format_date(r["date"], r["date_precision"]),
                "end_date": format_date(r["end_date"], r["end_precision"]),
                "symbol": r["symbol"],
                "vote": r["vote"],
                "summary": r["summary"],
                "event": r["event"],
                "parties": parties[r["id"]],
                "measures": measures[r["id"]],
                "sources": sources[r["id"]],
            }
            for r in rows
        ]

    def record(self, record_id: str) -> dict[str, Any]:
        """Any record by its id: ``{"type": "event" | "agreement" | ..., "data": {...}}``."""
        finders = [
            ("event", lambda: self.events(ids=[record_id])),
            ("agreement", lambda: [a for a in self.agreements() if a["id"] == record_id]),
            ("relation", lambda: [r for r in self.relations() if r["id"] == record_id]),
            ("series", lambda: [x for x in self.series() if x["id"] == record_id]),
            ("claim", lambda: [c for c in self.claims() if c["id"] == record_id]),
            ("source", lambda: [x for x in self.sources() if x["id"] == record_id]),
            ("measure", lambda: self._dicts("SELECT * FROM measures WHERE id = ?", [record_id])),
            (
                "designation",
                lambda: self._dicts("SELECT * FROM designations WHERE id = ?", [record_id]),
            ),
        ]
        kind = self.con.execute(
            "SELECT record_type FROM record_sources WHERE record_id = ? UNION "
            "SELECT 'source' FROM sources WHERE id = ? LIMIT 1",
            [record_id, record_id],
        ).fetchone()
        if kind is None:
            raise QueryError(
                f"unknown record {record_id!r}: search for it with 'nkwatch events "
                "--text ...' or the explorer's search"
            )
        if kind[0] == "actor":
            return {"type": "actor", "data": self.actor(record_id)}
        for name, find in finders:
            if name == kind[0]:
                found = find()
                if found:
                    row = found[0]
                    for key in ("date", "start", "end", "listed", "delisted"):
                        if isinstance(row.get(key), dt.date):
                            row[key] = row[key].isoformat()
                    return {"type": name, "data": row}
        raise QueryError(f"unknown record {record_id!r}")  # pragma: no cover

    def search(self, q: str, *, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        """Words across events, actors, claims, agreements and sources (case-insensitive)."""
        q = q.strip()
        if not q:
            raise QueryError("search needs some words: e.g. 'armistice' or 'Kaesong'")
        words = q.lower().split()

        def in_title(e: dict[str, Any]) -> int:  # events whose title holds more words first
            return -sum(w in e["title"].lower() for w in words)

        return {
            "events": sorted(self.events(text=q), key=in_title)[:limit],
            "actors": self.actors(text=q)[:limit],
            "claims": self.claims(text=q)[:limit],
            "agreements": [
                a
                for a in self.agreements()
                if all(
                    w in f"{a['title']} {a['summary']} {a['symbol']}".lower()
                    for w in q.lower().split()
                )
            ][:limit],
            "sources": self.sources(text=q)[:limit],
        }

    def overview(self) -> dict[str, Any]:
        """Counts of every record type and the span of the record."""
        counts = {
            t: self.con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # type: ignore[index]
            for t in (
                "events",
                "actors",
                "relations",
                "agreements",
                "measures",
                "designations",
                "claims",
                "sources",
                "series",
                "topics",
            )
        }
        first, last = self.con.execute("SELECT min(date), max(date) FROM events").fetchone()  # type: ignore[misc]
        meta = dict(self.con.execute("SELECT key, value FROM meta").fetchall())
        return {
            "path": str(self.path) if self.path else None,
            "built_at": meta.get("built_at"),
            "current_to": meta.get("current_to") or None,
            "counts": counts,
            "first_event": first.isoformat() if first else None,
            "last_event": last.isoformat() if last else None,
        }


def _actor_record(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "type": r["type"],
        "name": r["name"],
        "iso3": r["iso3"],
        "cow": r["cow"],
        "start": format_date(r["start"], r["start_precision"]),
        "end": format_date(r["end"], r["end_precision"]),
        "description": r["description"],
        "names": list(r["names"] or []),
    }
