"""Names that are not Korean personal names, of every origin: Arabic, Persian, Russian,
Chinese, European names, companies and vessels.

A name is cut into parts (:func:`analyze`): transliterated to ASCII (OpenSanctions'
``rigour``: Cyrillic, Greek, Arabic script), Arabic compounds joined ("Abd al-Rahman",
"Abdul Rahman", "Abdel Rahman" are one part), particles (al-, bin, de, van) and legal forms
(Co., Ltd., OOO, 주식회사 … in English and Korean) set aside, and each part given keys that
transliterations share: a general key (Mohammed and Mohamed, Yevgeniy and Yevgeny, Youssef and
Yusuf, Ghasem and Qasem) and a Chinese key (Wade–Giles and pinyin initials and finals: Chang
and Zhang, Hsi and Xi). rigour's name symbols (Wikidata ids of given names) were tried and
left out: their tables take 8 s of CPU to load, longer than a whole batch of screening.

Two names are compared part by part in any order (:func:`compare`): a part counts as found
when its counterpart is the same, shares a key, or is near enough letter by letter (vowels
matter less than consonants in words of two syllables or more, as in transliterations of
Arabic; words ending in different vowels are different names, Maria and Mario; a word of
fewer than four letters must be nearly the same). The score is the parts' similarity times
how much of both names is found: an unmatched part on either side costs (Dice over parts), so
a one-word name never matches a fuller name on its own ("Ahmed" is not "Ahmed Hassan"),
except that a patronymic on one side costs little and one more part beside three or more
found costs 0.08 (not a first given name: Ali Saddam Husayn is not Saddam Husayn). A match
resting only on very common names spelled another way ("Ahmed Hassan" for the listed "Ahmad
Hasan") scores :data:`COMMON_CAP`, below the default threshold, and says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

#: legal forms and filler words that say nothing about which company it is (English and
#: other languages; Korean in :data:`KOREAN_FORMS`)
STOPWORDS = frozenset(
    {
        *("co", "company", "companies", "ltd", "limited", "corp", "corporation", "inc"),
        *("incorporated", "llc", "the", "of", "and", "sa", "gmbh", "jsc", "ooo", "pte"),
        *("plc", "llp", "ag", "bv", "nv", "srl", "spa", "sdn", "bhd", "fze", "fzco", "fzc"),
        *("ojsc", "cjsc", "pjsc", "oao", "zao", "pao", "ao", "tov", "sarl", "sas", "kg"),
        *("pty", "pvt", "lp", "dmcc", "fzllc", "fz", "est", "establishment", "coltd"),
        *("sociedad", "anonima", "limitada", "ltda", "cia", "sl", "bhd", "tbk", "pt", "jv"),
        *("hoesa", "hoisa", "hwesa"),  # 회사 romanized
    }
)

#: Korean legal forms and business words, longest first: Hangul suffix → English words
#: (an empty string drops it: a legal form)
KOREAN_FORMS: tuple[tuple[str, str], ...] = (
    ("주식회사", ""),
    ("유한회사", ""),
    ("합영회사", "joint venture"),
    ("합작회사", "joint venture"),
    ("무역회사", "trading"),
    ("련합회사", "associated"),
    ("총회사", "general"),
    ("회사", ""),
    ("㈜", ""),
    ("총국", "general bureau"),
    ("관리국", "bureau"),
    ("은행", "bank"),
    ("무역", "trading"),
    ("상사", "trading"),
    ("그룹", "group"),
    ("공사", "corporation"),
)
#: romanized Korean business words and their English counterparts
KOREAN_ROMAN = {
    "muyok": "trading",
    "muyeok": "trading",
    "chongguk": "general bureau",
    "chonggug": "general bureau",
    "unhaeng": "bank",
    "unhang": "bank",
    "hapyong": "joint venture",
    "chonghoesa": "general",
}
#: particles of personal names, set aside when comparing (they rarely decide a match)
PARTICLES = frozenset(
    {
        *("al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "ben"),
        *("bint", "binti", "bte", "de", "del", "della", "da", "das", "do", "dos", "di"),
        *("van", "von", "der", "den", "la", "le", "y", "e", "mr", "mrs", "dr", "haji", "hajji"),
    }
)
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ich|ogly|oglu|uly|kyzy|qizi)$")
_ABD = re.compile(
    r"\b(abd|abdu|abdul|abdel|abdal|abdol|abdoul|abdur|abdul-|abd-)"
    r"[\s-]*(?:(?:al|el|ul|ar|ur|as|us|ash|ush|at|ad|an|az)[\s-]+)?(?=[a-z])"
)

PART_MIN = 0.82  # a part nearer than this to its counterpart is not found
FAMILY_MIN = 0.88  # the same for a family name marked by a comma (FAMILY, Given)
SAME_KEY = 0.95  # another spelling of the part (keys agree)
SWAPPED = 0.9  # two neighbouring letters swapped (Neil / Niel)
SHORT_MIN = 0.85  # a word of fewer than four letters must be this alike (Hek / Hyok, Yun / Yung)
PATRONYMIC_COST = 0.04
ONE_MORE_PART = 0.92  # a name with one more part beside three or more found
ORDER_COST = 0.03
COMMON_CAP = 0.84  # a match resting only on common names spelled differently (Ahmed Hassan)
COMMON_NAMES = 100  # persons on the lists sharing a word's consonants make it a common name
WEAK_CAP = 0.9  # a weak alias (the list's own "Low" quality) matched whole scores at most this


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
#: Gen/Ken, Jin/Chin, Deng/Teng, Xi/Hsi)
_INITIALS = (
    ("zh", "ch"),
    ("j", "ch"),
    ("q", "ch"),
    ("x", "hs"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("z", "ts"),
)
_FINALS = (("ung", "ong"), ("ien", "ian"), ("ieh", "ie"), ("ih", "i"))


def _initial_fold(word: str) -> str:
    for a, b in _INITIALS:
        if word.startswith(a):
            return b + word[len(a) :]
    return word


def chinese_key(word: str) -> str:
    """Wade–Giles and pinyin spellings of one syllable sequence meet here."""
    for a, b in _FINALS:
        if word.endswith(a):
            word = word[: -len(a)] + b
            break
    return _initial_fold(word)


_GENERAL = (
    ("dzh", "j"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("ph", "f"),
    ("ck", "k"),
    ("kh", "h"),
    ("gh", "k"),  # Arabic and Persian ghain and qaf: Ghulam / Qulam, Ghanim / Qanim
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("iy", "i"),
    ("ay", "ai"),
    ("ey", "ei"),
    ("ii", "i"),
)


@lru_cache(maxsize=1 << 17)
def general_key(word: str) -> str:
    """The key most transliterations of one word share: Mohammed/Mohamed, Yevgeniy/Evgeny,
    Youssef/Yusuf, Ghasem/Qasem, Abdullah/Abdulla, Husayn/Hussain."""
    w = word
    if w.startswith("ye") and len(w) > 3:
        w = w[1:]
    if len(w) > 3 and w[0] in "oe" and w[1] not in "aeiouy":
        w = ("u" if w[0] == "o" else "i") + w[1:]  # Osama/Usama, Omar/Umar, Ebrahim/Ibrahim
    for a, b in _GENERAL:
        w = w.replace(a, b)
    w = re.sub(r"c(?=[aou]|$)", "k", w)
    w = w.replace("y", "i")  # Yuri / Iuri, Yahya / Yahia, Nikolay / Nikolai
    w = re.sub(r"(.)\1+", r"\1", w)
    if len(w) > 3 and w.endswith("h"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1] + "a"  # Persian -eh, Arabic -a: Hamzeh / Hamza, Fatemeh / Fatima
    return w


@lru_cache(maxsize=1 << 17)
def skeleton(key: str) -> str:
    """Consonants of a general key (y and w count as vowels)."""
    return re.sub(r"[aeiouy]+", "", key)


@lru_cache(maxsize=1 << 17)
def _vowel_groups(key: str) -> int:
    return len(re.findall(r"[aeiouy]+", key))


@dataclass(frozen=True)
class Part:
    text: str  # folded
    general: str
    chinese: str
    person: bool = True
    patronymic: bool = False


@dataclass(frozen=True)
class Analysis:
    parts: tuple[Part, ...]
    joined: tuple[Part, ...] | None  # hyphenated parts run together (Wen-fu as Wenfu)
    family: frozenset[str]  # texts of the parts before a comma (FAMILY, Given)


def _korean_company(text: str) -> str:
    """Korean legal forms split off Hangul words and turned into English words; the rest
    romanized the DPRK way, so 련봉무역회사 compares with Ryonbong Trading Co."""
    from nkwatch.names import romanize_word

    out = []
    for word in text.split():
        if not any("\uac00" <= c <= "\ud7a3" for c in word):
            out.append(word)
            continue
        extra: list[str] = []
        lead = ""
        if word.startswith("조선") and len(word) > 2:  # 조선: Korea, as the DPRK names itself
            word, lead = word[2:], "korea"
        changed = True
        while changed:
            changed = False
            for suffix, english in KOREAN_FORMS:
                if word.endswith(suffix) and word != suffix:
                    word = word[: -len(suffix)]
                    extra.insert(0, english)
                    changed = True
                    break
                if word == suffix:
                    word = ""
                    extra.insert(0, english)
                    break
        if lead:
            out.append(lead)
        if word:
            try:
                out.append(romanize_word(word, "dprk"))
            except Exception:
                out.append(word)
        out += [e for e in extra if e]
    return " ".join(out)


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    from rigour.text import ascii_text

    return ascii_text(text)


def _parts(words: list[str], person: bool) -> tuple[Part, ...]:
    return tuple(
        Part(
            w,
            general_key(w),
            chinese_key(w),
            person,
            bool(person and _PATRONYMIC.search(w) and len(w) > 6),
        )
        for w in words
    )


def _fold_hyphens(text: str) -> str:
    """:func:`fold`, keeping hyphens inside words."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’‘`´ʼ]", "", text.lower())
    text = re.sub(r"[^\w-]+", " ", text)
    return " ".join(w.strip("-_") for w in re.sub(r"-+", "-", text).split() if w.strip("-_"))


@lru_cache(maxsize=1 << 17)
def analyze(name: str, person: bool = True) -> Analysis:
    """The parts of a name (``person``: particles set aside, patronymics marked; else legal forms
    in English and Korean are dropped)."""
    text = name
    if not person and any("\uac00" <= c <= "\ud7a3" for c in text):
        text = _korean_company(text)
    text = _ascii(text)
    family_text = text.split(",", 1)[0] if "," in text else ""
    text = _fold_hyphens(text)
    if person:
        # Abd al-Rahman, Abdul Rahman, Abdel-Rahman, Abdulrahman: one part, abdrahman
        text = _ABD.sub("abd", text)
        text = re.sub(r"\babd(?:ul|el|al|ol|ur|ar|u|e|a)(?=[bcdfghjklmnpqrstvxz])", "abd", text)
        text = re.sub(r"\b(al|el|ul|ad|ar|as|ash|at|az|an)-(?=[a-z])", r"\1 ", text)
    words: list[str] = []
    glued: list[bool] = []  # a hyphen joins this word to the next
    alone: list[bool] = []  # the word stood alone (no hyphen)
    for token in text.split():
        if not person:
            token = KOREAN_ROMAN.get(token, token)
        subs = [w for w in token.replace("-", " - ").split()]
        for k, w in enumerate(subs):
            if w == "-":
                continue
            words.append(w)
            glued.append(k + 1 < len(subs) and subs[k + 1] == "-")
            alone.append(len(subs) == 1)
    drop = PARTICLES if person else STOPWORDS
    # a particle inside a hyphenated word stays (Su-bin is not "Su" and "bin")
    keep = [i for i, w in enumerate(words) if not (w in drop and (alone[i] or not person))] or list(
        range(len(words))
    )
    kept = [words[i] for i in keep]
    parts = _parts(kept, person)
    joined = None
    if any(glued[i] for i in keep[:-1]):
        merged: list[str] = []
        glue = False
        for i in keep:
            if glue and merged:
                merged[-1] += words[i]
            else:
                merged.append(words[i])
            glue = glued[i]
        if len(merged) < len(kept):
            joined = _parts(merged, person)
    family = frozenset(fold(family_text).split()) if family_text else frozenset()
    return Analysis(parts, joined, family)


_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=1 << 18)
def _letters(a: str, b: str) -> float:
    """Letter-by-letter likeness of two general keys, vowels counting less; two words that
    end in different vowels are two names (Maria / Mario, Roberto / Roberta)."""
    if a[-1:] in _VOWELS and b[-1:] in _VOWELS and a[-1] != b[-1]:
        return min(fuzz.ratio(a, b) / 100.0, PART_MIN - 0.01)
    plain = fuzz.ratio(a, b) / 100.0
    sa, sb = skeleton(a), skeleton(b)
    long_enough = len(sa) >= 3 or (len(sa) == 2 and min(len(a), len(b)) >= 5)
    groups = _vowel_groups(a)
    # vowels count less in words of two syllables or more (Mohamed / Muhamad, Hamid / Hamed),
    # not in one syllable (Qiang is not Cuiying)
    if long_enough and sa == sb and groups >= 2 and groups == _vowel_groups(b):
        return 0.5 * plain + 0.5
    return plain


def part_similarity(x: Part, y: Part) -> tuple[float, str]:
    """(similarity 0-1, how) of two parts."""
    if x.text == y.text:
        return 1.0, "same"
    if x.general == y.general or x.chinese == y.chinese:
        return SAME_KEY, "another transliteration"
    return _spelled(x.text, x.general, y.text, y.general)


@lru_cache(maxsize=1 << 18)
def _spelled(xt: str, xg: str, yt: str, yg: str) -> tuple[float, str]:
    if _swapped(xg, yg):
        return SWAPPED, "two letters swapped"
    sim = _letters(xg, yg)
    if min(len(xt), len(yt)) < 4:
        sim = max(sim, fuzz.ratio(xt, yt) / 100.0)
        if sim < SHORT_MIN:
            return 0.0, "short and different"
    return sim, "letters alike"


def _swapped(a: str, b: str) -> bool:
    """Whether two words of four letters or more differ by two neighbouring letters swapped
    after the first (Neil / Niel; Ahmed and Hamed are two names)."""
    if len(a) != len(b) or len(a) < 4 or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[0] > 0
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _align(
    a: tuple[Part, ...],
    b: tuple[Part, ...],
    fa: frozenset[str] = frozenset(),
    fb: frozenset[str] = frozenset(),
) -> tuple[list[tuple[int, int, float, str]], list[int], list[int]]:
    """Greedy best pairs of parts (any order): (pairs, unmatched of a, unmatched of b). A
    family name (marked by a comma) needs :data:`FAMILY_MIN` (Maksimov is not Akimov)."""
    scored = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            sim, how = part_similarity(x, y)
            need = FAMILY_MIN if (x.text in fa or y.text in fb) else PART_MIN
            if sim >= need:
                scored.append((sim, -abs(i - j), i, j, how))
    scored.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for sim, _, i, j, how in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, sim, how))
    return (
        pairs,
        [i for i in range(len(a)) if i not in used_a],
        [j for j in range(len(b)) if j not in used_b],
    )


def _order(parts: tuple[Part, ...], family: frozenset[str]) -> list[int]:
    """Positions in the natural order, the family name (before a comma) put last."""
    first = [i for i, p in enumerate(parts) if p.text not in family]
    last = [i for i, p in enumerate(parts) if p.text in family]
    pos = first + last if family else list(range(len(parts)))
    return [pos.index(i) for i in range(len(parts))]


def _score_parts(
    a: tuple[Part, ...], b: tuple[Part, ...], fa: frozenset[str], fb: frozenset[str]
) -> tuple[float, list[str]]:
    if not a or not b:
        return 0.0, ["no words to compare"]
    pairs, rest_a, rest_b = _align(a, b, fa, fb)
    if not pairs:
        return 0.0, ["no word alike"]
    weight = total = 0.0
    found = []
    for i, j, sim, how in pairs:
        w = max(len(a[i].text), len(b[j].text))
        weight += w
        total += w * sim
        found.append(
            f"{a[i].text} (same)" if how == "same" else f"{a[i].text} = {b[j].text} ({how})"
        )
    mean = total / weight
    extra = [a[i] for i in rest_a] + [b[j] for j in rest_b]
    notes = list(found)
    oa, ob = _order(a, fa), _order(b, fb)
    # the first given name is what tells Ali Saddam Husayn from Saddam Husayn (his father)
    first_given = [i for i in rest_a if oa[i] == 0] + [j for j in rest_b if ob[j] == 0]
    if not extra:
        cover = 1.0
    elif all(p.patronymic for p in extra) and len(pairs) >= 2 and not (rest_a and rest_b):
        cover = 1.0 - PATRONYMIC_COST * len(extra)
        notes.append("patronymic on one side only: " + ", ".join(p.text for p in extra))
    elif len(extra) == 1 and len(pairs) >= 3 and not first_given:
        cover = ONE_MORE_PART
        notes.append(f"one more word: {extra[0].text}")
    else:
        cover = 2 * len(pairs) / (len(a) + len(b))
        notes.append("not found: " + ", ".join(p.text for p in extra))
    score = mean * cover
    if len(pairs) >= 2:
        ranked = sorted(pairs, key=lambda p: oa[p[0]])
        if [ob[p[1]] for p in ranked] != sorted(ob[p[1]] for p in ranked):
            score -= ORDER_COST
            notes.append("words in another order")
    return score, notes


_LEGAL = STOPWORDS - {"the", "of", "and", "sa", "sl", "pt", "ag", "as", "kg", "est"}


def looks_like_company(name: str) -> bool:
    """Whether a name carries a legal form (Co., Ltd., OOO, 회사 …)."""
    return bool(set(fold(name).split()) & _LEGAL) or "회사" in name or "㈜" in name


def _common_only(
    x: Analysis, y: Analysis, common: frozenset[str], notes: list[str]
) -> list[str] | None:
    """The words of two names found alike when every one of them is a common name (its
    consonants shared by :data:`COMMON_NAMES` listed persons or more) and one at least is
    spelled differently; else None."""
    if not common or not any("=" in n for n in notes if not n.startswith(("not found", "one"))):
        return None
    words = [p for p in (*x.parts, *y.parts)]
    if all((skeleton(p.general) or p.general) in common for p in words):
        return sorted({p.text for p in x.parts})
    return None


def compare(
    a: str,
    b: str,
    *,
    person: bool | None = None,
    weak: bool = False,
    common: frozenset[str] = frozenset(),
) -> tuple[float, str]:
    """(score 0-1, reason) of query ``a`` against listed name ``b``; ``person``: compare as
    personal names (None: unless either carries a legal form); ``weak``: ``b`` is an alias
    the list itself rates low (it matches only as a whole, at most :data:`WEAK_CAP`);
    ``common``: the consonant skeletons of the commonest name words on the lists (a match
    resting on them alone, spelled differently, scores at most :data:`COMMON_CAP`)."""
    if person is None:
        person = not (looks_like_company(a) or looks_like_company(b))
    x, y = analyze(a, person), analyze(b, person)
    best: tuple[float, list[str]] = (0.0, ["no word alike"])
    for pa in (x.parts, x.joined):
        for pb in (y.parts, y.joined):
            if pa is None or pb is None:
                continue
            found = _score_parts(pa, pb, x.family, y.family)
            if found[0] > best[0]:
                best = found
    score, notes = best
    if score >= 0.999 and fold(a) == fold(b):
        why = f"'{a}' = '{b}'"
    else:
        why = f"'{a}' ~ '{b}': " + "; ".join(notes)
    plain = _common_only(x, y, common, notes) if person and score > COMMON_CAP else None
    if plain:
        score = COMMON_CAP
        why += (
            f"; only common names ({', '.join(plain)}) spelled another way: reported below "
            "the default threshold (lower --threshold to see such matches)"
        )
    if weak:
        if any(n.startswith(("not found", "one more", "patronymic")) for n in notes):
            score = min(score, 0.5)
        score = min(score, WEAK_CAP)
        why += "; a weak alias (the list rates it low quality): it matches only as a whole"
    return round(max(0.0, score), 4), why


def keys(name: str, person: bool = True) -> set[str]:
    """Index keys of a name: its parts' general and Chinese keys."""
    a = analyze(name, person)
    out = set()
    for parts in (a.parts, a.joined or ()):
        for p in parts:
            out.add(p.general)
            out.add("c:" + p.chinese)
    return out


#: word pairs whose letters are less alike than this (rapidfuzz ratio, 0-100) cannot reach
#: :data:`PART_MIN` (letters count at least half: 0.5 ratio + 0.5; two letters swapped in a
#: word of four letters or more keep 75), nor can short words less alike than PART_MIN
_NEAR_GENERAL = min(2 * PART_MIN - 1, 0.75) * 100 - 0.01
_NEAR_TEXT = PART_MIN * 100 - 0.01


class Bound:
    """A cheap upper bound of :func:`compare`'s score of one query against many listed names,
    so that names which cannot reach a threshold are not compared in full.

    The listed names' words are compared with the query's words once per query, in bulk
    (:meth:`prepare`: rapidfuzz finds the few pairs alike enough to be found, and only those
    are scored by :func:`part_similarity`); a name's bound is then the best similarity among
    its words times the most of both names those words could cover (every rule of
    :func:`_score_parts` that raises the cover is allowed for). :func:`compare` never scores
    above it; the caps it applies afterwards (common names, weak aliases, word order) only
    lower a score."""

    def __init__(self, query: Analysis):
        words: dict[str, Part] = {}
        for parts in (query.parts, query.joined or ()):
            for p in parts:
                words.setdefault(p.text, p)
        self.words = tuple(words.values())
        self._generals = [p.general for p in self.words]
        self._texts = [p.text for p in self.words]
        self._chinese = {p.chinese for p in self.words}
        position = {t: k for k, t in enumerate(words)}
        #: each reading: (words, positions of its words, a patronymic among them, how many
        #: times each word occurs in it when one occurs twice: Ali Ali)
        self.variants = []
        for parts in (query.parts, query.joined):
            if parts:
                rows = tuple(position[p.text] for p in parts)
                twice = None
                if len(set(rows)) < len(rows):
                    twice = [rows.count(k) for k in range(len(words))]
                self.variants.append((len(parts), rows, any(p.patronymic for p in parts), twice))
        self.memo: dict[str, tuple[tuple[float, int], ...]] = {}

    def prepare(self, listed: Iterable[Analysis]) -> None:
        """Compare every word of ``listed`` not seen yet with the query's words."""
        new: dict[str, Part] = {}
        memo = self.memo
        for y in listed:
            for parts in (y.parts, y.joined or ()):
                for p in parts:
                    if p.text not in memo:
                        new.setdefault(p.text, p)
        if not new:
            return
        ys = list(new.values())
        near = process.cdist(
            self._generals,
            [p.general for p in ys],
            scorer=fuzz.ratio,
            score_cutoff=_NEAR_GENERAL,
        )
        near += process.cdist(
            self._texts, [p.text for p in ys], scorer=fuzz.ratio, score_cutoff=_NEAR_TEXT
        )
        rows, cols = near.nonzero()
        sims = [[0.0] * len(self.words) for _ in ys]
        for k, j in zip(rows.tolist(), cols.tolist(), strict=True):
            s = part_similarity(self.words[k], ys[j])[0]
            if s >= PART_MIN:
                sims[j][k] = s
        for j, y in enumerate(ys):
            if y.chinese in self._chinese:  # another transliteration (Chang / Zhang)
                for k, x in enumerate(self.words):
                    s = part_similarity(x, y)[0]
                    if s >= PART_MIN:
                        sims[j][k] = s
            memo[y.text] = self._entry(sims[j])

    def _entry(self, sims: list[float]) -> tuple[tuple[float, int], ...]:
        """For each reading of the query (its words, its hyphenated words joined): the best
        similarity of one listed word to any of its words, and which of them it can be."""
        out = []
        for _, rows, _, _ in self.variants:
            top, bits = 0.0, 0
            for k in rows:
                if sims[k]:
                    bits |= 1 << k
                    if sims[k] > top:
                        top = sims[k]
            out.append((top, bits))
        return tuple(out)

    def _get(self, y: Part) -> tuple[tuple[float, int], ...]:
        got = self.memo.get(y.text)
        if got is None:
            sims = [s if (s := part_similarity(x, y)[0]) >= PART_MIN else 0.0 for x in self.words]
            got = self.memo[y.text] = self._entry(sims)
        return got

    def __call__(self, listed: Analysis) -> float:
        """The most :func:`compare` can score ``listed`` against the query."""
        best = 0.0
        for pb in (listed.parts, listed.joined):
            if not pb:
                continue
            entries = [self._get(p) for p in pb]
            lb = len(pb)
            for v, (la, _, patronymic_a, twice) in enumerate(self.variants):
                top, cols, bits = 0.0, 0, 0
                for entry in entries:
                    m, b = entry[v]
                    if m:
                        cols += 1
                        bits |= b
                        if m > top:
                            top = m
                if not cols:
                    continue
                # at most this many pairs of words: each word is in one pair only
                if twice is None:
                    pairs = min(cols, bin(bits).count("1"))
                else:
                    pairs = min(cols, sum(n for k, n in enumerate(twice) if bits >> k & 1))
                extra = la + lb - 2 * pairs
                if not extra:
                    cover = 1.0
                else:
                    cover = 2 * pairs / (la + lb)
                    if extra == 1 and pairs >= 3:
                        cover = max(cover, ONE_MORE_PART)
                    if pairs >= 2 and (patronymic_a or any(p.patronymic for p in pb)):
                        cover = max(cover, 1.0 - PATRONYMIC_COST * extra)
                if top * cover > best:
                    best = top * cover
        return best
