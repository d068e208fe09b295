"""The concept dictionary (``reference/concepts.yaml``) and the matchers that find its terms
in tokens.

Korean terms match runs of adjacent nominal morphemes (no space between them) whose forms
join to the term exactly, compared by their folded keys (:func:`nkwatch.media.korean.fold`):
so 핵 matches 핵무기 (핵|무기) but never 핵심, and 로동 matches 노동. English terms match
words: all-capital terms in capitals only (US, never "us"); ``word*`` matches a word's start.
Matches are leftmost-longest and never overlap.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from nkwatch.errors import QueryError
from nkwatch.media.korean import NOMINAL, Token, fold, is_hangul, possessive

CONCEPTS_FILE = Path(__file__).resolve().parents[1] / "reference" / "concepts.yaml"
_EN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+")


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    kind: str
    actor: str | None
    topics: tuple[str, ...]
    ko: tuple[str, ...]
    en: tuple[str, ...]
    sources: tuple[str, ...]
    note: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "kind": self.kind, "actor": self.actor,
            "topics": list(self.topics), "ko": list(self.ko), "en": list(self.en),
            "sources": list(self.sources), "note": self.note,
        }  # fmt: skip


@dataclass
class Dictionary:
    concepts: dict[str, Concept]
    sources: dict[str, dict[str, Any]]
    tone: dict[str, dict[str, list[str]]]
    digest: str
    _matchers: dict[tuple[str, str], Any] = field(default_factory=dict)

    def concept(self, cid: str) -> Concept:
        if cid not in self.concepts:
            raise QueryError(
                f"unknown concept {cid!r}: use one of {', '.join(self.concepts)} "
                "('nkwatch media concepts' lists them), or quote a word to count it as is"
            )
        return self.concepts[cid]

    def states(self) -> list[Concept]:
        return [c for c in self.concepts.values() if c.kind == "state" and c.id != "dprk"]

    def by_actor(self, actor: str) -> list[Concept]:
        found = [c for c in self.concepts.values() if (c.actor or "").upper() == actor.upper()]
        if not found:
            known = sorted({c.actor for c in self.concepts.values() if c.actor})
            raise QueryError(f"no concept stands for {actor!r}: use one of {', '.join(known)}")
        return found

    def matcher(self, lang: str, which: str = "concepts") -> Matcher:
        """The matcher of all concepts (``which='concepts'``) or of the tone lexicon."""
        if (lang, which) not in self._matchers:
            states: frozenset[str] = frozenset()
            if which == "concepts":
                pairs = [
                    (term, c.id)
                    for c in self.concepts.values()
                    for term in (c.ko if lang == "ko" else c.en)
                ]
                states = frozenset(c.id for c in self.states())
            else:
                pairs = [(t, label) for label, terms in self.tone.items() for t in terms[lang]]
            self._matchers[(lang, which)] = Matcher(lang, pairs, name_prefix=states)
        return self._matchers[(lang, which)]


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or [])


@cache
def load(path: Path | None = None) -> Dictionary:
    """The dictionary at ``path`` (default: the one shipped). Errors name the entry and fix."""
    p = Path(path) if path else CONCEPTS_FILE
    raw = p.read_bytes()
    doc = yaml.safe_load(raw) or {}
    sources = {s["id"]: s for s in doc.get("sources") or []}
    concepts: dict[str, Concept] = {}
    for n, c in enumerate(doc.get("concepts") or [], 1):
        cid = c.get("id")
        if not cid or cid in concepts:
            raise QueryError(f"{p}: concept {n} has no id or a duplicate one ({cid!r})")
        if not c.get("ko") and not c.get("en"):
            raise QueryError(f"{p}: concept {cid} has no terms: give ko and/or en")
        for s in c.get("sources") or []:
            if s not in sources:
                raise QueryError(f"{p}: concept {cid} cites {s!r}, which sources: does not list")
        concepts[cid] = Concept(
            id=cid, label=c.get("label") or cid, kind=c.get("kind") or "theme",
            actor=c.get("actor"), topics=_tuple(c.get("topics")), ko=_tuple(c.get("ko")),
            en=_tuple(c.get("en")), sources=_tuple(c.get("sources")), note=c.get("note"),
        )  # fmt: skip
    tone = {
        label: {"ko": list(_tuple(t.get("ko"))), "en": list(_tuple(t.get("en")))}
        for label, t in (doc.get("tone") or {}).items()
    }
    return Dictionary(concepts, sources, tone, hashlib.sha256(raw).hexdigest()[:12])


@dataclass(frozen=True, slots=True)
class Hit:
    label: str  # concept id (or tone label)
    i: int  # first token
    j: int  # last token (inclusive)


def _cased(t: Token) -> str:
    return t.key if t.key.isupper() else possessive(t.form)


class Matcher:
    """Finds terms in one language's tokens. ``pairs``: (term, label)."""

    def __init__(
        self, lang: str, pairs: Iterable[tuple[str, str]], name_prefix: frozenset[str] = frozenset()
    ) -> None:
        self.lang = lang
        #: labels whose Korean terms (two syllables or more) also match the start of a proper
        #: noun Kiwi did not split (남조선보수당국, 쏘련정부 when tagged NNP)
        self.name_prefix = name_prefix
        self.ko: dict[str, list[str]] = {}
        self.ko_tagged: dict[tuple[str, str], list[str]] = {}
        self.prefixes: set[str] = set()
        # English: first three letters of the first word -> (words, cased, prefix, label)
        self.en: dict[str, list[tuple[tuple[str, ...], bool, bool, str]]] = {}
        for term, label in pairs:
            if lang == "ko":
                self._add_ko(term, label)
            else:
                self._add_en(term, label)

    def _add_ko(self, term: str, label: str) -> None:
        form, _, tag = term.partition("/")
        key = fold(form.replace(" ", ""))
        if tag:
            self.ko_tagged.setdefault((key, tag), []).append(label)
        else:
            self.ko.setdefault(key, []).append(label)
        for n in range(1, len(key) + 1):
            self.prefixes.add(key[:n])

    def _add_en(self, term: str, label: str) -> None:
        prefix = term.endswith("*")
        words = tuple(possessive(w) for w in _EN_WORD.findall(term.rstrip("*")))
        if not words:
            return
        cased = words == tuple(w for w in words if w.isupper() and len(w) >= 2)
        if not cased:
            words = tuple(w.lower() for w in words)
        self.en.setdefault(words[0].lower()[:3], []).append((words, cased, prefix, label))

    def find(self, toks: Sequence[Token]) -> list[Hit]:
        return self._find_ko(toks) if self.lang == "ko" else self._find_en(toks)

    def _find_ko(self, toks: Sequence[Token]) -> list[Hit]:
        hits: list[Hit] = []
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if t.tag not in NOMINAL:
                i += 1
                continue
            best: tuple[int, list[str]] | None = None
            tagged = self.ko_tagged.get((t.key, t.tag))
            if tagged:
                best = (i, tagged)
            text = ""
            j = i
            while j < n:
                u = toks[j]
                if u.tag not in NOMINAL or (
                    j > i and (u.start != toks[j - 1].end or u.sent != t.sent)
                ):
                    break
                text += u.form
                key = fold(text)
                if key in self.ko:
                    best = (j, self.ko[key])
                if key not in self.prefixes:
                    break
                j += 1
            if best is None and t.tag == "NNP" and self.name_prefix:
                for cut in range(len(t.key) - 1, 1, -1):
                    labels = [x for x in self.ko.get(t.key[:cut], ()) if x in self.name_prefix]
                    if labels:
                        best = (i, labels)
                        break
            if best:
                hits.extend(Hit(label, i, best[0]) for label in dict.fromkeys(best[1]))
                i = best[0] + 1
            else:
                i += 1
        return hits

    def _find_en(self, toks: Sequence[Token]) -> list[Hit]:
        hits: list[Hit] = []
        n = len(toks)
        i = 0
        while i < n:
            cands = self.en.get(toks[i].key.lower()[:3])
            best: tuple[int, list[str]] | None = None
            for words, cased, prefix, label in cands or ():
                k = len(words)
                if i + k > n or toks[i + k - 1].sent != toks[i].sent:
                    continue
                ok = True
                for m, w in enumerate(words):
                    got = _cased(toks[i + m]) if cased else toks[i + m].key.lower()
                    last = m == k - 1
                    if not (got == w or (last and prefix and got.startswith(w))):
                        ok = False
                        break
                if ok:
                    end = i + k - 1
                    if best is None or end > best[0]:
                        best = (end, [label])
                    elif end == best[0] and label not in best[1]:
                        best[1].append(label)
            if best:
                hits.extend(Hit(label, i, best[0]) for label in best[1])
                i = best[0] + 1
            else:
                i += 1
        return hits


def literal(term: str) -> tuple[str, list[tuple[str, str]]]:
    """A reader's own term (not a concept id) as (language, [(term, label)])."""
    return ("ko" if is_hangul(term) else "en"), [(term, term)]
