"""What besides the name moves a score: date of birth and country."""

from __future__ import annotations

import re

from .fuzzy import fold

DOB_EXACT, DOB_YEAR, DOB_NEAR, DOB_DIFFERS = 0.03, 0.01, -0.05, -0.25
COUNTRY_AGREES, COUNTRY_DIFFERS = 0.02, -0.05

_COUNTRY = {
    "kp": (
        "kp",
        "prk",
        "north korea",
        "korea north",
        "dprk",
        "democratic peoples republic of korea",
        "korea democratic peoples republic of",
    ),
    "kr": ("kr", "kor", "south korea", "korea south", "republic of korea", "korea republic of"),
    "cn": ("cn", "chn", "china", "peoples republic of china"),
    "ru": ("ru", "rus", "russia", "russian federation"),
    "ir": ("ir", "irn", "iran", "iran islamic republic of"),
    "sy": ("sy", "syr", "syria", "syrian arab republic"),
}
_LOOKUP = {name: code for code, names in _COUNTRY.items() for name in names}


def country_code(text: str) -> str:
    """An ISO-like code for the countries screening meets most, else the folded name."""
    folded = fold(text)
    return _LOOKUP.get(folded, folded)


def _year(text: str) -> int | None:
    m = re.match(r"(\d{4})", text)
    return int(m.group(1)) if m else None


def dob(query: str | None, listed: tuple[str, ...]) -> tuple[float, str | None]:
    """(score change, reason) from the query's date of birth against the listed ones."""
    if not query or not listed:
        return 0.0, None
    q = query.strip()
    if any(q == d or (len(d) >= len(q) and d.startswith(q)) or q.startswith(d) for d in listed):
        exact = any(q == d and len(d) == 10 for d in listed)
        return (DOB_EXACT if exact else DOB_YEAR), f"date of birth agrees ({q})"
    qy = _year(q)
    years = [y for y in (_year(d) for d in listed) if y]
    if qy is None or not years:
        return 0.0, None
    gap = min(abs(qy - y) for y in years)
    shown = "/".join(sorted(set(listed)))
    if gap == 0:
        return DOB_YEAR, f"year of birth agrees ({qy}; listed {shown})"
    if gap == 1:
        return DOB_NEAR, f"year of birth one off ({q}; listed {shown})"
    return DOB_DIFFERS, f"date of birth differs ({q}; listed {shown})"


def country(query: str | None, listed: tuple[str, ...]) -> tuple[float, str | None]:
    if not query or not listed:
        return 0.0, None
    q = country_code(query)
    codes = {country_code(c) for c in listed}
    if q in codes:
        return COUNTRY_AGREES, f"country agrees ({query})"
    return COUNTRY_DIFFERS, f"country differs ({query}; listed {', '.join(sorted(set(listed)))})"


IMO_DIFFERS, ADDRESS_AGREES = -0.3, 0.02


def imo_number(text: str) -> str:
    """The seven digits of an IMO number ("IMO 9123456", "9123456")."""
    digits = re.sub(r"\D", "", text or "")
    return digits[-7:] if len(digits) >= 7 else digits


def imo(query: str | None, listed: tuple[str, ...]) -> tuple[float, str | None]:
    """A vessel's IMO number is its identity: a different one says another ship."""
    if not query or not listed:
        return 0.0, None
    number = imo_number(query)
    if number in listed:
        return 0.0, f"IMO number agrees ({number})"
    return IMO_DIFFERS, f"IMO number differs ({number}; listed {', '.join(listed)})"


def address(query: str | None, listed: tuple[str, ...]) -> tuple[float, str | None]:
    """A small plus when most words of the query's address are in a listed address."""
    if not query or not listed:
        return 0.0, None
    words = set(fold(query).split())
    if not words:
        return 0.0, None
    for text in listed:
        have = set(fold(text).split())
        if len(words & have) >= max(1, (len(words) + 1) // 2):
            return ADDRESS_AGREES, f"address agrees ({text})"
    return 0.0, None


def most(birth_date: str | None, country_: str | None, address_: str | None) -> float:
    """The most that a query's date of birth, country and address can add to a name's score
    (an IMO number never adds): a name scoring below the threshold by more cannot be
    reported."""
    return (
        (max(0.0, DOB_EXACT, DOB_YEAR) if birth_date else 0.0)
        + (max(0.0, COUNTRY_AGREES) if country_ else 0.0)
        + (max(0.0, ADDRESS_AGREES) if address_ else 0.0)
    )
