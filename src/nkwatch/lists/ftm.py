"""FollowTheMoney entities as JSON lines (the OpenSanctions format), in and out.

In: one JSON object per line with ``id``, ``schema`` and ``properties`` (lists of strings).
Persons, organizations, companies, legal entities, vessels and airplanes become entries;
``Sanction`` entities attach their ``program``, ``listingDate``/``startDate`` and ``endDate``
to the entity they name. The list name of an entry is its first dataset (``us_ofac_sdn``),
else "ftm".

Out: :func:`to_ftm` turns entries back into entities (a ``Sanction`` beside each), so
nkwatch's designations can be screened by other tools. Nothing nkwatch keeps is lost on the
way out and back in: the list id (the entity id ``nkwatch-<list>-<id>`` is read back as the
list's own id), weak aliases (``weakAlias``) and former names (``previousName``), remarks
(``notes``), identifiers, and whether the entry is DPRK-related: nkwatch's own reading
(programs, or remarks citing the North Korea Sanctions Regulations) travels as the keyword
``nkwatch:dprk=yes``/``no`` and is taken as given when read back, instead of guessed again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from nkwatch.sniff import text_problem

from .model import Alias, Entry, ListError, parse_date, where

TARGET_SCHEMATA = {
    "Person",
    "Organization",
    "Company",
    "LegalEntity",
    "Vessel",
    "Airplane",
    "PublicBody",
}
_DPRK_WORDS = ("dprk", "north korea", "korea, north")
DPRK_YES, DPRK_NO = "nkwatch:dprk=yes", "nkwatch:dprk=no"


def _props(obj: dict[str, Any], path: Path, line: int) -> dict[str, list[str]]:
    props = obj.get("properties", {})
    if not isinstance(props, dict) or not all(isinstance(v, list) for v in props.values()):
        raise ListError(
            f"{where(path, line)}: 'properties' must map each property to a list of values "
            '({"name": ["..."]}): is this FollowTheMoney JSON?'
        )
    return {k: [str(x) for x in v if isinstance(x, str | int | float)] for k, v in props.items()}


#: the longest line read as one entity (an OpenSanctions entity is a few KB)
MAX_LINE = 16 << 20


def _objects(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    problem = text_problem(path)
    if problem:
        raise ListError(f"{problem} (a FollowTheMoney file is UTF-8 JSON lines)")
    with path.open("rb") as handle:
        line = 0
        while raw := handle.readline(MAX_LINE + 1):
            line += 1
            if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                raise ListError(
                    f"{where(path, line)}: a line over {MAX_LINE >> 20} MB: a FollowTheMoney "
                    "file has one entity per line, a few KB each; is it a JSON array or "
                    "another format?"
                )
            try:
                text = raw.decode("utf-8-sig" if line == 1 else "utf-8")
            except UnicodeDecodeError:
                raise ListError(
                    f"{where(path, line)}: not UTF-8 text: a FollowTheMoney file is UTF-8 "
                    "JSON lines; is it the right file? convert it with iconv if it is Latin-1"
                ) from None
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ListError(
                    f"{where(path, line)}: not JSON ({exc.msg} at column {exc.colno}): a "
                    "FollowTheMoney file has one JSON entity per line; is it a JSON array "
                    "or cut short?"
                ) from None
            except RecursionError:
                raise ListError(
                    f"{where(path, line)}: JSON nested too deeply for an entity: is this "
                    "FollowTheMoney JSON lines (entities.ftm.json)?"
                ) from None
            if (
                not isinstance(obj, dict)
                or not obj.get("id")
                or not isinstance(obj.get("schema"), str)
                or not isinstance(obj["id"], str | int)
            ):
                raise ListError(
                    f"{where(path, line)}: an entity needs 'id' and 'schema' (and "
                    "'properties'): is this FollowTheMoney JSON lines (entities.ftm.json)?"
                )
            datasets = obj.get("datasets")
            caption = obj.get("caption")
            if (datasets is not None and not _strings(datasets)) or not isinstance(
                caption, str | None
            ):
                raise ListError(
                    f"{where(path, line)}: 'datasets' must be a list of names and 'caption' "
                    "a text: is this FollowTheMoney JSON?"
                )
            yield line, obj


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def read(path: Path) -> list[Entry]:
    """The entries of one FollowTheMoney JSON lines file."""
    entries: dict[str, Entry] = {}
    explicit: set[str] = set()  # entities whose DPRK flag nkwatch itself wrote
    sanctions: list[tuple[dict[str, list[str]], int]] = []
    for line, obj in _objects(path):
        props = _props(obj, path, line)
        schema = obj["schema"]
        if schema == "Sanction":
            sanctions.append((props, line))
            continue
        if schema not in TARGET_SCHEMATA:
            continue
        names = props.get("name", [])
        caption = obj.get("caption") or (names[0] if names else "")
        if not caption:
            raise ListError(f"{where(path, line)}: entity {obj['id']} has no name: add one")
        datasets = obj.get("datasets") or ["ftm"]
        aliases = [Alias(n, "aka") for n in names if n != caption]
        aliases += [Alias(n, "aka") for n in props.get("alias", [])]
        aliases += [Alias(n, "weak") for n in props.get("weakAlias", [])]
        aliases += [Alias(n, "fka") for n in props.get("previousName", [])]
        countries = props.get("nationality", []) + props.get("citizenship", [])
        countries += props.get("country", []) + props.get("flag", [])
        programs = props.get("program", [])
        text = " ".join(programs + props.get("notes", []) + countries).lower()
        keywords = props.get("keywords", [])
        if DPRK_YES in keywords or DPRK_NO in keywords:
            explicit.add(obj["id"])
        list_name = str(datasets[0])
        list_id = str(obj["id"])
        if list_id.startswith(f"nkwatch-{list_name}-"):  # an nkwatch export: its own id back
            list_id = list_id[len(f"nkwatch-{list_name}-") :]
        entries[obj["id"]] = Entry(
            list=list_name,
            list_id=list_id,
            schema="Organization" if schema in ("Company", "PublicBody") else schema,
            name=caption,
            aliases=aliases,
            programs=programs,
            dprk=DPRK_YES in keywords
            if DPRK_YES in keywords or DPRK_NO in keywords
            else "kp" in countries or any(w in text for w in _DPRK_WORDS),
            listed_on=parse_date(min(props.get("createdAt", []) or [""])),
            birth_dates=props.get("birthDate", []),
            nationalities=countries,
            passports=props.get("passportNumber", []),
            addresses=props.get("address", []),
            imo=[i.removeprefix("IMO").strip() for i in props.get("imoNumber", [])],
            remarks="; ".join(props.get("notes", [])),
            line=line,
        )
    for props, _line in sanctions:
        for target in props.get("entity", []):
            entry = entries.get(target)
            if entry is None:
                continue
            entry.programs += [p for p in props.get("program", []) if p not in entry.programs]
            # nkwatch's own export writes the list's listing date as listingDate (startDate is
            # when a copy first held it); elsewhere either may be the only one given
            dates = props.get("listingDate", [])
            if target not in explicit:
                dates = dates + props.get("startDate", [])
            listed = parse_date(min(dates)) if dates else None
            if listed and (entry.listed_on is None or listed < entry.listed_on):
                entry.listed_on = listed
            if target not in explicit and any(
                "dprk" in p.lower() or "korea" in p.lower() for p in entry.programs
            ):
                entry.dprk = True
    if not entries:
        raise ListError(
            f"{where(path)}: no Person, Organization, Company, LegalEntity or Vessel entities: "
            "is this a FollowTheMoney entities file?"
        )
    return list(entries.values())


def _sid(*parts: str) -> str:
    return "nkw-" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


#: where each kind of name goes in FollowTheMoney
_NAME_PROP = {"weak": "weakAlias", "fka": "previousName"}
#: where countries go, by schema
_COUNTRY_PROP = {"Person": "nationality", "Vessel": "flag"}


def to_ftm(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """FollowTheMoney entities (the entity, then a Sanction) from ``sl_entities`` rows joined
    with their designation (``listed``, ``delisted``) and names (``names``, ``kinds``)."""
    for r in rows:
        schema = r["schema"] if r["schema"] in TARGET_SCHEMATA else "LegalEntity"
        props: dict[str, list[str]] = {"name": [r["name"]]}
        kinds = r.get("kinds") or ["aka"] * len(r.get("names") or [])
        for n, kind in zip(r.get("names") or [], kinds, strict=False):
            if n == r["name"]:
                continue
            props.setdefault(_NAME_PROP.get(kind, "alias"), []).append(n)
        for key, prop in (
            ("birth_dates", "birthDate"),
            ("nationalities", _COUNTRY_PROP.get(schema, "country")),
            ("passports", "passportNumber"),
            ("addresses", "address"),
            ("programs", "program"),
        ):
            if r.get(key):
                props[prop] = list(r[key])
        if r.get("imo"):
            props["imoNumber"] = [f"IMO{i}" for i in r["imo"]]
        if r.get("remarks"):
            props["notes"] = [r["remarks"]]
        if schema != "Person":
            props.pop("birthDate", None)
            props.pop("passportNumber", None)
        if schema not in ("Vessel", "Organization", "Company"):
            props.pop("imoNumber", None)
        props["topics"] = ["sanction"]
        if "dprk" in r:
            props["keywords"] = [DPRK_YES if r["dprk"] else DPRK_NO]
        eid = f"nkwatch-{r['list']}-{r['list_id']}"
        yield {
            "id": eid,
            "schema": schema,
            "caption": r["name"],
            "properties": {k: v for k, v in props.items() if v},
            "datasets": [r["list"]],
        }
        sanction: dict[str, list[str]] = {
            "entity": [eid],
            "authority": [r["list"]],
            "program": list(r.get("programs") or []),
            "sourceUrl": [],
            "unscId" if r["list"] == "un" else "authorityId": [r["list_id"]],
        }
        if r.get("listed_on"):
            sanction["listingDate"] = [str(r["listed_on"])]
        if r.get("listed"):
            sanction["startDate"] = [str(r["listed"])]
        if r.get("delisted"):
            sanction["endDate"] = [str(r["delisted"])]
        yield {
            "id": _sid(eid, "sanction"),
            "schema": "Sanction",
            "properties": {k: v for k, v in sanction.items() if v},
            "datasets": [r["list"]],
        }
