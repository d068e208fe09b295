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
from functools import lru_cache
from operator import itemgetter

import numpy as np
from rapidfuzz import fuzz, process

from . import context, fuzzy, korean
from .model import DEFAULT_THRESHOLD, Match, Query, Target

#: a word found in more names than this is not used alone to find candidates
COMMON_WORD = 400
MAX_FUZZY_CANDIDATES = 4000
#: a Korean personal name near a company's or a vessel's name only by letters is weak evidence
KOREAN_QUERY_FUZZY_PENALTY = 0.1
#: names whose keys are this much below the threshold by plain ratio are not compared fully
PREFILTER_MARGIN = 0.25
#: room for rounding when a name is left out by an upper bound of its score
BOUND_SLACK = 0.001


@dataclass(frozen=True)
class Name:
    target: int  # index into Screener.targets
    text: str
    kind: str
    folded: str  # the parts' transliteration keys, for the cheap filter
    person: bool = True


class Screener:
    """Screen names against listed entities. Build with :meth:`from_store` or
    :meth:`from_entries`; call :meth:`screen`."""

    def __init__(self, targets: Sequence[Target], names: Iterable[tuple[int, str, str]]):
        self.targets = list(targets)
        self.names: list[Name] = []
        self.korean: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.words: dict[str, list[int]] = defaultdict(list)
        self.forms: list[tuple[korean.Form, ...]] = []
        #: each name's parts as :func:`fuzzy.compare` reads them (built once, for the bound)
        self.analyses: list[fuzzy.Analysis] = []
        self.imo: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(self.targets):
            for number in t.imo:
                self.imo[number].append(i)
        for target, whole, kind in names:
            for text in _parts(whole):
                self._add(target, text, kind)
        self.common = self._common_names()
        self._folded = [n.folded for n in self.names]
        self._person = [n.person for n in self.names]

    def _common_names(self) -> frozenset[str]:
        """Consonant skeletons of name words that :data:`fuzzy.COMMON_NAMES` listed persons
        or more share (Mohammed, Ahmed, Hassan, Ali, Maria, Sergei)."""
        seen: dict[str, set[int]] = defaultdict(set)
        for n in self.names:
            if n.person:
                for part in fuzzy.analyze(n.text, True).parts:
                    seen[fuzzy.skeleton(part.general) or part.general].add(n.target)
        return frozenset(k for k, v in seen.items() if len(v) >= fuzzy.COMMON_NAMES)

    def _add(self, target: int, text: str, kind: str) -> None:
        schema = self.targets[target].schema
        person = schema in ("Person", "")
        analysis = fuzzy.analyze(text, person)
        folded = " ".join(p.general for p in analysis.parts)
        if folded:
            index = len(self.names)
            self.names.append(Name(target, text, kind, folded, person))
            self.analyses.append(analysis)
            forms = korean.forms(text) if person else ()
            self.forms.append(forms)
            for key in {k for f in forms for k in _keys(f)}:
                self.korean[key].append(index)
            for word in _word_keys(analysis):
                self.words[word].append(index)

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
                    e.imo,
                    e.addresses,
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
            "SELECT key, list, list_id, schema, name, dprk, programs, birth_dates, nationalities, "
            f"imo, addresses FROM sl_entities WHERE {' AND '.join(where)} ORDER BY key",
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
        # shortest first, ties by key: the same candidates in every process (set order
        # follows the string hash seed, and the cap below cuts at a posting)
        keys = {w for person in (True, False) for w in _word_keys(fuzzy.analyze(query, person))}
        postings = [
            posting
            for _, _, posting in sorted(
                (len(posting), w, posting) for w in keys for posting in [self.words.get(w, [])]
            )
        ]
        fuzzy_found: set[int] = set()
        common = False
        for i, posting in enumerate(postings):
            if i and len(posting) > COMMON_WORD and fuzzy_found:
                common = True
                break
            fuzzy_found.update(posting)
            if len(fuzzy_found) > MAX_FUZZY_CANDIDATES:
                break
        if common:
            fuzzy_found |= self._sharing_words(query, MAX_FUZZY_CANDIDATES - len(fuzzy_found))
        return forms, found, fuzzy_found

    def _sharing_words(self, query: str, room: int) -> set[int]:
        """Names that share keys with every word of the query, common words included: the
        lookup above leaves out words found in more than :data:`COMMON_WORD` names, so a
        name whose every word is common ('ALI, Ahmad for 'ALI, Ahmed: Ali, and Ahmad only
        by its consonants) would otherwise never be compared. At most ``room`` names, in
        the index's order."""
        if room <= 0:
            return set()
        out: set[int] = set()
        for person in (True, False):
            analysis = fuzzy.analyze(query, person)
            for parts in (analysis.parts, analysis.joined):
                if not parts or len(parts) < 2:
                    continue
                per_word = []
                for part in {p.text: p for p in parts}.values():
                    keys = _part_keys(part)
                    per_word.append(set().union(*(self.words.get(k, ()) for k in keys)))
                per_word.sort(key=len)
                out |= per_word[0].intersection(*per_word[1:])
        return set(sorted(out)[:room]) if len(out) > room else out

    def screen(
        self,
        query: Query | str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        skip: frozenset[tuple[str, str]] = frozenset(),
        trace: list[dict[str, object]] | None = None,
    ) -> list[Match]:
        """The listed entities matching ``query`` at or above ``threshold``, best first.
        ``skip`` leaves out (entity key, name) pairs (the benchmark's held-out names);
        ``trace`` (a list) receives every candidate name considered, with its score and
        explanation, for a compliance trail (``nkwatch screen --audit``)."""
        if isinstance(query, str):
            query = Query(query)
        forms, korean_ids, fuzzy_ids = self.candidates(query.name)
        best: dict[int, tuple[float, int, list[str], str]] = {}
        allowed = schemata(query.schema)

        def note(name_id: int, stage: str, score: float, why: str) -> None:
            if trace is None:
                return
            name = self.names[name_id]
            target = self.targets[name.target]
            trace.append(
                {
                    "key": target.key,
                    "list": target.list,
                    "id": target.list_id,
                    "entity": target.name,
                    "schema": target.schema,
                    "name": name.text,
                    "kind": name.kind,
                    "stage": stage,
                    "score": round(float(score), 4),
                    "explanation": why,
                }
            )

        def offer(name_id: int, score: float, reasons: list[str], feature: str) -> None:
            name = self.names[name_id]
            target = self.targets[name.target]
            if skip and (target.key, name.text) in skip:
                return
            if allowed is not None and target.schema not in allowed:
                note(name_id, "other schema", score, f"a {target.schema}, not a {query.schema}")
                return
            note(name_id, feature, score, "; ".join(reasons))
            if score > best.get(name.target, (-1.0,))[0]:
                best[name.target] = (score, name_id, reasons, feature)

        for i in korean_ids:
            score, reasons = korean.compare(forms, self.forms[i])
            if self.names[i].kind == "weak" and score > fuzzy.WEAK_CAP:
                score = fuzzy.WEAK_CAP
                reasons = [*reasons, "a weak alias (the list rates it low quality)"]
            offer(i, score, reasons, "name_korean")
        if not forms:
            # read as Korean but for one syllable no romanization gives (PAK, Jin Hek)
            near = korean.near_forms(query.name)
            for i in sorted(
                {i for f in near for key in _keys(f) for i in self.korean.get(key, ())}
            ):
                score, reasons = korean.compare_near(
                    near, self.forms[i], query.name, self.names[i].text
                )
                if self.names[i].kind == "weak" and score > fuzzy.WEAK_CAP:
                    score = fuzzy.WEAK_CAP
                    reasons = [*reasons, "a weak alias (the list rates it low quality)"]
                offer(i, score, reasons, "name_korean")
        if forms:
            fuzzy_ids = {i for i in fuzzy_ids if not self.forms[i]}
        # below this a name's score cannot be reported, whatever the date of birth, country
        # and address add (BOUND_SLACK for rounding)
        floor = threshold - context.most(query.birth_date, query.country, query.address)
        floor -= BOUND_SLACK
        filtered = 0
        if fuzzy_ids:
            ids = sorted(fuzzy_ids)
            people = self._person
            by_kind = {
                True: [i for i in ids if people[i]],
                False: [i for i in ids if not people[i]],
            }
            for person, chosen in by_kind.items():
                analysis = fuzzy.analyze(query.name, person)
                folded_query = " ".join(p.general for p in analysis.parts)
                if not chosen or not folded_query:
                    continue
                choices = (
                    itemgetter(*chosen)(self._folded)
                    if len(chosen) > 1
                    else (self._folded[chosen[0]],)
                )
                # a cheap filter before the full comparison: keys sorted, else as written
                cutoff = max(0.0, (threshold - PREFILTER_MARGIN) * 100)
                scores = process.cdist(
                    [folded_query], choices, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff
                )[0]
                low = np.flatnonzero(scores == 0)
                if low.size:
                    scores[low] = process.cdist(
                        [folded_query],
                        [choices[k] for k in low.tolist()],
                        scorer=fuzz.ratio,
                        score_cutoff=cutoff,
                    )[0]
                if cutoff:
                    kept = [chosen[k] for k in np.flatnonzero(scores).tolist()]
                    filtered += len(chosen) - len(kept)
                else:
                    kept = chosen
                # an upper bound of the full comparison, word by word (not when tracing:
                # the trail shows every name compared)
                bound = fuzzy.Bound(analysis) if trace is None else None
                if bound is not None:
                    bound.prepare([self.analyses[i] for i in kept])
                for i in kept:
                    if bound is not None:
                        most = bound(self.analyses[i])
                        if forms and most < 1.0:
                            most -= KOREAN_QUERY_FUZZY_PENALTY
                        if most < floor:
                            continue
                    name = self.names[i]
                    score, why = fuzzy.compare(
                        query.name,
                        name.text,
                        person=person,
                        weak=name.kind == "weak",
                        common=self.common,
                    )
                    if name.kind in ("fka", "previous") and score >= threshold - 0.2:
                        why += "; a former name"
                    if forms and score < 1.0:
                        score -= KOREAN_QUERY_FUZZY_PENALTY
                        why += "; the query reads as a Korean personal name, this name does not"
                    offer(i, score, [why], "name_fuzzy")
        if trace is not None and filtered:
            trace.append(
                {
                    "stage": "cheap filter",
                    "count": filtered,
                    "explanation": f"{filtered} listed names sharing a word key were not "
                    f"compared further: their transliteration keys are too unlike (ratio "
                    f"below {threshold - PREFILTER_MARGIN:.2f})",
                }
            )
        if query.imo:
            number = context.imo_number(query.imo)
            for t in self.imo.get(number, ()):
                first = self._first_name(t)
                if first is not None:
                    offer(first, 1.0, [f"IMO number {number} agrees"], "imo")
        matches = []
        for t, (score, name_id, reasons, feature) in best.items():
            if score < floor:
                continue
            target = self.targets[t]
            d, why_dob = context.dob(query.birth_date, target.birth_dates)
            c, why_country = context.country(query.country, target.nationalities)
            i, why_imo = context.imo(query.imo, target.imo) if feature != "imo" else (0.0, None)
            a, why_address = context.address(query.address, target.addresses)
            features = {
                feature: score,
                **({"dob": d} if why_dob else {}),
                **({"country": c} if why_country else {}),
                **({"imo": i} if why_imo else {}),
                **({"address": a} if why_address else {}),
            }
            score = round(min(1.0, max(0.0, score + d + c + i + a)), 4)
            if score < threshold:
                continue
            extra = (why_dob, why_country, why_imo, why_address)
            why = "; ".join([*reasons, *(w for w in extra if w)])
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

    def _first_name(self, target: int) -> int | None:
        if not hasattr(self, "_first"):
            first: dict[int, int] = {}
            for i, n in enumerate(self.names):
                first.setdefault(n.target, i)
            self._first = first
        return self._first.get(target)


def schemata(schema: str | None) -> frozenset[str] | None:
    """The listed schemata a query of ``schema`` may match (FollowTheMoney's matchable
    schemata: a Person matches persons, a Vessel vessels, a LegalEntity persons and
    organizations); None (any) when no schema is given. Raises QueryError for a name
    FollowTheMoney does not know."""
    if not schema:
        return None
    return _schemata(schema.strip())


@lru_cache(maxsize=64)
def _schemata(schema: str) -> frozenset[str]:
    from followthemoney import model

    from nkwatch.errors import QueryError

    found = model.get(schema) or model.get(schema.capitalize())
    if found is None or not found.matchable:
        raise QueryError(
            f"schema {schema!r} is not one to screen: use Person, Organization, Company, "
            "LegalEntity, Vessel or Airplane (FollowTheMoney schema names)"
        )
    names = {s.name for s in found.matchable_schemata} | {found.name}
    # the lists' own kinds: companies and public bodies are read as Organization
    if names & {"Company", "PublicBody"} or found.name == "LegalEntity":
        names.add("Organization")
    return frozenset(names)


def _word_keys(analysis: fuzzy.Analysis) -> set[str]:
    """Index keys of a name's parts: the general and Chinese keys, the first four letters of
    the general key and the consonant skeleton (Mohammed and Muhammad: mhmd)."""
    out: set[str] = set()
    for parts in (analysis.parts, analysis.joined or ()):
        for p in parts:
            out |= _part_keys(p)
    return out


def _part_keys(p: fuzzy.Part) -> set[str]:
    """The index keys of one part (see :func:`_word_keys`)."""
    out = {p.general, "c:" + p.chinese}
    if len(p.general) >= 4:
        out.add(p.general[:4] + "…")
    sk = fuzzy.skeleton(p.general)
    if len(sk) >= 3:
        out.add("s:" + sk)
    return out


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
    imo: Sequence[str] | None = None,
    addresses: Sequence[str] | None = None,
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
        tuple(imo or ()),
        tuple(addresses or ()),
    )
