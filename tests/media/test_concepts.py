"""The concept dictionary is consistent with the curated record it links to."""

from nkwatch.media.concepts import load
from nkwatch.model import load_kb


def test_actors_and_topics_exist_in_the_record():
    kb = load_kb()
    d = load()
    for c in d.concepts.values():
        if c.actor:
            assert c.actor in kb.actors, f"{c.id}: actor {c.actor} is not in the record"
        for t in c.topics:
            assert t in kb.topics, f"{c.id}: topic {t} is not in the outline"


def test_every_state_has_terms_in_both_languages_and_sources_resolve():
    d = load()
    for c in d.states():
        assert c.ko and c.en, c.id
    for c in d.concepts.values():
        for s in c.sources:
            assert d.sources[s]["url"].startswith("https://"), s
    assert set(d.tone) == {"hostile", "friendly"}
