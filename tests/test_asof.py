"""As-of logic: open and closed intervals, and date precision (a relation that began
"1975-06" is certain from 1975-06-30 on, possible from 1975-06-01)."""

import pytest

from nkwatch.store import QueryError


def _ids(rows):
    return sorted(r["id"] for r in rows)


DDR, SWE, MMR, MMR2 = "rel-dip-prk-ddr", "rel-dip-prk-swe", "rel-dip-prk-mmr", "rel-dip-prk-mmr-2"
EMB_SWE, EMB_PRK = "rel-emb-swe-in-prk", "rel-emb-prk-in-swe"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("1949-11-06", []),  # before the first start
        ("1949-11-07", [DDR]),  # a start day counts
        ("1973-04-07", [DDR, SWE]),
        ("1975-06-15", [DDR, MMR, SWE]),  # embassy from "1975-06", DPRK's from "1975": unsure
        ("1975-06-30", [DDR, MMR, SWE, EMB_SWE]),
        ("1975-12-31", [DDR, MMR, SWE, EMB_PRK, EMB_SWE]),  # "1975" is certain on its last day
        ("1983-11-03", [DDR, MMR, SWE, EMB_PRK, EMB_SWE]),
        ("1983-11-04", [DDR, SWE, EMB_PRK, EMB_SWE]),  # severed that day
        ("1990-10-03", [SWE, EMB_PRK, EMB_SWE]),  # closed interval: its end day no longer
        ("2007-04-15", [SWE, EMB_PRK, EMB_SWE]),  # restored "2007-04": unsure
        ("2007-05-01", [MMR2, SWE, EMB_PRK, EMB_SWE]),
        ("2021-08-31", [MMR2, SWE, EMB_PRK]),  # embassy closed that day
        ("2099-01-01", [MMR2, SWE, EMB_PRK]),  # open intervals go on
    ],
)
def test_relations_as_of(store, day, expected):
    assert _ids(store.relations(actor="PRK", as_of=day)) == sorted(expected)


def test_uncertain_days_can_be_included(store):
    rows = store.relations(actor="PRK", as_of="2007-04-15", include_uncertain=True)
    assert "rel-dip-prk-mmr-2" in _ids(rows)
    rows = store.relations(actor="PRK", as_of="1975-06-01", include_uncertain=True)
    assert "rel-emb-swe-in-prk" in _ids(rows)


def test_partial_as_of_date_means_its_first_day(store):
    assert _ids(store.relations(kind="embassy", as_of="1975-06")) == []
    assert _ids(store.relations(kind="embassy", as_of="1975-07")) == [EMB_SWE]
    assert _ids(store.relations(kind="embassy", as_of="1976")) == [EMB_PRK, EMB_SWE]


def test_by_kind_and_actor(store):
    assert _ids(store.relations(actor="Burma")) == [
        "rel-dip-prk-mmr", "rel-dip-prk-mmr-2", "rel-un-mmr"]
    assert _ids(store.relations(kind="embassy")) == [EMB_PRK, EMB_SWE]


def test_bad_as_of_date(store):
    with pytest.raises(QueryError, match="as_of: '2017-02-30' is not a real calendar date"):
        store.relations(as_of="2017-02-30")


def test_event_ranges_overlap_with_precision(store):
    def ids(**kw):
        return [e["id"] for e in store.events(**kw)]

    assert ids(date_from="1983-10-31", date_to="1983-10-31") == ["ev-1983-10-rangoon"]
    assert ids(date_from="1983-11-01", date_to="2017") == []
    # a span from "2018" to "2019-02" overlaps February 2019 and no later month
    assert ids(date_from="2019-02-28") == ["ev-2018-talks"]
    assert ids(date_from="2019-03-01") == []
    assert ids(date_to="1973") == ["ev-1973-04-07-sweden"]
    with pytest.raises(QueryError, match="the range is empty"):
        store.events(date_from="2000", date_to="1999")
