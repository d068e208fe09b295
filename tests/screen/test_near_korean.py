"""A Korean name with one syllable no romanization gives ("PAK, Jin Hek" for PAK Jin Hyok,
issue 13's one lost Korean spelling variant): read as Korean but for that syllable, which
meets a listed one only where its consonants agree, and scored by the names' letters."""

from __future__ import annotations

import pytest

from nkwatch.lists.model import Entry
from nkwatch.screen import DEFAULT_THRESHOLD, Query, Screener
from nkwatch.screen.korean import compare_near, forms, near_forms


@pytest.fixture(scope="module")
def lists() -> Screener:
    return Screener.from_entries(
        [
            Entry("ofac", "1", "Person", "PAK, Jin Hyok", birth_dates=["1984-08-15"]),
            Entry("ofac", "2", "Person", "PAK, Jin Hun"),  # h-n: not Hek's consonants
            Entry("ofac", "3", "Person", "PAK, Kwang Hyok"),  # Kwang is not Jin
            Entry("ofac", "4", "Person", "RI, Jin Hyok"),  # nor is Ri Pak
        ]
    )


@pytest.mark.parametrize("query", ["PAK, Jin Hek", "Pak Jin-Hek", "Pak Jin Hek", "Jin Hek PAK"])
def test_one_unreadable_syllable_is_read_by_its_consonants(lists: Screener, query: str) -> None:
    assert not forms(query) and near_forms(query)
    found = lists.screen(query)
    assert [m.id for m in found] == ["1"]
    assert "Hek is no Korean spelling" in found[0].explanation
    assert found[0].score < 0.9  # letters alike, not a spelling nkwatch knows


def test_the_date_of_birth_still_counts(lists: Screener) -> None:
    plain = lists.screen("PAK, Jin Hek")[0].score
    (m,) = lists.screen(Query("PAK, Jin Hek", birth_date="1984-08-15"))
    assert m.score > plain and "date of birth agrees" in m.explanation


def test_only_one_syllable_and_only_its_vowels_may_be_unknown(lists: Screener) -> None:
    # a readable syllable that differs is still a different name (Jun is not Jin)
    assert lists.screen("PAK, Jun Hek") == []
    # two syllables no romanization gives, or no readable given syllable: not Korean at all
    assert near_forms("PAK, Jin Hek Zek") == () and near_forms("PAK, Hek") == ()
    assert near_forms("Wang Xiao") == ()  # a family name and one odd word
    # names that read as Korean keep the Korean matcher alone
    assert near_forms("PAK, Jin Hyok") == ()


def test_compare_near_needs_every_other_syllable() -> None:
    query = near_forms("PAK, Jin Hek")
    score, _ = compare_near(query, forms("PAK, Jin Hyok"), "PAK, Jin Hek", "PAK, Jin Hyok")
    assert score >= DEFAULT_THRESHOLD
    other = "PAK, Jin Hun"
    assert compare_near(query, forms(other), "PAK, Jin Hek", other)[0] < DEFAULT_THRESHOLD
    other = "KIM, Jin Hyok"
    assert compare_near(query, forms(other), "PAK, Jin Hek", other)[0] < DEFAULT_THRESHOLD
