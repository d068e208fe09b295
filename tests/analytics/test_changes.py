"""Change points in a series, and the curated events nearest to them."""

from __future__ import annotations

import pytest

from nkwatch.analytics.changes import change_points, nearest_events


def _series(values, start_year=1970):
    return [{"period": f"{start_year + i}-01-01", "share": v} for i, v in enumerate(values)]


def test_finds_a_step():
    series = _series([0.1, 0.12, 0.09, 0.11, 0.1, 0.1, 0.9, 0.88, 0.91, 0.9, 0.92, 0.89])
    [cp] = change_points(series)
    assert cp["period"] == "1976-01-01"
    assert cp["before"] == pytest.approx(0.1033, abs=1e-3)
    assert cp["after"] == pytest.approx(0.9, abs=1e-2)
    assert cp["change"] > 0.7


def test_flat_or_short_series_have_none():
    assert change_points(_series([0.5] * 10)) == []
    assert change_points(_series([0.1, 0.9])) == []
    assert change_points(_series([0.1, 0.11, 0.1, 0.12, 0.1, 0.11])) == []


def test_unknown_column():
    from nkwatch.store import QueryError

    with pytest.raises(QueryError, match="column 'tone' is not a column of the series"):
        change_points(_series([1, 2, 3, 4]), "tone")


def test_nearest_curated_events(store):
    series = _series([0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0], start_year=1969)
    changes = nearest_events(store, change_points(series), "SWE")
    [cp] = changes
    assert cp["period"] == "1973-01-01"
    assert cp["nearest"][0]["id"] == "ev-1973-04-07-sweden"
    assert cp["nearest"][0]["days"] == 96
    # a partner the record does not know has no nearest events
    assert nearest_events(store, change_points(series), "ATA")[0]["nearest"] == []
