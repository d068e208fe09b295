"""OFAC's SDN list in its advanced XML format (``SDN_ADVANCED.XML``, root ``<Sanctions>``).

The format is normalised: ``<ReferenceValueSets>`` name the numeric ids the rest uses
(``PartySubType`` Individual/Entity/Vessel/Aircraft, ``AliasType`` A.K.A./F.K.A./N.K.A./Name,
``NamePartType`` Last Name/First Name/…, ``FeatureType`` Birthdate/Nationality Country/
Location/Vessel Flag/…, ``IDRegDocType`` Passport/…, ``SanctionsProgram``, ``Country``);
``<Locations>`` hold addresses; ``<DistinctParties>`` one ``<DistinctParty FixedRef=uid>`` per
entry, whose ``Profile`` carries ``Identity/Alias`` elements (``Primary``, ``LowQuality``:
OFAC's weak a.k.a., ``AliasTypeID``) made of ``DocumentedNamePart/NamePartValue`` tied by
``NamePartGroupID`` to a name-part type, and ``Feature`` elements (dates as
``DatePeriod/Start/From/Year|Month|Day``, countries as ``VersionDetail``, addresses as
``VersionLocation``); ``<IDRegDocuments>`` hold passports and IMO numbers by ``IdentityID``;
``<SanctionsEntries>`` give each profile its programs (``SanctionsMeasure/Comment``) and the
date it was listed (``EntryEvent/Date``). The date of issue is ``<DateOfIssue>``.

Elements are read by local name, so OFAC's namespace (which has changed over the years) does
not matter. Only the fields :class:`~nkwatch.lists.model.Entry` keeps are read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from lxml import etree

from .model import Alias, Entry, ListError, clean, parse_xml, where
from .ofac import is_dprk

ROOT = "Sanctions"
_SCHEMA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
_ALIAS_KIND = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka", "name": "aka"}
FIX = "download SDN_ADVANCED.XML again from OFAC"


def _local(el: Any) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _kids(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c) == name]


def _one(el: Any, name: str) -> Any:
    found = _kids(el, name)
    return found[0] if found else None


def _path(el: Any, path: str) -> list[Any]:
    current = [el]
    for name in path.split("/"):
        current = [c for p in current for c in _kids(p, name)]
    return current


def _descendants(el: Any, name: str) -> list[Any]:
    return [c for c in el.iter() if _local(c) == name]


def _text(el: Any) -> str:
    return clean(el.text) if el is not None else ""


def _values(root: Any, set_name: str) -> dict[str, str]:
    """id → text of one reference value set (``AliasTypeValues`` …)."""
    out: dict[str, str] = {}
    for values in _path(root, f"ReferenceValueSets/{set_name}"):
        for v in values:
            if isinstance(v.tag, str) and v.get("ID"):
                out[v.get("ID")] = _text(v)
    return out


def _date(el: Any) -> str:
    """``YYYY[-MM[-DD]]`` from an element with Year/Month/Day children."""
    if el is None:
        return ""
    year, month, day = (_text(_one(el, t)) for t in ("Year", "Month", "Day"))
    if not year.isdigit():
        return ""
    out = year
    if month.isdigit():
        out += f"-{int(month):02d}"
        if day.isdigit():
            out += f"-{int(day):02d}"
    return out


def _period(feature: Any) -> list[str]:
    """Dates of birth from a feature's ``DatePeriod``: the exact date, else the years of a
    range of at most 20 years (as the UN list's FROM_YEAR/TO_YEAR)."""
    out: list[str] = []
    for period in _descendants(feature, "DatePeriod"):
        start = _one(period, "Start")
        end = _one(period, "End")
        lo = _date(_one(start, "From")) if start is not None else ""
        hi = _date(_one(end, "To")) if end is not None else ""
        if not lo:
            continue
        if not hi or hi == lo:
            out.append(lo)
        elif lo[:4] == hi[:4]:
            whole_year = lo[4:] in ("", "-01", "-01-01") and hi[4:] in ("", "-12", "-12-31")
            out.append(lo[:4] if whole_year else lo)
        elif 0 < int(hi[:4]) - int(lo[:4]) <= 20:
            out.extend(str(y) for y in range(int(lo[:4]), int(hi[:4]) + 1))
    return out


def _locations(root: Any, countries: dict[str, str]) -> dict[str, str]:
    """Location id → one line of address (its parts, then its country)."""
    out: dict[str, str] = {}
    for loc in _path(root, "Locations/Location"):
        parts = []
        for part in _kids(loc, "LocationPart"):
            for value in _path(part, "LocationPartValue/Value"):
                if _text(value):
                    parts.append(_text(value))
        for c in _kids(loc, "LocationCountry"):
            name = countries.get(c.get("CountryID", ""), "")
            if name:
                parts.append(name)
        if parts and loc.get("ID"):
            out[loc.get("ID")] = ", ".join(parts)
    return out


def _alias_name(alias: Any, groups: dict[str, str]) -> str:
    """One documented name of an alias: "LAST, First Middle" for persons, else the parts."""
    best = None
    for doc in _kids(alias, "DocumentedName"):
        by_type: dict[str, list[str]] = defaultdict(list)
        order: list[str] = []
        for part in _kids(doc, "DocumentedNamePart"):
            for value in _kids(part, "NamePartValue"):
                text = _text(value)
                if not text:
                    continue
                kind = groups.get(value.get("NamePartGroupID", ""), "").lower()
                by_type[kind].append(text)
                order.append(text)
        last = " ".join(by_type.get("last name", []))
        first = " ".join(
            by_type.get("first name", [])
            + by_type.get("middle name", [])
            + by_type.get("patronymic", [])
            + by_type.get("matronymic", [])
        )
        name = f"{last}, {first}" if last and first else " ".join(order)
        latin = all(ord(c) < 0x250 for c in name)
        if best is None or (latin and not best[1]):
            best = (name, latin)
    return best[0] if best else ""


def _party(
    el: Any,
    path: Path,
    ref: dict[str, dict[str, str]],
    locations: dict[str, str],
    documents: dict[str, list[tuple[str, str]]],
    sanctions: dict[str, tuple[list[str], str]],
) -> Entry:
    uid = el.get("FixedRef", "")
    if not (uid.isascii() and uid.isdigit()):
        raise ListError(
            f"{where(path, el.sourceline, 'DistinctParty')}: FixedRef {uid!r} is not a number: "
            f"every DistinctParty carries OFAC's entity number; is the file damaged? {FIX}"
        )
    profile = _one(el, "Profile")
    if profile is None:
        raise ListError(
            f"{where(path, el.sourceline, 'DistinctParty')} {uid}: no <Profile>: is the file "
            f"cut short? {FIX}"
        )
    sub_type = ref["PartySubTypeValues"].get(profile.get("PartySubTypeID", ""), "").lower()
    primary, aliases, identity_ids = "", [], []
    for identity in _kids(profile, "Identity"):
        identity_ids.append(identity.get("ID", ""))
        groups = {
            g.get("ID", ""): ref["NamePartTypeValues"].get(g.get("NamePartTypeID", ""), "")
            for g in _descendants(identity, "NamePartGroup")
        }
        for alias in _kids(identity, "Alias"):
            name = _alias_name(alias, groups)
            if not name:
                continue
            if alias.get("Primary") == "true" and not primary:
                primary = name
                continue
            kind_text = ref["AliasTypeValues"].get(alias.get("AliasTypeID", ""), "").lower()
            if alias.get("LowQuality") == "true":
                aliases.append(Alias(name, "weak", "weak"))
            else:
                aliases.append(Alias(name, _ALIAS_KIND.get(kind_text, "aka"), kind_text))
    if not primary:
        raise ListError(
            f"{where(path, el.sourceline, 'DistinctParty')} {uid}: no primary name (an Alias "
            f'with Primary="true"): is the file damaged? {FIX}'
        )
    dobs, nationalities, addresses, imo = [], [], [], []
    for feature in _kids(profile, "Feature"):
        kind = ref["FeatureTypeValues"].get(feature.get("FeatureTypeID", ""), "").lower()
        if kind.startswith("birthdate"):
            dobs += _period(feature)
        elif kind in ("nationality country", "citizenship country", "vessel flag"):
            for detail in _descendants(feature, "VersionDetail"):
                name = ref["CountryValues"].get(detail.get("DetailReferenceID", ""), "")
                name = name or _text(detail)
                if name:
                    nationalities.append(name)
        elif kind == "location":
            for loc in _descendants(feature, "VersionLocation"):
                if loc.get("LocationID") in locations:
                    addresses.append(locations[loc.get("LocationID")])
        elif "imo" in kind:
            for detail in _descendants(feature, "VersionDetail"):
                imo += re.findall(r"\b(\d{7})\b", _text(detail))
    passports = []
    for identity_id in identity_ids:
        for doc_type, number in documents.get(identity_id, []):
            low = doc_type.lower()
            if "passport" in low:
                passports.append(number)
            if "imo" in low or "vessel registration" in low:
                imo += re.findall(r"\b(\d{7})\b", number)
    programs, listed = sanctions.get(profile.get("ID", ""), ([], ""))
    remarks = _text(_one(el, "Comment"))
    return Entry(
        list="ofac",
        list_id=uid,
        schema=_SCHEMA.get(sub_type, "Organization"),
        name=primary,
        aliases=aliases,
        programs=programs,
        dprk=is_dprk(programs, remarks),
        listed_on=dt.date.fromisoformat(listed) if len(listed) == 10 else None,
        birth_dates=dobs,
        nationalities=list(dict.fromkeys(nationalities)),
        passports=passports,
        addresses=addresses,
        imo=sorted(set(imo)),
        remarks=remarks,
        line=el.sourceline,
    )


def read(path: Path) -> tuple[dt.date | None, list[Entry]]:
    """(date of issue, entries) of an OFAC SDN advanced XML file."""
    tree = parse_xml(path, FIX)
    root = tree.getroot()
    if _local(root) != ROOT:
        raise ListError(
            f"{where(path, root.sourceline, _local(root))}: the root element is "
            f"<{_local(root)}>, expected <{ROOT}>: is this OFAC's SDN_ADVANCED.XML?"
        )
    issued = _date(_one(root, "DateOfIssue"))
    date = dt.date.fromisoformat(issued) if len(issued) == 10 else None
    ref = {
        name: _values(root, name)
        for name in (
            "PartySubTypeValues",
            "AliasTypeValues",
            "NamePartTypeValues",
            "FeatureTypeValues",
            "IDRegDocTypeValues",
            "SanctionsProgramValues",
            "CountryValues",
            "ListValues",
        )
    }
    locations = _locations(root, ref["CountryValues"])
    documents: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc in _path(root, "IDRegDocuments/IDRegDocument"):
        number = _text(_one(doc, "IDRegistrationNo"))
        if number:
            doc_type = ref["IDRegDocTypeValues"].get(doc.get("IDRegDocTypeID", ""), "")
            documents[doc.get("IdentityID", "")].append((doc_type, number))
    sanctions: dict[str, tuple[list[str], str]] = {}
    for entry in _path(root, "SanctionsEntries/SanctionsEntry"):
        programs = [
            _text(_one(m, "Comment"))
            for m in _kids(entry, "SanctionsMeasure")
            if _text(_one(m, "Comment"))
        ]
        events = sorted(_date(_one(e, "Date")) for e in _kids(entry, "EntryEvent"))
        profile = entry.get("ProfileID", "")
        had, first = sanctions.get(profile, ([], ""))
        listed = min([d for d in (first, *events) if d], default="")
        sanctions[profile] = (list(dict.fromkeys(had + programs)), listed)
    parties = _path(root, "DistinctParties/DistinctParty")
    if not parties:
        raise ListError(f"{where(path)}: no <DistinctParty> elements: the file holds no entries")
    entries = [_party(el, path, ref, locations, documents, sanctions) for el in parties]
    return date, entries
