"""Hangul → Latin letters in the romanization systems Korean names appear in.

Systems (``SYSTEMS``):

- ``"rr"``: Revised Romanization (South Korea, 2000): 김영철 → Kim Yeong-cheol;
- ``"mr"``: McCune–Reischauer as the Library of Congress applies it (ALA-LC), with breves
  and apostrophes for aspirates: 김정일 → Kim Chŏng-il, 최룡해 → Ch'oe Yong-hae;
- ``"mr-ascii"``: the same without breves (ŏ → o, ŭ → u): Kim Chong-il;
- ``"mr-list"``: the same with the breve written as an apostrophe after the vowel, as
  sanctions lists do: 민병철 → Min Pyo'ng-ch'o'l;
- ``"dprk"``: the DPRK's own usage (KCNA): MR without diacritics, ㅈ as j, aspirates as
  ch/kh/th/ph, given-name syllables as separate words: 김정은 → Kim Jong Un,
  최룡해 → Choe Ryong Hae, 리선권 → Ri Son Gwon.

Sound changes at syllable boundaries follow MR/ALA-LC inside a word (and inside an MR given
name): voicing (k → g between voiced sounds), nasal assimilation (덕룡 → Tŏng-nyong), ㄹ
assimilation (신라 → Silla), liaison and palatalization. RR and DPRK names romanize
each syllable on its own, as those conventions do. South Korean usage drops an initial
ㄹ/ㄴ in names (리 → Yi/Lee, 룡해 → Yong-hae); the DPRK keeps it (Ri, Ryong Hae).
"""

from __future__ import annotations

from .hangul import Syllable, compose, decompose, is_syllable, normalize
from .surnames import by_hangul, fold_breves, two_syllable_surnames

SYSTEMS = ("rr", "mr", "mr-ascii", "mr-list", "dprk")

_RR_INITIAL = dict(zip("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ",
    ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k",
     "t", "p", "h"], strict=True))  # fmt: skip
_MR_INITIAL = dict(zip("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ",
    ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'",
     "k'", "t'", "p'", "h"], strict=True))  # fmt: skip
_DPRK_INITIAL = dict(zip("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ",
    ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh",
     "th", "ph", "h"], strict=True))  # fmt: skip
_VOICED = {"ㄱ": "g", "ㄷ": "d", "ㅂ": "b", "ㅈ": "j"}

_MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_RR_MEDIAL = dict(zip(_MEDIALS,
    ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
     "wo", "we", "wi", "yu", "eu", "ui", "i"], strict=True))  # fmt: skip
_MR_MEDIAL = dict(zip(_MEDIALS,
    ["a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u",
     "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i"], strict=True))  # fmt: skip

# The sound a final consonant has before another consonant or a pause (its class).
_FINAL_CLASS = {
    "": "", "ㄱ": "ㄱ", "ㄲ": "ㄱ", "ㄳ": "ㄱ", "ㄴ": "ㄴ", "ㄵ": "ㄴ", "ㄶ": "ㄴ",
    "ㄷ": "ㄷ", "ㄹ": "ㄹ", "ㄺ": "ㄱ", "ㄻ": "ㅁ", "ㄼ": "ㄹ", "ㄽ": "ㄹ", "ㄾ": "ㄹ",
    "ㄿ": "ㅂ", "ㅀ": "ㄹ", "ㅁ": "ㅁ", "ㅂ": "ㅂ", "ㅄ": "ㅂ", "ㅅ": "ㄷ", "ㅆ": "ㄷ",
    "ㅇ": "ㅇ", "ㅈ": "ㄷ", "ㅊ": "ㄷ", "ㅋ": "ㄱ", "ㅌ": "ㄷ", "ㅍ": "ㅂ", "ㅎ": "ㄷ",
}  # fmt: skip
_FINAL_SPELLING = {"": "", "ㄱ": "k", "ㄴ": "n", "ㄷ": "t", "ㄹ": "l", "ㅁ": "m",
                   "ㅂ": "p", "ㅇ": "ng"}  # fmt: skip
# Before a vowel a final consonant is carried over: (what stays, what starts the next).
_LIAISON = {
    "ㄳ": ("ㄱ", "ㅅ"), "ㄵ": ("ㄴ", "ㅈ"), "ㄶ": ("", "ㄴ"), "ㄺ": ("ㄹ", "ㄱ"),
    "ㄻ": ("ㄹ", "ㅁ"), "ㄼ": ("ㄹ", "ㅂ"), "ㄽ": ("ㄹ", "ㅅ"), "ㄾ": ("ㄹ", "ㅌ"),
    "ㄿ": ("ㄹ", "ㅍ"), "ㅀ": ("", "ㄹ"), "ㅄ": ("ㅂ", "ㅅ"), "ㅎ": ("", "ㅇ"), "ㅇ": ("ㅇ", "ㅇ"),
}  # fmt: skip
_ASPIRATE = {"ㄱ": "ㅋ", "ㄷ": "ㅌ", "ㅈ": "ㅊ", "ㅂ": "ㅍ", "ㅅ": "ㅆ"}
_NASAL = {"ㄱ": "ㅇ", "ㄷ": "ㄴ", "ㅂ": "ㅁ"}
# Vowels before which an initial ㄹ or ㄴ is dropped in South Korean usage.
_I_Y_VOWELS = set("ㅣㅑㅕㅛㅠㅖㅒ")


def check_system(system: str) -> str:
    """``system`` lower-cased, or a ValueError naming the systems there are."""
    key = system.lower().replace("_", "-")
    if key not in SYSTEMS:
        raise ValueError(f"unknown romanization system {system!r}: use one of {', '.join(SYSTEMS)}")
    return key


def initial_law(syllable: str) -> str:
    """The syllable as South Korean usage writes it at the start of a word: 리 → 이,
    룡 → 용, 로 → 노, 녀 → 여 (the 두음법칙); other syllables unchanged."""
    s = decompose(syllable)
    if s.initial == "ㄹ":
        return compose("ㅇ" if s.medial in _I_Y_VOWELS else "ㄴ", s.medial, s.final)
    if s.initial == "ㄴ" and s.medial in _I_Y_VOWELS:
        return compose("ㅇ", s.medial, s.final)
    return syllable


def _spell_initial(jamo: str, medial: str, after: str | None, family: str) -> str:
    """The letters of an initial consonant. ``after`` is the final sound of the syllable
    before (a jamo class, "" after a vowel) or None at the start of a word."""
    if family == "rr":
        if jamo == "ㄹ" and after == "ㄹ":
            return "l"
        return _RR_INITIAL[jamo]
    table = _MR_INITIAL if family == "mr" else _DPRK_INITIAL
    if jamo == "ㄹ" and after == "ㄹ":
        return "l"
    if jamo == "ㅅ" and medial == "ㅟ" and family == "mr":
        return "sh"
    if jamo in _VOICED and after is not None:
        voiced = after in ("", "ㄴ", "ㅁ", "ㅇ") or (
            after == "ㄹ" and (jamo in "ㄱㅂ" or family == "dprk")
        )
        if voiced or (family == "dprk" and jamo == "ㅈ"):
            return _VOICED[jamo]
    return table[jamo]


def _vowel(medial: str, family: str) -> str:
    return (_RR_MEDIAL if family == "rr" else _MR_MEDIAL)[medial]


def _boundary(final: str, initial: str, medial: str) -> tuple[str, str, str]:
    """The sound change where ``final`` meets the next syllable's ``initial``.

    Returns (the final's sound class after the change, the consonant carried over to a
    vowel-initial syllable or "", the next initial after the change). A carried consonant
    stays in the first syllable's letters, spelled as an initial (ALA-LC: Tŏg-yŏ).
    """
    if not final:
        return "", "", initial
    if initial == "ㅇ":
        stay, moved = _LIAISON.get(final, ("", final))
        if moved == "ㅇ":
            return stay, "", "ㅇ"
        if medial in "ㅣㅕ" and moved in ("ㄷ", "ㅌ"):
            moved = "ㅈ" if moved == "ㄷ" else "ㅊ"  # palatalization: 굳이 kuji
        return stay, moved, "ㅇ"
    if final == "ㄺ" and initial == "ㄱ":
        return "ㄹ", "", "ㄱ"
    if final in ("ㅎ", "ㄶ", "ㅀ"):
        rest = {"ㅎ": "", "ㄶ": "ㄴ", "ㅀ": "ㄹ"}[final]
        if initial in ("ㄱ", "ㄷ", "ㅈ", "ㅅ"):
            return rest, "", _ASPIRATE[initial]
        if initial == "ㄴ":
            return ("ㄹ", "", "ㄹ") if rest == "ㄹ" else ("ㄴ", "", "ㄴ")
    cls = _FINAL_CLASS[final]
    if initial in ("ㄴ", "ㅁ"):
        if cls == "ㄹ" and initial == "ㄴ":
            return "ㄹ", "", "ㄹ"
        return _NASAL.get(cls, cls), "", initial
    if initial == "ㄹ":
        if cls in ("ㄴ", "ㄹ"):
            return "ㄹ", "", "ㄹ"
        return _NASAL.get(cls, cls), "", "ㄴ"
    return cls, "", initial


def _word_pieces(syllables: list[str], family: str, *, assimilate: bool) -> list[str]:
    """Each syllable's letters, with the boundary sound changes when ``assimilate``."""
    parts = [decompose(s) for s in syllables]
    pieces: list[str] = []
    after: str | None = None  # the previous final's class; None at the word start
    initial = parts[0].initial if parts else ""
    for i, syl in enumerate(parts):
        nxt: Syllable | None = parts[i + 1] if i + 1 < len(parts) else None
        onset = _spell_initial(initial, syl.medial, after, family)
        if family == "rr" and not assimilate:
            onset = _RR_INITIAL[syl.initial]
        text = onset + _vowel(syl.medial, family)
        if nxt is None or not assimilate:
            cls = _FINAL_CLASS[syl.final]
            text += _FINAL_SPELLING[cls]
            after, initial = cls, nxt.initial if nxt else ""
        else:
            final, carried, initial = _boundary(syl.final, nxt.initial, nxt.medial)
            spelled = _FINAL_SPELLING[final]
            if final == "ㄹ" and initial == "ㅎ" and family == "mr":
                spelled = "r"  # ALA-LC: 일한 Ir-han
            text += spelled
            after = final
            if syl.final == "ㄺ" and nxt.initial == "ㄱ":
                after = "ㄷ"  # 읽기 ilki: the ㄹ is heard, the ㄱ is tensed
            if carried:
                text += _spell_initial(carried, nxt.medial, final, family)
                after = ""
        pieces.append(text)
    return pieces


def _family(system: str) -> str:
    return "rr" if system == "rr" else "dprk" if system == "dprk" else "mr"


def _finish(text: str, system: str) -> str:
    """System-specific last touches on MR-family output."""
    if system in ("mr-ascii", "dprk"):
        return fold_breves(text)
    if system == "mr-list":
        return text.translate(str.maketrans({"ŏ": "o'", "ŭ": "u'", "Ŏ": "O'", "Ŭ": "U'"}))
    return text


def _join(pieces: list[str], sep: str, family: str) -> str:
    out = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        if sep == "" and family == "mr" and out.endswith("n") and piece.startswith("g"):
            out += "'"  # ALA-LC: 한국 Han'guk, not Hanguk
        out += sep + piece
    return out.replace("kkk", "kk")


def romanize_syllable(syllable: str, system: str = "rr", *, voiced: bool = False) -> str:
    """One syllable on its own (``voiced``: as after a vowel, so ㄱ is g in MR/DPRK)."""
    system = check_system(system)
    family = _family(system)
    s = decompose(syllable)
    onset = _spell_initial(s.initial, s.medial, "" if voiced else None, family)
    text = onset + _vowel(s.medial, family) + _FINAL_SPELLING[_FINAL_CLASS[s.final]]
    return _finish(text, system)


def romanize_word(syllables: str, system: str = "rr") -> str:
    """A run of Hangul syllables as one word, with the sound changes inside it."""
    system = check_system(system)
    family = _family(system)
    pieces = _word_pieces(list(syllables), family, assimilate=True)
    return _finish(_join(pieces, "", family), system)


def romanize(text: str, system: str = "rr") -> str:
    """Romanize running text word by word (lower case; other characters kept).

    Sound changes apply inside each word (a run of Hangul); a number written against a
    word is joined with a hyphen as ALA-LC does (2009년 → 2009-yŏn).
    """
    system = check_system(system)
    text = normalize(text)
    out: list[str] = []
    i = 0
    while i < len(text):
        if not is_syllable(text[i]):
            out.append(text[i])
            i += 1
            continue
        j = i
        while j < len(text) and is_syllable(text[j]):
            j += 1
        word = text[i:j]
        if i and text[i - 1].isdigit():
            out.append("-")
            word = initial_law(word[0]) + word[1:]
        out.append(romanize_word(word, system))
        i = j
    return "".join(out)


def split_hangul_name(name: str) -> tuple[str, str]:
    """(surname, given name) of a Hangul name: a space separates them if there is one,
    else a known two-syllable surname (남궁, 황보, 선우, ...) or the first syllable."""
    name = " ".join(normalize(name).split())
    if " " in name:
        surname, given = name.split(" ", 1)
        return surname, given.replace(" ", "")
    if len(name) >= 3 and name[:2] in two_syllable_surnames():
        return name[:2], name[2:]
    return name[:1], name[1:]


def _surname_spelling(surname: str, system: str, *, conventional: bool, law: bool) -> str:
    row = by_hangul(surname)
    north_form = row is not None and surname != row.hangul
    if system == "dprk":  # the DPRK's own spelling (이 and 리 are both Ri)
        return romanize_word(surname, system).capitalize() if north_form or not row else row.dprk
    if row is None or (north_form and not law):
        syllables = initial_law(surname[0]) + surname[1:] if law else surname
        return romanize_word(syllables, system).capitalize()
    if system == "rr":
        return row.common if conventional else row.rr
    return _finish(row.mr, system)


def romanize_name(
    name: str,
    system: str = "rr",
    *,
    given_sep: str | None = None,
    conventional: bool = True,
    initial_sound_law: bool | None = None,
) -> str:
    """Romanize a Korean personal name written in Hangul, family name first.

    ``given_sep`` joins the syllables of the given name: "-" (Yeong-cheol), "" (Yeongcheol)
    or " " (Yong Chol). The default is the system's convention: "-" for RR; ALA-LC's for
    the MR systems ("-" in a two-syllable given name, joined otherwise); " " for DPRK.
    ``conventional`` gives RR surnames their usual spelling (Kim, Lee, Park, Choi) rather
    than the strict one (Gim, I, Bak, Choe). ``initial_sound_law`` drops an initial ㄹ/ㄴ
    as South Korean usage does (default: yes for RR and MR, no for DPRK).
    """
    system = check_system(system)
    family = _family(system)
    text = normalize(name).strip()
    if not text or not all(is_syllable(c) or c.isspace() for c in text):
        raise ValueError(
            f"romanize_name needs a name written in Hangul, got {name!r}; to compare "
            "romanized names use nkwatch.names.same_name() or name_key()"
        )
    law = family != "dprk" if initial_sound_law is None else initial_sound_law
    surname, given = split_hangul_name(text)
    out = _surname_spelling(surname, system, conventional=conventional, law=law)
    if not given:
        return out
    if law:
        given = initial_law(given[0]) + given[1:]
    if family == "mr":
        pieces = _word_pieces(list(given), family, assimilate=True)
        sep = given_sep if given_sep is not None else ("-" if len(pieces) == 2 else "")
    else:
        pieces = _word_pieces(list(given), family, assimilate=False)
        sep = given_sep if given_sep is not None else ("-" if family == "rr" else " ")
    if sep == " ":
        given_text = " ".join(p.capitalize() for p in pieces)
    else:
        given_text = _join(pieces, sep, family).capitalize()
    return _finish(f"{out} {given_text}", system)
