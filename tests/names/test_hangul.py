"""Hangul syllables: composition, decomposition and detection."""

from __future__ import annotations

import unicodedata

import pytest

from nkwatch.names import compose, contains_hangul, decompose, is_hangul, to_jamo
from nkwatch.names.hangul import SYLLABLE_FIRST, SYLLABLE_LAST, Syllable, normalize


def test_every_syllable_round_trips() -> None:
    for code in range(SYLLABLE_FIRST, SYLLABLE_LAST + 1):
        char = chr(code)
        assert compose(*decompose(char)) == char


@pytest.mark.parametrize(
    ("char", "jamo"),
    [
        ("김", Syllable("ㄱ", "ㅣ", "ㅁ")),
        ("영", Syllable("ㅇ", "ㅕ", "ㅇ")),
        ("철", Syllable("ㅊ", "ㅓ", "ㄹ")),
        ("의", Syllable("ㅇ", "ㅢ", "")),
        ("닭", Syllable("ㄷ", "ㅏ", "ㄺ")),
    ],
)
def test_decompose_examples(char: str, jamo: Syllable) -> None:
    assert decompose(char) == jamo
    assert compose(jamo.initial, jamo.medial, jamo.final) == char


def test_compose_accepts_conjoining_jamo() -> None:
    # U+1100 ᄀ, U+1175 ᅵ, U+11B7 ᆷ: the jamo of decomposed (NFD) text
    assert compose("\u1100", "\u1175", "\u11b7") == "김"


def test_errors_name_the_fix() -> None:
    with pytest.raises(ValueError, match="normalise the text"):
        decompose("K")
    with pytest.raises(ValueError, match="use ㅇ"):
        compose("", "ㅏ")
    with pytest.raises(ValueError, match="the medial one of"):
        compose("ㄱ", "ㄱ")


def test_detection() -> None:
    assert is_hangul("김 정은")
    assert is_hangul("2009년 판")
    assert not is_hangul("Kim Jong Un")
    assert not is_hangul("roasted 황국")
    assert contains_hangul("roasted 황국")
    assert not contains_hangul("Kim Jong Un")
    assert not is_hangul("")


def test_decomposed_text_is_recognised() -> None:
    nfd = unicodedata.normalize("NFD", "김정은")
    assert len(nfd) > 3
    assert normalize(nfd) == "김정은"
    assert is_hangul(nfd)


def test_to_jamo() -> None:
    assert to_jamo("김 A") == "ㄱㅣㅁ A"
