"""The CAMEO event codes with their Goldstein values and quad classes.

The list (``cameo.csv``: code, label, goldstein) is nkwatch's own copy of the CAMEO codebook
(Schrodt, "CAMEO Conflict and Mediation Event Observations Codebook", v1.1b3, 2012) and of
the Goldstein (1992) conflict-cooperation scale as GDELT applies it to CAMEO codes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: CAMEO root codes 01-20 fall into four quad classes.
QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return quad_class(self.code)


def quad_class(code: str) -> int:
    """Quad class of a CAMEO code from its root: 01-05 verbal cooperation, 06-08 material
    cooperation, 09-13 verbal conflict, 14-20 material conflict."""
    root = int(code[:2])
    if not 1 <= root <= 20:
        raise KeyError(f"CAMEO root {code[:2]!r} is not between 01 and 20")
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


@cache
def codes() -> dict[str, CameoCode]:
    """Every CAMEO event code, by code."""
    text = resources.files("nkwatch.reference").joinpath("cameo.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {r["code"]: CameoCode(r["code"], r["label"], float(r["goldstein"])) for r in rows}


def lookup(code: str) -> CameoCode:
    """The CAMEO code record; raises KeyError with a hint for an unknown code."""
    table = codes()
    if code in table:
        return table[code]
    raise KeyError(
        f"{code!r} is not a CAMEO event code: use a code from the CAMEO codebook, "
        "e.g. '036' (express intent to meet) or '190' (use conventional military force)"
    )
