"""Screening: syllables not letters for Korean names, ordinary fuzzy matching for the rest,
dates of birth, explanations, the index."""

from __future__ import annotations

import pytest

from nkwatch.screen import DEFAULT_THRESHOLD, Query, Screener


def ids(matches: list) -> set[str]:
    return {f"{m.list}:{m.id}" for m in matches}


@pytest.mark.parametrize(
    "spelling",
    [
        "Kim Yong Chol",
        "KIM, Yong Chol",
        "Kim Young-chul",
        "Gim Yeongcheol",
        "김영철",
        "Kim Yong-chol",
        "Kimyongchol",
        "Yong Chol KIM",
        "Kim Yŏng-ch'ŏl",
        "Kim Yo'ng-ch'o'l",
    ],
)
def test_spellings_of_one_name_match(screener: Screener, spelling: str) -> None:
    assert {"un:KPi.024", "ofac:12211", "ofac:17614"} <= ids(screener.screen(spelling))


@pytest.mark.parametrize(
    "other",
    [
        "Kim Chol Su",
        "Kim Yong Su",
        "Kim Yang Chol",
        "Pak Yong Chol",
        "Kim Yong",
        "Kim Yong Chol Su",
    ],
)
def test_a_different_syllable_is_a_different_name(screener: Screener, other: str) -> None:
    assert not ids(screener.screen(other)) & {"un:KPi.024", "ofac:12211", "ofac:17614"}


def test_kim_chol_su_is_not_kim_chol_sam(screener: Screener) -> None:
    assert ids(screener.screen("Kim Chol Sam")) == {"un:KPi.035"}
    assert screener.screen("Kim Chol Su") == []
    near = screener.screen("Kim Chol Su", threshold=0.0)
    sam = next(m for m in near if m.id == "KPi.035")
    assert sam.score < 0.5 and "Su ≠ Sam" in sam.explanation


def test_explanation_names_each_syllable(screener: Screener) -> None:
    (m, *_) = [m for m in screener.screen("Gim Young-chul") if m.id == "KPi.024"]
    assert m.list == "un" and m.name in ("KIM YONG CHOL", "Kim Young-Chol")
    assert "Gim = Kim" in m.explanation and "김" in m.explanation
    assert "Chul = Chol" in m.explanation and "철" in m.explanation
    assert DEFAULT_THRESHOLD <= m.score < 1.0


def test_date_of_birth_tells_homonyms_apart(screener: Screener) -> None:
    found = screener.screen(Query("Kim Yong Chol", birth_date="1962-02-18"))
    assert ids(found) == {"un:KPi.024", "ofac:17614"}  # 12211 was born c. 1946/47
    assert all("date of birth agrees" in m.explanation for m in found)
    assert found[0].features["dob"] > 0


def test_non_korean_names_still_match(screener: Screener) -> None:
    assert "ofac:306" in ids(screener.screen("Banco Nacional de Cuba"))
    assert "ofac:306" in ids(screener.screen("National Bank of Cuba"))
    assert "un:KPe.022" in ids(screener.screen("Chong Chon Gang Shipping Co Ltd"))
    assert "ofac:9345" in ids(screener.screen("Korea Mining Development Trading Corp."))
    assert "un:KPi.035" in ids(screener.screen("Jin Tiesan"))
    assert "un:IQi.043" in ids(screener.screen("Humam Abd al-Khaliq"))
    assert screener.screen("Sergei Lavrov") == []


def test_threshold_and_limit(screener: Screener) -> None:
    assert len(screener.screen("Kim Yong Chol", limit=1)) == 1
    loose = screener.screen("Kim Young-chul", threshold=0.0, limit=50)
    strict = screener.screen("Kim Young-chul", threshold=1.0)
    assert len(strict) < len(loose)
    assert all(m.score >= 1.0 for m in strict)


def test_candidates_come_from_the_index(screener: Screener) -> None:
    forms, korean_ids, _ = screener.candidates("Kim Young-chul")
    assert forms and 0 < len(korean_ids) < len(screener.names)
    texts = {screener.names[i].text for i in korean_ids}
    assert "KIM CHOL SAM" not in texts  # 김+영 does not reach 김+철
    assert screener.candidates("Zzyzx Qwerty")[1:] == (set(), set())


def test_mr_assimilation_counts_only_where_a_neighbour_calls_for_it() -> None:
    from nkwatch.screen import korean

    def score(a: str, b: str) -> float:
        return korean.compare(korean.forms(a), korean.forms(b))[0]

    # ALA-LC writes 오극렬 O Kŭng-nyŏl: ㄱ before ㄹ sounds ng, and ㄹ after it n
    assert score("O Kung-nyŏl", "O, Kuk-Ryol") >= DEFAULT_THRESHOLD
    # without a nasal or ㄹ after it, "Kung" is not a spelling of 국
    assert score("Kim Kung Su", "Kim Kuk Su") < DEFAULT_THRESHOLD
    assert score("Kim Jon Su", "Kim Chol Su") < DEFAULT_THRESHOLD
