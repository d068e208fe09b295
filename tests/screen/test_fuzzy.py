"""Non-Korean names: romanizations of Chinese names, patronymics, run-together words; and
a Korean personal name is not flagged by a vessel whose name shares its syllables."""

from __future__ import annotations

import pytest

from nkwatch.screen import DEFAULT_THRESHOLD, Screener, Target
from nkwatch.screen.fuzzy import compare


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CHANG, Wen-Fu", "ZHANG, Wen-Fu"),  # Wade-Giles / pinyin initial
        ("HUANG, Wang-gen", "HUANG, Wang Ken"),
        ("Jiang Wen-ji", "JIAN, WenJi"),  # words run together
        ("SU, Lu-Chi", "TSAI SU, Lu-Chi"),  # a married name in front
        ("KOLCHANOV, Vasily", "KOLCHANOV, Vasiliy Aleksandrovich"),  # patronymic
        ("Korea Mining Development Trading Corp.", "KOREA MINING DEVELOPMENT TRADING CORPORATION"),
    ],
)
def test_alike(a: str, b: str) -> None:
    assert compare(a, b)[0] >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Wang Wei", "Wang Wen Ming"),
        ("Song Hwa-chan", "HWA SONG"),  # two short words inside a longer name
        ("Sergei Lavrov", "Sergei Ivanov"),
        ("Korea Kwangson Banking Corp", "Korea Daesong Bank"),
    ],
)
def test_not_alike(a: str, b: str) -> None:
    assert compare(a, b)[0] < DEFAULT_THRESHOLD


def test_korean_name_against_a_vessel_needs_more_than_letters() -> None:
    screener = Screener(
        [Target("v:1", "ofac", "1", "Vessel", "BAEK MA KANG")], [(0, "BAEK MA KANG", "primary")]
    )
    assert screener.screen("Nam Kang Baek") == []  # token-sort 0.88 without the penalty
    (m,) = screener.screen("Baek Ma Kang")  # the same words still match
    assert m.score == 1.0
    near = screener.screen("Nam Kang Baek", threshold=0.0)
    assert "reads as a Korean personal name" in near[0].explanation


def test_family_names_marked_by_a_comma_must_agree() -> None:
    score, why = compare("KOLCHANOV, Vasili Aleksandrovich", "ORLOV, Vasiliy Aleksandrovich")
    assert score < DEFAULT_THRESHOLD and "not found: kolchanov, orlov" in why
    assert compare("SU, Lu-Chi", "LU, Chin Shun")[0] < DEFAULT_THRESHOLD
    assert compare("CHANG, Wen-Fu", "ZHANG, Wen-Fu")[0] >= DEFAULT_THRESHOLD  # Zhang ~ Chang
