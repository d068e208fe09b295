"""Spelling variants of Korean names: which Hangul a romanized syllable may stand for,
whether two spellings can be the same syllable or name, and index keys shared by every
spelling of one name.

A romanized syllable's candidates come from the inventory (``inventory``): "Young" may be
영 (ㅕ written "you"), "Ryong" 룡 or 령, "Chul" 철 (ㅓ written "u") or 출. Two spellings are
the same syllable when their candidates meet. ``name_key`` reduces a name to sound classes
that every system's spelling of it shares (voicing, aspiration marks, breves, ŏ/o/eo, the
initial-sound law and assimilation at syllable boundaries are folded away), so
"Kim Yong Chol", "Kim Young-chul", "Gim Yeongcheol" and 김영철 get one key while
"Kim Chol Su" and "Kim Chol Sam" do not.
"""

from __future__ import annotations

import re
from heapq import nsmallest
from itertools import pairwise

from .hangul import contains_hangul, is_syllable, normalize
from .inventory import (
    Reading,
    frequency_cost,
    hangul_classes,
    normalize_roman,
    readings,
    spelling_classes,
)
from .surnames import by_hangul, by_spelling
from .syllables import ParsedName, parse_name_options, split_word

# Vowel pairs across a syllable boundary that pinyin writes as one vowel (Jintao, Xiaobo):
# a Korean romanizer would have put a hyphen there.
_PINYIN_PAIRS = {"ao", "ou", "ei", "ie", "iu", "uo"}
_NASAL = {"K": "NG", "T": "N", "P": "M"}


class NotKoreanNameError(ValueError):
    """The text does not read as a Korean personal name."""


def _is_hangul_syllable(text: str) -> bool:
    return len(text) == 1 and is_syllable(text)


def syllable_readings(syllable: str) -> tuple[Reading, ...]:
    """The Hangul a romanized syllable may stand for, likeliest first, each with its cost
    and how the spelling comes about. A Hangul syllable stands for itself."""
    syllable = normalize(syllable).strip()
    if _is_hangul_syllable(syllable):
        return (Reading(syllable, 0.0, "Hangul"),)
    return readings(syllable)


def hangul_candidates(syllable: str) -> list[str]:
    """The Hangul syllables a romanized syllable may stand for in any system, likeliest
    first: ``hangul_candidates("Chul")[0] == "철"``."""
    return [r.hangul for r in syllable_readings(syllable)]


def _reading_map(syllable: str) -> dict[str, Reading]:
    return {r.hangul: r for r in syllable_readings(syllable)}


def same_syllable(a: str, b: str) -> tuple[bool, str]:
    """Whether two spellings (or a spelling and a Hangul syllable) can be one syllable,
    with the reason: ``(True, "Yong = Young: both can be 영 (Yong: MR without breves,
    DPRK; Young: ㅕ written you (Young))")``."""
    if normalize_roman(a) == normalize_roman(b):
        return True, f"{a} = {b}: the same spelling"
    ra, rb = _reading_map(a), _reading_map(b)
    if not ra or not rb:
        unknown = a if not ra else b
        return False, f"{a} ≠ {b}: {unknown!r} is not a romanized Korean syllable we know"
    shared = set(ra) & set(rb)
    if not shared:
        top_a = "/".join(list(ra)[:3])
        top_b = "/".join(list(rb)[:3])
        return False, f"{a} ≠ {b}: no Hangul syllable in common ({a}: {top_a}; {b}: {top_b})"

    def weight(h: str) -> tuple[float, str]:  # explain by a system spelling if there is one
        detour = sum(0.3 for r in (ra[h], rb[h]) if r.how.startswith("surname spelling"))
        return ra[h].cost + rb[h].cost + frequency_cost(h) + detour, h

    best = min(shared, key=weight)
    return True, f"{a} = {b}: both can be {best} ({a}: {ra[best].how}; {b}: {rb[best].how})"


def _surname_hangul(parsed: ParsedName) -> list[tuple[str, float, str]]:
    """(Hangul, cost, how) for the family name of a parsed name, likeliest first."""
    text = parsed.surname_text
    if parsed.hangul:
        row = by_hangul(text)
        forms = [text] + [f for f in (row.forms if row else ()) if f != text]
        return [(f, 0.0 if f == text else 0.1, "Hangul") for f in forms]
    out: list[tuple[str, float, str]] = []
    north_first = normalize_roman(text).startswith("r")  # Ri, Rim, Ryang: the North form
    for i, row in enumerate(by_spelling(text)):
        forms = list(row.forms[::-1] if north_first else row.forms)
        how = ", ".join(row.labels(text)) or "surname spelling"
        for j, form in enumerate(forms):
            out.append((form, 0.3 * i + 0.2 * j, how))
    return out


def _given_options(spelling: str, position: int, limit: int) -> list[tuple[str, float]]:
    options = []
    for r in syllable_readings(spelling):
        cost = r.cost + frequency_cost(r.hangul)
        if position and "initial" in r.how and "dropped" in r.how:
            cost += 0.6  # only a name's first syllable loses its initial ㄹ/ㄴ
        options.append((r.hangul, cost))
    return sorted(options, key=lambda o: o[1])[:limit]


def romanized_to_hangul(name: str, limit: int = 10) -> list[str]:
    """Candidate Hangul spellings of a romanized name, likeliest first (family name first,
    no space): ``romanized_to_hangul("Kim Yong Chol")[0] == "김영철"``. [] if the name does
    not read as Korean; a name in Hangul gives itself."""
    options = parse_name_options(name)
    if not options:
        return []
    parsed = options[0]
    if parsed.hangul:
        return [parsed.surname_text + "".join(parsed.given)]
    beam: list[tuple[float, str]] = [(c, h) for h, c, _ in _surname_hangul(parsed)]
    width = max(limit * 3, 10)
    for position, spelling in enumerate(parsed.given):
        choices = _given_options(spelling, position, 8)
        if not choices:
            return []
        beam = nsmallest(width, ((c + c2, h + h2) for c, h in beam for h2, c2 in choices))
    seen: dict[str, None] = {}
    for _, text in sorted(beam):
        seen.setdefault(text, None)
    return list(seen)[:limit]


def _classes(parsed: ParsedName, syllables: tuple[str, ...]) -> list[list[str]]:
    out = []
    for s in syllables:
        cls = hangul_classes(s) if parsed.hangul else spelling_classes(s)
        if cls is None:  # a whole irregular surname spelling such as "park"
            reading = syllable_readings(s)
            cls = hangul_classes(reading[0].hangul) if reading else ("", s.upper(), "")
        out.append(list(cls))
    return out


def _fold_word(classes: list[list[str]]) -> list[str]:
    """Fold one word's sound classes the way spellings differ: the initial-sound law at
    the start, assimilation at syllable boundaries, ㅈ/ㅊ + y-vowels."""
    if not classes:
        return []
    onset, vowel, _ = classes[0]
    if onset in ("R", "N") and (vowel.startswith("Y") or vowel == "I"):
        classes[0][0] = ""
    elif onset == "R":
        classes[0][0] = "N"
    for prev, cur in pairwise(classes):
        coda, onset = prev[2], cur[0]
        if onset in ("N", "M") and coda in _NASAL:
            prev[2] = _NASAL[coda]
        elif onset == "R" or (onset == "N" and coda == "L"):
            if coda in ("N", "L"):
                prev[2], cur[0] = "L", "R"
            elif coda:
                prev[2], cur[0] = _NASAL.get(coda, coda), "N"
    out = []
    for onset, vowel, coda in classes:
        if onset == "C" and vowel.startswith("Y"):
            vowel = vowel[1:]  # 져 sounds as 저
        out.append(onset + vowel + coda)
    return out


def _key(parsed: ParsedName) -> str:
    surname = _fold_word(_classes(parsed, parsed.surname))
    given = _fold_word(_classes(parsed, parsed.given))
    return " ".join(["".join(surname), *given])


def name_key(name: str) -> str:
    """A key all spellings of one Korean name share: "KIM YONG COL" for Kim Yong Chol,
    Kim Young-chul, Gim Yeongcheol, KIM, Yong Chol and 김영철 alike.

    Family name first, then one sound-class code per given-name syllable. Raises
    NotKoreanNameError for a name that does not read as Korean (check ``looks_korean``
    first and match such names with ordinary fuzzy matching instead).
    """
    options = parse_name_options(name)
    if not options:
        raise NotKoreanNameError(
            f"{name!r} does not read as a Korean personal name: check looks_korean() first "
            "and match non-Korean names with ordinary fuzzy matching"
        )
    return _key(options[0])


def name_keys(name: str) -> list[str]:
    """The keys of every plausible reading of ``name`` (family name first or last, other
    cuts of a name written as one word), likeliest first; index under all of them when
    the order of a name is uncertain. [] for a name that does not read as Korean."""
    return list(dict.fromkeys(_key(p) for p in parse_name_options(name)))


def _has_pinyin_hiatus(word: str) -> bool:
    for part in re.split(r"[\s\-]+", normalize_roman(word)):
        splits = split_word(part) if part else []
        syllables = splits[0].syllables if splits else ()
        pairs = pairwise(syllables)
        if any(a[-1] + b[0] in _PINYIN_PAIRS for a, b in pairs):
            return True
    return False


def looks_korean(name: str) -> bool:
    """True if ``name`` reads as a Korean personal name: in Hangul, or romanized in any
    system with a known family name and one to three given-name syllables.

    Chinese (Xi Jinping, Hu Jintao), Russian (Sergei Lavrov) and company names (Korea
    Kwangson Banking Corp) give False, so a screener can fall back to ordinary fuzzy
    matching for them.
    """
    text = normalize(name).strip()
    if contains_hangul(text):
        return not re.search(r"[A-Za-z]", text)
    if not text or re.search(r"[^\w\s,.'’‘`´ʼ\-]|\d|_", text):
        return False
    words = [w for w in re.split(r"[\s,.]+", text) if w]
    if not 1 <= len(words) <= 4:
        return False
    options = parse_name_options(text)
    if not options or not 1 <= len(options[0].given) <= 3:
        return False
    return not any(_has_pinyin_hiatus(w) for w in words)


def same_name(a: str, b: str) -> tuple[bool, str]:
    """Whether two spellings (romanized or Hangul) can be the same Korean name, with the
    reason syllable by syllable. Both must read as Korean names."""
    pa, pb = parse_name_options(a), parse_name_options(b)
    if not pa or not pb:
        bad = a if not pa else b
        return False, f"{bad!r} does not read as a Korean personal name"
    reasons: list[str] = []
    for x in pa:
        for y in pb:
            ok, why = _same_parsed(x, y)
            if ok:
                return True, why
            reasons.append(why)
    return False, reasons[0]


def _same_parsed(x: ParsedName, y: ParsedName) -> tuple[bool, str]:
    sx = {h: how for h, _, how in _surname_hangul(x)}
    sy = {h: how for h, _, how in _surname_hangul(y)}
    shared = [h for h in sx if h in sy]
    xs, ys = x.surname_text, y.surname_text
    if not shared:
        return False, f"family names differ: {xs} ({'/'.join(sx)}) vs {ys} ({'/'.join(sy)})"
    parts = [f"{xs} = {ys} ({shared[0]})"]
    if len(x.given) != len(y.given):
        return False, (
            f"given names have {len(x.given)} and {len(y.given)} syllables: "
            f"{'-'.join(x.given)} vs {'-'.join(y.given)}"
        )
    for sa, sb in zip(x.given, y.given, strict=True):
        ok, why = same_syllable(sa, sb)
        if not ok:
            return False, why
        parts.append(why.split(":", 1)[0] if sa == sb else why)
    return True, "; ".join(parts)
