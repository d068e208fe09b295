"""The surname table: size, lookups, and its columns checked against the romanizer."""

from __future__ import annotations

import pytest

from nkwatch.names import (
    is_surname,
    romanize_word,
    surname_by_hangul,
    surname_table,
    surnames_by_spelling,
)
from nkwatch.names.surnames import Surname, fold_breves, two_syllable_surnames

# Where ALA-LC's spelling is not the plain MR of the syllable (it drops the initial ㄹ).
MR_CONVENTIONS = {"이": "Yi", "류": "Yu"}


def test_the_table_is_large_and_unique() -> None:
    rows = surname_table()
    assert len(rows) >= 60
    forms = [form for row in rows for form in row.forms]
    assert len(forms) == len(set(forms)), "a Hangul form appears in two rows"
    assert {"남궁", "황보", "제갈", "선우", "독고"} <= set(two_syllable_surnames())


@pytest.mark.parametrize("row", surname_table(), ids=lambda r: r.hangul)
def test_columns_agree_with_the_romanizer(row: Surname) -> None:
    assert row.rr == romanize_word(row.hangul, "rr").capitalize()
    mr = romanize_word(row.hangul, "mr").capitalize()
    assert row.mr == MR_CONVENTIONS.get(row.hangul, mr)
    # the DPRK column spells the North's form of the name (이 → 리 → Ri)
    north = row.north if row.north != row.hangul and row.dprk.startswith("R") else row.hangul
    assert row.dprk == fold_breves(romanize_word(north, "dprk")).capitalize()


@pytest.mark.parametrize(
    ("hangul", "spellings"),
    [
        ("김", {"Kim", "Gim"}),
        ("이", {"Lee", "Yi", "Rhee", "Ri", "Rhie", "I"}),
        ("박", {"Park", "Pak", "Bak"}),
        ("최", {"Choi", "Choe", "Chey"}),
        ("정", {"Jeong", "Jung", "Chung", "Chong", "Jong"}),
        ("임", {"Lim", "Im", "Rim", "Lym"}),
        ("서", {"Seo", "Suh", "So"}),
        ("노", {"Noh", "Roh", "No", "Ro"}),
        ("백", {"Baek", "Paek", "Paik"}),
        ("허", {"Heo", "Hur", "Ho"}),
        ("태", {"Tae", "Thae"}),
        ("금", {"Keum", "Kum"}),
        ("육", {"Yuk", "Ryuk"}),
    ],
)
def test_usual_spellings(hangul: str, spellings: set[str]) -> None:
    row = surname_by_hangul(hangul)
    assert row is not None
    assert spellings <= set(row.spellings)
    for spelling in spellings:
        assert row in surnames_by_spelling(spelling)


def test_north_and_south_forms_are_one_row() -> None:
    assert surname_by_hangul("리") is surname_by_hangul("이")
    assert surname_by_hangul("림") is surname_by_hangul("임")
    assert surname_by_hangul("로").hangul == "노"
    assert surname_by_hangul("리").north == "리"


def test_ambiguous_spellings_rank_the_exact_system_spelling_first() -> None:
    assert [r.hangul for r in surnames_by_spelling("Song")][:2] == ["송", "성"]
    assert surnames_by_spelling("Sŏng")[0].hangul == "성"
    assert {r.hangul for r in surnames_by_spelling("Chun")} >= {"전", "천"}
    assert surnames_by_spelling("CH'OE")[0].hangul == "최"


def test_labels_say_which_system() -> None:
    row = surname_by_hangul("최")
    assert row.labels("Choe") == ["RR", "DPRK"]
    assert row.labels("Ch'oe") == ["MR", "MR without breves"]
    assert row.labels("Chey") == ["usual variant"]


def test_is_surname() -> None:
    assert is_surname("Kim") and is_surname("김") and is_surname("Namgung")
    assert not is_surname("Smith") and not is_surname("Xi")
