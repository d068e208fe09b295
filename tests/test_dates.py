import datetime as dt

import pytest

from nkwatch.dates import DateError, PartialDate, format_date, parse_query_date


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("1975", "year", dt.date(1975, 1, 1), dt.date(1975, 12, 31)),
        ("1975-08", "month", dt.date(1975, 8, 1), dt.date(1975, 8, 31)),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("1975-08-25", "day", dt.date(1975, 8, 25), dt.date(1975, 8, 25)),
    ],
)
def test_precision_and_bounds(text, precision, earliest, latest):
    d = PartialDate.parse(text)
    assert (d.precision, d.earliest, d.latest) == (precision, earliest, latest)
    assert d.iso() == text
    assert format_date(d.earliest, d.precision) == text


def test_yaml_native_values():
    assert PartialDate.parse(dt.date(1953, 7, 27)).iso() == "1953-07-27"
    assert PartialDate.parse(1961).iso() == "1961"


@pytest.mark.parametrize("bad", ["1975-13", "1975-02-30", "75-08-25", "August 1975", "1975/08/25"])
def test_bad_dates_are_refused_with_the_fix(bad):
    with pytest.raises(DateError, match="YYYY|real calendar date"):
        PartialDate.parse(bad)


def test_query_dates_stand_for_their_period():
    assert parse_query_date("1994") == dt.date(1994, 1, 1)
    assert parse_query_date("1994", end=True) == dt.date(1994, 12, 31)
    assert parse_query_date(None) is None
