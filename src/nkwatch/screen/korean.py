"""Compare Korean names syllable by syllable, with the reasons.

Two names match when their family names can be one Hangul surname and their given names
have the same number of syllables, each pair of which can be one Hangul syllable (the
readings of ``nkwatch.names`` meet). How unusual the spellings are that make them meet
lowers the score a little ("Young" for 영 costs more than "Yong"); one syllable that cannot
be the same sinks it ("Kim Chol Su" is not "Kim Chol Sam").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from nkwatch.names import ParsedName, parse_name_options, syllable_readings
from nkwatch.names.hangul import normalize
from nkwatch.names.inventory import frequency_cost, normalize_roman
from nkwatch.names.syllables import _surname_cost, _surname_syllables, split_word
from nkwatch.names.variants import _surname_hangul

from .fuzzy import fold

#: score lost per unit of spelling cost; an assimilated reading (chol for 전) costs extra
COST_WEIGHT = 0.2
ASSIMILATION_COST = 0.3
RARE_WEIGHT = 0.05  # per unit of frequency cost of the Hangul the spellings meet on
ORDER_COST = 0.02  # family name last on one side only


@dataclass(frozen=True)
class Form:
    """One reading of a name, ready to compare: family-name Hangul → (cost, how) and each
    given syllable's spelling with its readings (Hangul → (cost, how))."""

    parsed: ParsedName
    surname: dict[str, tuple[float, str]]
    given: tuple[tuple[str, dict[str, tuple[float, str, str]]], ...]
    rank: int  # 0 for the likeliest reading of the name


#: an assimilated spelling where its neighbour calls for it (MR Kung-nyŏl for 국렬) costs this
IN_CONTEXT_COST = 0.1
_VOWEL_END = set("aeiouyŏŭ")


def _assimilation(how: str) -> str:
    """ "final" (국 as kung), "initial" (렬 as nyŏl) or "" for a reading's note."""
    if "final" in how and "assimilated" in how:
        return "final"
    if "read n" in how or "ㄴ assimilated to l" in how:
        return "initial"
    return ""


@lru_cache(maxsize=1 << 14)
def _readings(spelling: str) -> dict[str, tuple[float, str, str]]:
    out = {}
    for r in syllable_readings(spelling):
        kind = _assimilation(r.how)
        out[r.hangul] = (r.cost + (ASSIMILATION_COST if kind else 0.0), r.how, kind)
    return out


def _in_context(reading: tuple[float, str, str], before: str, after: str) -> float:
    """A reading's cost beside its neighbours: an assimilated spelling costs little where the
    next syllable starts with n, m, r or l (a final) or the one before ends in a consonant
    (an initial), as inside an MR word; elsewhere it keeps its extra cost."""
    cost, _, kind = reading
    if kind == "final" and after[:1] in ("n", "m", "r", "l"):
        return IN_CONTEXT_COST
    if kind == "initial" and before and before[-1] not in _VOWEL_END:
        return IN_CONTEXT_COST
    return cost


@lru_cache(maxsize=1 << 16)
def forms(name: str) -> tuple[Form, ...]:
    """The readings of ``name`` as Korean (none if it does not read as Korean)."""
    out = []
    for rank, parsed in enumerate(parse_name_options(name)):
        if not parsed.given or len(parsed.given) > 3:
            continue
        surname = {h: (c, how) for h, c, how in _surname_hangul(parsed)}
        given = tuple((s, _readings(s)) for s in parsed.given)
        if surname and all(r for _, r in given):
            out.append(Form(parsed, surname, given, rank))
    return tuple(out)


def _spelled(form: Form) -> str:
    return form.parsed.surname_text.capitalize()


def _syllable(
    a: str,
    ra: dict,
    b: str,
    rb: dict,
    ctx_a: tuple[str, str] = ("", ""),
    ctx_b: tuple[str, str] = ("", ""),
) -> tuple[float, str] | None:
    """(cost, reason) if spellings a and b can be one syllable, else None; ``ctx_a`` and
    ``ctx_b`` are the spellings before and after each (for assimilated spellings). A
    spelling without readings (one of :func:`near_forms`) meets another only where their
    consonants agree, at no cost: the names' letters then set the score."""
    if normalize_roman(a) == normalize_roman(b):
        return 0.0, f"{a.capitalize()} (same)"
    if not ra or not rb:
        odd, other = (a, b) if not ra else (b, a)
        if _frame(odd) is not None and _frame(odd) == _frame(other):
            return 0.0, (
                f"{a.capitalize()} ~ {b.capitalize()} ({odd.capitalize()} is no Korean "
                "spelling; its consonants agree)"
            )
        return None
    best: tuple[float, str] | None = None
    for h in ra.keys() & rb.keys():
        cost = _in_context(ra[h], *ctx_a) + _in_context(rb[h], *ctx_b)
        cost += RARE_WEIGHT / COST_WEIGHT * frequency_cost(h)
        if best is None or cost < best[0]:
            best = (cost, h)
    if best is None:
        return None
    cost, h = best
    how_a, how_b = ra[h][1] or "spelling", rb[h][1] or "spelling"
    why = f"{a.capitalize()} = {b.capitalize()} (both {h}: {how_a}; {how_b})"
    return cost, why


def _around(spellings: list[str], i: int) -> tuple[str, str]:
    before = normalize_roman(spellings[i - 1]) if i else ""
    after = normalize_roman(spellings[i + 1]) if i + 1 < len(spellings) else ""
    return before, after


def compare_forms(x: Form, y: Form) -> tuple[float, list[str], bool]:
    """(score, reasons, matched) for two readings."""
    shared = x.surname.keys() & y.surname.keys()
    if not shared:
        return 0.0, [f"family names differ: {_spelled(x)} vs {_spelled(y)}"], False
    h = min(shared, key=lambda s: x.surname[s][0] + y.surname[s][0])
    cost = x.surname[h][0] + y.surname[h][0]
    xs, ys = _spelled(x), _spelled(y)
    reasons = [
        f"{xs} (same)"
        if normalize_roman(xs) == normalize_roman(ys)
        else f"{xs} = {ys} (family name {h}: {x.surname[h][1]}; {y.surname[h][1]})"
    ]
    if len(x.given) != len(y.given):
        reasons.append(
            f"given names have {len(x.given)} and {len(y.given)} syllables: "
            f"{'-'.join(s for s, _ in x.given)} vs {'-'.join(s for s, _ in y.given)}"
        )
        return 0.4, reasons, False
    differ = 0
    xs_, ys_ = [g for g, _ in x.given], [g for g, _ in y.given]
    for i, ((a, ra), (b, rb)) in enumerate(zip(x.given, y.given, strict=True)):
        found = _syllable(a, ra, b, rb, _around(xs_, i), _around(ys_, i))
        if found is None:
            differ += 1
            reasons.append(f"{a.capitalize()} ≠ {b.capitalize()} (a different syllable)")
        else:
            cost += found[0]
            reasons.append(found[1])
    if differ:
        matched = (len(x.given) - differ) / (len(x.given) + 1)
        return round(0.5 * matched + 0.1, 4), reasons, False
    if x.rank != y.rank and (x.rank or y.rank):
        cost += ORDER_COST / COST_WEIGHT
    return max(0.0, round(1.0 - COST_WEIGHT * cost, 4)), reasons, True


def compare(query: tuple[Form, ...], listed: tuple[Form, ...]) -> tuple[float, list[str]]:
    """The best (score, reasons) over the readings of two names."""
    best: tuple[float, list[str]] = (0.0, ["does not read as a Korean name"])
    for x in query:
        for y in listed:
            score, reasons, _ = compare_forms(x, y)
            if score > best[0]:
                best = (score, reasons)
    return best


#: a syllable's consonants before and after its vowels (y and w count as vowels: Hyok is h-k)
_SHAPE = re.compile(r"([^aeiouwyŏŭ]*)[aeiouwyŏŭ]+([^aeiouwyŏŭ]*)")
_NEAR_PIECE = re.compile(r"[a-zŏŭ']{1,6}")


@lru_cache(maxsize=1 << 14)
def _frame(spelling: str) -> tuple[str, str] | None:
    """(onset, coda) of a one-syllable spelling ("hyok": h, k), None if it is not one."""
    m = _SHAPE.fullmatch(normalize_roman(spelling))
    return (m.group(1), m.group(2)) if m else None


def _near_given(words: list[str]) -> tuple[tuple[str, ...], int] | None:
    """The given name's syllables and the position of the one piece that reads as no Korean
    syllable (a hyphen or a space around it), or None unless exactly one such piece has
    the shape of one syllable and two or three syllables are left in all."""
    syllables: list[str] = []
    odd = -1
    for word in words:
        for piece in (p for p in re.split(r"[\s\-]+", normalize_roman(word)) if p):
            splits = split_word(piece)
            if splits:
                syllables.extend(splits[0].syllables)
            elif odd < 0 and _NEAR_PIECE.fullmatch(piece) and _frame(piece) is not None:
                odd = len(syllables)
                syllables.append(piece)
            else:
                return None
    if odd < 0 or not 2 <= len(syllables) <= 3:
        return None
    return tuple(syllables), odd


@lru_cache(maxsize=1 << 14)
def near_forms(name: str) -> tuple[Form, ...]:
    """Readings of a name that reads as Korean but for one given-name syllable no
    romanization gives ("PAK, Jin Hek": Hek is neither 혁 nor any syllable): that syllable
    has no readings and meets a listed one only by its consonants (:func:`compare_near`).
    Empty when the name reads as Korean (:func:`forms`) or not even so."""
    if forms(name):
        return ()
    text = " ".join(normalize(name).split())
    words = [w for w in re.split(r"[\s,.]+", text) if w]
    if "," in text:
        head, _, tail = text.partition(",")
        options = [(0.0, head.strip(), [w for w in re.split(r"[\s,.]+", tail) if w])]
    elif len(words) >= 2:
        options = []
        for index in (0, len(words) - 1):
            word = words[index]
            if _surname_syllables(word) is None or "-" in word:
                continue
            preference = _surname_cost(word) + (0.0 if index == 0 else 1.5)
            if word.isupper() and not all(w.isupper() for w in words):
                preference -= 5.0  # "Jin Hek PAK": the capitals mark the family name
            rest = words[1:] if index == 0 else words[:-1]
            options.append((preference, word, rest))
        options.sort(key=lambda o: o[0])
    else:
        return ()
    out: list[Form] = []
    for _, head, rest in options:
        surname = _surname_syllables(head)
        given = _near_given(rest)
        if surname is None or given is None:
            continue
        syllables, odd = given
        parsed = ParsedName(surname, syllables, False)
        family = {h: (c, how) for h, c, how in _surname_hangul(parsed)}
        readings = tuple((g, {} if k == odd else _readings(g)) for k, g in enumerate(syllables))
        if family and all(r for k, (_, r) in enumerate(readings) if k != odd):
            out.append(Form(parsed, family, readings, len(out)))
    return tuple(out)


def compare_near(
    query: tuple[Form, ...], listed: tuple[Form, ...], query_text: str, listed_text: str
) -> tuple[float, list[str]]:
    """The best (score, reasons) of a query's :func:`near_forms` against a listed name's
    forms: every other syllable must be the same Korean syllable, the odd one's consonants
    must agree, and the score is then at most the two names' letters alike (token-sort
    ratio, as letter matchers score them)."""
    best: tuple[float, list[str]] = (0.0, ["does not read as a Korean name"])
    letters: float | None = None
    for x in query:
        for y in listed:
            score, reasons, matched = compare_forms(x, y)
            if matched:
                if letters is None:
                    letters = fuzz.token_sort_ratio(fold(query_text), fold(listed_text)) / 100
                score = round(min(score, letters), 4)
                reasons = [*reasons, f"letters alike {letters:.2f} (token-sort ratio)"]
            if score > best[0]:
                best = (score, reasons)
    return best
