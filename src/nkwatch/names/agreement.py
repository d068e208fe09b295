"""Agreement of our romanization with reference pairs in the Library of Congress
ScriptShifter test format (``korean.csv``: Hangul or Hanja → ALA-LC romanization).

The file has no header and 7 fields: table (``korean_names``, ``korean_nonames`` or empty),
source, expected romanization, direction (``s2r``), options JSON, note, "" (a few rows have
6). Rows whose source has Hanja are left out: we romanize Hangul only. Name rows are
romanized with ``romanize_name``, the others with ``romanize``; both sides are compared in
lower case, NFC, with spacing around punctuation normalised.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .hangul import contains_hangul
from .romanize import romanize, romanize_name

NAMES, NONAMES, MIXED = "korean_names", "korean_nonames", "text with names"
_HANJA = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Pair:
    """One reference pair."""

    table: str
    source: str
    expected: str
    note: str


@dataclass(frozen=True)
class Disagreement:
    """A pair where our output differs, with a guess at why."""

    table: str
    source: str
    expected: str
    got: str
    cause: str


@dataclass
class Agreement:
    """Agreeing and total pairs per table, and the disagreements."""

    agree: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    disagreements: list[Disagreement] = field(default_factory=list)

    def rate(self, table: str | None = None) -> float:
        """The share of pairs we agree on, in one table or (None) overall."""
        agree = self.agree[table] if table else sum(self.agree.values())
        total = self.total[table] if table else sum(self.total.values())
        return agree / total if total else 0.0


def read_pairs(path: str | Path) -> list[Pair]:
    """The Hangul pairs of a ScriptShifter Korean sample file (Hanja rows left out)."""
    path = Path(path)
    pairs: list[Pair] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.reader(handle), start=1):
            if len(row) not in (6, 7):
                raise ValueError(
                    f"{path}:{line} has {len(row)} fields, expected 7 (table, source, "
                    "romanization, direction, options, note, ''): is it the ScriptShifter "
                    "test/data/script_samples/korean.csv file?"
                )
            table, source, expected, _direction, _options, note = row[:6]
            if not contains_hangul(source) or _HANJA.search(source):
                continue
            if not table:
                table = MIXED if "personal name" in note.lower() else NONAMES
            pairs.append(Pair(table, source, expected, note))
    return pairs


def normalize_for_comparison(text: str) -> str:
    """Lower case, NFC, single spaces, no space before ,.:;)] or after ([."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.:;!?)\]])", r"\1", text)
    return re.sub(r"([(\[]) ", r"\1", text)


_TENSED = {("k", "g"), ("t", "d"), ("p", "b"), ("ch", "j"), ("k", "'g"), ("kk", "k")}
_VOICED = {(b, a) for a, b in _TENSED}


def classify(pair: Pair, got: str) -> str:
    """A short guess at the cause of a disagreement (for the benchmark's report)."""
    want, have = normalize_for_comparison(pair.expected), normalize_for_comparison(got)
    if pair.table == MIXED:
        return "personal name inside running text (not detected as a name)"
    if re.sub(r"[\s\-',·]", "", want) == re.sub(r"[\s\-',·]", "", have):
        return "word division, hyphenation or punctuation"
    changes = [
        (want[i1:i2], have[j1:j2])
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, want, have).get_opcodes()
        if op != "equal"
    ]
    if all(c in _TENSED for c in changes):
        return "tensified consonant in a compound (lexical: k/t/p/ch, not g/d/b/j)"
    if all(c in _VOICED for c in changes):
        return "voiced consonant after ㄹ in a native word (lexical)"
    if any(
        (set(w) <= {"n", "l", "y"} and w.count("n") + w.count("l") > h.count("n") + h.count("l"))
        or (set(w) == {"n"} and set(h) == {"l"})
        for w, h in changes
    ):
        return "n-insertion or n-n in a compound (lexical)"
    if any(w == "l" and h == "r" for w, h in changes):
        return "loanword keeps l (lexical)"
    return "other (conventional spelling of a proper noun or compound)"


def compare(pairs: list[Pair], system: str = "mr") -> Agreement:
    """Romanize every pair's source and count agreement per table."""
    result = Agreement()
    for pair in pairs:
        if pair.table == NAMES:
            got = romanize_name(pair.source, system)
        else:
            got = romanize(pair.source, system)
        result.total[pair.table] += 1
        if normalize_for_comparison(got) == normalize_for_comparison(pair.expected):
            result.agree[pair.table] += 1
        else:
            cause = classify(pair, got)
            result.disagreements.append(
                Disagreement(pair.table, pair.source, pair.expected, got, cause)
            )
    return result
