"""Split romanized Korean names into syllables and into family name and given name.

"Yong Chol", "Yong-chol", "Yongchol", "YONGCHOL", "Pyo'ng-ch'o'l" and "Pyŏngch'ŏl" all split
into the same syllables: a dynamic-programming search over the inventory of romanized
syllables (``inventory``) picks the cheapest split, where a syllable's cost is how unusual
its spelling is plus how unusual its likeliest Hangul reading is in names.

The family name may come first or last ("KIM, Yong Chol", "Yong Chol KIM", "Kim Yong-chol",
"Kimyongchol"): a comma, a word in capitals among words that are not, the surname table and
Korean order (family name first) decide, in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .hangul import contains_hangul, is_syllable, normalize
from .inventory import frequency_cost, inventory, max_spelling_length, normalize_roman
from .romanize import split_hangul_name
from .surnames import by_spelling, is_surname

_SYLLABLE_COST = 0.35  # each extra syllable costs this: prefer fewer, longer syllables
_HIATUS_COST = 0.6  # a vowel-initial syllable straight after a vowel: Korean writers split
_ONSET_COST = 0.5  # "Hyomun" is hyo-mun, not hyom-un: a consonant starts the next syllable
_VOWELS = set("aeiouŏŭwy")


@dataclass(frozen=True)
class Split:
    """A split of one word: its syllables (normal form) and the cost of the split."""

    syllables: tuple[str, ...]
    cost: float


@dataclass(frozen=True)
class ParsedName:
    """A name taken apart: the family name's syllables and the given name's, as written
    (normal form for romanized names, Hangul syllables for Hangul names)."""

    surname: tuple[str, ...]
    given: tuple[str, ...]
    hangul: bool
    cost: float = 0.0

    @property
    def surname_text(self) -> str:
        """The family name as one word ("kim", "namgung", "김")."""
        return "".join(self.surname)


@lru_cache(maxsize=1 << 16)
def _syllable_cost(spelling: str) -> float:
    readings = inventory().get(spelling)
    if not readings:
        return float("inf")
    return min(r.cost + frequency_cost(r.hangul) for r in readings) + _SYLLABLE_COST


def split_word(word: str, n_best: int = 1) -> list[Split]:
    """The cheapest splits of one romanized word into syllables (at most ``n_best``).

    Hyphens and spaces are syllable boundaries; an empty list means the word cannot be
    spelled with Korean syllables. ``split_word("Yongchol")[0].syllables == ("yong", "chol")``.
    """
    parts = [p for p in re.split(r"[\s\-]+", normalize_roman(word)) if p]
    results: list[Split] = [Split((), 0.0)]
    for part in parts:
        options = _split_part(part, max(n_best, 3))
        if not options:
            return []
        combined = [
            Split(a.syllables + b.syllables, a.cost + b.cost) for a in results for b in options
        ]
        results = sorted(combined, key=lambda s: s.cost)[: max(n_best, 3)]
    return results[:n_best]


#: no romanized Korean name has a word this long ("Namgungyongchol" is 15 letters); longer
#: text is not split at all, so a hostile 10 MB "name" costs nothing (the search below is
#: linear in length, but the screener splits every word of every query)
MAX_WORD_LENGTH = 40


@lru_cache(maxsize=1 << 16)  # bounded: a screener splits many names
def _split_part(text: str, n_best: int) -> tuple[Split, ...]:
    """k-best dynamic programming over ``text`` (no boundaries inside).

    Each position keeps at most ``n_best`` back-pointers (cost, start, rank at start, piece),
    not whole syllable lists, so memory is linear in the length of ``text``."""
    if len(text) > MAX_WORD_LENGTH or not re.fullmatch(r"[a-zŏŭ']+", text):
        return ()
    longest = max_spelling_length()
    # best[i]: up to n_best (cost, start, rank at start, last syllable) for text[:i]
    best: list[list[tuple[float, int, int, str]]] = [[] for _ in range(len(text) + 1)]
    best[0] = [(0.0, -1, -1, "")]

    def syllables(end: int, rank: int) -> tuple[str, ...]:
        return _unwind(best, end, rank)

    for end in range(1, len(text) + 1):
        found: list[tuple[float, int, int, str]] = []
        for start in range(max(0, end - longest), end):
            if not best[start]:
                continue
            piece = text[start:end]
            cost = _syllable_cost(piece)
            if cost == float("inf"):
                continue
            if piece[-1] == "h" and end < len(text):
                continue  # "ah", "oh", "uh" (Ahn, Oh, Suh) only end a word
            for rank, (prev_cost, _, _, last) in enumerate(best[start]):
                extra = 0.0
                if last and piece[0] in _VOWELS:
                    if last[-1] in _VOWELS:
                        extra = _HIATUS_COST
                    elif not last.endswith("ng"):
                        extra = _ONSET_COST
                found.append((prev_cost + cost + extra, start, rank, piece))
        found.sort(key=lambda f: f[0])
        if any(found[i][0] == found[i + 1][0] for i in range(min(n_best, len(found) - 1))):
            # equal costs: the syllables decide, as a sort of (cost, syllables) would
            bound = found[min(n_best, len(found)) - 1][0]
            tied = [f for f in found if f[0] <= bound]
            found = sorted(tied, key=lambda f: (f[0], (*syllables(f[1], f[2]), f[3])))
        best[end] = found[:n_best]
    return tuple(
        Split(syllables(len(text), rank), cost) for rank, (cost, *_) in enumerate(best[len(text)])
    )


def _unwind(best: list[list[tuple[float, int, int, str]]], end: int, rank: int) -> tuple[str, ...]:
    """The syllables of entry ``rank`` at position ``end``, read back along the pointers."""
    out: list[str] = []
    while end > 0:
        _, start, rank, piece = best[end][rank]
        out.append(piece)
        end = start
    return tuple(reversed(out))


def split_syllables(word: str) -> list[str]:
    """The likeliest syllables of a romanized word, or [] if it has none:
    ``split_syllables("Pyo'ng-ch'o'l") == ["pyŏng", "ch'ŏl"]``."""
    splits = split_word(word)
    return list(splits[0].syllables) if splits else []


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,.]+", text) if w]


def _surname_syllables(word: str) -> tuple[str, ...] | None:
    """The syllables of ``word`` if it is a known surname spelling."""
    if not is_surname(word):
        return None
    splits = split_word(word)
    if splits:
        return splits[0].syllables
    return (normalize_roman(word),)  # irregular whole spellings such as "Park"


def _given(words: list[str]) -> tuple[tuple[str, ...], float] | None:
    syllables: list[str] = []
    cost = 0.0
    for word in words:
        splits = split_word(word)
        if not splits:
            return None
        syllables.extend(splits[0].syllables)
        cost += splits[0].cost
    return tuple(syllables), cost


def _surname_cost(word: str) -> float:
    """A cost for rarer surnames (Kim 0, Kye 1.8), and a bonus for two-syllable ones (a
    given name rarely looks like Namgung or Hwangbo)."""
    row = by_spelling(word)[0]
    return 0.02 * row.rank - (3.0 if len(row.hangul) == 2 else 0.0)


def _glued(word: str) -> list[tuple[float, ParsedName]]:
    """Readings of a name written as one word: "Kimyongchol" → kim + yong chol."""
    text = normalize_roman(word).replace("-", "")
    options: list[tuple[float, ParsedName]] = []
    for cut in range(1, min(len(text), 9)):
        head, tail = text[:cut], text[cut:]
        surname = _surname_syllables(head)
        given = _given([tail]) if surname and tail else None
        if surname and given and 1 <= len(given[0]) <= 3:
            cost = given[1] + _surname_cost(head)
            options.append((cost, ParsedName(surname, given[0], False, given[1])))
    return sorted(options, key=lambda o: o[0])


def parse_name_options(name: str) -> list[ParsedName]:
    """Every plausible reading of a name (family name first or last, several ways to cut
    a name written as one word), the likeliest first; [] when none reads as Korean."""
    text = " ".join(normalize(name).split())
    if not text:
        return []
    if contains_hangul(text):
        hangul = "".join(c for c in text if is_syllable(c) or c == " ")
        surname, given = split_hangul_name(hangul)
        return [ParsedName(tuple(surname), tuple(given), True)]
    if "," in text:
        head, _, tail = text.partition(",")
        surname = _surname_syllables(head.strip())
        given = _given(_words(tail))
        if surname is None or given is None or not given[0]:
            return []
        return [ParsedName(surname, given[0], False, given[1])]
    words = _words(text)
    if not words:  # only commas and full stops
        return []
    if len(words) == 1:
        return [parsed for _, parsed in _glued(words[0])][:3]
    options: list[tuple[float, ParsedName]] = []
    for index in sorted({0, len(words) - 1}):
        word = words[index]
        surname = _surname_syllables(word)
        if surname is None or "-" in word:
            continue
        given = _given(words[1:] if index == 0 else words[:-1])
        if given is None or not given[0]:
            continue
        preference = _surname_cost(word) + (0.0 if index == 0 else 1.5)
        if len(word) > 1 and word.isupper() and not all(w.isupper() for w in words):
            preference -= 5.0  # "Yong Chol KIM": the capitals mark the family name
        options.append((preference, ParsedName(surname, given[0], False, given[1])))
    return [parsed for _, parsed in sorted(options, key=lambda o: o[0])]


def parse_name(name: str) -> ParsedName | None:
    """Family name and given name of a Korean name in Hangul or any romanization (the
    likeliest reading), or None when the text does not read as a Korean personal name."""
    options = parse_name_options(name)
    return options[0] if options else None
