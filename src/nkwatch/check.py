"""``nkwatch check``: validate the whole curated record and measure its coverage.

Rules (a broken rule makes the check fail):

- every record validates (schema, references, ids) — see :func:`nkwatch.model.load_kb`;
- every topic holds at least its ``min_events`` events (``kb/outline.yaml``);
- the record holds at least the outline's ``min_events_total`` events;
- every bullet of the outline is checked by exactly one claim;
- every event's CAMEO code fits its type (``reference/event_type_cameo.yaml``).

- at most ``MAX_WIKIPEDIA_ONLY`` of the events cite Wikipedia alone;
- a topic that had events in the two years before the record's ``current_to`` has one in the
  twelve months before it, or a ``quiet:`` note in the outline saying why not.

Reported, not enforced: records per topic and per type, claims by verdict, records whose
sources are all secondary (no primary source), records citing Wikipedia alone, the
relations and embassies whose start is unknown, and each topic's newest event.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from nkwatch.model import KB, OUTLINE_FILE, KBError, load_kb
from nkwatch.reference import event_types

VERDICTS = ("supported", "partly-supported", "disputed", "unverified")
#: the largest share of events that may cite Wikipedia alone
MAX_WIKIPEDIA_ONLY = 0.10


@dataclass
class CheckReport:
    ok: bool
    problems: list[str] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    types: dict[str, int] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)
    no_primary: dict[str, int] = field(default_factory=dict)
    bullets: int = 0
    bullets_with_claims: int = 0
    current_to: str | None = None
    #: per section: [records citing Wikipedia alone, records]
    wikipedia_only: dict[str, list[int]] = field(default_factory=dict)
    #: relations and embassies with no start date: {"diplomatic-relations": [ids], ...}
    open_starts: dict[str, list[str]] = field(default_factory=dict)
    #: events whose CAMEO code does not fit their type
    cameo_mismatches: int = 0


def _wikipedia_only(kb: KB, rec: Any) -> bool:
    urls = [kb.sources[s].url or "" for s in getattr(rec, "sources", []) or []]
    return bool(urls) and all("wikipedia.org/" in u for u in urls)


def _currency(kb: KB, report: CheckReport, per_topic_newest: dict[str, Any]) -> None:
    """Each topic's newest event; a topic active in the two years before ``current_to`` and
    silent in the last twelve months needs a ``quiet:`` note."""
    if kb.current_to is None:
        report.problems.append(
            "outline.yaml has no 'current_to: YYYY-MM-DD': say to which day the record is current"
        )
        return
    end = kb.current_to.latest
    report.current_to = str(kb.current_to)
    year_ago = end.replace(year=end.year - 1)
    before = year_ago.replace(year=year_ago.year - 2)
    for row in report.topics:
        dates = per_topic_newest.get(row["id"], [])
        newest = max(dates, default=None)
        row["newest_event"] = newest.isoformat() if newest else None
        active = any(before < d <= year_ago for d in dates)
        recent = any(year_ago < d <= end for d in dates)
        topic = kb.topics[row["id"]]
        if active and not recent and not topic.quiet:
            report.problems.append(
                f"topic {topic.id}: no event since {newest} although the record is current to "
                f"{kb.current_to}: add the last twelve months' events, or a 'quiet:' note in "
                "outline.yaml saying why there were none"
            )


def _primary(kb: KB, rec: Any) -> bool:
    return any(kb.sources[s].level == "primary" for s in getattr(rec, "sources", []) or [])


def coverage(kb: KB) -> CheckReport:
    report = CheckReport(ok=True)
    report.types = {k: len(v) for k, v in kb.records.items()}
    per_topic: dict[str, Counter[str]] = {t: Counter() for t in kb.topics}
    for section in ("events", "relations", "agreements", "measures", "series"):
        for rid in kb.records[section]:
            for t in kb.topics_of.get(rid, []):
                per_topic[t][section] += 1
    claims_by_bullet: dict[str, list[str]] = {}
    for c in kb.claims.values():
        per_topic[c.topic]["claims"] += 1
        if c.bullet:
            claims_by_bullet.setdefault(c.bullet, []).append(c.id)
    report.verdicts = {v: sum(c.verdict == v for c in kb.claims.values()) for v in VERDICTS}
    for section in ("events", "agreements", "measures", "relations", "claims"):
        report.no_primary[section] = sum(not _primary(kb, r) for r in kb.records[section].values())
        records = kb.records[section].values()
        report.wikipedia_only[section] = [
            sum(_wikipedia_only(kb, r) for r in records),
            len(records),
        ]
    for r in kb.relations.values():
        if r.kind in ("diplomatic-relations", "embassy") and r.start is None:
            report.open_starts.setdefault(r.kind, []).append(r.id)
    newest: dict[str, list[Any]] = {}
    for e in kb.events.values():
        for t in kb.topics_of.get(e.id, []):
            newest.setdefault(t, []).append(e.date.earliest)
    for t in kb.topics.values():
        counts = per_topic[t.id]
        row = {
            "id": t.id,
            "title": t.title,
            "events": counts["events"],
            "min_events": t.min_events,
            "claims": counts["claims"],
            "bullets": len(t.bullets),
            "agreements": counts["agreements"],
            "relations": counts["relations"],
            "measures": counts["measures"],
        }
        report.topics.append(row)
        if counts["events"] < t.min_events:
            report.problems.append(
                f"topic {t.id} has {counts['events']} events, under its minimum of "
                f"{t.min_events}: add events with 'topics: [{t.id}]'"
            )
        for n in range(1, len(t.bullets) + 1):
            ref = f"{t.id}/{n}"
            report.bullets += 1
            found = claims_by_bullet.get(ref, [])
            if len(found) == 1:
                report.bullets_with_claims += 1
            elif not found:
                report.problems.append(
                    f"bullet {ref} ({t.bullets[n - 1][:60]!r}) has no claim: add one with "
                    f"'bullet: {ref}'"
                )
            else:
                report.problems.append(
                    f"bullet {ref} is checked by {len(found)} claims ({', '.join(found)}): keep one"
                )
    wiki, total = report.wikipedia_only["events"]
    if total and wiki / total > MAX_WIKIPEDIA_ONLY:
        report.problems.append(
            f"{wiki} of {total} events ({wiki / total:.0%}) cite Wikipedia alone, over "
            f"{MAX_WIKIPEDIA_ONLY:.0%}: add a primary or reputable secondary source to them"
        )
    _currency(kb, report, newest)
    misfits = event_types.mismatches(kb.events.values())
    report.cameo_mismatches = len(misfits)
    report.problems.extend(m.message() for m in misfits)
    total_min = _outline_minimum(kb.root)
    if len(kb.events) < total_min:
        report.problems.append(
            f"the record holds {len(kb.events)} events, under the outline's minimum of {total_min}"
        )
    report.ok = not report.problems
    return report


def _outline_minimum(root: Path) -> int:
    doc = yaml.safe_load((root / OUTLINE_FILE).read_text("utf-8")) or {}
    return int(doc.get("min_events_total", 0))


def run_check(root: Path | str | None = None) -> CheckReport:
    """Validate and measure the curated record. A record that does not validate gives a
    failed report listing every problem (nothing raises)."""
    try:
        kb = load_kb(root)
    except KBError as exc:
        return CheckReport(ok=False, problems=[str(p) for p in exc.problems])
    return coverage(kb)
