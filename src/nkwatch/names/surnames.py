"""Korean surnames: Hangul, their spelling in each romanization system, and the irregular
spellings people actually use ("Lee", "Park", "Choi", "Rhee", "Paik", "Sohn", ...).

The table is ordered roughly by frequency (South Korean census, with the surnames common in
DPRK sanctions lists kept in). Several surnames have a second Hangul form because the two
Koreas spell them differently: the South applies the initial-sound law (이, 임, 노, 나, 양, 유,
염, 여, 연, 육, 용), the North does not (리, 림, 로, 라, 량, 류, 렴, 려, 련, 륙, 룡). Columns:

- ``rr``: Revised Romanization, strict (김 Gim, 이 I, 박 Bak);
- ``mr``: McCune–Reischauer as ALA-LC uses it (Yi, Pak, Ch'oe, Chŏng);
- ``dprk``: the spelling in the DPRK's own usage (Ri, Pak, Choe, Jong, Rim, Ro, Ra);
- ``common``: the usual South Korean spelling in English (Lee, Park, Choi, Jung);
- ``variants``: other spellings seen in passports, news and sanctions lists.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

# hangul forms (South first) | rr | mr | dprk | common | other spellings
_TABLE = """
김 | Gim | Kim | Kim | Kim | Ghim Kimm
이 리 | I | Yi | Ri | Lee | Rhee Rhie Li Lie Yee Ree Rhi Rie
박 | Bak | Pak | Pak | Park | Bahk Pahk Bark
최 | Choe | Ch'oe | Choe | Choi | Chey Choy Chwe Choe
정 | Jeong | Chŏng | Jong | Jung | Chung Chong Cheong Joung Jeung
강 | Gang | Kang | Kang | Kang | Kahng
조 | Jo | Cho | Jo | Cho | Joe Chough
윤 | Yun | Yun | Yun | Yoon | Youn
장 | Jang | Chang | Jang | Jang | Jhang
임 림 | Im | Im | Rim | Lim | Rim Lym Yim Leem Rhim
한 | Han | Han | Han | Han | Hahn
오 | O | O | O | Oh | Ohe
서 | Seo | Sŏ | So | Seo | Suh Sur Seoh
신 | Sin | Sin | Sin | Shin | Shinn
권 | Gwon | Kwŏn | Kwon | Kwon | Kweon Kwun Gweon
황 | Hwang | Hwang | Hwang | Hwang | Whang
안 | An | An | An | Ahn | Ann
송 | Song | Song | Song | Song | Soung
전 | Jeon | Chŏn | Jon | Jeon | Jun Chun Chon Cheon Jeun
홍 | Hong | Hong | Hong | Hong | Houng
유 | Yu | Yu | Yu | Yoo | You Ryu
류 | Ryu | Yu | Ryu | Ryu | Yoo Rhyu Lyu Ryoo
고 | Go | Ko | Ko | Ko | Koh Kho
문 | Mun | Mun | Mun | Moon | Moun
양 량 | Yang | Yang | Yang | Yang | Ryang Lyang
손 | Son | Son | Son | Son | Sohn
배 | Bae | Pae | Pae | Bae | Bai Pai
백 | Baek | Paek | Paek | Baek | Paik Baik Back Pack
허 | Heo | Hŏ | Ho | Heo | Hur Huh
남 | Nam | Nam | Nam | Nam | Nahm
심 | Sim | Sim | Sim | Shim | Sheem
노 로 | No | No | Ro | Noh | Roh Rho Nho
하 | Ha | Ha | Ha | Ha | Hah
곽 | Gwak | Kwak | Kwak | Kwak | Kwag
성 | Seong | Sŏng | Song | Sung | Seung
차 | Cha | Ch'a | Cha | Cha | Char
주 | Ju | Chu | Ju | Joo | Jou Choo
우 | U | U | U | Woo | Wu
구 | Gu | Ku | Ku | Koo | Goo Kou
민 | Min | Min | Min | Min | Mihn
진 | Jin | Chin | Jin | Jin | Jinn
나 라 | Na | Na | Ra | Na | Rha La Nah
지 | Ji | Chi | Ji | Ji | Jee Chee
엄 | Eom | Ŏm | Om | Um | Uhm
채 | Chae | Ch'ae | Chae | Chae | Chai
원 | Won | Wŏn | Won | Won | Weon Wun
천 | Cheon | Ch'ŏn | Chon | Chun | Chun Chon
방 | Bang | Pang | Pang | Bang | Pahng
공 | Gong | Kong | Kong | Kong | Koung
현 | Hyeon | Hyŏn | Hyon | Hyun | Hyoun
함 | Ham | Ham | Ham | Ham | Hahm
변 | Byeon | Pyŏn | Pyon | Byun | Byon Pyun Byoun
염 렴 | Yeom | Yŏm | Ryom | Yeom | Yum Youm Yom Ryom
여 려 | Yeo | Yŏ | Ryo | Yeo | Yuh Yo Ryo
추 | Chu | Ch'u | Chu | Choo | Chou
도 | Do | To | To | Do | Doh
소 | So | So | So | So | Soh
석 | Seok | Sŏk | Sok | Seok | Suk Suck Sohk
선 | Seon | Sŏn | Son | Sun | Sunn
설 | Seol | Sŏl | Sol | Seol | Sul Sull
마 | Ma | Ma | Ma | Ma | Mah
길 | Gil | Kil | Kil | Gil | Kihl
연 련 | Yeon | Yŏn | Yon | Yeon | Yun Ryon
위 | Wi | Wi | Wi | Wi | Wee
표 | Pyo | P'yo | Phyo | Pyo | Pyoh
명 | Myeong | Myŏng | Myong | Myung | Myoung
기 | Gi | Ki | Ki | Ki | Kee
반 | Ban | Pan | Pan | Ban | Bahn
왕 | Wang | Wang | Wang | Wang | Wahng
금 | Geum | Kŭm | Kum | Keum | Kuem
옥 | Ok | Ok | Ok | Ok | Ock Oak
육 륙 | Yuk | Yuk | Ryuk | Yuk | Yook Ryuk
인 | In | In | In | In | Inn
맹 | Maeng | Maeng | Maeng | Maeng | Meng
제 | Je | Che | Je | Je | Jeh
모 | Mo | Mo | Mo | Mo | Moh
탁 | Tak | T'ak | Thak | Tak | Tark
국 | Guk | Kuk | Kuk | Kook | Kuck
태 | Tae | T'ae | Thae | Tae | Tai
어 | Eo | Ŏ | O | Eo | Uh
은 | Eun | Ŭn | Un | Eun | Eun
편 | Pyeon | P'yŏn | Phyon | Pyun | Pyon
용 룡 | Yong | Yong | Ryong | Yong | Ryong
예 | Ye | Ye | Ye | Yeh | Yeh
경 | Gyeong | Kyŏng | Kyong | Kyung | Kyoung
봉 | Bong | Pong | Pong | Bong | Bhong
사 | Sa | Sa | Sa | Sa | Sah
부 | Bu | Pu | Pu | Boo | Pu
가 | Ga | Ka | Ka | Ka | Kah
복 | Bok | Pok | Pok | Bok | Bock
목 | Mok | Mok | Mok | Mok | Mock
계 | Gye | Kye | Kye | Kye | Kyeh
두 | Du | Tu | Tu | Doo | Tu
피 | Pi | P'i | Phi | Pi | Pee
감 | Gam | Kam | Kam | Kam | Kahm
동 | Dong | Tong | Tong | Dong | Tong
대 | Dae | Tae | Tae | Dae | Tae
간 | Gan | Kan | Kan | Kan | Kahn
견 | Gyeon | Kyŏn | Kyon | Kyun | Kyeon
빈 | Bin | Pin | Pin | Bin | Bihn
승 | Seung | Sŭng | Sung | Seung | Sung
아 | A | A | A | Ah | Ah
단 | Dan | Tan | Tan | Dan | Tan
팽 | Paeng | P'aeng | Phaeng | Paeng | Phaeng
온 | On | On | On | On | Ohn
당 | Dang | Tang | Tang | Dang | Tang
남궁 | Namgung | Namgung | Namgung | Namkoong | Namgoong Namkung
황보 | Hwangbo | Hwangbo | Hwangbo | Hwangbo | Whangbo
제갈 | Jegal | Chegal | Jegal | Jegal | Chegal
선우 | Seonu | Sŏnu | Sonu | Sunwoo | Sunoo Seonwoo
독고 | Dokgo | Tokko | Tokko | Dokgo | Dokko
사공 | Sagong | Sagong | Sagong | Sagong | Sakong
서문 | Seomun | Sŏmun | Somun | Seomun | Suhmoon
동방 | Dongbang | Tongbang | Tongbang | Dongbang | Tongbang
을지 | Eulji | Ŭlchi | Ulji | Eulji | Ulchi
공손 | Gongson | Kongson | Kongson | Gongson | Kongson
사마 | Sama | Sama | Sama | Sama | Sama
망절 | Mangjeol | Mangjŏl | Mangjol | Mangjeol | Mangjul
"""


@dataclass(frozen=True)
class Surname:
    """One surname: its Hangul forms (South first) and its spellings."""

    hangul: str
    forms: tuple[str, ...]
    rr: str
    mr: str
    dprk: str
    common: str
    variants: tuple[str, ...]
    rank: int

    @property
    def north(self) -> str:
        """The DPRK's Hangul form (리 for 이); the South form when they agree."""
        return self.forms[-1]

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every spelling of this surname we know, the system ones first, no duplicates."""
        mr_ascii = fold_breves(self.mr)
        mr_list = self.mr.replace("ŏ", "o'").replace("ŭ", "u'").replace("Ŏ", "O'")
        mr_list = mr_list.replace("Ŭ", "U'")
        seen: dict[str, None] = {}
        for s in (self.common, self.rr, self.mr, mr_ascii, mr_list, self.dprk, *self.variants):
            seen.setdefault(s, None)
        return tuple(seen)

    def labels(self, spelling: str) -> list[str]:
        """Which systems write this surname as ``spelling`` (case-insensitive)."""
        folded = spelling.casefold()
        found = [
            label
            for label, value in (
                ("common", self.common),
                ("RR", self.rr),
                ("MR", self.mr),
                ("MR without breves", fold_breves(self.mr)),
                ("DPRK", self.dprk),
            )
            if value.casefold() == folded
        ]
        if not found and folded in {v.casefold() for v in self.variants}:
            found.append("usual variant")
        if not found and fold_key(spelling) in {fold_key(s) for s in self.spellings}:
            found.append("MR list style" if "'" in spelling else "breves dropped")
        return found


def fold_breves(text: str) -> str:
    """ŏ → o, ŭ → u (and the capitals): MR written without diacritics."""
    return text.translate(str.maketrans("ŏŭŎŬ", "ouOU"))


def fold_key(spelling: str) -> str:
    """A loose lookup key: lower case, no breves, apostrophes, hyphens or spaces."""
    text = unicodedata.normalize("NFC", spelling).casefold()
    text = text.replace("o'", "o").replace("u'", "u")
    text = fold_breves(text)
    return "".join(c for c in text if c.isalpha())


@cache
def surnames() -> tuple[Surname, ...]:
    """The table, most common surname first."""
    rows: list[Surname] = []
    for rank, line in enumerate(_TABLE.strip().splitlines()):
        forms, rr, mr, dprk, common, variants = (part.strip() for part in line.split("|"))
        rows.append(
            Surname(
                hangul=forms.split()[0],
                forms=tuple(forms.split()),
                rr=rr,
                mr=mr,
                dprk=dprk,
                common=common,
                variants=tuple(variants.split()),
                rank=rank,
            )
        )
    return tuple(rows)


@cache
def _by_hangul() -> dict[str, Surname]:
    return {form: row for row in surnames() for form in row.forms}


@cache
def _by_key() -> dict[str, tuple[Surname, ...]]:
    index: dict[str, list[Surname]] = {}
    for row in surnames():
        for spelling in row.spellings:
            bucket = index.setdefault(fold_key(spelling), [])
            if row not in bucket:
                bucket.append(row)
    return {key: tuple(rows) for key, rows in index.items()}


def by_hangul(hangul: str) -> Surname | None:
    """The surname written ``hangul`` (either Korea's form: 이 and 리 give the same row)."""
    return _by_hangul().get(hangul)


def by_spelling(spelling: str) -> list[Surname]:
    """The surnames ``spelling`` may stand for, best first.

    A spelling a system or a usual variant gives exactly ranks first ("Song" is 송 before
    성, "Sŏng" is 성 first); ties keep the table's frequency order.
    """
    rows = _by_key().get(fold_key(spelling), ())
    folded = unicodedata.normalize("NFC", spelling).casefold()

    def rank(row: Surname) -> tuple[int, int]:
        exact = {s.casefold() for s in (row.common, row.rr, row.mr, row.dprk)}
        if folded in exact:
            return (0, row.rank)
        if folded in {s.casefold() for s in row.spellings}:
            return (1, row.rank)
        return (2, row.rank)

    return sorted(rows, key=rank)


def is_surname(spelling: str) -> bool:
    """True if ``spelling`` (Hangul or romanized) is a surname in the table."""
    return by_hangul(spelling) is not None or bool(_by_key().get(fold_key(spelling)))


def two_syllable_surnames() -> tuple[str, ...]:
    """The two-syllable surnames (남궁, 황보, 제갈, 선우, ...), in Hangul."""
    return tuple(row.hangul for row in surnames() if len(row.hangul) == 2)
