"""CAMEO codes from the event text of ICEWS (``Express_intent_to_meet_or_negotiate`` → 036).

The mapping is built from nkwatch's own CAMEO labels (:mod:`nkwatch.reference.cameo`) where the
words match once case, punctuation, articles and "not specified below" are set aside, plus a
table for the places where ICEWS words a code differently.
"""

from __future__ import annotations

import re
from functools import cache

from nkwatch.reference import cameo

_STOP = {"a", "an", "the", "or", "and", "to", "with", "of", "for", "on"}

#: ICEWS's wording where it differs from the CAMEO codebook's labels.
ICEWS_WORDING: dict[str, str] = {
    "Express_intent_to_engage_in_diplomatic_cooperation_(such_as_policy_support)": "032",
    "Express_intent_to_engage_in_material_cooperation": "031",
    "Express_intent_to_cooperate_on_judicial_matters": "0313",
    "Return,_release_person(s)": "0841",
    "Threaten_with_military_force": "138",
    "Threaten_with_sanctions,_boycott,_embargo": "1312",
    "Threaten_with_restrictions_on_political_freedoms": "1321",
    "Threaten_with_repression": "137",
    "Threaten_with_administrative_sanctions": "132",
    "Threaten_with_political_dissent,_protest": "133",
    "Appeal_to_engage_in_or_accept_mediation": "028",
    "Appeal_for_de-escalation_of_military_engagement": "0256",
    "Appeal_for_easing_of_administrative_sanctions": "0251",
    "Appeal_for_easing_of_economic_sanctions,_boycott,_or_embargo": "0254",
    "Appeal_for_easing_of_political_dissent": "0252",
    "Reject_judicial_cooperation": "121",
    "Accede_to_demands_for_change_in_policy": "0832",
    "Engage_in_violent_protest_for_leadership_change": "1451",
    "Engage_in_violent_protest_for_policy_change": "1452",
    "Engage_in_violent_protest_for_rights": "1453",
    "Conduct_strike_or_boycott_for_leadership_change": "1431",
    "Conduct_strike_or_boycott_for_policy_change": "1432",
}


def _words(text: str) -> str:
    text = text.replace("_", " ").lower()
    text = re.sub(r",? not specified below", "", text)
    text = re.sub(r"[^a-z0-9 ]", " ", text)
    return " ".join(w.rstrip("s") for w in text.split() if w not in _STOP)


@cache
def _by_words() -> dict[str, str]:
    out: dict[str, str] = {}
    # longer codes first, so "Consult" maps to 040 rather than the root 04
    for code in sorted(cameo.codes(), key=len):
        out[_words(cameo.codes()[code].label)] = code
    return out


def code_for(text: str) -> str | None:
    """The CAMEO code an event text stands for, or None when it is not known."""
    if text in ICEWS_WORDING:
        return ICEWS_WORDING[text]
    return _by_words().get(_words(text))
