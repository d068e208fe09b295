"""What an event's page says beyond its fields: the CAMEO code in words, the Goldstein value
and quad class explained, the agreement it produced, related events (shared actors or
topics, nearby in time), the ingested reports of the same days, and a ready citation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nkwatch.reference import cameo

QUAD_RANGES = {1: "01–05", 2: "06–08", 3: "09–13", 4: "14–20"}
QUAD_MEANING = {
    1: "words that cooperate: statements, appeals, intentions, consultations, praise",
    2: "deeds that cooperate: agreements carried out, aid, concessions, yielding",
    3: "words of conflict: demands, disapproval, rejections, threats, protests",
    4: "deeds of conflict: sanctions and reduced relations, coercion, force, "
    "military demonstrations",
}


def explain_cameo(
    code: str | None, goldstein: float | None = None, quad: int | None = None
) -> dict[str, Any] | None:
    """The CAMEO code with its label and its root's, the Goldstein value placed on its scale
    and the quad class in words."""
    if not code:
        return None
    try:
        c = cameo.lookup(code)
    except KeyError:
        return {"code": code, "label": None}
    root = cameo.codes().get(c.root)
    g = c.goldstein if goldstein is None else goldstein
    q = quad or c.quad_class
    if g <= -5:
        strength = "strongly conflictual"
    elif g < 0:
        strength = "mildly conflictual"
    elif g == 0:
        strength = "neutral"
    elif g < 5:
        strength = "mildly cooperative"
    else:
        strength = "strongly cooperative"
    return {
        "code": c.code,
        "label": c.label,
        "root": c.root,
        "root_label": root.label if root else None,
        "goldstein": g,
        "goldstein_text": (
            f"{g:+.1f} on the Goldstein scale, which runs from −10 (most conflictual) to +10 "
            f"(most cooperative): {strength}. It is the value CAMEO code {c.code} carries "
            "(Goldstein 1992, as GDELT applies it), not a judgement of this event."
        ),
        "quad": q,
        "quad_label": cameo.QUAD_CLASSES.get(q),
        "quad_text": (
            f"Quad class {q}, {cameo.QUAD_CLASSES.get(q)}: CAMEO roots {QUAD_RANGES.get(q)}, "
            f"{QUAD_MEANING.get(q)}."
        ),
    }


def related(store: Any, event: dict[str, Any], *, limit: int = 8, years: int = 5) -> list[dict]:
    """Curated events sharing the most actors (the DPRK aside, which nearly all share) and
    topics with this one, within ``years`` of it, nearest first among equals."""
    eid = event["id"]
    rows = store.con.execute(
        """
        WITH me AS (SELECT date FROM events WHERE id = ?),
        shared AS (
            SELECT record_id, count(*) AS n FROM (
                SELECT l.record_id FROM record_actors l
                WHERE l.record_type = 'event' AND l.actor_id <> 'PRK' AND l.actor_id IN (
                    SELECT actor_id FROM record_actors
                    WHERE record_type = 'event' AND record_id = ?)
                UNION ALL
                SELECT t.record_id FROM record_topics t
                WHERE t.record_type = 'event' AND t.topic_id IN (
                    SELECT topic_id FROM record_topics
                    WHERE record_type = 'event' AND record_id = ?))
            WHERE record_id <> ? GROUP BY record_id)
        SELECT e.id, s.n, abs(date_diff('day', e.date, me.date)) AS gap
        FROM shared s JOIN events e ON e.id = s.record_id, me
        WHERE abs(date_diff('day', e.date, me.date)) <= ?
        ORDER BY s.n DESC, gap, e.id LIMIT ?
        """,
        [eid, eid, eid, eid, years * 366, limit],
    ).fetchall()
    if not rows:
        return []
    found = {e["id"]: e for e in store.events(ids=[r[0] for r in rows])}
    return [dict(found[r[0]], shared=r[1]) for r in rows if r[0] in found]


def agreements_of(store: Any, event_id: str) -> list[dict[str, Any]]:
    """Agreements the event produced or that name it as their event."""
    found = store.con.execute("SELECT id FROM agreements WHERE event = ?", [event_id]).fetchall()
    if not found:
        return []
    ids = {r[0] for r in found}
    return [a for a in store.agreements() if a["id"] in ids]


def topic_titles(store: Any, ids: list[str]) -> list[dict[str, str]]:
    titles = dict(
        store.con.execute(
            "SELECT id, title FROM topics WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
    )
    return [{"id": t, "title": titles.get(t, t)} for t in ids]


def citation(
    title: str, date: str | None, url: str, *, kind: str = "event", accessed: dt.date | None = None
) -> str:
    """A ready citation: what, when, the stable URL and the day it was read."""
    day = (accessed or dt.date.today()).isoformat()
    when = f" ({date})" if date else ""
    return f"“{title}”{when}. nkwatch, {kind} record. {url} (accessed {day})."
