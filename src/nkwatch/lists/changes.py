"""Lists over time: the ingested copies of each list, which copies a query answers from, and
what changed between two copies (new designations, delistings, names and identifiers).

>>> changes(con, dt.date(2022, 1, 1), dt.date(2023, 12, 31))
{"compared": [{"list": "un", "from": {...copy...}, "to": {...}}],
 "changes": [{"list": "un", "change": "listed", "id": "KPi.081", "name": "...", ...}]}

Two copies are compared for each list: the latest copy dated on or before ``date_from`` (else
the first one after it), and the latest dated on or before ``date_to``. Names are compared
folded (case, spaces and punctuation aside), so a copy that only re-spaces a name changes
nothing; identifiers (passports, IMO numbers), programs, dates of birth and nationalities are
compared as sets.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .model import ListError
from .query import has_tables

#: the per-entry fields compared between two copies (column, label)
FIELDS = (
    ("programs", "programs"),
    ("birth_dates", "dates of birth"),
    ("passports", "passports"),
    ("imo", "IMO numbers"),
    ("nationalities", "nationalities"),
)

NO_LISTS = (
    "no sanctions list is ingested in this store, so there is nothing to answer from: "
    "ingest one first ('nkwatch update lists' downloads the current UN and OFAC lists; or "
    "'nkwatch ingest un-sanctions consolidated.xml', 'nkwatch ingest ofac-sdn sdn.csv')"
)


def require_lists(con: Any) -> None:
    """Raise :class:`ListError` naming the fix when no list copy is ingested."""
    if not has_tables(con) or not con.execute("SELECT count(*) FROM sl_files").fetchone()[0]:
        raise ListError(NO_LISTS)


def copies(con: Any, lists: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Every ingested copy: list, source, date, files (names), sha256, entries, and whether
    the store kept its per-entry details (copies ingested before it did: only presence)."""
    if not has_tables(con):
        return []
    detailed = _table(con, "sl_copy_entries")
    cur = con.execute(
        "SELECT f.id, f.source, f.list, f.list_date, f.paths, f.sha256, f.entries, "
        "f.ingested_at"
        + (
            ", EXISTS (SELECT 1 FROM sl_copy_entries c WHERE c.file_id = f.id) AS detailed"
            if detailed
            else ", FALSE AS detailed"
        )
        + " FROM sl_files f ORDER BY f.list, f.list_date NULLS FIRST, f.ingested_at"
    )
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        rec = dict(zip(names, row, strict=True))
        listed = rec["list"].split(",")
        if lists and not set(listed) & set(lists):
            continue
        rec["files"] = [Path(p).name for p in rec.pop("paths")]
        rec["list_date"] = rec["list_date"].isoformat() if rec["list_date"] else None
        rec["ingested_at"] = rec["ingested_at"].isoformat(timespec="seconds")
        out.append(rec)
    return out


def versions(con: Any, lists: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """The list copies an answer comes from: for each copy, its list, date, files and sha256
    (the screener holds the newest copy of each entry and every name any copy gave)."""
    return [
        {
            "list": c["list"],
            "source": c["source"],
            "list_date": c["list_date"],
            "files": c["files"],
            "sha256": c["sha256"],
            "entries": c["entries"],
            "ingested_at": c["ingested_at"],
        }
        for c in copies(con, lists)
    ]


def describe(version: dict[str, Any]) -> str:
    """One line for a copy: ``un 2023-03-27 consolidated-202303.xml sha256 1a2b3c4d5e6f``."""
    date = version["list_date"] or "undated"
    return f"{version['list']} {date} {'+'.join(version['files'])} sha256 {version['sha256'][:12]}"


def _table(con: Any, name: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(found and found[0])


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _pick(
    dated: list[dict[str, Any]], date_from: dt.date, date_to: dt.date
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    def day(c: dict[str, Any]) -> dt.date:
        return dt.date.fromisoformat(c["list_date"])

    upto = [c for c in dated if day(c) <= date_to]
    if not upto:
        return None, None
    to = upto[-1]
    before = [c for c in upto if day(c) <= date_from]
    start = before[-1] if before else next((c for c in upto if day(c) >= date_from), None)
    return start, to


def _entries(con: Any, fid: str, detailed: bool) -> dict[str, dict[str, Any]]:
    if detailed:
        cur = con.execute("SELECT * FROM sl_copy_entries WHERE file_id = ?", [fid])
    else:
        cur = con.execute(
            "SELECT p.key, e.name, e.schema FROM sl_presence p "
            "JOIN sl_entities e ON e.key = p.key WHERE p.file_id = ?",
            [fid],
        )
    names = [d[0] for d in cur.description]
    return {r[names.index("key")]: dict(zip(names, r, strict=True)) for r in cur.fetchall()}


def changes(
    con: Any,
    date_from: dt.date,
    date_to: dt.date,
    lists: Sequence[str] | None = None,
    *,
    dprk_only: bool = False,
) -> dict[str, Any]:
    """What changed on each list between its copies of ``date_from`` and ``date_to``."""
    require_lists(con)
    if date_from > date_to:
        raise ListError(f"--from {date_from} is after --to {date_to}: swap them")
    by_list: dict[str, list[dict[str, Any]]] = {}
    for c in copies(con, lists):
        if c["list_date"] is None:
            continue
        for name in c["list"].split(","):
            by_list.setdefault(name, []).append(c)
    compared: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for name in sorted(by_list):
        if lists and name not in lists:
            continue
        start, end = _pick(by_list[name], date_from, date_to)
        if start is None or end is None or start["id"] == end["id"]:
            compared.append(
                {
                    "list": name,
                    "from": start,
                    "to": end,
                    "note": "fewer than two dated copies between these dates: nothing to compare",
                }
            )
            continue
        detailed = bool(start["detailed"] and end["detailed"])
        compared.append(
            {
                "list": name,
                "from": start,
                "to": end,
                "note": ""
                if detailed
                else "a copy was ingested before nkwatch kept each copy's details: only "
                "designations and delistings are compared (ingest it again to compare names)",
            }
        )
        old = _entries(con, start["id"], detailed)
        new = _entries(con, end["id"], detailed)
        names_too = True
        if detailed:
            a, b = _alias_share(old), _alias_share(new)
            if min(a, b) < 0.5 * max(a, b):
                names_too = False
                compared[-1]["note"] = (
                    f"other names not compared: the copy of {start['list_date']} gives other "
                    f"names for {a:.0%} of its entries, that of {end['list_date']} for {b:.0%} "
                    "(e.g. an OFAC sdn.csv without its alt.csv holds only the a.k.a. of the "
                    "remarks): a difference would reflect the files given, not the list"
                )
        keep = _dprk_keys(con) if dprk_only else None
        base = {"list": name, "from": start["list_date"], "to": end["list_date"]}
        for key in sorted(new.keys() - old.keys()):
            if keep is None or key in keep:
                rows.append({**base, **_row(key, new[key]), "change": "listed", "detail": ""})
        for key in sorted(old.keys() - new.keys()):
            if keep is None or key in keep:
                rows.append({**base, **_row(key, old[key]), "change": "delisted", "detail": ""})
        if not detailed:
            continue
        for key in sorted(old.keys() & new.keys()):
            if keep is not None and key not in keep:
                continue
            for change, detail in _differences(old[key], new[key], names_too):
                rows.append({**base, **_row(key, new[key]), "change": change, "detail": detail})
    return {"compared": compared, "changes": rows}


def _dprk_keys(con: Any) -> set[str]:
    return {r[0] for r in con.execute("SELECT key FROM sl_entities WHERE dprk").fetchall()}


def _row(key: str, entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": key.split(":", 1)[1],
        "key": key,
        "name": entry["name"],
        "schema": entry["schema"],
    }


def _alias_share(entries: dict[str, dict[str, Any]]) -> float:
    """The share of a copy's entries that carry other names besides the primary one."""
    if not entries:
        return 0.0
    return sum(len(e["names"] or []) > 1 for e in entries.values()) / len(entries)


def _differences(
    old: dict[str, Any], new: dict[str, Any], names_too: bool = True
) -> list[tuple[str, str]]:
    out = []
    if _fold(old["name"]) != _fold(new["name"]):
        out.append(("name changed", f"{old['name']} → {new['name']}"))
    if not names_too:
        return out + _field_differences(old, new)
    before = {_fold(n): n for n in old["names"] or []}
    after = {_fold(n): n for n in new["names"] or []}
    added = [after[k] for k in sorted(after.keys() - before.keys())]
    removed = [before[k] for k in sorted(before.keys() - after.keys())]
    if added or removed:
        parts = []
        if added:
            parts.append("added " + "; ".join(added))
        if removed:
            parts.append("removed " + "; ".join(removed))
        out.append(("names changed", " / ".join(parts)))
    return out + _field_differences(old, new)


def _field_differences(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for column, label in FIELDS:
        a, b = set(old[column] or []), set(new[column] or [])
        if a != b:
            parts = []
            if b - a:
                parts.append("added " + ", ".join(sorted(b - a)))
            if a - b:
                parts.append("removed " + ", ".join(sorted(a - b)))
            out.append((f"{label} changed", " / ".join(parts)))
    return out
