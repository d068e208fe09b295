"""The screener: an index of every listed name, and the scoring of a query against the few
names the index returns as candidates (never a scan of every name).

Korean personal names are indexed under (family-name Hangul, first given syllable's Hangul)
for every reading the spellings allow, so "Kim Young-chul" finds "KIM Yong Chol" through
김+영; other names under their identifying words and the first four letters of each word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from . import context, fuzzy, korean
from .model import DEFAULT_THRESHOLD, Match, Query, Target

#: a word found in more names than this is not used alone to find candidates
COMMON_WORD = 400
MAX_FUZZY_CANDIDATES = 4000
#: a Korean personal name near a company's or a vessel's name only by letters is weak evidence
KOREAN_QUERY_FUZZY_PENALTY = 0.1


@dataclass(frozen=True)
class Name:
    target: int  # index into Screener.targets
    text: str
    kind: str
    folded: str


class Screener:
    """Screen names against listed entities. Build with :meth:`from_store` or
    :meth:`from_entries`; call :meth:`screen`."""

    def __init__(self, targets: Sequence[Target], names: Iterable[tuple[int, str, str]]):
        self.targets = list(targets)
        self.names: list[Name] = []
        self.korean: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.words: dict[str, list[int]] = defaultdict(list)
        self.forms: list[tuple[korean.Form, ...]] = []
        for target, whole, kind in names:
            for text in _parts(whole):
                self._add(target, text, kind)

    def _add(self, target: int, text: str, kind: str) -> None:
        folded = " ".join(fuzzy.tokens(text))
        if folded:
            index = len(self.names)
            self.names.append(Name(target, text, kind, folded))
            forms = korean.forms(text) if self.targets[target].schema in ("Person", "") else ()
            self.forms.append(forms)
            for key in {k for f in forms for k in _keys(f)}:
                self.korean[key].append(index)
            for word in set(folded.split()):
                self.words[word].append(index)
                if len(word) >= 4:
                    self.words[word[:4] + "…"].append(index)

    # -- building -----------------------------------------------------------------------

    @classmethod
    def from_entries(cls, entries: Iterable[object], *, dprk_only: bool = False) -> Screener:
        """From parsed :class:`nkwatch.lists.Entry` objects."""
        targets: list[Target] = []
        names: list[tuple[int, str, str]] = []
        for e in entries:
            if dprk_only and not e.dprk:  # type: ignore[attr-defined]
                continue
            i = len(targets)
            targets.append(
                _target(
                    e.key,
                    e.list,
                    e.list_id,
                    e.schema,
                    e.name,
                    e.dprk,  # type: ignore[attr-defined]
                    e.programs,
                    e.birth_dates,
                    e.nationalities,
                )
            )  # type: ignore[attr-defined]
            names += [(i, n, k) for n, k, _ in e.names()]  # type: ignore[attr-defined]
        return cls(targets, names)

    @classmethod
    def from_store(
        cls, con: object, *, lists: Sequence[str] | None = None, dprk_only: bool = False
    ) -> Screener:
        """From the store's ``sl_`` tables (empty when no list was ingested)."""
        from nkwatch.lists import _has_tables

        if not _has_tables(con):
            return cls([], [])
        where, params = ["TRUE"], []
        if lists:
            where.append("list IN (SELECT unnest(?))")
            params.append(list(lists))
        if dprk_only:
            where.append("dprk")
        rows = con.execute(  # type: ignore[attr-defined]
            "SELECT key, list, list_id, schema, name, dprk, programs, birth_dates, nationalities "
            f"FROM sl_entities WHERE {' AND '.join(where)} ORDER BY key",
            params,
        ).fetchall()
        targets = [_target(*r) for r in rows]
        position = {t.key: i for i, t in enumerate(targets)}
        names = con.execute(  # type: ignore[attr-defined]
            "SELECT key, name, kind FROM sl_names ORDER BY key, ord"
        ).fetchall()
        return cls(targets, [(position[k], n, kind) for k, n, kind in names if k in position])

    # -- screening ----------------------------------------------------------------------

    def candidates(self, query: str) -> tuple[tuple[korean.Form, ...], set[int], set[int]]:
        """(the query's Korean readings, Korean candidates, fuzzy candidates)."""
        forms = korean.forms(query)
        found: set[int] = set()
        for f in forms:
            for key in _keys(f):
                found.update(self.korean.get(key, ()))
        words = fuzzy.tokens(query)
        postings = sorted(
            (self.words.get(w, []) for w in {*words, *(w[:4] + "…" for w in words if len(w) >= 4)}),
            key=len,
        )
        fuzzy_found: set[int] = set()
        for i, posting in enumerate(postings):
            if i and len(posting) > COMMON_WORD and fuzzy_found:
                break
            fuzzy_found.update(posting)
            if len(fuzzy_found) > MAX_FUZZY_CANDIDATES:
                break
        return forms, found, fuzzy_found

    def screen(
        self,
        query: Query | str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        skip: frozenset[tuple[str, str]] = frozenset(),
    ) -> list[Match]:
        """The listed entities matching ``query`` at or above ``threshold``, best first.
        ``skip`` leaves out (entity key, name) pairs (the benchmark's held-out names)."""
        if isinstance(query, str):
            query = Query(query)
        forms, korean_ids, fuzzy_ids = self.candidates(query.name)
        best: dict[int, tuple[float, int, list[str], str]] = {}

        def offer(name_id: int, score: float, reasons: list[str], feature: str) -> None:
            name = self.names[name_id]
            target = self.targets[name.target]
            if skip and (target.key, name.text) in skip:
                return
            if query.schema and target.schema != query.schema:
                return
            if score > best.get(name.target, (-1.0,))[0]:
                best[name.target] = (score, name_id, reasons, feature)

        for i in korean_ids:
            score, reasons = korean.compare(forms, self.forms[i])
            offer(i, score, reasons, "name_korean")
        folded_query = " ".join(fuzzy.tokens(query.name))
        fuzzy_ids = {i for i in fuzzy_ids if not (forms and self.forms[i])}
        if fuzzy_ids and folded_query:
            ids = sorted(fuzzy_ids)
            choices = [self.names[i].folded for i in ids]
            # a cheap filter before the full comparison: words sorted, and as written
            scores = process.cdist(
                [folded_query], choices, scorer=fuzz.token_sort_ratio, dtype=None
            )[0]
            plain = process.cdist([folded_query], choices, scorer=fuzz.ratio, dtype=None)[0]
            scores = [max(a, b) for a, b in zip(scores, plain, strict=True)]
            for i, raw in zip(ids, scores, strict=True):
                if raw / 100.0 >= threshold - 0.3:
                    score, why = fuzzy.compare(query.name, self.names[i].text)
                    if forms and score < 1.0:
                        score -= KOREAN_QUERY_FUZZY_PENALTY
                        why += "; the query reads as a Korean personal name, this name does not"
                    offer(i, score, [why], "name_fuzzy")
        matches = []
        for t, (score, name_id, reasons, feature) in best.items():
            target = self.targets[t]
            d, why_dob = context.dob(query.birth_date, target.birth_dates)
            c, why_country = context.country(query.country, target.nationalities)
            features = {
                feature: score,
                **({"dob": d} if why_dob else {}),
                **({"country": c} if why_country else {}),
            }
            score = round(min(1.0, max(0.0, score + d + c)), 4)
            if score < threshold:
                continue
            why = "; ".join([*reasons, *(w for w in (why_dob, why_country) if w)])
            matches.append(
                Match(
                    list=target.list,
                    id=target.list_id,
                    name=self.names[name_id].text,
                    score=score,
                    explanation=why,
                    entity=target.name,
                    schema=target.schema,
                    dprk=target.dprk,
                    programs=list(target.programs),
                    key=target.key,
                    features=features,
                    birth_dates=list(target.birth_dates),
                    nationalities=list(target.nationalities),
                )
            )
        matches.sort(key=lambda m: (-m.score, m.list, m.id))
        return matches[:limit]


def _parts(text: str) -> list[str]:
    """A name, and when it has a part in parentheses ("Jin Tiesan (金铁三)", "KOREA
    KWANGSON BANKING CORPORATION (KKBC)") the name without it and the part alone."""
    out = [text]
    inner = re.findall(r"\(([^()]+)\)", text)
    if inner:
        out.append(" ".join(re.sub(r"\([^()]*\)", " ", text).split()))
        out += [i.strip() for i in inner if i.strip()]
    return [t for t in dict.fromkeys(out) if t]


def _keys(form: korean.Form) -> set[tuple[str, str]]:
    first = form.given[0][1] if form.given else {}
    return {(s, g) for s in form.surname for g in first}


def _target(
    key: str,
    list_: str,
    list_id: str,
    schema: str,
    name: str,
    dprk: bool,
    programs: Sequence[str] | None,
    births: Sequence[str] | None,
    nationalities: Sequence[str] | None,
) -> Target:
    return Target(
        key,
        list_,
        list_id,
        schema,
        name,
        bool(dprk),
        tuple(programs or ()),
        tuple(births or ()),
        tuple(nationalities or ()),
    )
