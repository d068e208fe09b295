"""Build the DuckDB store from the curated record.

The build validates everything first (:func:`nkwatch.model.load_kb`); only a record that
validates is written. The curated tables are then replaced in one transaction, so a build
that fails leaves the store exactly as it was, and tables written by ingestion (event data,
sanctions lists) are kept. A build of the same files as the last one changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from nkwatch.dates import PartialDate
from nkwatch.errors import StoreError
from nkwatch.model import KB, default_kb_dir, digest_files, load_kb
from nkwatch.reference import cameo
from nkwatch.schema.relation import SYMMETRIC_KINDS

#: Bump when the curated tables change shape; a store of another version is rebuilt.
SCHEMA_VERSION = "4"

CURATED_DDL: dict[str, str] = {
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
    "topics": "id VARCHAR PRIMARY KEY, title VARCHAR, parent VARCHAR, ord INTEGER, "
    "summary VARCHAR, bullets VARCHAR[], min_events INTEGER",
    "sources": "id VARCHAR PRIMARY KEY, title VARCHAR, publisher VARCHAR, url VARCHAR, "
    "date DATE, date_precision VARCHAR, level VARCHAR, symbol VARCHAR, notes VARCHAR, "
    "file VARCHAR",
    "actors": "id VARCHAR PRIMARY KEY, type VARCHAR, name VARCHAR, iso3 VARCHAR, cow INTEGER, "
    'start DATE, start_precision VARCHAR, "end" DATE, end_precision VARCHAR, '
    "description VARCHAR, notes VARCHAR, file VARCHAR",
    "actor_names": "actor_id VARCHAR, name VARCHAR, system VARCHAR, ord INTEGER",
    "events": "id VARCHAR PRIMARY KEY, date DATE, date_latest DATE, date_precision VARCHAR, "
    "end_date DATE, end_latest DATE, end_precision VARCHAR, title VARCHAR, summary VARCHAR, "
    "type VARCHAR, cameo_code VARCHAR, cameo_root VARCHAR, goldstein DOUBLE, "
    "quad_class TINYINT, location VARCHAR, notes VARCHAR, file VARCHAR",
    "relations": "id VARCHAR PRIMARY KEY, kind VARCHAR, subject VARCHAR, object VARCHAR, "
    "is_symmetric BOOLEAN, start DATE, start_latest DATE, start_precision VARCHAR, "
    '"end" DATE, end_latest DATE, end_precision VARCHAR, end_reason VARCHAR, role VARCHAR, '
    "agreement VARCHAR, notes VARCHAR, file VARCHAR, start_known BOOLEAN, evidence DATE, "
    "held_from DATE, possible_from DATE",
    "agreements": "id VARCHAR PRIMARY KEY, kind VARCHAR, title VARCHAR, date DATE, "
    "date_precision VARCHAR, end_date DATE, end_precision VARCHAR, summary VARCHAR, "
    "symbol VARCHAR, vote VARCHAR, event VARCHAR, notes VARCHAR, file VARCHAR",
    "measures": "id VARCHAR PRIMARY KEY, kind VARCHAR, title VARCHAR, description VARCHAR, "
    "imposed_by VARCHAR, imposer VARCHAR, target VARCHAR, start DATE, start_precision VARCHAR, "
    '"end" DATE, end_precision VARCHAR, notes VARCHAR, file VARCHAR',
    "designations": "id VARCHAR PRIMARY KEY, list VARCHAR, list_id VARCHAR, actor VARCHAR, "
    "program VARCHAR, listed DATE, listed_precision VARCHAR, delisted DATE, "
    "delisted_precision VARCHAR, basis VARCHAR, notes VARCHAR, file VARCHAR",
    "claims": "id VARCHAR PRIMARY KEY, text VARCHAR, topic VARCHAR, bullet VARCHAR, "
    "verdict VARCHAR, explanation VARCHAR, notes VARCHAR, file VARCHAR",
    "claim_evidence": "claim_id VARCHAR, record_id VARCHAR, stance VARCHAR, note VARCHAR, "
    "ord INTEGER",
    "series": "id VARCHAR PRIMARY KEY, title VARCHAR, unit VARCHAR, description VARCHAR, "
    "notes VARCHAR, file VARCHAR",
    "observations": "series_id VARCHAR, date DATE, date_precision VARCHAR, value DOUBLE",
    "record_actors": "record_type VARCHAR, record_id VARCHAR, actor_id VARCHAR, ord INTEGER",
    "record_topics": "record_type VARCHAR, record_id VARCHAR, topic_id VARCHAR, ord INTEGER",
    "record_sources": "record_type VARCHAR, record_id VARCHAR, source_id VARCHAR, ord INTEGER",
    "cameo_codes": "code VARCHAR PRIMARY KEY, label VARCHAR, goldstein DOUBLE, "
    "quad_class TINYINT, root VARCHAR",
}


def _iso(col: str, precision: str) -> str:
    """SQL: a stored date as ISO text cut to its precision (as nkwatch.dates.format_date)."""
    return (
        f"CASE {precision} WHEN 'year' THEN strftime({col}, '%Y') WHEN 'month' THEN "
        f"strftime({col}, '%Y-%m') ELSE strftime({col}, '%Y-%m-%d') END"
    )


#: Tables derived from the curated ones in the same transaction: events with their actors,
#: topics and sources already joined, so that a listing is one query.
DERIVED: dict[str, str] = {
    "event_docs": f"""
        SELECT e.*, {_iso("e.date", "e.date_precision")} AS date_text,
          {_iso("e.end_date", "e.end_precision")} AS end_text,
          coalesce((SELECT list({{'id': a.id, 'name': a.name}} ORDER BY l.ord)
            FROM record_actors l JOIN actors a ON a.id = l.actor_id
            WHERE l.record_type = 'event' AND l.record_id = e.id), []) AS actor_list,
          coalesce((SELECT list(l.topic_id ORDER BY l.ord) FROM record_topics l
            WHERE l.record_type = 'event' AND l.record_id = e.id), []) AS topic_list,
          coalesce((SELECT list({{'id': s.id, 'title': s.title, 'publisher': s.publisher,
              'url': s.url, 'date': {_iso("s.date", "s.date_precision")}, 'level': s.level}}
              ORDER BY l.ord)
            FROM record_sources l JOIN sources s ON s.id = l.source_id
            WHERE l.record_type = 'event' AND l.record_id = e.id), []) AS source_list,
          -- what the text filter reads: the event's own words, its actors' names in every
          -- spelling, the agreements it produced (title, symbol) and its sources' titles
          lower(concat_ws(' ', e.title, e.summary, e.location,
            (SELECT string_agg(concat_ws(' ', a.id, a.name, a.iso3), ' ')
              FROM record_actors l JOIN actors a ON a.id = l.actor_id
              WHERE l.record_type = 'event' AND l.record_id = e.id),
            (SELECT string_agg(n.name, ' ') FROM record_actors l
              JOIN actor_names n ON n.actor_id = l.actor_id
              WHERE l.record_type = 'event' AND l.record_id = e.id),
            (SELECT string_agg(concat_ws(' ', g.title, g.symbol), ' ') FROM agreements g
              WHERE g.event = e.id),
            (SELECT string_agg(concat_ws(' ', s.title, s.symbol), ' ')
              FROM record_sources l JOIN sources s ON s.id = l.source_id
              WHERE l.record_type = 'event' AND l.record_id = e.id))) AS search_text
        FROM events e""",
    # the curated events in the common event model (nkwatch.sources.base.COMMON_COLUMNS), so
    # that the dyad series can count them (source 'curated'). Each actor is taken as a state:
    # a state itself, or a person as the state they led on the event's date (head of state,
    # head of government, leader). As event data codes a multilateral event, an event between
    # the DPRK and k other states gives k rows (DPRK–partner); any other event one row. Of
    # the two, the actor listed first is actor1.
    "ev_curated": """
        WITH acts AS (
          SELECT l.record_id AS event, l.ord, CASE WHEN a.type = 'state' THEN a.iso3 ELSE (
            SELECT s.iso3 FROM relations r JOIN actors s ON s.id = r.object
            WHERE r.subject = a.id AND s.type = 'state'
              AND r.kind IN ('head-of-state', 'head-of-government', 'leader')
              AND (r.start IS NULL OR r.start <= e.date) AND (r."end" IS NULL OR e.date < r."end")
            ORDER BY r.start DESC NULLS LAST LIMIT 1) END AS iso3
          FROM record_actors l JOIN events e ON e.id = l.record_id
          JOIN actors a ON a.id = l.actor_id WHERE l.record_type = 'event'),
        states AS (
          SELECT event, iso3, min(ord) AS ord FROM acts WHERE iso3 IS NOT NULL
          GROUP BY event, iso3),
        pairs AS (
          SELECT p.event, CASE WHEN p.ord < o.ord THEN 'PRK' ELSE o.iso3 END AS actor1,
            CASE WHEN p.ord < o.ord THEN o.iso3 ELSE 'PRK' END AS actor2, o.iso3 AS partner
          FROM states p JOIN states o ON o.event = p.event AND o.iso3 <> 'PRK'
          WHERE p.iso3 = 'PRK'),
        other AS (
          SELECT e.id AS event,
            (SELECT iso3 FROM states s WHERE s.event = e.id ORDER BY ord LIMIT 1) AS actor1,
            (SELECT iso3 FROM states s WHERE s.event = e.id ORDER BY ord LIMIT 1 OFFSET 1)
              AS actor2, NULL AS partner
          FROM events e WHERE e.id NOT IN (SELECT event FROM pairs)),
        rows AS (SELECT * FROM pairs UNION ALL SELECT * FROM other)
        SELECT CAST('curated:' || e.id || coalesce(':' || x.partner, '') AS VARCHAR) AS id,
          CAST('curated' AS VARCHAR) AS source, e.date,
          CAST(x.actor1 AS VARCHAR) AS actor1, CAST(x.actor2 AS VARCHAR) AS actor2,
          CAST(NULL AS VARCHAR) AS actor1_name, CAST(NULL AS VARCHAR) AS actor2_name,
          CAST(NULL AS VARCHAR) AS actor1_code, CAST(NULL AS VARCHAR) AS actor2_code,
          e.cameo_code, e.goldstein, e.quad_class,
          CAST(1 AS INTEGER) AS mentions,
          CAST((SELECT count(*) FROM record_sources l WHERE l.record_type = 'event'
            AND l.record_id = e.id) AS INTEGER) AS sources,
          CAST(NULL AS INTEGER) AS articles, e.location, CAST(NULL AS VARCHAR) AS location_id,
          CAST(NULL AS DOUBLE) AS lat, CAST(NULL AS DOUBLE) AS lon, e.file,
          CAST(NULL AS BIGINT) AS line, CAST('build' AS VARCHAR) AS ingest
        FROM rows x JOIN events e ON e.id = x.event""",
}


@dataclass(frozen=True)
class BuildResult:
    path: Path
    changed: bool
    counts: dict[str, int]
    digest: str


def _d(value: PartialDate | None) -> tuple[dt.date | None, str | None]:
    return (value.earliest, value.precision) if value is not None else (None, None)


def _latest(value: PartialDate | None) -> dt.date | None:
    return value.latest if value is not None else None


def evidence_window(kb: KB, r: Any) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """When an interval may be counted: (earliest evidence, held from, possibly from).

    A known start is the answer itself: certainly held from its latest day ("1975-08" from
    1975-08-31), possibly from its earliest. An unknown start is never taken as "forever":
    the interval is certainly held only from its earliest evidence, the latest day of its
    first dated source or of the agreement that created it, and never before both parties
    existed; it possibly held from the day both parties existed. No dated evidence: never
    certain, only possible."""
    born = [
        kb.actors[a].start.earliest
        for a in (r.subject, r.object)
        if a in kb.actors and kb.actors[a].start is not None
    ]
    existed = max(born) if born else None
    if r.start is not None:
        return None, r.start.latest, r.start.earliest
    dates = [kb.sources[s].date.latest for s in r.sources if kb.sources[s].date is not None]
    if r.agreement and kb.agreements[r.agreement].date is not None:
        dates.append(kb.agreements[r.agreement].date.latest)
    evidence = min(dates) if dates else None
    held = max(evidence, existed) if evidence and existed else evidence
    return evidence, held, existed


def _rows(kb: KB) -> dict[str, list[Sequence[Any]]]:
    """Every curated table's rows, from the validated record."""
    o = kb.origin
    rows: dict[str, list[Sequence[Any]]] = {name: [] for name in CURATED_DDL}
    links_a, links_t, links_s = rows["record_actors"], rows["record_topics"], rows["record_sources"]

    def link(kind: str, rid: str, rec: Any, actors: Iterable[str] = ()) -> None:
        for i, s in enumerate(getattr(rec, "sources", []) or []):
            links_s.append((kind, rid, s, i))
        for i, t in enumerate(kb.topics_of.get(rid, [])):
            links_t.append((kind, rid, t, i))
        for i, a in enumerate(actors):
            links_a.append((kind, rid, a, i))

    for t in kb.topics.values():
        rows["topics"].append(
            (t.id, t.title, t.parent, t.order, t.summary, list(t.bullets), t.min_events)
        )
    for s in kb.sources.values():
        rows["sources"].append(
            (s.id, s.title, s.publisher, s.url, *_d(s.date), s.level, s.symbol, s.notes, o[s.id])
        )
    for a in kb.actors.values():
        rows["actors"].append(
            (
                a.id,
                a.type,
                a.name,
                a.iso3,
                a.cow,
                *_d(a.start),
                *_d(a.end),
                a.description,
                a.notes,
                o[a.id],
            )
        )
        for i, n in enumerate(a.names):
            rows["actor_names"].append((a.id, n.name, n.system, i))
        link("actor", a.id, a)
    for e in kb.events.values():
        code = cameo.lookup(e.cameo)
        rows["events"].append(
            (
                e.id,
                e.date.earliest,
                e.date.latest,
                e.date.precision,
                *_d(e.end_date)[:1],
                _latest(e.end_date),
                _d(e.end_date)[1],
                e.title,
                e.summary,
                e.type,
                code.code,
                code.root,
                code.goldstein,
                code.quad_class,
                e.location,
                e.notes,
                o[e.id],
            )
        )
        link("event", e.id, e, e.actors)
    for r in kb.relations.values():
        rows["relations"].append(
            (
                r.id,
                r.kind,
                r.subject,
                r.object,
                r.kind in SYMMETRIC_KINDS,
                *_d(r.start)[:1],
                _latest(r.start),
                _d(r.start)[1],
                *_d(r.end)[:1],
                _latest(r.end),
                _d(r.end)[1],
                r.end_reason,
                r.role,
                r.agreement,
                r.notes,
                o[r.id],
                r.start is not None,
                *evidence_window(kb, r),
            )
        )
        link("relation", r.id, r, (r.subject, r.object))
    for g in kb.agreements.values():
        rows["agreements"].append(
            (
                g.id,
                g.kind,
                g.title,
                *_d(g.date),
                *_d(g.end_date),
                g.summary,
                g.symbol,
                g.vote,
                g.event,
                g.notes,
                o[g.id],
            )
        )
        link("agreement", g.id, g, g.parties)
    for m in kb.measures.values():
        rows["measures"].append(
            (
                m.id,
                m.kind,
                m.title,
                m.description,
                m.imposed_by,
                m.imposer,
                m.target,
                *_d(m.start),
                *_d(m.end),
                m.notes,
                o[m.id],
            )
        )
        link("measure", m.id, m, (m.imposer, m.target))
    for d in kb.designations.values():
        rows["designations"].append(
            (
                d.id,
                d.list,
                d.list_id,
                d.actor,
                d.program,
                *_d(d.listed),
                *_d(d.delisted),
                d.basis,
                d.notes,
                o[d.id],
            )
        )
        link("designation", d.id, d, (d.actor,))
    for c in kb.claims.values():
        rows["claims"].append(
            (c.id, c.text, c.topic, c.bullet, c.verdict, c.explanation, c.notes, o[c.id])
        )
        for i, ev in enumerate(c.evidence):
            rows["claim_evidence"].append((c.id, ev.record, ev.stance, ev.note, i))
        link("claim", c.id, c)
        links_t.append(("claim", c.id, c.topic, 0))
    for s in kb.series.values():
        rows["series"].append((s.id, s.title, s.unit, s.description, s.notes, o[s.id]))
        for ob in s.observations:
            rows["observations"].append((s.id, *_d(ob.date), ob.value))
        link("series", s.id, s)
    for c in cameo.codes().values():
        rows["cameo_codes"].append((c.code, c.label, c.goldstein, c.quad_class, c.root))
    rows["meta"] = [
        ("schema_version", SCHEMA_VERSION),
        ("kb_digest", kb.digest),
        ("built_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        ("current_to", str(kb.current_to) if kb.current_to else ""),
        ("counts", json.dumps({k: len(v) for k, v in kb.records.items()})),
    ]
    return rows


def store_digest(con: duckdb.DuckDBPyConnection) -> tuple[str | None, str | None]:
    """(schema version, kb digest) the store was built with, or (None, None)."""
    try:
        found = dict(con.execute("SELECT key, value FROM meta").fetchall())
    except duckdb.CatalogException:
        return None, None
    return found.get("schema_version"), found.get("kb_digest")


def _digest_of(path: Path) -> tuple[str | None, str | None]:
    """:func:`store_digest` of the store at ``path`` (read-only: works beside a server)."""
    if not path.exists():
        return None, None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return store_digest(con)
    except duckdb.Error:
        return None, None


def is_current(path: Path, kb_dir: Path | None = None) -> bool:
    """True when the store at path was built from the curated files as they are now."""
    if not path.exists():
        return False
    return _digest_of(path) == (SCHEMA_VERSION, digest_files(kb_dir or default_kb_dir()))


#: DuckDB's memory limit for nkwatch's connections, unless NKWATCH_MEMORY_LIMIT says otherwise
#: ("default" leaves DuckDB's own, 80 % of the machine's memory). Big queries spill to disk
#: instead: a monthly dyad series over 100 M GDELT reports peaks at 3.1 GiB with it and at 7 GiB
#: without (benchmarks/ingest/RESULTS.md), at the cost of a third more time.
MEMORY_LIMIT = "3GB"


def limit_memory(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Set the memory limit (``$NKWATCH_MEMORY_LIMIT`` or :data:`MEMORY_LIMIT`) on ``con``."""
    import os

    limit = os.environ.get("NKWATCH_MEMORY_LIMIT", "").strip() or MEMORY_LIMIT
    if limit.lower() == "default":
        return con
    try:
        con.execute(f"SET memory_limit = '{limit.replace(chr(39), '')}'")
    except duckdb.Error:
        con.close()
        raise StoreError(
            f"NKWATCH_MEMORY_LIMIT={limit!r} is not a memory size: use e.g. 3GB or 512MB, "
            "or 'default' for DuckDB's own limit"
        ) from None
    return con


class StoreBusy(StoreError):
    """Another process holds the store (a running 'nkwatch serve', a read, a write)."""


def _busy(exc: duckdb.Error) -> bool:
    """Another process holds the file, or this one holds it read-only."""
    text = str(exc).lower()
    return "could not set lock" in text or "different configuration" in text


def connect_rw(path: Path) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        if _busy(exc):
            raise StoreBusy(
                f"cannot open the store {path} for writing ({exc}). Another nkwatch process "
                "may hold it: wait for it, or use --db for another file"
            ) from None
        raise StoreError(
            f"{path} is not a DuckDB store nkwatch can use ({exc}): move it away or pass "
            "--db with another path"
        ) from None
    try:
        return limit_memory(con)
    except StoreError:
        if not existed:  # leave no empty store behind
            path.unlink(missing_ok=True)
            Path(f"{path}.wal").unlink(missing_ok=True)
        raise


@contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    """One nkwatch writer at a time per store (a lock file beside it); the next one waits."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    Path(f"{path}.wal").unlink(missing_ok=True)


@contextmanager
def open_for_writing(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection for one write of the store at ``path``.

    When no other process has the store open, the connection is on the file itself. When
    readers hold it (a running 'nkwatch serve', a command reading it), DuckDB lets no process
    write it: the write then goes to a copy beside it, which replaces the file atomically
    (``os.replace``) once the block ends without error; the readers keep the old file until
    they reopen (the server does so by itself). When the block raises, nothing changes: the
    copy is removed (and a store the block would have created too). Writers wait for each
    other."""
    import os
    import shutil

    with _writer_lock(path):
        existed = path.exists()
        copy: Path | None = None
        try:
            con = connect_rw(path)
        except StoreBusy:
            copy = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            _remove(copy)
            shutil.copyfile(path, copy)
            shutil.copymode(path, copy)
            if Path(f"{path}.wal").exists():
                shutil.copyfile(f"{path}.wal", f"{copy}.wal")
            con = connect_rw(copy)
        try:
            yield con
            con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            if copy is not None:
                _remove(copy)
            elif not existed:
                _remove(path)
            raise
        con.close()
        if copy is not None:
            os.replace(copy, path)


@contextmanager
def write_transaction(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to the store at ``path`` inside one transaction: committed
    and checkpointed when the block ends, rolled back when it raises, so the store is left as
    it was (and a store the block would have created is removed again). Ingestion of event
    data and of sanctions lists writes through this; beside a running server the write goes
    to a copy that replaces the store atomically (:func:`open_for_writing`)."""
    with open_for_writing(path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def build(path: Path, kb_dir: Path | None = None, *, force: bool = False) -> BuildResult:
    """Validate the curated record and write it to the store at ``path``.

    Raises :class:`nkwatch.model.KBError` (nothing written) if a record is broken, and
    :class:`StoreError` if the store cannot be written (the store is left as it was)."""
    kb = load_kb(kb_dir)
    counts = {k: len(v) for k, v in kb.records.items()}
    if not force and _digest_of(path) == (SCHEMA_VERSION, kb.digest):
        return BuildResult(path, False, counts, kb.digest)
    rows = _rows(kb)
    with open_for_writing(path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            for table, ddl in CURATED_DDL.items():
                con.execute(f'CREATE OR REPLACE TABLE "{table}" ({ddl})')
                if rows[table]:
                    marks = ", ".join("?" * len(rows[table][0]))
                    con.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows[table])
            for table, select in DERIVED.items():
                con.execute(f'CREATE OR REPLACE TABLE "{table}" AS {select}')
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return BuildResult(path, True, counts, kb.digest)
