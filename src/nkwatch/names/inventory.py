"""The inventory of romanized syllables: every way each name syllable may be spelled.

Korean given names are almost always Sino-Korean syllables (about 470 readings of Hanja)
plus a few native ones; surnames come from ``surnames``. For each of those syllables this
module generates its spellings in every system (RR, MR with and without breves, DPRK) and
the common irregular ones (Young for 영, Chul for 철, Soo for 수, Hee for 희, Choi for 최),
each with a cost (0 for a system's own spelling) and a note saying where it comes from.

Spellings are kept in the normal form of ``normalize_roman``: lower case, breves as ŏ/ŭ,
apostrophes only for aspirates (ch', k', t', p').
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from .hangul import decompose
from .romanize import SYSTEMS, romanize_syllable
from .surnames import surnames as surname_table

# Sino-Korean readings (the syllables Hanja are read as), by initial consonant.
SINO = (
    "가각간갈감갑강개객갱거건걸검겁게격견결겸경계고곡곤골공곶과곽관괄광괘괴굉교구국군굴궁권궐"
    "궤귀규균귤극근글금급긍기긴길김끽나낙난날남납낭내녀년념녕노녹논농뇌뇨누눈눌뉴뉵능니닉닐"
    "다단달담답당대댁덕도독돈돌동두둔득등라락란랄람랍랑래랭략량려력련렬렴렵령례로록론롱뢰료"
    "룡루류륙륜률륭륵름릉리린림립마막만말망매맥맹멱면멸명몌모목몰몽묘무묵문물미민밀박반발방"
    "배백번벌범법벽변별병보복본봉부북분불붕비빈빙사삭산살삼삽상새색생서석선설섬섭성세소속손"
    "솔송쇄쇠수숙순술숭슬습승시식신실심십쌍씨아악안알암압앙애액앵야약양어억언얼엄업여역연열"
    "염엽영예오옥온올옹와완왈왕왜외요욕용우욱운울웅원월위유육윤율융은을음읍응의이익인일임입"
    "잉자작잔잠잡장재쟁저적전절점접정제조족존졸종좌죄주죽준줄중즉즐즙증지직진질짐집징차착찬"
    "찰참창채책처척천철첨첩청체초촉촌총촬최추축춘출충췌취측층치칙친칠침칩칭쾌타탁탄탈탐탑탕"
    "태택탱토통퇴투특틈파판팔패팽퍅편폄평폐포폭표품풍피필핍하학한할함합항해핵행향허헌험혁현"
    "혈혐협형혜호혹혼홀홍화확환활황회획횡효후훈훤훼휘휴휼흉흑흔흘흠흡흥희힐"
)
# Native syllables seen in given names (빛나, 슬기, 아름, 보람, 돌쇠, 꽃분, 이쁜, ...).
NATIVE = "빛슬늘름람별솔샘봄결누똘꽃님쁜뜰힘샛벼르루울내바푸른롱구노을잎다운기솜"
# Given-name syllables, most frequent first (both Koreas); the rank orders candidates.
COMMON_GIVEN = (
    "영철성정수민진현호준희숙자순경은미혜지석동일광남용주상명재기종선태원옥화연춘복길만룡혁"
    "국봉학훈우윤승환규덕식근한대해중범찬택욱웅섭홍삼송애향금심월실녀분례란임매랑련림무창효"
    "인부도양형휘강건관구권균극나녕단달두득락래량렬록륜률모목문백병보빈사서세소손시신아안여"
    "열예오완왕요운위유육을의이작장전제조좌직집차채천청초총출충칠탁평표풍필하함항허헌협황회"
    "후흠흥결겸"
)


@dataclass(frozen=True)
class Reading:
    """One Hangul syllable a spelling may stand for, how costly that reading is (0 for a
    system's own spelling) and how it comes about (for explanations)."""

    hangul: str
    cost: float
    how: str


_Alt = tuple[str, float, str]  # spelling, cost, note ("" when a system's own letters)

_INITIAL: dict[str, list[_Alt]] = {
    "ㄱ": [("k", 0, ""), ("g", 0, "")],
    "ㄲ": [("kk", 0, ""), ("gg", 0.5, "ㄲ written gg")],
    "ㄴ": [("n", 0, ""), ("l", 0.6, "ㄴ assimilated to l")],
    "ㄷ": [("t", 0, ""), ("d", 0, "")],
    "ㄸ": [("tt", 0, ""), ("dd", 0.5, "ㄸ written dd")],
    "ㄹ": [("r", 0, ""), ("l", 0.3, "ㄹ written l"), ("n", 0.4, "ㄹ read n (assimilation or "
           "South Korean initial-sound law)"), ("rh", 0.5, "ㄹ written rh")],
    "ㅁ": [("m", 0, "")],
    "ㅂ": [("p", 0, ""), ("b", 0, "")],
    "ㅃ": [("pp", 0, ""), ("bb", 0.5, "ㅃ written bb")],
    "ㅅ": [("s", 0, ""), ("sh", 0.3, "ㅅ written sh")],
    "ㅆ": [("ss", 0, "")],
    "ㅇ": [("", 0, "")],
    "ㅈ": [("ch", 0, ""), ("j", 0, "")],
    "ㅉ": [("tch", 0, ""), ("jj", 0, ""), ("cch", 0.5, "ㅉ written cch")],
    "ㅊ": [("ch'", 0, ""), ("ch", 0, ""), ("chh", 0.5, "ㅊ written chh")],
    "ㅋ": [("k'", 0, ""), ("kh", 0, ""), ("k", 0, "")],
    "ㅌ": [("t'", 0, ""), ("th", 0, ""), ("t", 0, "")],
    "ㅍ": [("p'", 0, ""), ("ph", 0, ""), ("p", 0, "")],
    "ㅎ": [("h", 0, "")],
}  # fmt: skip
# (spelling, cost, note, where): where is "any", "open" (no final) or "closed".
_MEDIAL: dict[str, list[tuple[str, float, str, str]]] = {
    "ㅏ": [("a", 0, "", "any"), ("ah", 0.5, "ㅏ written ah", "open")],
    "ㅐ": [("ae", 0, "", "any"), ("ai", 0.6, "ㅐ written ai", "any")],
    "ㅑ": [("ya", 0, "", "any")],
    "ㅒ": [("yae", 0, "", "any")],
    "ㅓ": [("ŏ", 0, "", "any"), ("eo", 0, "", "any"), ("o", 0, "", "any"),
           ("u", 0.25, "ㅓ written u (Sung, Chun)", "closed"),
           ("uh", 0.5, "ㅓ written uh (Suh)", "open")],
    "ㅔ": [("e", 0, "", "any")],
    "ㅕ": [("yŏ", 0, "", "any"), ("yeo", 0, "", "any"), ("yo", 0, "", "any"),
           ("yu", 0.25, "ㅕ written yu (Hyun, Myung)", "closed"),
           ("you", 0.3, "ㅕ written you (Young)", "closed")],
    "ㅖ": [("ye", 0, "", "any")],
    "ㅗ": [("o", 0, "", "any"), ("oh", 0.4, "ㅗ written oh", "open"),
           ("ŏ", 0.6, "ㅗ written ŏ (a misplaced breve)", "any")],
    "ㅘ": [("wa", 0, "", "any")],
    "ㅙ": [("wae", 0, "", "any")],
    "ㅚ": [("oe", 0, "", "any"), ("oi", 0.4, "ㅚ written oi (Choi)", "any")],
    "ㅛ": [("yo", 0, "", "any"), ("yŏ", 0.6, "ㅛ written yŏ (a misplaced breve)", "any")],
    "ㅜ": [("u", 0, "", "any"), ("oo", 0.3, "ㅜ written oo (Soo, Moon)", "any")],
    "ㅝ": [("wŏ", 0, "", "any"), ("wo", 0, "", "any"), ("weo", 0, "", "any")],
    "ㅞ": [("we", 0, "", "any")],
    "ㅟ": [("wi", 0, "", "any"), ("wee", 0.4, "ㅟ written wee", "any")],
    "ㅠ": [("yu", 0, "", "any"), ("yoo", 0.4, "ㅠ written yoo", "any")],
    "ㅡ": [("ŭ", 0, "", "any"), ("eu", 0, "", "any"), ("u", 0, "", "any")],
    "ㅢ": [("ŭi", 0, "", "any"), ("ui", 0, "", "any"), ("eui", 0, "", "any"),
           ("i", 0.5, "ㅢ written i (Hi)", "any"), ("ee", 0.5, "ㅢ written ee (Hee)", "any")],
    "ㅣ": [("i", 0, "", "any"), ("ee", 0.4, "ㅣ written ee (Lee)", "any"),
           ("yi", 0.3, "ㅣ written yi (Yi)", "any")],
}  # fmt: skip
_FINAL: dict[str, list[_Alt]] = {
    "": [("", 0, "")],
    "ㄱ": [("k", 0, ""), ("g", 0.3, "final ㄱ voiced before a vowel"),
           ("ng", 0.5, "final ㄱ assimilated to ng"), ("ck", 0.5, "final ㄱ written ck")],
    "ㄴ": [("n", 0, ""), ("l", 0.5, "final ㄴ assimilated to l")],
    "ㄹ": [("l", 0, ""), ("r", 0.3, "final ㄹ written r before a vowel")],
    "ㅁ": [("m", 0, "")],
    "ㅂ": [("p", 0, ""), ("b", 0.3, "final ㅂ voiced before a vowel"),
           ("m", 0.5, "final ㅂ assimilated to m")],
    "ㅇ": [("ng", 0, "")],
    "T": [("t", 0, ""), ("s", 0.5, "final written s"), ("n", 0.6, "final assimilated to n")],
}  # fmt: skip
_FINAL_GROUP = {f: f for f in ("", "ㄱ", "ㄴ", "ㄹ", "ㅁ", "ㅂ", "ㅇ")}
_FINAL_GROUP.update({f: "T" for f in ("ㄷ", "ㅅ", "ㅆ", "ㅈ", "ㅊ", "ㅌ", "ㅎ")})
_FINAL_GROUP.update({"ㄲ": "ㄱ", "ㅋ": "ㄱ", "ㅍ": "ㅂ"})
_I_Y = set("ㅣㅑㅕㅛㅠㅖㅒ")

_SYSTEM_LABEL = {"rr": "RR", "mr": "MR", "mr-ascii": "MR without breves",
                 "mr-list": "MR", "dprk": "DPRK"}  # fmt: skip

_BREVE_O = "ǒôöõōŏ"
_BREVE_U = "ǔûüũūŭ"
_APOSTROPHES = "’‘`´ʼʻ′"


_BREVES = str.maketrans(dict.fromkeys(_BREVE_O, "ŏ") | dict.fromkeys(_BREVE_U, "ŭ"))


@lru_cache(maxsize=1 << 16)
def normalize_roman(text: str) -> str:
    """Romanized text in the inventory's normal form.

    Lower case; ŏ/ŭ however typed (ǒ, ô, o + combining breve, or the list style o', u');
    apostrophes kept after aspirated consonants (ch', k', t', p'); an apostrophe anywhere
    else (n'g) becomes a syllable boundary "-".
    """
    text = unicodedata.normalize("NFC", text)
    for a in _APOSTROPHES:
        text = text.replace(a, "'")
    text = text.lower()
    text = text.translate(_BREVES)
    text = re.sub(r"y'([ou])", r"y\1'", text)  # KY'ONG: a breve mark before its vowel
    text = re.sub(r"([ou])'", lambda m: "ŏ" if m.group(1) == "o" else "ŭ", text)
    return re.sub(r"(?<![ktph])'", "-", text)


def _generate(syllable: str) -> list[tuple[str, float, str, tuple[str, str, str]]]:
    """(spelling, cost, note, class) for every spelling of one syllable."""
    s = decompose(syllable)
    where = "closed" if s.final else "open"
    out = []
    initials = list(_INITIAL[s.initial])
    if s.initial in "ㄹㄴ" and s.medial in _I_Y:
        initials.append(("", 0.4, f"initial {s.initial} dropped (South Korean usage)"))
    for (ini, c1, n1), (med, c2, n2, w), (fin, c3, n3) in product(
        initials, _MEDIAL[s.medial], _FINAL[_FINAL_GROUP[s.final]]
    ):
        if w not in ("any", where):
            continue
        if ini and med == "yi":
            continue
        if ini == "sh" and not (med.startswith(("i", "y", "wi"))):
            continue
        if med in ("i", "ee") and s.medial == "ㅢ" and not ini:
            continue
        notes = [n for n in (n1, n2, n3) if n]
        out.append((ini + med + fin, c1 + c2 + c3, "; ".join(notes), _classes(ini, med, fin, s)))
    if s.initial == "ㅇ" and s.medial == "ㅜ":  # 우 Woo, 웅 Woong, 욱 Wook
        for fin, c3, n3 in _FINAL[_FINAL_GROUP[s.final]]:
            for w in ("woo", "wu"):
                note = "; ".join(n for n in ("ㅜ written " + w, n3) if n)
                out.append((w + fin, 0.4 + c3, note, _classes("", "u", fin, s)))
    return out


_ONSET_CLASS = {
    "k": "K", "g": "K", "kk": "K", "gg": "K", "k'": "K", "kh": "K",
    "t": "T", "d": "T", "tt": "T", "dd": "T", "t'": "T", "th": "T",
    "p": "P", "b": "P", "pp": "P", "bb": "P", "p'": "P", "ph": "P",
    "ch": "C", "j": "C", "tch": "C", "jj": "C", "cch": "C", "ch'": "C", "chh": "C",
    "s": "S", "ss": "S", "sh": "S", "h": "H", "m": "M", "n": "N",
    "r": "R", "l": "R", "rh": "R", "": "",
}  # fmt: skip
_CODA_CLASS = {"": "", "k": "K", "g": "K", "n": "N", "l": "L", "r": "L", "m": "M", "p": "P",
               "b": "P", "ng": "NG", "t": "T", "s": "T", "d": "T", "ck": "K"}  # fmt: skip
_JAMO_ONSET = dict(
    zip("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ", "KKNTTRMPPSS_CCCKTPH", strict=True)
)
_JAMO_CODA = {  # a final consonant's sound before a pause (compound finals included)
    "": "", "ㄱ": "K", "ㄲ": "K", "ㄳ": "K", "ㄺ": "K", "ㅋ": "K", "ㄴ": "N", "ㄵ": "N",
    "ㄶ": "N", "ㄹ": "L", "ㄼ": "L", "ㄽ": "L", "ㄾ": "L", "ㅀ": "L", "ㅁ": "M", "ㄻ": "M",
    "ㅂ": "P", "ㅍ": "P", "ㄿ": "P", "ㅄ": "P", "ㅇ": "NG", "ㄷ": "T", "ㅅ": "T", "ㅆ": "T",
    "ㅈ": "T", "ㅊ": "T", "ㅌ": "T", "ㅎ": "T",
}  # fmt: skip
_VOWEL_CLASS = {
    "ㅏ": "A", "ㅐ": "AE", "ㅑ": "YA", "ㅒ": "YAE", "ㅓ": "O", "ㅔ": "E", "ㅕ": "YO",
    "ㅖ": "YE", "ㅗ": "O", "ㅘ": "WA", "ㅙ": "WAE", "ㅚ": "OE", "ㅛ": "YO", "ㅜ": "U",
    "ㅝ": "WO", "ㅞ": "WE", "ㅟ": "WI", "ㅠ": "YU", "ㅡ": "U", "ㅢ": "I", "ㅣ": "I",
}  # fmt: skip


def vowel_class(medial: str, closed: bool) -> str:
    """The sound class of a vowel for keys: spellings blur ㅓ/ㅗ (DPRK o) and ㅜ/ㅡ (u),
    and in closed syllables all four (Sung = 성, Chun = 전); likewise ㅕ/ㅛ and, closed,
    ㅠ (Hyun = 현)."""
    cls = _VOWEL_CLASS[medial]
    if closed:
        cls = {"U": "O", "YU": "YO"}.get(cls, cls)
    return cls


def _classes(ini: str, med: str, fin: str, s: tuple[str, str, str]) -> tuple[str, str, str]:
    return _ONSET_CLASS[ini], vowel_class(s[1], bool(fin)), _CODA_CLASS[fin]


def hangul_classes(syllable: str) -> tuple[str, str, str]:
    """(onset, vowel, coda) sound classes of a Hangul syllable, as keys use them."""
    s = decompose(syllable)
    onset = _JAMO_ONSET[s.initial].replace("_", "")  # ㅇ: no onset
    return onset, vowel_class(s.medial, bool(s.final)), _JAMO_CODA[s.final]


@cache
def name_syllables() -> tuple[str, ...]:
    """The Hangul syllables names are made of, as the inventory knows them."""
    seen = dict.fromkeys(COMMON_GIVEN + SINO + NATIVE)
    for row in surname_table():
        for form in row.forms:
            seen.update(dict.fromkeys(form))
    return tuple(seen)


@cache
def _rank() -> dict[str, int]:
    return {h: i for i, h in enumerate(COMMON_GIVEN)}


@cache
def _surname_syllables() -> frozenset[str]:
    return frozenset(f for row in surname_table() if len(row.hangul) == 1 for f in row.forms)


def frequency_cost(hangul: str) -> float:
    """How unusual a syllable is in names: 0 for the 30 commonest given-name syllables, up
    to 1.5 for a native syllable outside the frequency list (surname syllables at most 0.8).
    """
    rank = _rank().get(hangul)
    cost = 1.0 if hangul in SINO else 1.5
    if rank is not None:
        cost = 0.0 if rank < 30 else 0.3 if rank < 80 else 0.6
    if hangul in _surname_syllables():
        cost = min(cost, 0.8)  # 최 before 죄 for "Choe"
    return cost


def _system_spellings(syllable: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for system in SYSTEMS:
        for voiced in (False, True):
            spelling = normalize_roman(romanize_syllable(syllable, system, voiced=voiced))
            labels = out.setdefault(spelling, [])
            if _SYSTEM_LABEL[system] not in labels:
                labels.append(_SYSTEM_LABEL[system])
    return out


@cache
def _build() -> tuple[dict[str, tuple[Reading, ...]], dict[str, tuple[str, str, str]]]:
    best: dict[tuple[str, str], Reading] = {}
    classes: dict[str, tuple[float, tuple[str, str, str]]] = {}

    def add(spelling: str, reading: Reading, cls: tuple[str, str, str]) -> None:
        key = (spelling, reading.hangul)
        if key not in best or reading.cost < best[key].cost:
            best[key] = reading
        if spelling not in classes or reading.cost < classes[spelling][0]:
            classes[spelling] = (reading.cost, cls)

    for syllable in name_syllables():
        systems = _system_spellings(syllable)
        for spelling, cost, note, cls in _generate(syllable):
            labels = systems.get(spelling)
            how = ", ".join(labels) if labels else note or "RR and MR letters mixed"
            add(spelling, Reading(syllable, 0.0 if labels else cost, how), cls)
    for row in surname_table():
        if len(row.hangul) != 1:
            continue
        for spelling in row.spellings:
            key = normalize_roman(spelling)
            for form in row.forms:
                if (key, form) not in best:
                    how = f"surname spelling of {row.hangul}"
                    add(key, Reading(form, 0.6, how), hangul_classes(form))
    grouped: dict[str, list[Reading]] = {}
    for (spelling, _), reading in best.items():
        grouped.setdefault(spelling, []).append(reading)
    ranked = {
        spelling: tuple(sorted(rs, key=lambda r: (r.cost + frequency_cost(r.hangul), r.hangul)))
        for spelling, rs in grouped.items()
    }
    return ranked, {s: c for s, (_, c) in classes.items()}


def inventory() -> dict[str, tuple[Reading, ...]]:
    """Every known spelling → the readings it may have, cheapest first."""
    return _build()[0]


def readings(spelling: str) -> tuple[Reading, ...]:
    """The readings of one romanized syllable (any case, breves or apostrophes as typed)."""
    return inventory().get(normalize_roman(spelling).strip(" -"), ())


def spelling_classes(spelling: str) -> tuple[str, str, str] | None:
    """(onset, vowel, coda) sound classes of a known spelling, or None."""
    return _build()[1].get(normalize_roman(spelling).strip(" -"))


@cache
def max_spelling_length() -> int:
    """The length of the longest spelling (bounds the splitter's search)."""
    return max(len(s) for s in inventory())


def spellings_of(syllable: str) -> dict[str, str]:
    """Every spelling of one Hangul syllable → how it comes about, system spellings first."""
    out = {s: ", ".join(labels) for s, labels in _system_spellings(syllable).items()}
    for spelling, readings_ in inventory().items():
        for r in readings_:
            if r.hangul == syllable and spelling not in out:
                out[spelling] = r.how
    return out
