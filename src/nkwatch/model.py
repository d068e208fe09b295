"""Load and validate the curated record.

The curated record is a folder of YAML files (by default the package's own ``kb/``):
``outline.yaml`` holds the topic tree; every other ``*.yaml`` file holds records in sections
named after their type (``sources``, ``actors``, ``events``, ``relations``, ``agreements``,
``measures``, ``designations``, ``claims``, ``series``). A file may set ``topic:`` at the top;
its events, relations, agreements, measures and series without topics of their own take it.

:func:`load_kb` validates everything before anything is written anywhere: every record against
its schema, every reference (actor, source, topic, evidence) against the records that exist,
and ids for uniqueness. Problems are collected and raised together as a :class:`KBError`, each
naming the file, the record and the fix.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from nkwatch.dates import PartialDate
from nkwatch.reference import cameo
from nkwatch.schema import (
    RECORD_TYPES,
    Actor,
    Agreement,
    Claim,
    Designation,
    Event,
    Measure,
    Relation,
    Series,
    Source,
    Topic,
)

OUTLINE_FILE = "outline.yaml"
TOPIC_SCOPED = ("events", "relations", "agreements", "measures", "series")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the curated record."""

    file: str
    record: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f", record '{self.record}'" if self.record else "")
        return f"{where}: {self.message}"


class KBError(ValueError):
    """The curated record does not validate; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        head = f"the curated record has {len(problems)} problem(s); nothing was written:"
        lines = [head, *(f"  - {p}" for p in problems[:50])]
        if len(problems) > 50:
            lines.append(f"  ... and {len(problems) - 50} more")
        super().__init__("\n".join(lines))


@dataclass
class KB:
    """The validated curated record, in memory."""

    root: Path
    topics: dict[str, Topic] = field(default_factory=dict)
    records: dict[str, dict[str, BaseModel]] = field(
        default_factory=lambda: {name: {} for name in RECORD_TYPES}
    )
    #: record id -> the file (relative to root) that declares it.
    origin: dict[str, str] = field(default_factory=dict)
    #: ids of records (events, relations, ...) -> the topics they belong to.
    topics_of: dict[str, list[str]] = field(default_factory=dict)
    digest: str = ""
    #: ids of records that failed validation (references to them are not reported again).
    broken: set[str] = field(default_factory=set)
    #: the last day the record was brought up to (outline.yaml ``current_to``)
    current_to: PartialDate | None = None

    @property
    def sources(self) -> dict[str, Source]:
        return self.records["sources"]  # type: ignore[return-value]

    @property
    def actors(self) -> dict[str, Actor]:
        return self.records["actors"]  # type: ignore[return-value]

    @property
    def events(self) -> dict[str, Event]:
        return self.records["events"]  # type: ignore[return-value]

    @property
    def relations(self) -> dict[str, Relation]:
        return self.records["relations"]  # type: ignore[return-value]

    @property
    def agreements(self) -> dict[str, Agreement]:
        return self.records["agreements"]  # type: ignore[return-value]

    @property
    def measures(self) -> dict[str, Measure]:
        return self.records["measures"]  # type: ignore[return-value]

    @property
    def designations(self) -> dict[str, Designation]:
        return self.records["designations"]  # type: ignore[return-value]

    @property
    def claims(self) -> dict[str, Claim]:
        return self.records["claims"]  # type: ignore[return-value]

    @property
    def series(self) -> dict[str, Series]:
        return self.records["series"]  # type: ignore[return-value]

    def all_ids(self) -> set[str]:
        return set(self.origin)


def default_kb_dir() -> Path:
    """The curated record: ``$NKWATCH_KB`` if set, else the package's own ``kb/``."""
    env = os.environ.get("NKWATCH_KB")
    if env:
        return Path(env)
    return Path(str(resources.files("nkwatch").joinpath("kb")))


def kb_files(root: Path) -> list[Path]:
    """The record files under root, in a stable order (outline first)."""
    files = sorted(p for p in root.rglob("*.yaml") if p.name != OUTLINE_FILE)
    return [root / OUTLINE_FILE, *files]


def digest_files(root: Path) -> str:
    h = hashlib.sha256()
    for path in kb_files(root):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text, so the record model parses them
    with their precision and reports a bad one by record instead of crashing the parser."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(path: Path, rel: str, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(rel, None, f"is not UTF-8 text ({exc.reason}): save it as UTF-8"))
        return None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problems.append(Problem(rel, None, f"is not valid YAML{at}: {exc}"))
        return None


def _format_validation(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "record"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = f"is required: add '{loc}:'"
            if loc == "sources":
                msg = "is required: cite at least one source id under 'sources:'"
        elif err["type"] == "extra_forbidden":
            *parent, key = [str(x) for x in err["loc"]]
            where = ".".join(parent)
            parts.append(
                f"{where + ': ' if where else ''}'{key}' is not a field of this record type: "
                "remove it, check its spelling, or quote a value that holds a comma"
            )
            continue
        elif loc == "sources" and err["type"] == "too_short":
            msg = "is empty: cite at least one source id"
        parts.append(f"{loc} {msg}")
    return "; ".join(parts)


def _load_outline(kb: KB, problems: list[Problem]) -> None:
    doc = _read_yaml(kb.root / OUTLINE_FILE, OUTLINE_FILE, problems)
    if not isinstance(doc, dict) or not isinstance(doc.get("topics"), list):
        problems.append(Problem(OUTLINE_FILE, None, "needs a 'topics:' list"))
        return
    if doc.get("current_to") is not None:
        try:
            kb.current_to = PartialDate.parse(str(doc["current_to"]))
        except ValueError as exc:
            problems.append(Problem(OUTLINE_FILE, None, f"current_to: {exc} (use YYYY-MM-DD)"))
    for item in doc["topics"]:
        rid = item.get("id") if isinstance(item, dict) else None
        try:
            topic = Topic.model_validate(item)
        except ValidationError as exc:
            problems.append(Problem(OUTLINE_FILE, rid, _format_validation(exc)))
            continue
        if topic.id in kb.topics:
            problems.append(Problem(OUTLINE_FILE, topic.id, "topic id is used twice"))
        kb.topics[topic.id] = topic
    for topic in kb.topics.values():
        if topic.parent and topic.parent not in kb.topics:
            problems.append(Problem(OUTLINE_FILE, topic.id, f"parent '{topic.parent}' is unknown"))


def _iter_sections(doc: dict[str, Any], rel: str, problems: list[Problem]) -> Iterator[tuple]:
    for key, value in doc.items():
        if key == "topic":
            continue
        if key not in RECORD_TYPES:
            known = ", ".join(RECORD_TYPES)
            problems.append(Problem(rel, None, f"unknown section '{key}': use one of {known}"))
            continue
        if not isinstance(value, list):
            problems.append(Problem(rel, None, f"section '{key}' must be a list of records"))
            continue
        for item in value:
            yield key, item


def load_kb(root: Path | str | None = None) -> KB:
    """Load and validate the curated record under ``root``; raise :class:`KBError` if any
    record is broken. Nothing is written."""
    root = Path(root) if root is not None else default_kb_dir()
    if not (root / OUTLINE_FILE).is_file():
        raise KBError([Problem(str(root), None, f"no {OUTLINE_FILE} here: is this a kb folder?")])
    kb = KB(root=root)
    problems: list[Problem] = []
    _load_outline(kb, problems)
    for path in kb_files(root)[1:]:
        rel = path.relative_to(root).as_posix()
        doc = _read_yaml(path, rel, problems)
        if doc is None:
            continue
        if not isinstance(doc, dict):
            problems.append(Problem(rel, None, "must be a mapping of sections (events: [...])"))
            continue
        default_topic = doc.get("topic")
        if default_topic is not None and default_topic not in kb.topics:
            problems.append(Problem(rel, None, f"topic '{default_topic}' is not in the outline"))
        for section, item in _iter_sections(doc, rel, problems):
            rid = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item, dict):
                problems.append(Problem(rel, None, f"an entry of '{section}' is not a mapping"))
                continue
            try:
                record = RECORD_TYPES[section].model_validate(item)
            except ValidationError as exc:
                problems.append(Problem(rel, rid, _format_validation(exc)))
                if isinstance(rid, str):
                    kb.broken.add(rid)
                continue
            if record.id in kb.origin:
                problems.append(
                    Problem(
                        rel,
                        record.id,
                        f"id already used in {kb.origin[record.id]}: give this record another id",
                    )
                )
                continue
            kb.records[section][record.id] = record
            kb.origin[record.id] = rel
            if section in TOPIC_SCOPED:
                own = list(getattr(record, "topics", []) or [])
                kb.topics_of[record.id] = own or ([default_topic] if default_topic else [])
    _check_references(kb, problems)
    if problems:
        raise KBError(problems)
    kb.digest = digest_files(root)
    return kb


def _check_references(kb: KB, problems: list[Problem]) -> None:
    actors, sources, topics = kb.actors, kb.sources, kb.topics
    ids = kb.all_ids()

    def need(rid: str, ref: str | None, pool: Any, what: str, fix: str) -> None:
        if ref is not None and ref not in pool and ref not in kb.broken:
            problems.append(Problem(kb.origin[rid], rid, f"{what} '{ref}' is unknown: {fix}"))

    add_actor = "add it to kb/actors/ or fix the id"
    for section, table in kb.records.items():
        for rid, rec in table.items():
            for src in getattr(rec, "sources", []) or []:
                need(rid, src, sources, "source", "declare it under 'sources:' or fix the id")
            if section in TOPIC_SCOPED:
                if not kb.topics_of.get(rid):
                    problems.append(
                        Problem(
                            kb.origin[rid],
                            rid,
                            "has no topic: add 'topics: "
                            "[theme.topic]' or a 'topic:' line at the file top",
                        )
                    )
                for t in kb.topics_of.get(rid, []):
                    need(rid, t, topics, "topic", "use a topic id from kb/outline.yaml")
    for rid, ev in kb.events.items():
        for a in ev.actors:
            need(rid, a, actors, "actor", add_actor)
        try:
            cameo.lookup(ev.cameo)
        except KeyError as exc:
            problems.append(Problem(kb.origin[rid], rid, str(exc.args[0])))
    for rid, rel in kb.relations.items():
        need(rid, rel.subject, actors, "subject", add_actor)
        need(rid, rel.object, actors, "object", add_actor)
        need(rid, rel.agreement, kb.agreements, "agreement", "declare it or fix the id")
    for rid, ag in kb.agreements.items():
        for a in ag.parties:
            need(rid, a, actors, "party", add_actor)
        need(rid, ag.event, kb.events, "event", "declare it or fix the id")
    for rid, m in kb.measures.items():
        need(rid, m.imposed_by, kb.agreements, "imposed_by agreement", "declare it or fix the id")
        need(rid, m.imposer, actors, "imposer", add_actor)
        need(rid, m.target, actors, "target", add_actor)
    for rid, d in kb.designations.items():
        need(rid, d.actor, actors, "actor", add_actor)
        need(rid, d.basis, ids, "basis", "use the id of a measure or agreement")
    for rid, c in kb.claims.items():
        need(rid, c.topic, topics, "topic", "use a topic id from kb/outline.yaml")
        if c.bullet:
            tid, _, n = c.bullet.partition("/")
            bullets = topics[tid].bullets if tid in topics else []
            if not 1 <= int(n) <= len(bullets):
                problems.append(
                    Problem(
                        kb.origin[rid],
                        rid,
                        f"bullet '{c.bullet}' is not in the "
                        "outline: write '<topic id>/<n>' counting from 1",
                    )
                )
        for ev in c.evidence:
            need(rid, ev.record, ids, "evidence record", "use the id of an existing record")
