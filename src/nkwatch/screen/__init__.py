"""Sanctions screening that knows Korean names.

>>> from nkwatch.screen import Screener, Query
>>> screener = Screener.from_store(con)            # the lists ingested with nkwatch ingest
>>> screener.screen(Query("Kim Young-chul", birth_date="1962-02-18"))[0]
Match(list='un', id='KPi.024', name='Kim Young-Chol', score=0.98, explanation='Kim (same);
 Young (same); Chul = Chol (both 철: ㅓ written u (Sung, Chun); DPRK); date of birth agrees
 (1962-02-18)', entity='KIM YONG CHOL', ...)

Korean personal names are compared syllable by syllable (:mod:`.korean`), names of every
other origin word by word across transliterations (:mod:`.fuzzy`); dates of birth, countries,
IMO numbers and addresses move the score (:mod:`.context`). Candidates come from an index
(:mod:`.index`); :mod:`.batch` screens a file on every core; :mod:`.audit` writes the
compliance trail.
"""

from __future__ import annotations

from .index import Screener
from .model import DEFAULT_THRESHOLD, Match, Query, Target

__all__ = ["DEFAULT_THRESHOLD", "Match", "Query", "Screener", "Target"]
