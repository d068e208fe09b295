"""The screener over the real UN and OFAC lists in ../shared/data."""

from __future__ import annotations

import pytest

from nkwatch.lists import parse
from nkwatch.screen import Query, Screener

from ..conftest import shared_file

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def real() -> Screener:
    un = shared_file("un-sc-consolidated", "consolidated-202303.xml")
    sdn = shared_file("ofac-sdn", "sdn.csv")
    entries = [e for _, _, es in parse("un-sanctions", [un]) for e in es]
    entries += [e for _, _, es in parse("ofac-sdn", [sdn]) for e in es]
    return Screener.from_entries(entries)


def ids(matches: list) -> set[str]:
    return {f"{m.list}:{m.id}" for m in matches}


def test_spellings_find_kim_yong_chol(real: Screener) -> None:
    for spelling in ("Kim Young-chul", "Gim Yeongcheol", "김영철", "Kim Yŏng-ch'ŏl"):
        assert {"un:KPi.024", "ofac:12211", "ofac:17614"} <= ids(real.screen(spelling))
    found = real.screen(Query("Kim Young-chul", birth_date="1962-02-18"))
    assert ids(found) == {"un:KPi.024", "ofac:17614"}


def test_other_romanizations(real: Screener) -> None:
    assert "un:KPi.047" in ids(real.screen("Min Byung-chul"))  # 민병철, RR-ish
    assert "un:KPi.073" in ids(real.screen("Park Bong-nam"))
    assert "un:KPi.013" in ids(real.screen("Choi Chun-sik"))
    assert "un:KPi.033" in ids(real.screen("Lee Won-ho"))


def test_different_syllables_and_innocent_names(real: Screener) -> None:
    assert real.screen("Kim Chol Su") == []
    assert "un:KPi.035" in ids(real.screen("Kim Chol Sam"))
    for name in ("Moon Jae-in", "Yoon Suk-yeol", "Ban Ki-moon", "Kim Min-jun"):
        assert real.screen(name) == [], name


def test_entities_and_vessels(real: Screener) -> None:
    assert "un:KPe.022" in ids(real.screen("Chongchongang Shipping Co Ltd"))
    assert "ofac:17069" in ids(real.screen("Chong Chon Gang"))


def test_common_names_of_other_languages_match_nothing(real: Screener) -> None:
    """Issue 13: one-word aliases (Ahmed, Hassan) and vessels (MARIA, MARINA) flagged these."""
    assert real.screen("Ahmed Hassan") == []
    assert real.screen("Maria Garcia") == []


def test_a_held_out_variant_of_a_listed_person_is_found(real: Screener) -> None:
    """The list's own shorter spelling held out, a transliteration not on the list is found
    through the fuller name (Yevgeniy, the patronymic left out)."""
    hold = frozenset({("ofac:21171", "PRIGOZHIN, Evgeny")})
    found = real.screen(Query("Evgeniy Prigozhin", schema="Person"), skip=hold)
    assert "ofac:21171" in ids(found)
    makki = {("un:QDi.433", n) for n in ("Abdul Rahman Makki", "Abdur Rahman Makki")}
    found = real.screen("Abd al-Rahman Makki", skip=frozenset(makki))
    assert "un:QDi.433" in ids(found)
