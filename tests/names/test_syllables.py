"""Splitting romanized names into syllables, and into family and given name."""

from __future__ import annotations

import pytest

from nkwatch.names import normalize_roman, parse_name, parse_name_options, split_syllables
from nkwatch.names.syllables import split_word


@pytest.mark.parametrize(
    ("written", "syllables"),
    [
        ("Yong Chol", ["yong", "chol"]),
        ("Yong-chol", ["yong", "chol"]),
        ("Yongchol", ["yong", "chol"]),
        ("YONGCHOL", ["yong", "chol"]),
        ("Pyo'ng-ch'o'l", ["pyŏng", "ch'ŏl"]),
        ("Pyŏngch'ŏl", ["pyŏng", "ch'ŏl"]),
        ("Pyǒngch’ǒl", ["pyŏng", "ch'ŏl"]),  # caron and typographic apostrophe
        ("Youngchul", ["young", "chul"]),
        ("Yeongcheol", ["yeong", "cheol"]),
        ("Kyonghui", ["kyong", "hui"]),
        ("Hyokkose", ["hyok", "ko", "se"]),
        ("Saimdang", ["sa", "im", "dang"]),
        ("Han'guk", ["han", "guk"]),  # MR's apostrophe marks the syllable boundary
        ("Hyomun", ["hyo", "mun"]),  # a consonant starts the next syllable
    ],
)
def test_splits(written: str, syllables: list[str]) -> None:
    assert split_syllables(written) == syllables


def test_ambiguous_splits_come_ranked() -> None:
    splits = split_word("Songil", n_best=2)
    assert [s.syllables for s in splits] == [("song", "il"), ("son", "gil")]
    assert splits[0].cost < splits[1].cost


def test_words_that_are_not_korean_do_not_split() -> None:
    assert split_syllables("Xiaoping") == []
    assert split_syllables("Lavrov") == []
    assert split_syllables("Corporation") == []


def test_normal_form() -> None:
    assert normalize_roman("KY'ONG") == "kyŏng"  # a breve mark before its vowel
    assert normalize_roman("Ch’o’l") == "ch'ŏl"
    assert normalize_roman("Han'guk") == "han-guk"


@pytest.mark.parametrize(
    "written",
    [
        "KIM, Yong Chol",
        "Yong Chol KIM",
        "Kim Yong-chol",
        "Kim Yong Chol",
        "Kimyongchol",
        "KIMYONGCHOL",
        "Yong Chol Kim",
    ],
)
def test_family_name_first_or_last(written: str) -> None:
    parsed = parse_name(written)
    assert parsed is not None
    assert parsed.surname == ("kim",)
    assert parsed.given == ("yong", "chol")


def test_korean_order_wins_when_both_ends_are_surnames() -> None:
    # Kye and U are both surnames; the family name comes first unless marked otherwise
    assert parse_name("Kye Pong U").surname_text == "kye"
    assert parse_name("Kye Pong U").given == ("pong", "u")
    # a two-syllable surname is unlikely to be a given name
    assert parse_name("Min Namgung").surname_text == "namgung"
    options = parse_name_options("Song Il Kim")
    assert {o.surname_text for o in options} == {"song", "kim"}


def test_hangul_names() -> None:
    parsed = parse_name("남궁지영")
    assert parsed.hangul and parsed.surname == ("남", "궁") and parsed.given == ("지", "영")
    assert parse_name("김 정은").given == ("정", "은")


def test_not_a_name() -> None:
    assert parse_name("Sergei Lavrov") is None
    assert parse_name("") is None
    assert parse_name_options("Korea Kwangson Banking Corp") == []
