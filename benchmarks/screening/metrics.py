"""Recall, wrong-person rate and false-positive rate from a method's matches (no imports
beyond the standard library, so both benchmark environments use it)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

SETS = [
    ("P1", "spelling", "list aliases: spelling variants (recall)"),
    ("P1", "other-name", "list aliases: other names (recall)"),
    ("P2", None, "generated spellings, nkwatch's own rules (recall)"),
    ("N1", None, "curated South Korean names (flagged)"),
    ("N2", None, "generated Korean names, RR (flagged)"),
    ("N3", None, "generated Korean names, DPRK style (flagged)"),
    ("N4", None, "fresh draw, RR, never inspected (flagged)"),
    ("N5", None, "fresh draw, DPRK style, never inspected (flagged)"),
    ("P3", None, "non-Korean persons: list aliases held out (recall)"),
    ("P4", None, "non-Korean persons: transliteration variants by rule (recall)"),
    ("N6", None, "common names of 20 languages, not a listed name as written (flagged)"),
    ("N6s", None, "the same, on no list in any loose spelling (flagged)"),
]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.lower() if c.isalpha() and not unicodedata.combining(c))


def words(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’‘`´ʼ]", "", text.lower())
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def load(work: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    queries = json.loads((work / "queries.json").read_text())
    targets = json.loads((work / "targets.json").read_text())
    return queries, targets


def score(queries: list[dict[str, Any]], matches: list[list[list[Any]]]) -> dict[str, Any]:
    """Per set: n, recall or flagged share, and the wrong-person rate of positives."""
    out: dict[str, Any] = {}
    for set_, kind, _ in SETS:
        rows = [
            (q, m)
            for q, m in zip(queries, matches, strict=True)
            if q["set"] == set_ and (kind is None or q["kind"] == kind) and m is not None
        ]
        if not rows:
            continue
        label = set_ if kind is None else f"{set_}:{kind}"
        if set_.startswith("P"):
            found = sum(any(k in q["answer"] for k, _ in m) for q, m in rows)
            wrong = sum(any(k not in q["answer"] for k, _ in m) for q, m in rows)
            out[label] = {"n": len(rows), "recall": found / len(rows), "wrong": wrong / len(rows)}
        else:
            flagged = sum(bool(m) for _, m in rows)
            out[label] = {"n": len(rows), "flagged": flagged / len(rows)}
    return out
