"""Our "mr" romanization against Library of Congress (ALA-LC) reference pairs.

The floors below are measured on the ScriptShifter sample of 2025-04 (see
benchmarks/loc_agreement.py, which prints the figures and the causes of disagreement):
names 674/674 (100%), other text 632/774 (81.7%), overall 1307/1483 (88.1%). The gap in
running text is lexical (tensification and n-insertion in compounds, loanwords) or
personal names inside titles, which ALA-LC romanizes as names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nkwatch.names.agreement import (
    MIXED,
    NAMES,
    NONAMES,
    Pair,
    classify,
    compare,
    normalize_for_comparison,
    read_pairs,
)

from ..conftest import shared_file

FIXTURE = Path(__file__).parent / "fixtures" / "scriptshifter_sample.csv"


def test_reader_on_our_fixture() -> None:
    pairs = read_pairs(FIXTURE)
    assert [p.source for p in pairs] == [
        "김정일", "김덕룡", "리선권", "한국 의 역사", "세법", "이 상 전집", "황국 flavor",
    ]  # fmt: skip
    assert pairs[5].table == MIXED  # an unlabelled row whose note says it has names
    assert pairs[6].table == NONAMES and pairs[6].expected == "hwangguk flavor"


def test_compare_on_our_fixture() -> None:
    result = compare(read_pairs(FIXTURE))
    assert (result.agree[NAMES], result.total[NAMES]) == (3, 3)
    assert (result.agree[NONAMES], result.total[NONAMES]) == (2, 3)
    causes = {d.source: d.cause for d in result.disagreements}
    assert causes["세법"].startswith("tensified consonant")
    assert causes["이 상 전집"].startswith("personal name inside running text")
    assert result.rate() == pytest.approx(5 / 7)


def test_reader_names_the_fix_for_a_wrong_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,c\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected 7 .*ScriptShifter"):
        read_pairs(bad)


def test_comparison_normalises_case_and_spacing() -> None:
    assert normalize_for_comparison("Haesŏl : chiphoe ( ha )") == "haesŏl: chiphoe (ha)"
    assert normalize_for_comparison("Kim Cho\u0306ng-il") == "kim chŏng-il"  # combining breve
    pair = Pair(NONAMES, "결단력", "Kyŏltannyŏk", "")
    assert classify(pair, "kyŏltallyŏk").startswith("n-insertion")


@pytest.mark.shared_data
def test_agreement_with_the_library_of_congress() -> None:
    pairs = read_pairs(shared_file("loc-scriptshifter-korean", "korean.csv"))
    result = compare(pairs, "mr")
    assert result.total[NAMES] >= 600, "the sample should hold ~674 Hangul name rows"
    assert result.rate(NAMES) >= 0.99
    assert result.rate(NONAMES) >= 0.80
    assert result.rate() >= 0.87
