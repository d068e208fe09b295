"""Which sanctions lists a screening asks for: names checked against the lists in the store.

A list name the store does not hold would screen against nothing and report no match: a
silent false negative. So an unknown name is an error naming the lists there are, and names
are matched without regard to case (``OFAC`` is ``ofac``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nkwatch.errors import QueryError

#: what ``nkwatch ingest`` adds for each usual list name, for the error message
HOW = {
    "un": "nkwatch ingest un-sanctions consolidated.xml",
    "ofac": "nkwatch ingest ofac-sdn sdn.csv alt.csv",
}


def stored_lists(con: Any) -> list[str]:
    """The names of the lists ingested into the store, sorted."""
    from nkwatch.lists import _has_tables

    if not _has_tables(con):
        return []
    return [r[0] for r in con.execute("SELECT DISTINCT list FROM sl_files ORDER BY 1").fetchall()]


def check_lists(con: Any, lists: Sequence[str] | None, *, what: str = "list") -> list[str] | None:
    """``lists`` as the store spells them (None: every list), or QueryError naming the
    lists in the store."""
    if not lists:
        return None
    have = stored_lists(con)
    by_lower = {name.lower(): name for name in have}
    out: list[str] = []
    for name in lists:
        found = by_lower.get(str(name).strip().lower())
        if found is None:
            hint = f" (add it with '{HOW[name.lower()]}')" if name.lower() in HOW else ""
            if have:
                raise QueryError(
                    f"{what} {name!r} is not in the store{hint}: use one of "
                    f"{', '.join(have)} (case does not matter; 'nkwatch lists' shows them)"
                )
            raise QueryError(
                f"{what} {name!r} is not in the store: no sanctions list is ingested yet; "
                "ingest one first, e.g. 'nkwatch ingest un-sanctions consolidated.xml'"
            )
        if found not in out:
            out.append(found)
    return out
