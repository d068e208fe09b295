"""Ordinary fuzzy matching for names that are not Korean personal names (Chinese and Russian
names, companies, vessels): folded to lower-case ASCII words, legal forms dropped, compared
by token-sort ratio (rapidfuzz)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

#: legal forms and filler words that say nothing about which company it is
STOPWORDS = frozenset(
    {
        *("co", "company", "companies", "ltd", "limited", "corp", "corporation", "inc"),
        *("incorporated", "llc", "the", "of", "and", "sa", "gmbh", "jsc", "ooo", "pte"),
        *("plc", "llp", "ag", "bv", "nv", "srl", "spa", "sdn", "bhd", "fze", "fzco", "fzc"),
    }
)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case ASCII words: accents and apostrophes dropped, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’‘`´ʼ]", "", text.lower())
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def tokens(text: str) -> list[str]:
    """The words that identify a name (legal forms dropped unless nothing else is left)."""
    words = fold(text).split()
    kept = [w for w in words if w not in STOPWORDS]
    return kept or words


#: initials that Wade-Giles, pinyin and other romanizations write differently (Zhang/Chang,
#: Gen/Ken, Jin/Chin, Deng/Teng)
_INITIALS = (
    ("zh", "ch"),
    ("j", "ch"),
    ("q", "ch"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("z", "ts"),
)


def _initial_fold(word: str) -> str:
    for a, b in _INITIALS:
        if word.startswith(a):
            return b + word[len(a) :]
    return word


def _aligned(ta: list[str], tb: list[str]) -> float:
    """Words compared in order, each with its counterpart, weighted by length; a word of
    fewer than four letters must be equal, up to its romanized initial ("Wang Wei" is not
    "Wang Wen", "Wang-gen" is "Wang Ken")."""
    if len(ta) != len(tb):
        return 0.0
    total = score = 0.0
    for x, y in zip(ta, tb, strict=True):
        weight = max(len(x), len(y))
        x, y = _initial_fold(x), _initial_fold(y)
        same = 1.0 if x == y else 0.0 if min(len(x), len(y)) < 4 else fuzz.ratio(x, y) / 100.0
        total += weight
        score += weight * same
    return score / total if total else 0.0


def _one_more_word(ta: list[str], tb: list[str]) -> float:
    """A name with one more word (a patronymic, a married name): the best token-sort ratio
    with one word of the longer name left out, discounted."""
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(long_) - len(short) != 1 or not (len(short) >= 3 or all(len(w) >= 5 for w in short)):
        return 0.0  # two short words inside a longer name say little (Hwa Song)
    joined = " ".join(short)
    best = max(
        fuzz.token_sort_ratio(joined, " ".join(long_[:i] + long_[i + 1 :]))
        for i in range(len(long_))
    )
    return 0.95 * best / 100.0


def compare(a: str, b: str) -> tuple[float, str]:
    """(score 0-1, reason): the best of token-sort ratio, word-by-word similarity, the
    words run together (Wen-ji / Wenji), and a name with one more word, discounted."""
    ta, tb = tokens(a), tokens(b)
    if sorted(ta) == sorted(tb):
        return 1.0, f"'{a}' = '{b}' (the same words)"
    options = {
        "token-sort ratio": fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)) / 100.0,
        "word by word": _aligned(ta, tb),
        "one more word": _one_more_word(ta, tb),
    }
    if len(ta) != len(tb):
        options["words run together"] = fuzz.ratio("".join(ta), "".join(tb)) / 100.0
    how, score = max(options.items(), key=lambda kv: kv[1])
    why = f"'{a}' ~ '{b}' (words alike {score:.2f}, {how})"
    fa, fb = _family(a), _family(b)
    contained = set(fa.split()) <= set(fb.split()) or set(fb.split()) <= set(fa.split())
    if fa and fb and not contained and fuzz.ratio(fa, fb) < FAMILY_ALIKE:
        score = min(score, FAMILY_DIFFERS_CAP)
        why += f"; family names differ ({fa} vs {fb})"
    return round(score, 4), why


#: "ORLOV, Vasiliy Aleksandrovich" is not "KOLCHANOV, Vasili Aleksandrovich": when both
#: names mark the family name with a comma, family names this unlike cap the score
FAMILY_ALIKE = 70
FAMILY_DIFFERS_CAP = 0.75


def _family(name: str) -> str:
    """The family name of "FAMILY, Given" (folded, romanized initial evened out), else ""."""
    if "," not in name:
        return ""
    return " ".join(_initial_fold(w) for w in tokens(name.split(",", 1)[0]))
