"""The closed vocabularies of the record (event types, actor types, relation kinds, ...),
read from the schema's Literal declarations, so that every filter checks its value against
the one list the records are validated with."""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin

from nkwatch.errors import QueryError
from nkwatch.schema.actor import Actor
from nkwatch.schema.agreement import Agreement
from nkwatch.schema.claim import Claim
from nkwatch.schema.event import Event
from nkwatch.schema.relation import Relation
from nkwatch.schema.source import Source


def _literal(annotation: Any) -> Any:
    """The Literal inside an annotation (``Literal[...] | None`` too)."""
    if get_origin(annotation) is Literal:
        return annotation
    if get_origin(annotation) in (Union, types.UnionType):
        for arg in get_args(annotation):
            if get_origin(arg) is Literal:
                return arg
    raise TypeError(f"{annotation!r} is not a Literal")


#: filter name -> (what it is called in messages, the Literal of its values)
VOCABULARIES: dict[str, tuple[str, Any]] = {
    "event_type": ("event type", _literal(Event.model_fields["type"].annotation)),
    "actor_type": ("actor type", _literal(Actor.model_fields["type"].annotation)),
    "relation_kind": ("relation kind", _literal(Relation.model_fields["kind"].annotation)),
    "agreement_kind": ("agreement kind", _literal(Agreement.model_fields["kind"].annotation)),
    "verdict": ("verdict", _literal(Claim.model_fields["verdict"].annotation)),
    "source_level": ("source level", _literal(Source.model_fields["level"].annotation)),
}

EventType = VOCABULARIES["event_type"][1]
ActorType = VOCABULARIES["actor_type"][1]
RelationKind = VOCABULARIES["relation_kind"][1]
AgreementKind = VOCABULARIES["agreement_kind"][1]
Verdict = VOCABULARIES["verdict"][1]
SourceLevel = VOCABULARIES["source_level"][1]


def values(vocabulary: str) -> tuple[str, ...]:
    return get_args(VOCABULARIES[vocabulary][1])


def check(vocabulary: str, value: str | None) -> str | None:
    """``value`` if it belongs to the vocabulary (or is empty), else a QueryError that lists
    the valid values."""
    if value is None or value == "":
        return None
    allowed = values(vocabulary)
    if value in allowed:
        return value
    what = VOCABULARIES[vocabulary][0]
    article = "an" if what[0] in "aeiou" else "a"
    raise QueryError(f"{value!r} is not {article} {what}: use one of {', '.join(allowed)}")
