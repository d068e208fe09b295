"""Spelling variants: candidates, same-syllable and same-name decisions, keys, and telling
Korean names from others."""

from __future__ import annotations

from itertools import combinations

import pytest

from nkwatch.names import (
    SYSTEMS,
    NotKoreanNameError,
    hangul_candidates,
    looks_korean,
    name_key,
    name_keys,
    romanize_name,
    romanized_to_hangul,
    same_name,
    same_syllable,
    spellings_of,
    syllable_readings,
)

KIM_YONG_CHOL = ["Kim Yong Chol", "Kim Young-chul", "Gim Yeongcheol", "김영철",
                 "KIM, Yong Chol", "Yong Chol KIM", "Kim Yŏng-ch'ŏl", "Kim Yo'ng-ch'o'l",
                 "KIMYONGCHOL"]  # fmt: skip

# Our own small list of names, with the Hangul they are written in.
FIXTURE_NAMES = [
    *("김정은", "최룡해", "리선권", "김여정", "현송월", "최선희", "박봉주", "김덕훈"),
    *("조용원", "리병철", "태형철", "정경택", "김계관", "리영호", "오수용", "로두철"),
    *("림천수", "량만길", "남궁지영", "황보영철", "문재인", "이명박", "윤석열"),
]


@pytest.mark.parametrize(("a", "b"), list(combinations(KIM_YONG_CHOL, 2)))
def test_kim_yong_chol_is_one_name(a: str, b: str) -> None:
    assert name_key(a) == name_key(b) == "KIM YONG COL"
    ok, why = same_name(a, b)
    assert ok, why


def test_chol_su_is_not_chol_sam() -> None:
    assert name_key("Kim Chol Su") != name_key("Kim Chol Sam")
    ok, why = same_name("Kim Chol Su", "Kim Chol Sam")
    assert not ok
    assert "su ≠ sam" in why


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ri Yong Ho", "Lee Young-ho"),
        ("Yi Yong-ho", "Rhee Yong Ho"),
        ("Pak Pong Ju", "Park Bong-ju"),
        ("Choe Ryong Hae", "Choi Yong-hae"),
        ("Choe Ryong Hae", "최룡해"),
        ("Min Pyo'ng-ch'o'l", "민병철"),
        ("Min Pyong Chol", "MIN Byong-chol"),
        ("Kim Jong Un", "Kim Jeong-eun"),
        ("Kim Jong Un", "Kim Chŏng-ŭn"),
        ("Thae Yong Ho", "Tae Young-ho"),
        ("Jang Song Thaek", "Chang Sŏng-t'aek"),
    ],
)
def test_same_person_across_systems(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    ok, why = same_name(a, b)
    assert ok, why


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Jong Il"),
        ("Ri Son Gwon", "Ri Son Gwan"),
        ("Pak Pong Ju", "Pak Pong Ja"),
    ],
)
def test_different_names_differ(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)
    assert not same_name(a, b)[0]


@pytest.mark.parametrize(
    ("hangul", "spellings"),
    [
        ("영", ["Young", "Yeong", "Yong", "Yŏng", "Yo'ng"]),
        ("룡", ["Ryong", "Yong", "Lyong"]),
        ("용", ["Yong", "Ryong"]),
        ("철", ["Chul", "Cheol", "Chol", "Ch'ŏl", "Ch'o'l"]),
        ("성", ["Sung", "Seong", "Song", "Sŏng"]),
        ("정", ["Jong", "Jeong", "Chong", "Chung", "Chŏng"]),
        ("은", ["Eun", "Un", "Ŭn"]),
        ("일", ["Il"]),
        ("현", ["Hyun", "Hyon", "Hyeon", "Hyŏn"]),
        ("광", ["Kwang", "Gwang"]),
        ("명", ["Myung", "Myong", "Myeong", "Myŏng"]),
        ("수", ["Soo", "Su"]),
        ("희", ["Hee", "Hui", "Hi", "Hŭi"]),
        ("의", ["Ui", "Eui", "Ŭi"]),
        ("호", ["Ho"]),
        ("남", ["Nam"]),
        ("리", ["Ri", "Lee", "Yi", "Rhee"]),
        ("이", ["Lee", "Yi", "I", "Ri"]),
        ("박", ["Park", "Pak", "Bak"]),
        ("최", ["Choi", "Choe", "Ch'oe"]),
    ],
)
def test_syllable_variants(hangul: str, spellings: list[str]) -> None:
    for spelling in spellings:
        assert hangul in hangul_candidates(spelling), spelling
    for a, b in combinations(spellings, 2):
        ok, why = same_syllable(a, b)
        assert ok, why


def test_candidates_are_ranked() -> None:
    assert hangul_candidates("Chul")[0] == "철"
    assert hangul_candidates("Young")[0] == "영"
    assert hangul_candidates("Choe")[0] == "최"
    assert hangul_candidates("Hee") == ["희"]
    assert hangul_candidates("영") == ["영"]
    assert hangul_candidates("Xiao") == []


def test_explanations_name_the_systems() -> None:
    ok, why = same_syllable("Yong", "Young")
    assert ok
    assert why.startswith("Yong = Young: both can be 영")
    assert "DPRK" in why and "ㅕ written you" in why
    ok, why = same_syllable("Ryong", "Yong")
    assert ok and why.startswith("Ryong = Yong: both can be 룡")
    assert "initial ㄹ dropped (South Korean usage)" in why
    ok, why = same_syllable("Lee", "Yi")
    assert ok and why.startswith("Lee = Yi: both can be 이")
    ok, why = same_syllable("Su", "Sam")
    assert not ok and why == "Su ≠ Sam: no Hangul syllable in common (Su: 수; Sam: 삼/삽)"
    ok, why = same_syllable("Su", "Xiao")
    assert not ok and "not a romanized Korean syllable" in why
    reading = syllable_readings("Ch'ŏl")[0]
    assert (reading.hangul, reading.cost, reading.how) == ("철", 0.0, "MR")


def test_spellings_of_a_syllable() -> None:
    spellings = spellings_of("영")
    assert spellings["yeong"] == "RR"
    assert spellings["yŏng"] == "MR"
    assert "DPRK" in spellings["yong"]
    assert "you" in spellings["young"]


@pytest.mark.parametrize(
    ("romanized", "hangul"),
    [
        ("Kim Yong Chol", "김영철"),
        ("Kim Young-chul", "김영철"),
        ("Min Pyo'ng-ch'o'l", "민병철"),
        ("Choe Ryong Hae", "최룡해"),
        ("Ri Son Gwon", "리선권"),
        ("Lee Seon-gwon", "이선권"),
        ("Pak Pong Ju", "박봉주"),
        ("Kim Jong Un", "김정은"),
    ],
)
def test_romanized_to_hangul(romanized: str, hangul: str) -> None:
    candidates = romanized_to_hangul(romanized)
    assert candidates[0] == hangul, candidates
    assert len(candidates) == len(set(candidates)) <= 10


@pytest.mark.parametrize("hangul", FIXTURE_NAMES)
def test_round_trip_through_every_system(hangul: str) -> None:
    key = name_key(hangul)
    for system in SYSTEMS:
        for sep in (None, "-", " "):
            written = romanize_name(hangul, system, given_sep=sep)
            assert name_key(written) == key, (system, written)
            assert hangul in romanized_to_hangul(written), (system, written)


def test_name_keys_cover_uncertain_order() -> None:
    keys = name_keys("Song Il Kim")
    assert name_key("Kim Song Il") in keys and name_key("Song Il-kim") in keys
    assert name_keys("Sergei Lavrov") == []


def test_name_key_refuses_non_korean_names() -> None:
    with pytest.raises(NotKoreanNameError, match="fuzzy matching"):
        name_key("Sergei Lavrov")


@pytest.mark.parametrize(
    "name",
    ["Kim Jong Un", "KIM, Yong Chol", "Ri Su Yong", "Thae Yong Ho", "Jang Song Thaek",
     "Moon Jae-in", "Lee Myung-bak", "Han Duck-soo", "Min Pyo'ng-ch'o'l", "김영철",
     "Namgung Min", "Kimjongun"],
)  # fmt: skip
def test_korean_names_look_korean(name: str) -> None:
    assert looks_korean(name)


@pytest.mark.parametrize(
    "name",
    [
        # Chinese
        "Xi Jinping", "Hu Jintao", "Li Keqiang", "Song Tao", "Mao Zedong", "Zhou Enlai",
        "Deng Xiaoping", "Chen Guangcheng", "Jin Tiesan", "Li Cheng He",
        # Russian and others
        "Sergei Lavrov", "Vladimir Putin", "Alexander Matsegora", "Dmitry Medvedev",
        "Ivan Ivanov", "Ali Khamenei",
        # companies
        "Korea Kwangson Banking Corp", "Tanchon Commercial Bank",
        "Ryonbong General Corporation", "Bank of China", "Korea Mining Development Trading",
        # not names at all
        "", "12345", "Kim Jong Un 2", "김 Corp",
    ],
)  # fmt: skip
def test_other_names_do_not_look_korean(name: str) -> None:
    assert not looks_korean(name)
