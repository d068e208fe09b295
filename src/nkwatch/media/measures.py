"""Measures over the DPRK's texts: term counts per period, mentions of states with their
tone, the words that rise and fall between two periods, key passages, and mentions beside the
curated events.

Every measure reads :func:`nkwatch.media.cache.corpus` (documents and tokens from the store)
and the concept dictionary; none re-analyses text. Counts are normalised per 10,000 words
(Korean: 어절, the space-separated words; English: words).

Tone is a lexicon method, transparent on purpose: the tone words of ``concepts.yaml`` in the
mention's sentence, within :data:`WINDOW` tokens either side (the mention's own words count:
"US imperialists" is hostile), score -1 (hostile) or +1 (friendly); the mention is hostile
below 0, friendly above 0, neutral at 0. ``benchmarks/media`` checks it against mentions
labelled by hand.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from nkwatch.errors import QueryError
from nkwatch.media.cache import Corpus, Doc
from nkwatch.media.concepts import Dictionary, Hit, Matcher, literal, load
from nkwatch.media.korean import CONTENT, Token

WINDOW = {"ko": 15, "en": 15}
LANG = {"new-year": "ko", "kcna": "en"}
FREQS = ("year", "month")

_STOP_TEXT = (
    "the of and to in a for on is was that with as by at from it its this be are were has have "
    "had an which their they his he she her we our us or not but also will been who all into "
    "said more than other these those such there them would can one two may should said while "
    "after over about up out so no any what when where how through under against between "
    "during before because both each were being very most only own same then once here did "
    "do does pyongyang kcna"
)
_STOP_EN = frozenset(_STOP_TEXT.split())


def period(day: dt.date, freq: str) -> str:
    if freq == "year":
        return f"{day.year}"
    if freq == "month":
        return f"{day.year}-{day.month:02d}"
    raise QueryError(f"unknown --freq {freq!r}: use year or month")


def _bounds(text: str | None, end: bool) -> dt.date | None:
    """A partial date (YYYY, YYYY-MM, YYYY-MM-DD) as its first or last day."""
    if not text:
        return None
    parts = text.split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
        m = int(parts[1])
        if len(parts) == 2:
            nxt = dt.date(y + m // 12, m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1) if end else dt.date(y, m, 1)
        return dt.date(y, m, int(parts[2]))
    except (ValueError, IndexError):
        raise QueryError(f"{text!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD") from None


def _docs(c: Corpus, date_from: str | None, date_to: str | None) -> list[Doc]:
    lo, hi = _bounds(date_from, False), _bounds(date_to, True)
    return [d for d in c.docs if (lo is None or d.date >= lo) and (hi is None or d.date <= hi)]


def concept_hits(c: Corpus, d: Dictionary) -> dict[str, list[Hit]]:
    """Concept matches per document (memoised per dictionary)."""
    key = ("concepts", d.digest)
    if key not in c.memo:
        m = d.matcher(LANG[c.source])
        c.memo[key] = {doc.id: m.find(doc.tokens) for doc in c.docs}
    return c.memo[key]


def tone_hits(c: Corpus, d: Dictionary) -> dict[str, list[Hit]]:
    key = ("tone", d.digest)
    if key not in c.memo:
        m = d.matcher(LANG[c.source], "tone")
        c.memo[key] = {doc.id: m.find(doc.tokens) for doc in c.docs}
    return c.memo[key]


# -- term counts ----------------------------------------------------------------------------


def terms(
    c: Corpus,
    wanted: Sequence[str],
    freq: str = "year",
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    dictionary: Dictionary | None = None,
) -> list[dict[str, Any]]:
    """One row per period and term: count, words in the period, count per 10,000 words.
    A term is a concept id (usa, nuclear ...) or a word as written (핵무력, sanctions)."""
    d = dictionary or load()
    if not wanted:
        raise QueryError("give at least one term: a concept id (usa, nuclear) or a word")
    lang = LANG[c.source]
    docs = _docs(c, date_from, date_to)
    words: Counter[str] = Counter()
    for doc in docs:
        words[period(doc.date, freq)] += doc.words
    counts: dict[str, Counter[str]] = {}
    all_hits = concept_hits(c, d)
    for term in wanted:
        got: Counter[str] = Counter()
        if term in d.concepts:
            for doc in docs:
                got[period(doc.date, freq)] += sum(1 for h in all_hits[doc.id] if h.label == term)
        else:
            tlang, pairs = literal(term)
            if tlang != lang:
                which = "Korean" if lang == "ko" else "English"
                raise QueryError(
                    f"{term!r} is not a concept id, and {c.source} is in {which}: give a "
                    f"{which} word or a concept id ('nkwatch media concepts')"
                )
            m = Matcher(lang, pairs)
            for doc in docs:
                got[period(doc.date, freq)] += len(m.find(doc.tokens))
        counts[term] = got
    rows = []
    for p in sorted(words):
        for term in wanted:
            n = counts[term][p]
            rows.append({
                "period": p, "term": term, "count": n, "words": words[p],
                "per_10k": round(n * 10000 / words[p], 2) if words[p] else None,
            })  # fmt: skip
    return rows


# -- mentions and tone ----------------------------------------------------------------------


def _tone(hit: Hit, toks: list[Token], tones: list[Hit], lang: str) -> tuple[int, list[str]]:
    w = WINDOW[lang]
    sent = toks[hit.i].sent
    lo, hi = hit.i - w, hit.j + w
    score, words = 0, []
    for t in tones:
        if t.i >= lo and t.j <= hi and toks[t.i].sent == sent:
            score += 1 if t.label == "friendly" else -1
            words.append(" ".join(x.form for x in toks[t.i : t.j + 1]))
    return score, words


def tone_label(score: int) -> str:
    return "hostile" if score < 0 else "friendly" if score > 0 else "neutral"


def mention_list(
    c: Corpus,
    concepts: Sequence[str] | None = None,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    dictionary: Dictionary | None = None,
) -> list[dict[str, Any]]:
    """Every mention of the given concepts (default: every state) with its tone."""
    d = dictionary or load()
    wanted = set(concepts or [s.id for s in d.states()])
    for cid in wanted:
        d.concept(cid)
    lang = LANG[c.source]
    hits, tones = concept_hits(c, d), tone_hits(c, d)
    out = []
    for doc in _docs(c, date_from, date_to):
        for h in hits[doc.id]:
            if h.label not in wanted:
                continue
            score, words = _tone(h, doc.tokens, tones[doc.id], lang)
            out.append({
                "doc": doc, "concept": h.label, "i": h.i, "j": h.j, "score": score,
                "tone": tone_label(score), "tone_words": words,
                "term": " ".join(t.form for t in doc.tokens[h.i : h.j + 1]),
            })  # fmt: skip
    return out


def mentions(
    c: Corpus,
    freq: str = "month",
    concepts: Sequence[str] | None = None,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    dictionary: Dictionary | None = None,
) -> list[dict[str, Any]]:
    """Per period and state: mentions, documents mentioning it, per 10,000 words, and tone
    (hostile / neutral / friendly counts, mean score). Rows by period, most mentioned first."""
    d = dictionary or load()
    words: Counter[str] = Counter()
    for doc in _docs(c, date_from, date_to):
        words[period(doc.date, freq)] += doc.words
    agg: dict[tuple[str, str], dict[str, Any]] = {}
    for m in mention_list(c, concepts, date_from=date_from, date_to=date_to, dictionary=d):
        p = period(m["doc"].date, freq)
        a = agg.setdefault(
            (p, m["concept"]),
            {"mentions": 0, "docs": set(), "hostile": 0, "neutral": 0, "friendly": 0, "sum": 0},
        )
        a["mentions"] += 1
        a["docs"].add(m["doc"].id)
        a[m["tone"]] += 1
        a["sum"] += m["score"]
    rows = []
    for (p, cid), a in agg.items():
        concept = d.concepts[cid]
        rows.append({
            "period": p, "concept": cid, "actor": concept.actor, "label": concept.label,
            "mentions": a["mentions"], "docs": len(a["docs"]),
            "per_10k": round(a["mentions"] * 10000 / words[p], 2) if words[p] else None,
            "hostile": a["hostile"], "neutral": a["neutral"], "friendly": a["friendly"],
            "tone": round(a["sum"] / a["mentions"], 3),
        })  # fmt: skip
    rows.sort(key=lambda r: (r["period"], -r["mentions"], r["concept"]))
    return rows


# -- rising and falling words (Monroe, Colaresi and Quinn 2008) -----------------------------


def _word_counts(docs: Sequence[Doc], lang: str) -> tuple[Counter[str], dict[str, Counter[str]]]:
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for t in doc.tokens:
            if lang == "ko":
                if t.tag not in CONTENT or (len(t.form) < 2 and t.tag != "NNG"):
                    continue
                key = t.key
            else:
                key = t.key
                if len(key) < 3 or key.lower() in _STOP_EN or key.isdigit():
                    continue
            counts[key] += 1
            forms[key][t.form if lang == "ko" else key] += 1
    return counts, forms


def keyness(
    c: Corpus,
    a: tuple[str | None, str | None],
    b: tuple[str | None, str | None],
    *,
    top: int = 20,
    prior: float = 1000.0,
    min_count: int = 5,
) -> list[dict[str, Any]]:
    """The words that most distinguish period ``a`` from period ``b`` (each a (from, to) of
    partial dates): log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008,
    eq. 16-22). The prior is the whole source's word frequencies scaled to ``prior``
    pseudo-counts. Rows: word, count_a, count_b, per_10k_a, per_10k_b, log_odds, z; the
    ``top`` words rising in a (z > 0) then the ``top`` rising in b (z < 0)."""
    lang = LANG[c.source]
    docs_a, docs_b = _docs(c, *a), _docs(c, *b)
    if not docs_a or not docs_b:
        raise QueryError("one of the two periods holds no texts: check --a and --b")
    ya, forms = _word_counts(docs_a, lang)
    yb, forms_b = _word_counts(docs_b, lang)
    bg, _ = _word_counts(c.docs, lang)
    for k, v in forms_b.items():
        forms[k].update(v)
    na, nb, nbg = sum(ya.values()), sum(yb.values()), sum(bg.values())
    a0 = prior
    rows = []
    for w in set(ya) | set(yb):
        if ya[w] + yb[w] < min_count:
            continue
        aw = a0 * bg[w] / nbg
        la = math.log((ya[w] + aw) / (na + a0 - ya[w] - aw))
        lb = math.log((yb[w] + aw) / (nb + a0 - yb[w] - aw))
        delta = la - lb
        var = 1 / (ya[w] + aw) + 1 / (yb[w] + aw)
        rows.append({
            "word": forms[w].most_common(1)[0][0], "count_a": ya[w], "count_b": yb[w],
            "per_10k_a": round(ya[w] * 10000 / na, 2), "per_10k_b": round(yb[w] * 10000 / nb, 2),
            "log_odds": round(delta, 3), "z": round(delta / math.sqrt(var), 2),
        })  # fmt: skip
    rows.sort(key=lambda r: -r["z"])
    ups = [dict(r, rises_in="a") for r in rows[:top] if r["z"] > 0]
    downs = [dict(r, rises_in="b") for r in rows[::-1][:top] if r["z"] < 0]
    return ups + downs


# -- key passages ---------------------------------------------------------------------------


def _sentence(doc: Doc, hit: Hit, text: str, width: int) -> str:
    toks = doc.tokens
    sent = toks[hit.i].sent
    same = [t for t in toks if t.sent == sent]
    a, b = same[0].start, same[-1].end
    s, e = toks[hit.i].start, toks[hit.j].end
    if b - a > width:  # cut around the mention, at spaces
        half = max((width - (e - s)) // 2, 10)
        a2, b2 = max(a, s - half), min(b, e + half)
        if a2 > a:
            a2 = text.find(" ", a2, s) + 1 or a2
        if b2 < b:
            cut = text.rfind(" ", e, b2)
            b2 = cut if cut > 0 else b2
        return ("…" if a2 > a else "") + text[a2:b2].strip() + ("…" if b2 < b else "")
    return text[a:b].strip()


def passages(
    c: Corpus,
    con: Any,
    concept: str,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 20,
    width: int = 160,
    romanize: bool = True,
    dictionary: Dictionary | None = None,
) -> list[dict[str, Any]]:
    """Sentences carrying ``concept`` (a concept id or a word), cut to about ``width``
    characters around the mention: one per document, newest first, with date, kind, title,
    URL, tone and (Korean) a McCune-Reischauer reading."""
    d = dictionary or load()
    lang = LANG[c.source]
    if concept in d.concepts:
        hits = concept_hits(c, d)
        found = {doc.id: [h for h in hits[doc.id] if h.label == concept] for doc in c.docs}
    else:
        tlang, pairs = literal(concept)
        if tlang != lang:
            raise QueryError(f"{concept!r}: not a concept id nor a word in {c.source}'s language")
        m = Matcher(lang, pairs)
        found = {doc.id: m.find(doc.tokens) for doc in c.docs}
    tones = tone_hits(c, d)
    docs = [doc for doc in _docs(c, date_from, date_to) if found.get(doc.id)][::-1][:limit]
    texts = dict(
        con.execute(
            "SELECT id, text FROM md_documents WHERE id IN (SELECT unnest(?))",
            [[doc.id for doc in docs]],
        ).fetchall()
    )
    out = []
    for doc in docs:
        h = found[doc.id][0]
        passage = _sentence(doc, h, texts[doc.id] or "", width)
        score, words = _tone(h, doc.tokens, tones[doc.id], lang)
        row = {
            "date": doc.date.isoformat(), "year": doc.date.year, "source": c.source,
            "kind": doc.kind, "title": doc.title, "url": doc.url, "doc": doc.id,
            "term": " ".join(t.form for t in doc.tokens[h.i : h.j + 1]),
            "passage": passage, "tone": tone_label(score), "tone_words": "; ".join(words),
            "mentions_in_text": len(found[doc.id]),
        }  # fmt: skip
        if lang == "ko" and romanize:
            from nkwatch.names.romanize import romanize as rom

            row["romanized"] = rom(passage.replace("…", ""), "mr")
        out.append(row)
    return out


# -- beside the curated events --------------------------------------------------------------


def versus(
    c: Corpus,
    store: Any,
    partner: str,
    freq: str = "month",
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    dictionary: Dictionary | None = None,
) -> list[dict[str, Any]]:
    """Mentions of ``partner`` (ISO3; every concept standing for it) and their tone per
    period, beside the curated events between the DPRK and it in that period."""
    d = dictionary or load()
    ids = [x.id for x in d.by_actor(partner)]
    series: dict[str, dict[str, Any]] = {}
    words: Counter[str] = Counter()
    for doc in _docs(c, date_from, date_to):
        words[period(doc.date, freq)] += doc.words
    for p in words:
        series[p] = {"mentions": 0, "hostile": 0, "neutral": 0, "friendly": 0, "sum": 0}
    for m in mention_list(c, ids, date_from=date_from, date_to=date_to, dictionary=d):
        s = series[period(m["doc"].date, freq)]
        s["mentions"] += 1
        s[m["tone"]] += 1
        s["sum"] += m["score"]
    periods = sorted(series)
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if periods:
        for ev in store.events(actor=[partner.upper(), "PRK"], date_from=periods[0],
                               date_to=periods[-1]):  # fmt: skip
            day = str(ev.get("date") or "")
            p = day[:4] if freq == "year" else day[:7]
            if p in series:
                events[p].append(ev)
    rows = []
    for p in periods:
        s = series[p]
        rows.append({
            "period": p, "partner": partner.upper(), "mentions": s["mentions"],
            "per_10k": round(s["mentions"] * 10000 / words[p], 2) if words[p] else None,
            "hostile": s["hostile"], "neutral": s["neutral"], "friendly": s["friendly"],
            "tone": round(s["sum"] / s["mentions"], 3) if s["mentions"] else None,
            "events": len(events[p]),
            "event_titles": "; ".join(f"{e['date']} {e['title']}" for e in events[p]),
            "event_ids": [e["id"] for e in events[p]],
        })  # fmt: skip
    return rows
