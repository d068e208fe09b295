"""Build the screening benchmark's query set from the real lists (nkwatch's venv).

Positives (answer known):
  P1 list-aliases   every name the lists themselves give a DPRK-designated person (UN aliases,
                    OFAC a.k.a. in remarks and alt.csv), queried with that exact spelling held
                    out, so it must be found through another spelling of the same person
  P2 generated      spellings generated with nkwatch's own romanization rules (RR, MR, DPRK)
                    from each person's likeliest Hangul: reported separately, since nkwatch
                    built them
Negatives (should match nothing):
  N1 curated        Korean names (every romanization the curated record gives) of people in
                    nkwatch's record who are not North Korean officials, e.g. ROK presidents
  N2 generated-rr   random Hangul names (common surnames, common given syllables) spelled in
                    RR as South Koreans write them
  N3 generated-dprk the same names spelled the DPRK way (Kim Sung Chol), a harder set
  N4, N5            a fresh draw of N2/N3 (another seed), added after tuning: never inspected
A negative is dropped when any of its spellings in any system (RR, MR, MR without breves,
MR list style, DPRK), folded to letters, equals a listed name folded the same way.

"Person" clusters join list entries that are one person: the same list id across copies,
a shared passport number, or a shared folded name with compatible years of birth.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import yaml

from nkwatch.names import romanize_name, romanized_to_hangul
from nkwatch.names.inventory import COMMON_GIVEN
from nkwatch.names.romanize import SYSTEMS
from nkwatch.names.surnames import surnames

from .labels import identity

KB = Path(__file__).resolve().parents[2] / "src" / "nkwatch" / "kb" / "actors"
NORTH_WORDS = (
    "dprk",
    "north korea",
    "workers' party",
    "pyongyang",
    "kim il sung",
    "juche",
    "korean people's army",
    "supreme people's assembly",
)


def fold(text: str) -> str:
    """Letters only, lower case, accents and breves dropped."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.lower() if c.isalpha() and not unicodedata.combining(c))


def _years(dobs: list[str]) -> set[str]:
    return {d[:4] for d in dobs if re.match(r"\d{4}", d)}


def clusters(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """DPRK-designated persons, each with its entity keys, names and dates of birth."""
    rows = con.execute(
        "SELECT e.key, e.birth_dates, e.passports, list(n.name ORDER BY n.ord) "
        "FROM sl_entities e JOIN sl_names n ON n.key = e.key "
        "WHERE e.dprk AND e.schema = 'Person' GROUP BY ALL ORDER BY e.key"
    ).fetchall()
    parent = {r[0]: r[0] for r in rows}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_passport: dict[str, list[str]] = defaultdict(list)
    by_name: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for key, dobs, passports, names in rows:
        for p in passports or []:
            by_passport[p].append(key)
        for n in names:
            by_name[fold(n)].append((key, _years(dobs or [])))
    for keys in by_passport.values():
        for k in keys[1:]:
            parent[find(k)] = find(keys[0])
    for items in by_name.values():
        for i, (k, ya) in enumerate(items):
            for k2, yb in items[:i]:
                if not ya or not yb or ya & yb:
                    parent[find(k)] = find(k2)
    groups: dict[str, dict[str, Any]] = {}
    for key, dobs, _, names in rows:
        g = groups.setdefault(find(key), {"keys": [], "names": {}, "dobs": []})
        g["keys"].append(key)
        g["dobs"] += [d for d in dobs or [] if d not in g["dobs"]]
        for n in names:
            g["names"].setdefault(n, key)
    return list(groups.values())


def _dob(group: dict[str, Any]) -> str | None:
    full = sorted(d for d in group["dobs"] if len(d) == 10)
    return full[0] if full else (sorted(group["dobs"])[0] if group["dobs"] else None)


def positives(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for g in groups:
        names = list(g["names"])
        for name in names:
            same = [n for n in names if fold(n) == fold(name)]
            if len(same) == len(names):
                continue  # no other spelling of this person to find it through
            hold = [[g["names"][n], n] for n in same]
            rest = [n for n in names if fold(n) != fold(name)]
            spelling = any(identity(n) == identity(name) for n in rest)
            kind = "spelling" if spelling else "other-name"
            out.append(
                {
                    "set": "P1",
                    "kind": kind,
                    "query": name,
                    "dob": _dob(g),
                    "answer": g["keys"],
                    "hold": hold,
                }
            )
    return out


def generated(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for g in groups:
        primary = next(iter(g["names"]))
        hangul = romanized_to_hangul(primary, limit=1)
        if not hangul:
            continue
        listed = {fold(n) for n in g["names"]}
        for system in ("rr", "mr", "dprk"):
            spelling = romanize_name(hangul[0], system)
            if fold(spelling) in listed:
                continue
            out.append(
                {
                    "set": "P2",
                    "kind": system,
                    "query": spelling,
                    "dob": _dob(g),
                    "answer": g["keys"],
                    "hold": [],
                }
            )
    return out


def _listed_folded(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        fold(r[0])
        for r in con.execute(
            "SELECT n.name FROM sl_names n JOIN sl_entities e ON e.key = n.key "
            "WHERE e.schema = 'Person'"
        ).fetchall()
    }


def _all_spellings(hangul: str) -> set[str]:
    return {fold(romanize_name(hangul, s)) for s in SYSTEMS}


def curated_negatives(listed: set[str]) -> list[dict[str, Any]]:
    out = []
    for path in sorted(KB.glob("people*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for actor in doc.get("actors", []):
            text = (actor.get("description") or "").lower()
            names = actor.get("names") or []
            hangul = [n["name"] for n in names if n.get("system") == "ko"]
            if not hangul or any(w in text for w in NORTH_WORDS):
                continue
            spellings = {actor["name"], *(n["name"] for n in names if n.get("system") != "ko")}
            if _all_spellings(hangul[0]) & listed or {fold(s) for s in spellings} & listed:
                continue
            birth = str(actor.get("start") or "")[:10] or None
            for s in sorted(spellings):
                out.append(
                    {
                        "set": "N1",
                        "kind": "curated",
                        "query": s,
                        "dob": None,
                        "birth": birth,
                        "answer": [],
                        "hold": [],
                    }
                )
    return out


def generated_negatives(
    listed: set[str],
    n: int = 1000,
    seed: int = 6,
    sets: tuple[str, str] = ("N2", "N3"),
    avoid: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    family = [s.hangul for s in surnames()[:40] if len(s.hangul) == 1]
    given = COMMON_GIVEN[:120]
    seen: set[str] = set()
    out = []
    while len(seen) < n:
        name = rng.choice(family) + rng.choice(given) + rng.choice(given)
        if name in seen or name in avoid or _all_spellings(name) & listed:
            continue
        seen.add(name)
        out.append(
            {
                "set": sets[0],
                "kind": "rr",
                "query": romanize_name(name, "rr"),
                "hangul": name,
                "dob": None,
                "answer": [],
                "hold": [],
            }
        )
        out.append(
            {
                "set": sets[1],
                "kind": "dprk",
                "query": romanize_name(name, "dprk"),
                "hangul": name,
                "dob": None,
                "answer": [],
                "hold": [],
            }
        )
    return out


def build(db: Path, out: Path) -> dict[str, int]:
    """Write queries.json and targets.json (every listed name) to ``out``."""
    with duckdb.connect(str(db), read_only=True) as con:
        groups = clusters(con)
        listed = _listed_folded(con)
        queries = positives(groups) + generated(groups)
        queries += curated_negatives(listed)
        first = generated_negatives(listed)
        # a second draw, added after the scoring was tuned on the sets above: never looked at
        fresh = generated_negatives(
            listed, seed=2026, sets=("N4", "N5"), avoid=frozenset(q["hangul"] for q in first)
        )
        queries += first + fresh
        from .world import build_world

        queries += build_world(con)
        targets = con.execute(
            "SELECT e.key, e.schema, e.birth_dates, list(n.name ORDER BY n.ord) "
            "FROM sl_entities e JOIN sl_names n ON n.key = e.key GROUP BY ALL ORDER BY e.key"
        ).fetchall()
    out.mkdir(parents=True, exist_ok=True)
    (out / "queries.json").write_text(json.dumps(queries, ensure_ascii=False, indent=0))
    (out / "targets.json").write_text(
        json.dumps(
            [{"key": k, "schema": s, "dobs": d or [], "names": n} for k, s, d, n in targets],
            ensure_ascii=False,
        )
    )
    counts: dict[str, int] = defaultdict(int)
    for q in queries:
        counts[f"{q['set']}:{q['kind']}"] += 1
    return dict(counts)
