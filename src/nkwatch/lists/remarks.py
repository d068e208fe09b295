"""What OFAC's free-text remarks say, read into fields: "a.k.a." / "f.k.a." / "n.k.a." names,
dates of birth, nationality, passports and IMO numbers.

Remarks are items separated by "; ": ``DOB 18 Feb 1962; alt. DOB circa 1946; nationality
Korea, North; Passport 563410081; a.k.a. 'KOMID'; Vessel Registration Identification IMO
7937317``. A quoted name may itself hold apostrophes (``a.k.a. 'CH'OE, Ch'un-yo'ng'``), so a
name ends at the quote before "; ", a full stop at the end, or the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Alias, parse_dob

_AKA = re.compile(r"\b(a|f|n)\.k\.a\.,?\s+'(.+?)'(?=\s*(?:;|\.?\s*$|,\s*[afn]\.k\.a\.))")
_KIND = {"a": "aka", "f": "fka", "n": "nka"}
_IMO = re.compile(r"\bIMO\s*(\d{7})\b")


@dataclass
class Remarks:
    aliases: list[Alias] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    passports: list[str] = field(default_factory=list)
    imo: list[str] = field(default_factory=list)


def parse_remarks(text: str) -> Remarks:
    """The fields of one remarks text."""
    out = Remarks()
    for kind, name in _AKA.findall(text):
        out.aliases.append(Alias(name.strip(), _KIND[kind]))
    for item in re.split(r";\s+", text):
        item = item.strip().rstrip(".")
        low = item.lower()
        if low.startswith(("dob ", "alt. dob ")):
            out.birth_dates.extend(parse_dob(item.split("DOB", 1)[-1]))
        elif low.startswith(("nationality ", "alt. nationality ", "citizen ", "alt. citizen ")):
            out.nationalities.append(
                item.split(" ", 2)[-1] if low.startswith("alt.") else item.split(" ", 1)[1]
            )
        elif low.startswith(("passport ", "alt. passport ")):
            number = item.split("assport", 1)[1].split()
            if number:
                out.passports.append(number[0])
    out.imo = sorted(set(_IMO.findall(text)))
    return out
