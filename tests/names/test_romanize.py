"""Romanization of names and text in RR, MR (three styles) and DPRK usage."""

from __future__ import annotations

import pytest

from nkwatch.names import SYSTEMS, initial_law, romanize, romanize_name, romanize_syllable

# Hangul → (rr, mr, mr-ascii, mr-list, dprk)
NAMES = {
    "김영철": ("Kim Yeong-cheol", "Kim Yŏng-ch'ŏl", "Kim Yong-ch'ol", "Kim Yo'ng-ch'o'l",
             "Kim Yong Chol"),
    "김정은": ("Kim Jeong-eun", "Kim Chŏng-ŭn", "Kim Chong-un", "Kim Cho'ng-u'n", "Kim Jong Un"),
    "김정일": ("Kim Jeong-il", "Kim Chŏng-il", "Kim Chong-il", "Kim Cho'ng-il", "Kim Jong Il"),
    "최룡해": ("Choi Yong-hae", "Ch'oe Yong-hae", "Ch'oe Yong-hae", "Ch'oe Yong-hae",
             "Choe Ryong Hae"),
    "리선권": ("Lee Seon-gwon", "Yi Sŏn-gwŏn", "Yi Son-gwon", "Yi So'n-gwo'n", "Ri Son Gwon"),
    "민병철": ("Min Byeong-cheol", "Min Pyŏng-ch'ŏl", "Min Pyong-ch'ol", "Min Pyo'ng-ch'o'l",
             "Min Pyong Chol"),
    "박봉주": ("Park Bong-ju", "Pak Pong-ju", "Pak Pong-ju", "Pak Pong-ju", "Pak Pong Ju"),
    "태형철": ("Tae Hyeong-cheol", "T'ae Hyŏng-ch'ŏl", "T'ae Hyong-ch'ol", "T'ae Hyo'ng-ch'o'l",
             "Thae Hyong Chol"),
    "김계관": ("Kim Gye-gwan", "Kim Kye-gwan", "Kim Kye-gwan", "Kim Kye-gwan", "Kim Kye Gwan"),
}  # fmt: skip


@pytest.mark.parametrize("hangul", NAMES)
@pytest.mark.parametrize("index", range(len(SYSTEMS)))
def test_names_in_every_system(hangul: str, index: int) -> None:
    assert romanize_name(hangul, SYSTEMS[index]) == NAMES[hangul][index]


@pytest.mark.parametrize(
    ("hangul", "expected"),
    [
        ("강덕룡", "Kang Tŏng-nyong"),  # ㄱ+ㄹ → ng-n
        ("노백린", "No Paeng-nin"),
        ("권덕여", "Kwŏn Tŏg-yŏ"),  # final voiced before a vowel, hyphen after it
        ("소율희", "So Yur-hŭi"),  # ㄹ before ㅎ is r
        ("강경근", "Kang Kyŏng-gŭn"),  # voicing after ㅇ
        ("강석기", "Kang Sŏk-ki"),  # no voicing after an obstruent
        ("박혁거세", "Pak Hyŏkkŏse"),  # three syllables are joined
        ("선우은숙", "Sŏnu Ŭn-suk"),  # a two-syllable surname
        ("남궁 억", "Namgung Ŏk"),
        ("류장원", "Yu Chang-wŏn"),  # ALA-LC applies the initial-sound law
    ],
)
def test_ala_lc_name_rules(hangul: str, expected: str) -> None:
    assert romanize_name(hangul, "mr") == expected


def test_given_name_separator_and_surname_style() -> None:
    assert romanize_name("김영철", "rr", given_sep="") == "Kim Yeongcheol"
    assert romanize_name("김영철", "rr", given_sep=" ") == "Kim Yeong Cheol"
    assert romanize_name("김영철", "rr", conventional=False) == "Gim Yeong-cheol"
    assert romanize_name("김영철", "dprk", given_sep="-") == "Kim Yong-chol"
    assert romanize_name("이태영", "rr", conventional=False) == "I Tae-yeong"


def test_initial_sound_law_south_and_north() -> None:
    assert romanize_name("최룡해", "rr", initial_sound_law=False) == "Choi Ryong-hae"
    assert romanize_name("리선권", "rr", initial_sound_law=False) == "Ri Seon-gwon"
    assert romanize_name("림천수", "dprk") == "Rim Chon Su"
    assert romanize_name("임천수", "dprk") == "Rim Chon Su"  # the DPRK writes this surname 림
    assert romanize_name("량만길", "dprk") == "Ryang Man Gil"
    assert romanize_name("양만길", "dprk") == "Yang Man Gil"  # 楊 stays Yang in the North
    assert [initial_law(s) for s in "리룡로녀김"] == list("이용노여김")


@pytest.mark.parametrize(
    ("text", "mr", "rr"),
    [
        ("한국", "han'guk", "hanguk"),
        ("신라", "silla", "silla"),
        ("종로", "chongno", "jongno"),
        ("왕십리", "wangsimni", "wangsimni"),
        ("독립", "tongnip", "dongnip"),
        ("굳이", "kuji", "guji"),  # palatalization
        ("같은", "kat'ŭn", "gateun"),
        ("좋고", "chok'o", "joko"),  # ㅎ aspirates the next consonant
        ("읽기", "ilki", "ilgi"),
        ("호박꽃", "hobakkot", "hobakkot"),
        ("쉬다", "shwida", "swida"),
    ],
)
def test_sound_changes_in_words(text: str, mr: str, rr: str) -> None:
    assert romanize(text, "mr") == mr
    assert romanize(text, "rr") == rr


def test_running_text_keeps_other_characters() -> None:
    assert romanize("2009년 판 (개정)", "mr") == "2009-yŏn p'an (kaejŏng)"
    assert romanize("로동신문", "dprk") == "rodongsinmun"


def test_syllables() -> None:
    assert romanize_syllable("철", "mr") == "ch'ŏl"
    assert romanize_syllable("철", "mr-list") == "ch'o'l"
    assert romanize_syllable("권", "mr", voiced=True) == "gwŏn"
    assert romanize_syllable("태", "dprk") == "thae"


def test_errors_name_the_fix() -> None:
    with pytest.raises(ValueError, match="use one of rr, mr, mr-ascii, mr-list, dprk"):
        romanize("김", "wade-giles")
    with pytest.raises(ValueError, match="same_name"):
        romanize_name("Kim Jong Un")
