"""The UN Security Council Consolidated List (``consolidated.xml``, all regimes).

Root ``<CONSOLIDATED_LIST dateGenerated=...>`` with ``<INDIVIDUALS><INDIVIDUAL>`` and
``<ENTITIES><ENTITY>``. An entry's id is its ``REFERENCE_NUMBER`` (``KPi.024`` individuals,
``KPe.009`` entities of the 1718 DPRK list, flagged by ``UN_LIST_TYPE`` ``DPRK``). The UN keeps
leading and trailing spaces in values; they are folded away here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree

from .model import Alias, Entry, ListError, clean, parse_date, parse_xml, where

ROOT = "CONSOLIDATED_LIST"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_IMO = re.compile(r"\bIMO(?:\s+(?:number|no\.?))?\s*:?\s*(\d{7})\b", re.IGNORECASE)


def _text(el: etree._Element, tag: str) -> str:
    return clean(el.findtext(tag))


def _values(el: etree._Element, tag: str) -> list[str]:
    return [v for v in (clean(x.findtext("VALUE")) for x in el.findall(tag)) if v]


def _dobs(el: etree._Element) -> list[str]:
    out: list[str] = []
    for dob in el.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        date, year = _text(dob, "DATE"), _text(dob, "YEAR")
        lo, hi = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
        if date:
            out.append(date[:10])
        elif year:
            out.append(year)
        elif lo and hi and lo.isdecimal() and hi.isdecimal() and int(hi) - int(lo) <= 20:
            out.extend(str(y) for y in range(int(lo), int(hi) + 1))
    return out


def _addresses(el: etree._Element, tag: str) -> list[str]:
    out = []
    for addr in el.findall(tag):
        parts = [
            _text(addr, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
        ]
        text = ", ".join(p for p in parts if p)
        if text:
            out.append(text)
    return out


def _entry(el: etree._Element, path: Path) -> Entry:
    person = el.tag == "INDIVIDUAL"
    ref = _text(el, "REFERENCE_NUMBER") or _text(el, "DATAID")
    if not ref:
        raise ListError(
            f"{where(path, el.sourceline, el.tag)}: no REFERENCE_NUMBER and no DATAID: every "
            "entry of the UN list has one; is the file cut short or edited? download "
            "consolidated.xml again"
        )
    name = " ".join(p for p in (_text(el, t) for t in _NAME_PARTS) if p)
    if not name:
        raise ListError(
            f"{where(path, el.sourceline, el.tag)} {ref}: no FIRST_NAME: every UN entry has a "
            "name; is the file cut short or edited? download consolidated.xml again"
        )
    alias_tag = "INDIVIDUAL_ALIAS" if person else "ENTITY_ALIAS"
    aliases = []
    for a in el.findall(alias_tag):
        alias, quality = _text(a, "ALIAS_NAME"), _text(a, "QUALITY")
        if alias:
            kind = "weak" if quality.lower() == "low" else "aka"
            aliases.append(Alias(alias, kind, quality))
    original = _text(el, "NAME_ORIGINAL_SCRIPT")
    if original:
        aliases.append(Alias(original, "original-script", ""))
    list_type = _text(el, "UN_LIST_TYPE")
    passports = []
    for doc in el.findall("INDIVIDUAL_DOCUMENT"):
        kind, number = _text(doc, "TYPE_OF_DOCUMENT").lower(), _text(doc, "NUMBER")
        if number and ("passport" in kind or "passeport" in kind or "pasaporte" in kind):
            passports.append(number)
    comments = _text(el, "COMMENTS1")
    return Entry(
        list="un",
        list_id=ref,
        schema="Person" if person else "Organization",
        name=name,
        aliases=aliases,
        programs=[list_type] if list_type else [],
        dprk=list_type == "DPRK",
        listed_on=parse_date(_text(el, "LISTED_ON")),
        birth_dates=_dobs(el) if person else [],
        nationalities=_values(el, "NATIONALITY"),
        passports=passports,
        addresses=_addresses(el, "INDIVIDUAL_ADDRESS" if person else "ENTITY_ADDRESS"),
        imo=sorted(set(_IMO.findall(comments))),
        remarks=comments,
        line=el.sourceline,
    )


def read(path: Path | str) -> tuple[dt.date | None, list[Entry]]:
    """(the list's date, its entries) from a UN consolidated list XML file."""
    path = Path(path)
    tree = parse_xml(path, "download consolidated.xml again from scsanctions.un.org")
    root = tree.getroot()
    if root.tag != ROOT:
        raise ListError(
            f"{where(path, root.sourceline, root.tag)}: the root element is <{root.tag}>, "
            f"expected <{ROOT}>: is this the UN Security Council Consolidated List? use "
            "'ofac-sdn' for OFAC's SDN XML and 'ftm' for FollowTheMoney JSON lines"
        )
    date = parse_date(root.get("dateGenerated"))
    entries = [_entry(el, path) for el in root.iter("INDIVIDUAL", "ENTITY")]
    if not entries:
        raise ListError(
            f"{where(path)}: no INDIVIDUAL or ENTITY elements: the file holds no entries; "
            "download consolidated.xml again"
        )
    seen: dict[str, int | None] = {}
    for e in entries:
        if e.list_id in seen:
            raise ListError(
                f"{where(path, e.line)}: reference number {e.list_id} appears twice (first at "
                f"line {seen[e.list_id]}): the file is not a single UN list; do not join copies"
            )
        seen[e.list_id] = e.line
    return date, entries
