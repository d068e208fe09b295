"""The shape every sanctions list is read into, whatever its format: one :class:`Entry` per
listed person, entity or vessel, with its names, dates of birth, documents and programs.

Parsers (``un``, ``ofac``, ``ofac_xml``, ``ftm``) yield entries; ``store`` writes them to the
``sl_`` tables; ``nkwatch.screen`` matches names against them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkwatch.errors import QueryError


class ListError(QueryError):
    """A list file nkwatch will not ingest as given; the message names the file, the line or
    element, and the fix. Nothing is written when it is raised."""


def parse_xml(path: Path, fix: str) -> Any:
    """The lxml tree of a list's XML file, safely: no DTD loaded, no entity expanded, no
    network. An entity left in the text (``&name;`` declared in the file's DOCTYPE: the
    billion laughs, an external entity reading a local file) would silently cut a field
    short, so it is refused; ``fix`` ends every message ("download consolidated.xml again")."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True
    )
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        raise ListError(
            f"{where(path, exc.lineno or None)}: not well-formed XML ({exc.msg}): the file is "
            f"damaged or cut short; {fix}"
        ) from None
    except (OSError, ValueError) as exc:
        raise ListError(f"{where(path)}: cannot be read as XML ({exc}): {fix}") from None
    for node in tree.iter(etree.Entity):
        parent = node.getparent()
        element = parent.tag if parent is not None and isinstance(parent.tag, str) else None
        raise ListError(
            f"{where(path, node.sourceline, element)}: the entity reference {node.text} is "
            "declared in the file's own DOCTYPE, which nkwatch does not expand (it would cut "
            f"the field short): the official lists use none; is the file edited? {fix}"
        )
    return tree


def where(path: Path | str, line: int | None = None, element: str | None = None) -> str:
    """``file:line (element)`` for error messages."""
    out = str(path)
    if line is not None:
        out += f":{line}"
    if element:
        out += f" ({element})"
    return out


@dataclass(frozen=True)
class Alias:
    """Another name of an entry: ``kind`` is "aka", "fka", "nka", "original-script" or
    "weak" (the UN's "Low" quality and OFAC's "weak" a.k.a.), ``quality`` as the list says."""

    name: str
    kind: str = "aka"
    quality: str = ""


@dataclass
class Entry:
    """One listed person, entity or vessel, as one list gives it."""

    list: str  # "un", "ofac", or the FollowTheMoney dataset name
    list_id: str  # the list's own id: KPi.024, 12211, NK-...
    schema: str  # Person, Organization, Vessel, LegalEntity (FollowTheMoney schema names)
    name: str
    aliases: list[Alias] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    dprk: bool = False
    listed_on: dt.date | None = None
    birth_dates: list[str] = field(default_factory=list)  # ISO, cut to precision: 1962, 1962-02
    nationalities: list[str] = field(default_factory=list)
    passports: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    imo: list[str] = field(default_factory=list)
    remarks: str = ""
    line: int | None = None  # where the entry starts in its file

    @property
    def key(self) -> str:
        """The store's id: list and list id (``un:KPi.024``, ``ofac:12211``)."""
        return f"{self.list}:{self.list_id}"

    def names(self) -> list[tuple[str, str, str]]:
        """(name, kind, quality) of the primary name and every alias, without repeats."""
        out: dict[str, tuple[str, str, str]] = {self.name: (self.name, "primary", "")}
        for a in self.aliases:
            if a.name and a.name not in out:
                out[a.name] = (a.name, a.kind, a.quality)
        return list(out.values())


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def clean(text: str | None) -> str:
    """Whitespace folded and trimmed (the UN keeps leading and trailing spaces)."""
    return " ".join((text or "").split())


def parse_dob(text: str) -> list[str]:
    """ISO dates cut to their precision from OFAC-style text: "18 Feb 1962" → "1962-02-18",
    "Feb 1962" → "1962-02", "circa 1947" / "1947" → "1947", "1957 to 1962" → both years."""
    text = clean(text)
    m = re.fullmatch(r"(?:circa\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", text)
    if m and m.group(2).lower() in _MONTHS:
        return [f"{m.group(3)}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"]
    m = re.fullmatch(r"(?:circa\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", text)
    if m and m.group(1).lower() in _MONTHS:
        return [f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}"]
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return [text]
    return re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)


def parse_date(text: str | None) -> dt.date | None:
    """An ISO date (the first ten characters), or None."""
    text = clean(text)[:10]
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
