"""The upper bound that spares the full word-by-word comparison (issue 13, speed): it must
never be below the score :func:`fuzzy.compare` gives, or a match would be lost."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nkwatch.lists.model import Alias, Entry
from nkwatch.screen import DEFAULT_THRESHOLD, Query, Screener
from nkwatch.screen.fuzzy import Bound, analyze, compare

#: words that exercise every rule of the comparison: transliterations (Mohammed / Muhamad,
#: Zhang / Chang, Yevgeniy / Evgeny), patronymics, particles, Abd al- compounds, short words
#: (Hek / Hyok), two letters swapped (Neil / Niel), different final vowels (Maria / Mario),
#: legal forms, a word repeated
WORDS = [
    *("Mohammed", "Muhamad", "Mohamed", "Ahmed", "Ahmad", "Hamed", "Hassan", "Hasan"),
    *("Ali", "Husayn", "Hussein", "Saddam", "Abd al-Rahman", "Abdul Rahman", "al-Tikriti"),
    *("Zhang", "Chang", "Wen-Fu", "Wenfu", "Xi", "Hsi", "Jin", "Chin", "Hek", "Hyok"),
    *("Yevgeniy", "Evgeny", "Viktorovich", "Nikolayevich", "Ivanov", "Ivanova", "Petrov"),
    *("Prigozhin", "Sergei", "Sergey"),
    *("Neil", "Niel", "Maria", "Mario", "Garcia", "bin", "Kim", "Chol", "Pak", "Jin-Hyok"),
    *("Trading", "Co.", "Ltd.", "Ryonbong", "General", "Corporation", "Bank"),
]

name = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
comma_name = st.tuples(st.sampled_from(WORDS), name).map(lambda p: f"{p[0].upper()}, {p[1]}")
any_name = st.one_of(name, comma_name)


@settings(max_examples=400, deadline=None)
@given(query=any_name, listed=st.lists(any_name, min_size=1, max_size=4), person=st.booleans())
@example("Yevgeniy Prigozhin", ["PRIGOZHIN, Yevgeniy Viktorovich", "Evgeny Prigozhin"], True)
@example("Ali Saddam Husayn al-Tikriti", ["Saddam Hussein al-Tikriti", "Ali Ali"], True)
@example("Chang Wen-fu", ["ZHANG, Wen-Fu", "Zhang Wenfu"], True)
@example("Pak Jin Hek", ["PAK, Jin Hyok", "Pak Jin-Hyok"], True)
def test_the_bound_is_never_below_the_score(query: str, listed: list[str], person: bool) -> None:
    bound = Bound(analyze(query, person))
    bound.prepare([analyze(b, person) for b in listed])  # in bulk, as the screener does
    lazy = Bound(analyze(query, person))  # and one word at a time
    for b in listed:
        score = compare(query, b, person=person)[0]
        most = bound(analyze(b, person))
        assert most == lazy(analyze(b, person))
        assert score <= most + 1e-4, (query, b, score, most)


def test_the_bound_leaves_out_names_that_cannot_match() -> None:
    """A word missing on one side caps the score (Dice over words), and the bound knows it."""
    bound = Bound(analyze("Ahmed Hassan"))
    assert bound(analyze("MOUKALLED, Hassan Ahmed")) < DEFAULT_THRESHOLD
    assert bound(analyze("Ahmed")) < DEFAULT_THRESHOLD
    assert bound(analyze("Garcia Lopez")) == 0.0
    assert bound(analyze("Ahmad Hasan")) >= compare("Ahmed Hassan", "Ahmad Hasan")[0]
    # a word repeated in the query is two words to find
    twice = Bound(analyze("Ali Ali"))
    assert twice(analyze("ALI, Ali")) >= compare("Ali Ali", "ALI, Ali")[0] >= DEFAULT_THRESHOLD


def _entry(list_id: str, schema: str, name: str, *aliases: Alias, **kw) -> Entry:
    return Entry("ofac", list_id, schema, name, aliases=list(aliases), **kw)


@pytest.fixture(scope="module")
def lists() -> Screener:
    return Screener.from_entries(
        [
            _entry("1", "Person", "MOUKALLED, Hassan Ahmed", birth_dates=["1960-01-01"]),
            _entry("2", "Person", "AL-RAHMAN, Muhammad Abd al-Aziz"),
            _entry("3", "Person", "ZHANG, Wen-Fu"),
            _entry("4", "Person", "PRIGOZHIN, Yevgeniy Viktorovich", Alias("Evgeny Prigozhin")),
            _entry("5", "Person", "AHMAD, Hasan", Alias("Ali Ali", "aka")),
            _entry("6", "Person", "PAK, Jin Hek", birth_dates=["1984-08-15"]),
            _entry("7", "Organization", "KOREA RYONBONG GENERAL CORPORATION"),
            _entry("8", "Vessel", "MARIA", Alias("OLD STAR", "fka")),
        ]
    )


QUERIES = [
    Query("Ahmed Hassan"),
    Query("Hassan Ahmed Moukalled", birth_date="1960-01-01"),
    Query("Mohamed Abdul Aziz al-Rahman"),
    Query("Chang Wen-fu"),
    Query("Chang Wenfu", country="China"),
    Query("Evgeniy Viktorovich Prigozhin"),
    Query("Ali Ali"),
    Query("Pak Jin Hyok", birth_date="1984-08-15"),
    Query("Korea Ryonbong General Corp."),
    Query("Old Star", schema="Vessel"),
]


@pytest.mark.parametrize("threshold", [0.3, 0.7, DEFAULT_THRESHOLD, 0.95])
def test_the_bound_changes_no_match(lists: Screener, threshold: float) -> None:
    """With a trace the screener compares every candidate in full; without, it leaves out
    those the bound rules out: the matches are the same."""
    for query in QUERIES:
        full = lists.screen(query, threshold=threshold, trace=[])
        assert lists.screen(query, threshold=threshold) == full, query
