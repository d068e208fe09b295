"""The CAMEO reference table: codes, quad classes from the root, lookups, and a check of
our hand-written table against the GDELT CAMEO lookup files in the shared data sets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nkwatch.reference.cameo import QUAD_CLASSES, CameoCode, codes, lookup, quad_class

from .conftest import shared_data_dir

#: Codes of the GDELT lookups where our table knowingly differs, with the reason. None today;
#: a code listed here must really disagree, so a stale entry fails too.
TOLERATED: dict[str, str] = {}

#: Codes of the CAMEO v1.1b3 codebook that GDELT's lookup files do not list (GDELT codes with
#: an older event list); our Goldstein value for them is that of the base or sibling codes.
NOT_IN_GDELT: dict[str, str] = {
    "155": "v1.1b3 cyber code (Mobilize or increase cyber-forces); value of 154",
    "176": "v1.1b3 cyber code (Attack cybernetically); value of 170",
    "1834": "v1.1b3 code (Carry out location bombing); value of 1831-1833",
    "1951": "v1.1b3 code (Employ precision-guided aerial munitions); value of 195",
    "1952": "v1.1b3 code (Employ remotely piloted aerial munitions); value of 195",
}


def _root_quad(root: int) -> int:
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def test_table_shape():
    table = codes()
    assert len(table) >= 300
    for code, rec in table.items():
        assert isinstance(rec, CameoCode)
        assert rec.code == code
        assert code.isdigit() and len(code) in (2, 3, 4), code
        assert rec.label.strip() == rec.label and rec.label, code
        assert -10.0 <= rec.goldstein <= 10.0, code
        # every 3- and 4-digit code has its parent in the table
        if len(code) > 2:
            assert code[:-1] in table or code[:2] in table, code
        if len(code) == 4:
            assert code[:3] in table, code


def test_every_root_present():
    table = codes()
    for root in range(1, 21):
        assert f"{root:02d}" in table
        assert f"{root:02d}0" in table  # the "not specified below" base code


def test_quad_class_from_root():
    for code, rec in codes().items():
        expected = _root_quad(int(code[:2]))
        assert quad_class(code) == expected, code
        assert rec.quad_class == expected, code
        assert rec.root == code[:2]
    assert set(QUAD_CLASSES) == {1, 2, 3, 4}
    assert quad_class("036") == 1
    assert quad_class("0874") == 2
    assert quad_class("112") == 3
    assert quad_class("190") == 4


def test_quad_class_bad_root():
    with pytest.raises(KeyError, match="between 01 and 20"):
        quad_class("21")
    with pytest.raises(KeyError, match="between 01 and 20"):
        quad_class("00")


def test_lookup():
    rec = lookup("0311")
    assert rec.code == "0311"
    assert rec.goldstein == 5.2
    assert lookup("010").label == "Make statement, not specified below"


@pytest.mark.parametrize("bad", ["999", "36", "0", "", "1900", "abc"])
def test_lookup_unknown_raises_helpful_keyerror(bad):
    with pytest.raises(KeyError) as exc:
        lookup(bad)
    message = str(exc.value)
    assert repr(bad) in message
    assert "not a CAMEO event code" in message


def _read_tsv(path: Path, key: str, value: str) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return {r[key].strip(): r[value].strip() for r in rows if r[key].strip()}


@pytest.mark.shared_data
def test_matches_gdelt_lookups():
    folder = shared_data_dir() / "gdelt-cameo-lookups"
    if not folder.is_dir():
        pytest.skip(f"shared data folder {folder} is absent: set NKWATCH_SHARED_DATA to the "
                    "folder holding the shared data sets")
    names = _read_tsv(folder / "CAMEO.eventcodes.txt", "CAMEOEVENTCODE", "EVENTDESCRIPTION")
    scale = _read_tsv(folder / "CAMEO.goldsteinscale.txt", "CAMEOEVENTCODE", "GOLDSTEINSCALE")
    assert len(names) > 250 and len(scale) > 250
    table = codes()

    problems: dict[str, str] = {}
    for code in sorted(set(names) | set(scale)):
        if code not in table:
            problems[code] = f"missing from ours (GDELT: {names.get(code)!r})"
        elif code not in scale:
            problems[code] = "no Goldstein value in GDELT's scale file"
        elif float(scale[code]) != table[code].goldstein:
            problems[code] = f"goldstein ours {table[code].goldstein} != GDELT {scale[code]}"

    unexpected = {c: p for c, p in problems.items() if c not in TOLERATED}
    assert not unexpected, f"our CAMEO table disagrees with the GDELT lookups: {unexpected}"
    stale = sorted(set(TOLERATED) - set(problems))
    assert not stale, f"TOLERATED lists codes that now agree: {stale}"

    ours_only = set(table) - set(names) - set(scale)
    assert ours_only == set(NOT_IN_GDELT), (
        f"codes of ours absent from GDELT's lookups: {sorted(ours_only)}; "
        f"expected exactly {sorted(NOT_IN_GDELT)}"
    )
