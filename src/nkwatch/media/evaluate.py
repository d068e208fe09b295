"""Check the tone method against mentions labelled by hand.

The labelled sample (``benchmarks/media/tone_labels.csv``) names each mention by the
article's link and the mention's character offsets in its story, with the hand label
(hostile / neutral / friendly) and whether the mention really is of that state
(``mention_ok``); it holds no KCNA text. :func:`tone_agreement` finds each mention again in
the store and compares the lexicon's tone with the label.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from nkwatch.media import measures
from nkwatch.media.cache import Corpus
from nkwatch.media.concepts import Dictionary, load

LABELS = ("hostile", "neutral", "friendly")


def read_labels(path: Path | str) -> list[dict[str, Any]]:
    with Path(path).open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["n"], r["start"], r["end"] = int(r["n"]), int(r["start"]), int(r["end"])
        if r["label"] not in LABELS:
            raise ValueError(f"{path}: row {r['n']}: label {r['label']!r} is not one of {LABELS}")
    return rows


def tone_agreement(
    c: Corpus,
    labels: list[dict[str, Any]],
    *,
    dictionary: Dictionary | None = None,
    window: int | None = None,
    subset: str = "all",
) -> dict[str, Any]:
    """Agreement of the lexicon tone with the hand labels: share agreeing, Cohen's kappa,
    the confusion counts (label, lexicon) and how many labelled mentions were not found.
    ``subset``: all, odd (the half the lexicon was tuned on) or even (held out)."""
    d = dictionary or load()
    lang = measures.LANG[c.source]
    old = measures.WINDOW[lang]
    if window is not None:
        measures.WINDOW[lang] = window
    try:
        by_url = {doc.url: doc for doc in c.docs}
        tones = measures.tone_hits(c, d)
        pairs, missing = [], 0
        for r in labels:
            if (subset == "odd" and r["n"] % 2 == 0) or (subset == "even" and r["n"] % 2 == 1):
                continue
            doc = by_url.get(r["url"])
            i = (
                next((k for k, t in enumerate(doc.tokens) if t.start == r["start"]), None)
                if doc
                else None
            )
            j = (
                next((k for k, t in enumerate(doc.tokens) if t.end == r["end"]), None)
                if doc
                else None
            )
            if i is None or j is None:
                missing += 1
                continue
            score, _ = measures._tone(
                measures.Hit(r["concept"], i, j), doc.tokens, tones[doc.id], lang
            )
            pairs.append((r["label"], measures.tone_label(score)))
    finally:
        measures.WINDOW[lang] = old
    n = len(pairs)
    agree = sum(1 for a, b in pairs if a == b)
    po = agree / n if n else 0.0
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in LABELS) / (n * n) if n else 0.0
    kappa = (po - pe) / (1 - pe) if pe < 1 else 0.0
    return {
        "mentions": n,
        "agree": agree,
        "agreement": round(po, 3),
        "kappa": round(kappa, 3),
        "missing": missing,
        "confusion": {f"{a}->{b}": k for (a, b), k in sorted(Counter(pairs).items())},
        "labels": dict(ca),
        "majority_baseline": round(max(ca.values()) / n, 3) if n else 0.0,
    }
