"""Which CAMEO codes each nkwatch event type may take.

The table (``event_type_cameo.yaml``) gives each event type the CAMEO root codes or code
prefixes that fit it, with a one-line reason from the CAMEO codebook. A code fits a type when
it starts with one of the type's prefixes. ``nkwatch check`` and the tests hold every curated
event to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from nkwatch.reference import cameo

TABLE_FILE = "event_type_cameo.yaml"


@dataclass(frozen=True)
class TypeRule:
    """The CAMEO prefixes one event type may take, and why."""

    type: str
    allowed: tuple[str, ...]
    reason: str

    def fits(self, code: str) -> bool:
        return any(code.startswith(p) for p in self.allowed)

    def describe(self) -> str:
        """The allowed prefixes with their CAMEO names: ``'075' (Grant asylum)``."""
        return ", ".join(f"{p!r} ({cameo.lookup(p).label})" for p in self.allowed)


@dataclass(frozen=True)
class Mismatch:
    """An event whose CAMEO code does not fit its type."""

    id: str
    type: str
    cameo: str

    def message(self) -> str:
        rule = rules().get(self.type)
        label = cameo.codes().get(self.cameo)
        name = f" ({label.label})" if label else ""
        if rule is None:
            return (
                f"event {self.id}: type {self.type!r} has no entry in "
                f"src/nkwatch/reference/{TABLE_FILE}: add one"
            )
        return (
            f"event {self.id}: CAMEO {self.cameo!r}{name} does not fit type {self.type!r}, "
            f"which takes codes starting with {rule.describe()}: recode it or fix the type "
            f"(src/nkwatch/reference/{TABLE_FILE})"
        )


def parse(doc: Any) -> dict[str, TypeRule]:
    """Rules from the parsed table; raises ValueError naming a broken entry."""
    if not isinstance(doc, dict) or not doc:
        raise ValueError(f"{TABLE_FILE}: expected a mapping of event type -> rule")
    table = cameo.codes()
    out: dict[str, TypeRule] = {}
    for name, entry in doc.items():
        if not isinstance(entry, dict) or set(entry) != {"allowed", "reason"}:
            raise ValueError(f"{TABLE_FILE}: {name}: give exactly 'allowed' and 'reason'")
        allowed = entry["allowed"]
        reason = entry["reason"]
        if not isinstance(allowed, list) or not allowed:
            raise ValueError(f"{TABLE_FILE}: {name}: 'allowed' must be a non-empty list")
        for p in allowed:
            if not isinstance(p, str) or p not in table:
                raise ValueError(
                    f"{TABLE_FILE}: {name}: {p!r} is not a CAMEO code (quote it: '04', '075')"
                )
        if not isinstance(reason, str) or not reason.strip():
            raise ValueError(f"{TABLE_FILE}: {name}: 'reason' must be a sentence")
        out[str(name)] = TypeRule(str(name), tuple(allowed), " ".join(reason.split()))
    return out


@cache
def rules() -> dict[str, TypeRule]:
    """Every event type's rule, by type."""
    text = resources.files("nkwatch.reference").joinpath(TABLE_FILE).read_text("utf-8")
    return parse(yaml.safe_load(text))


def fits(event_type: str, code: str) -> bool:
    """Whether CAMEO ``code`` fits ``event_type``; KeyError for a type the table lacks."""
    table = rules()
    if event_type not in table:
        raise KeyError(f"event type {event_type!r} has no entry in {TABLE_FILE}")
    return table[event_type].fits(code)


def mismatches(events: Iterable[Any]) -> list[Mismatch]:
    """Events (objects with ``id``, ``type`` and ``cameo``) whose code does not fit their
    type, in the order given. A type the table lacks counts as a mismatch."""
    table = rules()
    out = []
    for ev in events:
        rule = table.get(ev.type)
        if rule is None or not rule.fits(ev.cameo):
            out.append(Mismatch(ev.id, ev.type, ev.cameo))
    return out
