"""Issue 11: an interval whose start is unknown is not held before its earliest evidence.

Before, such an interval counted as held forever: the 1960 map showed embassies of West
Germany, India and Malaysia in Pyongyang. Now it is certainly held only from the latest day
of its first dated source (never before both parties existed), possibly held from the day
both parties existed, and the answers say which rest on an unknown start."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkwatch.build import build
from nkwatch.store import Store

GAMMA = """
topic: alpha.one
actors:
  - id: VDR
    type: state
    name: North Vietnam
    iso3: VDR
    cow: 816
    start: 1945-09-02
    end: 1976-07-02
    sources: [s-dated]
sources:
  - id: s-dated
    title: A source dated 1960-05
    publisher: Example Publisher
    url: https://example.org/dated
    date: 1960-05
  - id: s-undated
    title: An undated list
    publisher: Example Publisher
    url: https://example.org/undated
relations:
  - id: rel-dip-prk-vdr
    kind: diplomatic-relations
    subject: PRK
    object: VDR
    sources: [s-dated]
  - id: rel-emb-vdr-in-prk
    kind: embassy
    subject: VDR
    object: PRK
    sources: [s-undated]
"""


@pytest.fixture
def unknown_store(kb_copy: Path, tmp_path: Path) -> Store:
    (kb_copy / "topics" / "gamma.yaml").write_text(GAMMA, "utf-8")
    db = tmp_path / "unknown.duckdb"
    build(db, kb_copy)
    s = Store.open(db, kb_dir=kb_copy)
    yield s
    s.close()


def _one(store: Store, day: str, state: str) -> dict:
    return next(r for r in store.countries(as_of=day) if r["id"] == state)


def test_unknown_start_is_not_held_before_its_evidence(unknown_store: Store) -> None:
    before = _one(unknown_store, "1955-12-31", "VDR")
    assert before["relations"] is False and before["relations_possible"] is True
    assert before["status"] == "uncertain" and before["start_known"] is False
    assert before["embassy_in_pyongyang"] is False
    assert before["embassy_in_pyongyang_possible"] is True  # relations may have held
    assert before["relation_intervals"][0]["evidence"] == "1960-05-31"
    # the latest day of the source's month: "1960-05" attests only by 1960-05-31
    assert _one(unknown_store, "1960-05-15", "VDR")["relations"] is False
    after = _one(unknown_store, "1965-01-01", "VDR")
    assert after["relations"] is True and after["start_known"] is False
    assert after["status"] == "relations"
    # an undated source is no evidence: the embassy is never certain, only possible
    assert after["embassy_in_pyongyang"] is False and after["embassy_in_pyongyang_possible"]
    assert after["embassy_start_known"] is False


def test_no_state_before_it_existed_or_after_it_ended(unknown_store: Store) -> None:
    assert "VDR" not in {r["id"] for r in unknown_store.countries(as_of="1945-09-01")}
    assert "VDR" not in {r["id"] for r in unknown_store.countries(as_of="1976-07-02")}
    # no relation is possible before both parties existed (the DPRK: 1948-09-09)
    assert _one(unknown_store, "1948-09-08", "VDR")["relations_possible"] is False
    assert _one(unknown_store, "1948-09-09", "VDR")["relations_possible"] is True


def test_counts_certain_and_at_most(unknown_store: Store) -> None:
    c = unknown_store.country_counts(as_of="1955-12-31")
    assert (c["relations"], c["relations_at_most"]) == (1, 2)  # DDR (known); VDR possible
    assert (c["embassies_in_pyongyang"], c["embassies_in_pyongyang_at_most"]) == (0, 1)
    c = unknown_store.country_counts(as_of="1965-01-01")
    assert (c["relations"], c["relations_at_most"]) == (2, 2)  # DDR and VDR


def test_relations_as_of_follow_the_same_rule(unknown_store: Store) -> None:
    held = {r["id"] for r in unknown_store.relations(actor="PRK", as_of="1955-12-31")}
    assert "rel-dip-prk-vdr" not in held
    loose = unknown_store.relations(actor="PRK", as_of="1955-12-31", include_uncertain=True)
    assert "rel-dip-prk-vdr" in {r["id"] for r in loose}
    held = {r["id"] for r in unknown_store.relations(actor="PRK", as_of="1965-01-01")}
    assert "rel-dip-prk-vdr" in held and "rel-emb-vdr-in-prk" not in held
