"""Calendar arithmetic for plans and eligibility dates: whole months, as people count them.

Two years from 2026-12-01 is 2028-12-01 and a quarter later is 2029-03-01, not a day-count that drifts
with leap years. A date that would not exist (31 March + 1 month) falls on the month's last day.
"""

from __future__ import annotations

import math
from datetime import date

from poladder.errors import OutOfCalendar


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months; OutOfCalendar when it would leave the calendar (year 9999)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OutOfCalendar(day, months)
    return date(year, month + 1, min(day.day, _days_in(year, month + 1)))


def _days_in(year: int, month: int) -> int:
    # Not calendar.monthrange: importing calendar costs more than poladder's whole route search.
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def months_in(years: float) -> int:
    """Typical years as whole months (1.5 years: 18 months)."""
    return round(years * 12)


def months_until(short: float) -> int:
    """Whole months needed to make up `short` months; a hair of float error does not add a month."""
    return max(0, math.ceil(round(short, 6)))
