"""What the Korean analyzer costs and buys: all 73 New Year texts and every KCNA item
analysed from scratch in one run (nkwatch: kiwipiepy morphemes, concept and tone matching)
against a plain whitespace-split counter, in time and in accuracy on the samples labelled by
hand in this folder.

    python -m benchmarks.media.run [--out RESULTS.json]

Reads ``nk-new-year-addresses/`` and ``kcna-news-archive/`` from the shared data
(``$NKWATCH_SHARED_DATA``); writes nothing but the optional ``--out`` file.

Accuracy:
* ``korean_mentions.csv``: 120 words (어절) of the addresses that hold a concept's letters
  (핵, 자주, 미, 일, 쏘련/로씨야, 남조선...), labelled by hand: is it a mention of the concept?
  (핵심 "core", 미래 "future", 일본새 "work style" are not.) Precision and recall of each
  counter on them.
* ``tone_labels.csv``: 200 KCNA mentions of states labelled hostile / neutral / friendly by
  hand. Agreement of the same tone lexicon over nkwatch's tokens and over whitespace words.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import string
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.shared_data import require

HERE = Path(__file__).resolve().parent
PUNCT = string.punctuation + "“”‘’《》<>≪≫『』「」…·,.!?()[]"


def ws_words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end): whitespace-split, punctuation stripped, lower-cased."""
    out = []
    for m in re.finditer(r"\S+", text):
        w = m.group().strip(PUNCT).lower()
        if w:
            out.append((w, m.start(), m.end()))
    return out


def plain_terms(dictionary: Any, lang: str) -> dict[str, str]:
    """term (no tag, lower-cased, no '*') -> concept: what a plain counter would be given."""
    out = {}
    for c in dictionary.concepts.values():
        for t in c.ko if lang == "ko" else c.en:
            out[t.split("/")[0].rstrip("*").lower()] = c.id
    return out


def whitespace_count(texts: list[str], terms: dict[str, str]) -> Counter[str]:
    """Words equal to a term (one-word terms; longer terms as word sequences)."""
    counts: Counter[str] = Counter()
    multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for t, c in terms.items():
        if " " in t:
            multi.setdefault(t.split()[0], []).append((tuple(t.split()), c))
    for text in texts:
        words = [w for w, _, _ in ws_words(text)]
        for k, w in enumerate(words):
            if w in terms:
                counts[terms[w]] += 1
            for seq, c in multi.get(w, ()):
                if tuple(words[k : k + len(seq)]) == seq:
                    counts[c] += 1
    return counts


def prf(pairs: list[tuple[bool, bool]]) -> dict[str, float]:
    tp = sum(1 for gold, got in pairs if gold and got)
    fp = sum(1 for gold, got in pairs if not gold and got)
    fn = sum(1 for gold, got in pairs if gold and not got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def kappa(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    n = len(pairs)
    po = sum(1 for a, b in pairs if a == b) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return round(po, 3), round((po - pe) / (1 - pe), 3)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="write the figures as JSON here too")
    ap.add_argument("--misses", action="store_true", help="print the Korean words missed")
    args = ap.parse_args(argv)
    base = require("nk-new-year-addresses/*.txt", "kcna-news-archive/*.json")

    from nkwatch.media import korean
    from nkwatch.media.concepts import load
    from nkwatch.media.measures import LANG, WINDOW, tone_label
    from nkwatch.media.readers import read_kcna, read_new_year

    t0 = time.perf_counter()
    ny, _ = read_new_year(base / "nk-new-year-addresses")
    kc_items = []
    for f in sorted((base / "kcna-news-archive").glob("*.json")):
        kc_items += read_kcna(f)[0]
    best: dict[str, Any] = {}
    for i in kc_items:  # one per article, the longest story (as the ingest keeps it)
        if i.text and (i.id not in best or len(i.text) > len(best[i.id].text)):
            best[i.id] = i
    kc = list(best.values())
    t_read = time.perf_counter() - t0
    d = load()

    # -- nkwatch, from scratch: load the analyzer, analyse, match concepts and tone --------
    korean._kiwi = None
    t0 = time.perf_counter()
    korean.kiwi()
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ny_toks = {i.key: korean.korean_tokens(i.text) for i in ny}
    t_ko = time.perf_counter() - t0
    t0 = time.perf_counter()
    kc_toks = {i.url: korean.english_tokens(i.text) for i in kc}
    t_en = time.perf_counter() - t0
    t0 = time.perf_counter()
    ny_hits = {k: d.matcher("ko").find(v) for k, v in ny_toks.items()}
    kc_hits = {k: d.matcher("en").find(v) for k, v in kc_toks.items()}
    kc_tone = {k: d.matcher("en", "tone").find(v) for k, v in kc_toks.items()}
    t_match = time.perf_counter() - t0
    nk_total = t_load + t_ko + t_en + t_match
    nk_counts = Counter(h.label for hs in ny_hits.values() for h in hs)
    kc_counts = Counter(h.label for hs in kc_hits.values() for h in hs)

    # -- the plain whitespace-split counter -------------------------------------------------
    t0 = time.perf_counter()
    ws_ny = whitespace_count([i.text for i in ny], plain_terms(d, "ko"))
    ws_kc = whitespace_count([i.text for i in kc], plain_terms(d, "en"))
    t_ws = time.perf_counter() - t0

    # -- accuracy: Korean mentions -----------------------------------------------------------
    texts = {i.key: i.text for i in ny}
    ko_terms = plain_terms(d, "ko")
    rows = list(csv.DictReader((HERE / "korean_mentions.csv").open(encoding="utf-8")))
    by = {"nkwatch": [], "whitespace": [], "whitespace-prefix": []}
    for r in rows:
        gold = r["mention"] == "yes"
        year, a, b, cid = r["year"], int(r["start"]), int(r["end"]), r["concept"]
        word = texts[year][a:b]
        assert word == r["word"], (r, word)  # the sample still points at the same words
        toks = ny_toks[year]
        got = any(
            h.label == cid and toks[h.i].start < b and toks[h.j].end > a for h in ny_hits[year]
        )
        w = word.strip(PUNCT).lower()
        mine = [t for t, c in ko_terms.items() if c == cid]
        by["nkwatch"].append((gold, got))
        if gold != got and "--misses" in sys.argv:
            print(r["n"], cid, word, [(t.form, t.tag) for t in toks if a <= t.start < b])
        by["whitespace"].append((gold, w in mine))
        by["whitespace-prefix"].append((gold, any(w.startswith(t) for t in mine)))
    ko_acc = {k: prf(v) for k, v in by.items()}

    # -- accuracy: tone of the labelled KCNA mentions ----------------------------------------
    lex = {
        label: [t.lower() for t in terms["en"]] for label, terms in d.tone.items()
    }  # the same lexicon for both
    labels = list(csv.DictReader((HERE / "tone_labels.csv").open(encoding="utf-8")))
    by_url = {i.url: i for i in kc}
    nk_pairs, ws_pairs = [], []
    win = WINDOW[LANG["kcna"]]
    for r in labels:
        item = by_url[r["url"]]
        a, b = int(r["start"]), int(r["end"])
        toks = kc_toks[r["url"]]
        i = next(k for k, t in enumerate(toks) if t.start == a)
        j = next(k for k, t in enumerate(toks) if t.end == b)
        sent = toks[i].sent
        score = sum(
            (1 if t.label == "friendly" else -1)
            for t in kc_tone[r["url"]]
            if t.i >= i - win and t.j <= j + win and toks[t.i].sent == sent
        )
        nk_pairs.append((r["label"], tone_label(score)))
        words = ws_words(item.text)
        k = next(n for n, (_, s, e) in enumerate(words) if s <= a < e)
        near = [w for w, _, _ in words[max(0, k - win) : k + win + 1]]
        s2 = 0
        for label, terms in lex.items():
            sign = 1 if label == "friendly" else -1
            for w in near:
                if any(w == t.rstrip("*") or (t.endswith("*") and w.startswith(t[:-1]))
                       for t in terms if " " not in t):  # fmt: skip
                    s2 += sign
        ws_pairs.append((r["label"], tone_label(s2)))
    nk_agree, nk_kappa = kappa(nk_pairs)
    ws_agree, ws_kappa = kappa(ws_pairs)
    majority = Counter(r["label"] for r in labels).most_common(1)[0]

    words_ny = sum(korean.korean_words(i.text) for i in ny)
    words_kc = sum(korean.english_words(i.text) for i in kc)
    result = {
        "texts": {"new_year": len(ny), "kcna_with_text": len(kc)},
        "words": {"new_year": words_ny, "kcna": words_kc},
        "seconds": {
            "read": round(t_read, 2),
            "analyzer_load": round(t_load, 2),
            "korean_morphemes": round(t_ko, 2),
            "english_tokens": round(t_en, 2),
            "concept_and_tone_matching": round(t_match, 2),
            "nkwatch_total": round(nk_total, 2),
            "whitespace_counter": round(t_ws, 2),
            "ratio_nkwatch_to_whitespace": round(nk_total / t_ws, 1) if t_ws else None,
        },
        "korean_words_per_second": round(words_ny / t_ko),
        "counts_new_year": {
            c: {"nkwatch": nk_counts[c], "whitespace": ws_ny[c]}
            for c in (
                "usa",
                "south-korea",
                "japan",
                "russia",
                "soviet-union",
                "china",
                "nuclear",
                "self-reliance",
                "unification",
            )
        },
        "counts_kcna": {
            c: {"nkwatch": kc_counts[c], "whitespace": ws_kc[c]}
            for c in ("usa", "south-korea", "japan", "russia", "china", "nuclear", "sanctions")
        },
        "korean_mentions_120": ko_acc,
        "tone_200": {
            "nkwatch": {"agreement": nk_agree, "kappa": nk_kappa},
            "whitespace": {"agreement": ws_agree, "kappa": ws_kappa},
            "majority_label": {majority[0]: round(majority[1] / len(labels), 3)},
        },
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
