"""OFAC's SDN list in its XML format (``SDN.XML``): ``<sdnList>`` with
``<publshInformation><Publish_Date>MM/DD/YYYY</Publish_Date>`` and one ``<sdnEntry>`` per
entry (``uid``, ``lastName``, ``firstName``, ``sdnType``, ``programList``, ``akaList``,
``addressList``, ``idList``, ``dateOfBirthList``, ``nationalityList``, ``vesselInfo``,
``remarks``). The namespace differs between OFAC's services; elements are read by local name.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree

from .model import Alias, Entry, ListError, clean, parse_dob, parse_xml, where
from .ofac import is_dprk
from .remarks import parse_remarks

_SCHEMA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _kids(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


def _get(el: etree._Element, name: str) -> str:
    found = _kids(el, name)
    return clean(found[0].text) if found else ""


def _all(el: etree._Element, path: str) -> list[etree._Element]:
    """Children along a path of local names: ``_all(entry, "akaList/aka")``."""
    current = [el]
    for name in path.split("/"):
        current = [c for p in current for c in _kids(p, name)]
    return current


def _name(el: etree._Element) -> str:
    last, first = _get(el, "lastName"), _get(el, "firstName")
    return f"{last}, {first}" if last and first else last or first


def _entry(path: Path, el: etree._Element) -> Entry:
    uid = _get(el, "uid")
    if not (uid.isascii() and uid.isdigit()):
        raise ListError(
            f"{where(path, el.sourceline, 'sdnEntry')}: uid {uid!r} is not a number: every "
            "sdnEntry starts with OFAC's entity number in <uid>; is the file damaged?"
        )
    name = _name(el)
    if not name:
        raise ListError(
            f"{where(path, el.sourceline, 'sdnEntry')} {uid}: no lastName: every sdnEntry has "
            "a name; is the file damaged?"
        )
    sdn_type = _get(el, "sdnType").lower()
    programs = [clean(p.text) for p in _all(el, "programList/program") if clean(p.text)]
    remarks = _get(el, "remarks")
    extra = parse_remarks(remarks)
    aliases = list(extra.aliases)
    for aka in _all(el, "akaList/aka"):
        alias = _name(aka)
        kind = _get(aka, "type").lower().replace(".", "") or "aka"
        category = _get(aka, "category").lower()
        if alias:
            aliases.append(Alias(alias, "weak" if category == "weak" else kind, category))
    dobs = [
        d
        for item in _all(el, "dateOfBirthList/dateOfBirthItem")
        for d in parse_dob(_get(item, "dateOfBirth"))
    ]
    nationalities = [_get(n, "country") for n in _all(el, "nationalityList/nationality")]
    citizens = [_get(n, "country") for n in _all(el, "citizenshipList/citizenship")]
    passports, imo = [], list(extra.imo)
    for ident in _all(el, "idList/id"):
        kind, number = _get(ident, "idType").lower(), _get(ident, "idNumber")
        if "passport" in kind and number:
            passports.append(number)
        imo.extend(re.findall(r"\b(\d{7})\b", number) if "imo" in (kind + number).lower() else [])
    addresses = []
    for addr in _all(el, "addressList/address"):
        parts = [
            _get(addr, t)
            for t in (
                "address1",
                "address2",
                "address3",
                "city",
                "stateOrProvince",
                "postalCode",
                "country",
            )
        ]
        if any(parts):
            addresses.append(", ".join(p for p in parts if p))
    flag = "".join(_get(v, "vesselFlag") for v in _all(el, "vesselInfo"))
    return Entry(
        list="ofac",
        list_id=uid,
        schema=_SCHEMA.get(sdn_type, "Organization"),
        name=name,
        aliases=aliases,
        programs=programs,
        dprk=is_dprk(programs, remarks),
        birth_dates=dobs or extra.birth_dates,
        nationalities=[n for n in (*nationalities, *citizens, flag) if n] or extra.nationalities,
        passports=passports or extra.passports,
        addresses=addresses,
        imo=sorted(set(imo)),
        remarks=remarks,
        line=el.sourceline,
    )


def read(path: Path) -> tuple[dt.date | None, list[Entry]]:
    """(publication date, entries) of an OFAC SDN XML file."""
    tree = parse_xml(path, "download SDN.XML again from OFAC")
    root = tree.getroot()
    if _local(root) != "sdnList":
        raise ListError(
            f"{where(path, root.sourceline, _local(root))}: the root element is "
            f"<{_local(root)}>, expected <sdnList>: is this OFAC's SDN.XML? (the UN list "
            "is 'un-sanctions'; SDN_ADVANCED.XML, root <Sanctions>, is read too)"
        )
    date = None
    published = "".join(_get(p, "Publish_Date") for p in _kids(root, "publshInformation"))
    if published:
        try:
            date = dt.datetime.strptime(published, "%m/%d/%Y").date()
        except ValueError:
            raise ListError(
                f"{where(path, None, 'Publish_Date')}: {published!r} is not a date MM/DD/YYYY "
                "as OFAC writes it: is the file edited?"
            ) from None
    entries = [_entry(path, el) for el in _kids(root, "sdnEntry")]
    if not entries:
        raise ListError(f"{where(path)}: no <sdnEntry> elements: the file holds no entries")
    return date, entries
