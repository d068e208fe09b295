"""Names of every origin (issue 13): one-word and weak aliases, schemata, transliterations of
Arabic, Persian, Russian and Chinese names, name order, companies in English and Korean,
vessels by IMO number and former name."""

from __future__ import annotations

import pytest

from nkwatch.errors import QueryError
from nkwatch.lists.model import Alias, Entry
from nkwatch.screen import DEFAULT_THRESHOLD, Query, Screener
from nkwatch.screen.fuzzy import compare


def _entry(list_id: str, schema: str, name: str, *aliases: Alias, **kw) -> Entry:
    return Entry("ofac", list_id, schema, name, aliases=list(aliases), **kw)


@pytest.fixture(scope="module")
def lists() -> Screener:
    """The shapes the issue found flagging common names, and a few listed persons."""
    return Screener.from_entries(
        [
            _entry("10929", "Person", "AL-SOMETHING, Khalid", Alias("Ahmed", "aka")),
            _entry("8187", "Person", "AL-OTHER, Yusuf", Alias("Hassan", "weak", "Low")),
            _entry("40536", "Person", "MOUKALLED, Hassan Ahmed"),
            _entry("36716", "Vessel", "MARIA", imo=["9123456"]),
            _entry("46773", "Vessel", "MARINA", Alias("OLD STAR", "fka")),
            _entry("21171", "Person", "PRIGOZHIN, Yevgeniy Viktorovich"),
            _entry("7001", "Person", "AL-RAHMAN, Muhammad Abd al-Aziz"),
            _entry("7002", "Person", "ZHANG, Wen-Fu"),
            _entry("7003", "Person", "AL-BAGHDADI, Ghasem", Alias("Abu Qasim", "weak", "Low")),
            _entry("9347", "Organization", "KOREA RYONBONG GENERAL CORPORATION"),
            _entry("9348", "Organization", "조선련봉무역회사"),
        ]
    )


def ids(matches: list) -> set[str]:
    return {m.id for m in matches}


def test_common_names_match_nothing(lists: Screener) -> None:
    """The issue's two names: one-word aliases and a vessel no longer match them."""
    assert lists.screen("Ahmed Hassan") == []
    assert lists.screen("Maria Garcia") == []
    near = lists.screen("Ahmed Hassan", threshold=0.5)
    why = {m.id: m.explanation for m in near}
    assert "not found: moukalled" in why["40536"]


def test_a_one_word_name_matches_a_one_word_query_only(lists: Screener) -> None:
    assert ids(lists.screen("Ahmed")) == {"10929"}
    assert compare("Ahmed Hassan", "Ahmed")[0] < DEFAULT_THRESHOLD


def test_weak_aliases_match_only_as_a_whole_and_say_so(lists: Screener) -> None:
    (m,) = lists.screen("Hassan")
    assert m.id == "8187" and m.score <= 0.9 and "weak alias" in m.explanation
    assert "7003" not in ids(lists.screen("Abu Qasim Mahmoud"))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Evgeny Prigozhin", "21171"),  # Russian: Yevgeniy / Evgeny, patronymic left out
        ("Евгений Пригожин", "21171"),  # Cyrillic, transliterated by rigour
        ("Mohamed Abdel Aziz al-Rahman", "7001"),  # Muhammad / Mohamed, Abd al- / Abdel
        ("Muhammad Abdulaziz Rahman", "7001"),
        ("Chang Wen-fu", "7002"),  # Wade-Giles / pinyin
        ("Wenfu Zhang", "7002"),  # words run together, family name last
        ("Qasem Baghdadi", "7003"),  # Persian gh / q, the article dropped
    ],
)
def test_transliterations_are_found(lists: Screener, query: str, listed: str) -> None:
    assert listed in ids(lists.screen(query)), lists.screen(query, threshold=0.5)


def test_different_names_stay_apart() -> None:
    for a, b in [
        ("Ahmed Hussein", "Ahmed Hassan"),  # حسين and حسن
        ("Mahmoud Ali", "Mohammed Ali"),
        ("Maria Garcia", "Mario Garcia"),
        ("PETROV, Sergey Valentinovich", "PETROV, Sergey Valeriyevich"),  # two patronymics
        ("AL-TIKRITI, Ali Saddam Husayn", "AL-TIKRITI, Saddam Hussein"),  # son and father
        ("MAXIMOV, Alexander", "AKIMOV, Alexander"),
    ]:
        assert compare(a, b)[0] < DEFAULT_THRESHOLD, (a, b, compare(a, b))


def test_schema_counts(lists: Screener) -> None:
    assert ids(lists.screen(Query("Maria", schema="Vessel"))) == {"36716"}
    assert lists.screen(Query("Maria", schema="Person")) == []  # a person is no vessel
    assert "9347" not in ids(lists.screen(Query("Korea Ryonbong General Corp", schema="Person")))
    assert "9347" in ids(lists.screen(Query("Korea Ryonbong General Corp", schema="Company")))
    with pytest.raises(QueryError, match="not one to screen"):
        lists.screen(Query("Maria", schema="Spaceship"))


def test_vessels_by_imo_and_former_name(lists: Screener) -> None:
    (m,) = lists.screen(Query("SOME NEW NAME", imo="IMO 9123456"))
    assert m.id == "36716" and "IMO number 9123456 agrees" in m.explanation
    other = lists.screen(Query("MARIA", schema="Vessel", imo="9999999"), threshold=0.0)
    (maria,) = [m for m in other if m.id == "36716"]
    assert maria.score < DEFAULT_THRESHOLD and "IMO number differs" in maria.explanation
    (old,) = lists.screen(Query("Old Star", schema="Vessel"))
    assert old.id == "46773" and "former name" in old.explanation


def test_company_legal_forms_in_english_and_korean(lists: Screener) -> None:
    assert "9347" in ids(lists.screen("Korea Ryonbong General Corp."))
    # 조선 = Korea, 무역회사 = trading company, the rest romanized the DPRK way
    assert "9348" in ids(lists.screen("Korea Ryonbong Trading Co., Ltd."))
    assert compare("Ryonbong Muyok Hoesa", "Ryonbong Trading Company")[0] >= DEFAULT_THRESHOLD
    assert compare("Korea Kwangson Banking Corp", "Korea Daesong Bank")[0] < DEFAULT_THRESHOLD


def test_address_and_country_move_the_score() -> None:
    screener = Screener.from_entries(
        [_entry("1", "Person", "PAK, Chol Su", addresses=["Pyongyang, Korea, North"])]
    )
    (plain,) = screener.screen("Pak Chol Su")
    (near,) = screener.screen(Query("Pak Chol Su", address="Pyongyang"))
    assert near.score >= plain.score and "address agrees" in near.explanation


def test_trace_records_every_candidate(lists: Screener) -> None:
    trace: list[dict] = []
    lists.screen("Ahmed Hassan", trace=trace)
    considered = {t["id"] for t in trace if "id" in t}
    assert {"10929", "40536"} <= considered  # seen, scored and explained, not reported
    assert all(t["explanation"] for t in trace)
