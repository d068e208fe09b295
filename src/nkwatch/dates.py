"""Dates that carry their precision.

"1975", "1975-08" and "1975-08-25" are different facts: a year, a month, a day. A
:class:`PartialDate` keeps the text as given and knows the first and last day it may mean,
which is what the as-of logic needs (a relation that began "1975-08" certainly held on
1975-09-01, and may or may not have held on 1975-08-10).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


class DateError(ValueError):
    """A date string that is not YYYY, YYYY-MM or YYYY-MM-DD, or not a real date."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    earliest: dt.date
    precision: Precision

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            return cls(value.date(), "day")
        if isinstance(value, dt.date):
            return cls(value, "day")
        if isinstance(value, int) and 1000 <= value <= 9999:
            return cls(dt.date(value, 1, 1), "year")
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise DateError(
                f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1975-08-25)"
            )
        year, month, day = match["y"], match["m"], match["d"]
        try:
            if day:
                return cls(dt.date(int(year), int(month), int(day)), "day")
            if month:
                return cls(dt.date(int(year), int(month), 1), "month")
            return cls(dt.date(int(year), 1, 1), "year")
        except ValueError as exc:
            raise DateError(f"{value!r} is not a real calendar date ({exc})") from None

    @property
    def latest(self) -> dt.date:
        """The last day this date may mean."""
        d = self.earliest
        if self.precision == "day":
            return d
        if self.precision == "month":
            return d.replace(day=calendar.monthrange(d.year, d.month)[1])
        return d.replace(month=12, day=31)

    def iso(self) -> str:
        """ISO text cut to the precision: '1975', '1975-08' or '1975-08-25'."""
        return format_date(self.earliest, self.precision)

    def __str__(self) -> str:
        return self.iso()


def format_date(value: dt.date | None, precision: str | None) -> str | None:
    """Format a stored (earliest day, precision) pair as ISO text cut to its precision."""
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def parse_query_date(value: str | dt.date | None, *, end: bool = False) -> dt.date | None:
    """A date given by a user to filter on. A partial date stands for its first day, or
    for its last day when it closes a range (``--to 1994`` means to the end of 1994)."""
    if value is None or value == "":
        return None
    pd = PartialDate.parse(value)
    return pd.latest if end else pd.earliest
