"""When a dated interval (a relation: diplomatic relations, an embassy, a membership, an
office) counts as held on a day. One rule for the store, the countries table, the map and
the network, so that no face of nkwatch overclaims."""

from __future__ import annotations


def held_on(alias: str, include_uncertain: bool = False, day: str = "?") -> str:
    """The SQL test that a dated interval (relations) held on a day given twice as
    parameters, or on ``day``, an SQL expression (a column of days). Certain: it had
    certainly begun (a known start, at its precision, no later than the day; an unknown
    start only from its earliest evidence, see
    :func:`nkwatch.build.evidence_window`) and its end, at its precision, is after the day.
    With ``include_uncertain``: it may have held (the days imprecise or unknown dates leave
    open count too, but never before both parties existed)."""
    if include_uncertain:
        return (
            f"({alias}.possible_from IS NULL OR {alias}.possible_from <= {day}) AND "
            f"({alias}.end_latest IS NULL OR {alias}.end_latest > {day})"
        )
    return (
        f"({alias}.held_from IS NOT NULL AND {alias}.held_from <= {day}) AND "
        f'({alias}."end" IS NULL OR {alias}."end" > {day})'
    )
