"""Korean personal names across scripts and romanization systems.

The foundation of sanctions screening: DPRK-related lists spell one person as
"KIM, Yong Chol", "Kim Young-chul", "Gim Yeongcheol" or 김영철; this package knows these
are one name and that "Kim Chol Su" and "Kim Chol Sam" are not.

Hangul (``hangul``)
    ``compose("ㄱ", "ㅣ", "ㅁ") -> "김"``, ``decompose("김") -> Syllable("ㄱ", "ㅣ", "ㅁ")``,
    ``is_hangul(text)``, ``contains_hangul(text)``, ``to_jamo(text)``.

Romanization (``romanize``), systems ``SYSTEMS = ("rr", "mr", "mr-ascii", "mr-list", "dprk")``
    ``romanize_name("김정은", "dprk") -> "Kim Jong Un"``; ``romanize_name("김정일", "mr") ->
    "Kim Chŏng-il"``; ``romanize_name("민병철", "mr-list") -> "Min Pyo'ng-ch'o'l"``;
    ``romanize(text, system)`` for running text with the sound changes inside words.

Surnames (``surnames``)
    ``surname_by_hangul("이")``, ``surnames_by_spelling("Rhee")``, ``is_surname("Pak")``,
    ``surname_table()``.

Syllables (``syllables``)
    ``split_syllables("Pyo'ng-ch'o'l") -> ["pyŏng", "ch'ŏl"]``,
    ``parse_name("Yong Chol KIM") -> ParsedName(surname=("kim",), given=("yong", "chol"))``.

Variants (``variants``)
    ``hangul_candidates("Young") -> ["영", ...]``; ``romanized_to_hangul("Kim Yong Chol")
    -> ["김영철", "김용철", ...]``; ``same_syllable("Yong", "Young") -> (True, "Yong =
    Young: both can be 영 (...)")``; ``same_name(a, b)``; ``name_key(name) -> "KIM YONG
    COL"``, shared by every spelling of the name; ``looks_korean(name)`` to send other names
    to ordinary fuzzy matching.

Nothing heavy happens at import: the spelling inventory is built on first use (~0.2 s).
"""

from __future__ import annotations

from .hangul import Syllable, compose, contains_hangul, decompose, is_hangul, to_jamo
from .inventory import Reading, normalize_roman, spellings_of
from .romanize import (
    SYSTEMS,
    initial_law,
    romanize,
    romanize_name,
    romanize_syllable,
    romanize_word,
)
from .surnames import Surname, is_surname
from .surnames import by_hangul as surname_by_hangul
from .surnames import by_spelling as surnames_by_spelling
from .surnames import surnames as surname_table
from .syllables import ParsedName, parse_name, parse_name_options, split_syllables, split_word
from .variants import (
    NotKoreanNameError,
    hangul_candidates,
    looks_korean,
    name_key,
    name_keys,
    romanized_to_hangul,
    same_name,
    same_syllable,
    syllable_readings,
)

__all__ = [
    "SYSTEMS",
    "NotKoreanNameError",
    "ParsedName",
    "Reading",
    "Surname",
    "Syllable",
    "compose",
    "contains_hangul",
    "decompose",
    "hangul_candidates",
    "initial_law",
    "is_hangul",
    "is_surname",
    "looks_korean",
    "name_key",
    "name_keys",
    "normalize_roman",
    "parse_name",
    "parse_name_options",
    "romanize",
    "romanize_name",
    "romanize_syllable",
    "romanize_word",
    "romanized_to_hangul",
    "same_name",
    "same_syllable",
    "spellings_of",
    "split_syllables",
    "split_word",
    "surname_by_hangul",
    "surname_table",
    "surnames_by_spelling",
    "syllable_readings",
    "to_jamo",
]
