"""The record types, one declaration each."""

from nkwatch.schema.actor import Actor, Name
from nkwatch.schema.agreement import Agreement
from nkwatch.schema.claim import Claim, Evidence
from nkwatch.schema.designation import Designation
from nkwatch.schema.event import Event
from nkwatch.schema.measure import Measure
from nkwatch.schema.relation import Relation
from nkwatch.schema.series import Observation, Series
from nkwatch.schema.source import Source
from nkwatch.schema.topic import Topic

#: The section name of each record type in a curated file, in loading order.
RECORD_TYPES: dict[str, type] = {
    "sources": Source,
    "actors": Actor,
    "events": Event,
    "relations": Relation,
    "agreements": Agreement,
    "measures": Measure,
    "designations": Designation,
    "claims": Claim,
    "series": Series,
}

__all__ = [
    "RECORD_TYPES",
    "Actor",
    "Agreement",
    "Claim",
    "Designation",
    "Event",
    "Evidence",
    "Measure",
    "Name",
    "Observation",
    "Relation",
    "Series",
    "Source",
    "Topic",
]
