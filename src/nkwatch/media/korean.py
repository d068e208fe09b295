"""Korean and English text as tokens: morphemes from kiwipiepy for Korean, words for English.

Korean is analysed with kiwipiepy (its model ships as the ``kiwipiepy-model`` package, so
nothing is downloaded at run time), never split on spaces: ``미국의``, ``미국은`` and
``미국과`` are one noun ``미국`` with three particles, and ``핵심`` (core) is not ``핵``
(nuclear). Each token keeps its surface form, its part of speech and a *key*, the form
folded so that the DPRK's and the South's spellings meet:

* initial ㄹ and ㄴ: the DPRK keeps them (로동, 리익, 력사, 녀성), the South drops them at the
  start of a word (노동, 이익, 역사, 여성). The key applies the South's rule to *every*
  syllable (:func:`fold`), so both spellings, whether Kiwi splits a compound or not, give
  one key. The key is for matching only; it is never shown.
* spellings that differ otherwise (로씨야/러시아, 쏘련/소련, 파쑈/파시스트) are listed as
  variants of one concept in ``reference/concepts.yaml``; :data:`VARIANTS` folds the
  commonest of them in the key too, so that the terms a reader types match either way.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nkwatch.names.romanize import initial_law

#: nominal parts of speech (Sejong tags as Kiwi gives them): the runs concepts match in
NOMINAL = frozenset({"NNG", "NNP", "NNB", "NR", "NP", "XPN", "XSN", "XR", "SL", "SH", "SN"})
#: content words for keyness and word counts
CONTENT = frozenset({"NNG", "NNP", "XR", "VV", "VA", "SL", "SH"})

#: DPRK spellings of words the South spells otherwise beyond the initial sound (key -> key)
VARIANTS = {
    "로씨야": "러시아",
    "쏘련": "소련",
    "쏘베트": "소비에트",
    "쏘비에트": "소비에트",
    "파쑈": "파쇼",
    "원쑤": "원수",
    "뽈스까": "폴란드",
    "웽그리아": "헝가리",
    "에스빠냐": "스페인",
    "카나다": "캐나다",
    "도이췰란드": "독일",
    "윁남": "베트남",
    "꾸바": "쿠바",
}

_HANGUL = re.compile(r"[가-힣]")


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """The matching key of a Korean form: NFC, the South's initial-sound rule on every
    syllable (로동 → 노동, 리익 → 이익, 협력 → 협역: the same on both sides of a match), and
    the spelling variants of :data:`VARIANTS`. Non-Hangul text is lower-cased."""
    text = unicodedata.normalize("NFC", text)
    for dprk, south in VARIANTS.items():
        if dprk in text:
            text = text.replace(dprk, south)
    return "".join(initial_law(ch) if "가" <= ch <= "힣" else ch.lower() for ch in text)


def normalize(text: str) -> str:
    """Text as the readers store it: NFKC (full-width digits and spaces become ASCII, which
    some wire copies of the addresses use), no BOM, LF line ends, no trailing spaces."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFKC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


@dataclass(frozen=True, slots=True)
class Token:
    form: str  # as written
    key: str  # folded, for matching (Korean: fold(); English: lower case)
    tag: str  # part of speech (Korean) or W (English word)
    start: int  # character offset in the text
    end: int
    sent: int  # sentence number in the text, from 0


# -- Korean ---------------------------------------------------------------------------------

_kiwi: Any = None
_kiwi_lock = threading.Lock()


def kiwi() -> Any:
    """The shared Kiwi analyzer (loaded once, ~2 s). Raises a MissingExtra naming the fix."""
    global _kiwi
    with _kiwi_lock:
        if _kiwi is None:
            try:
                from kiwipiepy import Kiwi
            except ImportError:
                from nkwatch.errors import MissingExtra

                raise MissingExtra(
                    "Korean analysis needs the media extra (kiwipiepy is not installed): "
                    "pip install 'nkwatch[media]'"
                ) from None
            _kiwi = Kiwi()
        return _kiwi


def korean_tokens(text: str) -> list[Token]:
    """Morphemes of ``text`` with sentence numbers (Kiwi's sentence splitter)."""
    out: list[Token] = []
    for n, sent in enumerate(kiwi().split_into_sents(text, return_tokens=True)):
        for t in sent.tokens:
            tag = t.tag.split("-")[0]  # VV-R / VV-I: regular/irregular verbs
            out.append(Token(t.form, fold(t.form), tag, t.start, t.start + t.len, n))
    return out


def korean_words(text: str) -> int:
    """Words as Korean writes them (어절: runs between spaces holding a letter or digit)."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


# -- English --------------------------------------------------------------------------------

_WORD = re.compile(r"U\.S\.(?:A\.)?|[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*")
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ABBREV = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Dr|St|No|Gen|Lt|Col|Maj|Jr|Sr|vs|etc)\.$")


def english_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence: ends at . ! ? before a capital, or at a line end."""
    start = 0
    for m in _SENT_END.finditer(text):
        if _ABBREV.search(text[start : m.start()]) and "\n" not in m.group():
            continue
        if text[start : m.start()].strip():
            yield start, m.start()
        start = m.end()
    if text[start:].strip():
        yield start, len(text)


def english_tokens(text: str) -> list[Token]:
    """Words of ``text``; ``U.S.`` is ``US``; a possessive 's is dropped (Japan's → Japan)."""
    out: list[Token] = []
    for n, (a, b) in enumerate(english_sentences(text)):
        for m in _WORD.finditer(text, a, b):
            form = m.group()
            word = "US" if form.startswith("U.S.") else possessive(form)
            key = word if _is_acronym(word) else word.lower()
            out.append(Token(form, key, "W", m.start(), m.end(), n))
    return out


def possessive(word: str) -> str:
    """The word without a possessive 's (People's → People)."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_acronym(word: str) -> bool:
    """US, ROK, DPRK, UN: all capitals, two letters or more (so "US" is not "us")."""
    return len(word) >= 2 and word.isupper() and word.isalpha()


def english_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def tokens(text: str, lang: str) -> list[Token]:
    return korean_tokens(text) if lang == "ko" else english_tokens(text)


def words(text: str, lang: str) -> int:
    return korean_words(text) if lang == "ko" else english_words(text)


def sentence_spans(toks: Iterable[Token]) -> dict[int, tuple[int, int]]:
    """Sentence number -> (first char, last char) as the tokens cover it."""
    spans: dict[int, tuple[int, int]] = {}
    for t in toks:
        a, b = spans.get(t.sent, (t.start, t.end))
        spans[t.sent] = (min(a, t.start), max(b, t.end))
    return spans


def is_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))
