"""Hangul syllables: compose and decompose by Unicode arithmetic, and detect Hangul text.

A precomposed syllable (U+AC00..U+D7A3) is ``0xAC00 + (initial * 21 + medial) * 28 + final``
with 19 initials, 21 medials and 28 finals (final 0 = none). Jamo are given here as
*compatibility* jamo (ㄱ, ㅏ, ...), the letters people type; the conjoining jamo of
decomposed (NFD) text are accepted too.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS: tuple[str, ...] = (
    "", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ",
    "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ",
)  # fmt: skip

# Conjoining jamo blocks (NFD text): initials U+1100.., medials U+1161.., finals U+11A8..
_CONJOINING_INITIAL = {chr(0x1100 + i): j for i, j in enumerate(INITIALS)}
_CONJOINING_MEDIAL = {chr(0x1161 + i): j for i, j in enumerate(MEDIALS)}
_CONJOINING_FINAL = {chr(0x11A7 + i): j for i, j in enumerate(FINALS) if i}


class Syllable(NamedTuple):
    """The three jamo of a Hangul syllable; ``final`` is "" when the syllable has none."""

    initial: str
    medial: str
    final: str = ""


def is_syllable(char: str) -> bool:
    """True for one precomposed Hangul syllable (가..힣)."""
    return len(char) == 1 and SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def _jamo(char: str, table: dict[str, str]) -> str:
    return table.get(char, char)


def compose(initial: str, medial: str, final: str = "") -> str:
    """The syllable of three jamo: ``compose("ㄱ", "ㅣ", "ㅁ") == "김"``.

    ``initial`` may be "ㅇ" for a vowel-initial syllable; ``final`` may be "".
    """
    initial = _jamo(initial, _CONJOINING_INITIAL)
    medial = _jamo(medial, _CONJOINING_MEDIAL)
    final = _jamo(final, _CONJOINING_FINAL)
    try:
        i, m, f = INITIALS.index(initial), MEDIALS.index(medial), FINALS.index(final)
    except ValueError:
        raise ValueError(
            f"cannot compose {initial!r}+{medial!r}+{final!r}: the initial must be one of "
            f"{INITIALS}, the medial one of {MEDIALS}, the final one of the 27 final "
            "consonants or '' (write a vowel-initial syllable with ㅇ as its initial)"
        ) from None
    if not (initial and medial):
        raise ValueError("compose needs an initial and a medial jamo (use ㅇ for no consonant)")
    return chr(SYLLABLE_FIRST + (i * 21 + m) * 28 + f)


def decompose(char: str) -> Syllable:
    """The jamo of one syllable: ``decompose("김") == Syllable("ㄱ", "ㅣ", "ㅁ")``."""
    if not is_syllable(char):
        raise ValueError(
            f"{char!r} is not a precomposed Hangul syllable (U+AC00..U+D7A3); "
            "normalise the text with hangul.normalize() first"
        )
    index = ord(char) - SYLLABLE_FIRST
    return Syllable(INITIALS[index // 588], MEDIALS[(index // 28) % 21], FINALS[index % 28])


def normalize(text: str) -> str:
    """NFC-normalise ``text`` so conjoining jamo sequences become precomposed syllables."""
    return unicodedata.normalize("NFC", text)


def contains_hangul(text: str) -> bool:
    """True if ``text`` has at least one Hangul syllable (after normalisation)."""
    return any(is_syllable(c) for c in normalize(text))


def is_hangul(text: str) -> bool:
    """True if every letter of ``text`` is a Hangul syllable (spaces, digits and punctuation
    may appear) and there is at least one."""
    letters = [c for c in normalize(text) if c.isalpha()]
    return bool(letters) and all(is_syllable(c) for c in letters)


def hangul_syllables(text: str) -> list[str]:
    """The Hangul syllables of ``text`` in order (other characters dropped)."""
    return [c for c in normalize(text) if is_syllable(c)]


def to_jamo(text: str) -> str:
    """``text`` with every syllable spelled out as compatibility jamo: 김 → ㄱㅣㅁ."""
    out: list[str] = []
    for char in normalize(text):
        out.append("".join(decompose(char)) if is_syllable(char) else char)
    return "".join(out)
