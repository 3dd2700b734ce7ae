"""Calendar months, as people count them: the plan's dates and the eligibility dates."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poladder.core.dates import add_months, months_in, months_until
from poladder.errors import OutOfCalendar


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9000, 12, 31)), st.integers(0, 12 * 900))
def test_add_months_lands_on_the_same_day_or_the_months_last(day, months):
    moved = add_months(day, months)
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    assert (moved.year, moved.month) == (year, month + 1)
    last = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(day.day, last)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 1), 24, date(2028, 12, 1)),  # two years, not 730 days
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year
        (date(2100, 1, 31), 1, date(2100, 2, 28)),  # not a leap year
        (date(2000, 1, 31), 1, date(2000, 2, 29)),  # a leap year again
        (date(2026, 3, 31), 3, date(2026, 6, 30)),
    ],
)
def test_known_dates(day, months, expected):
    assert add_months(day, months) == expected


def test_past_the_calendar_is_an_error():
    with pytest.raises(OutOfCalendar, match="past the calendar's end"):
        add_months(date(9999, 6, 1), 12)


def test_years_and_shortfalls_in_whole_months():
    assert months_in(1.5) == 18 and months_in(2) == 24
    assert months_until(6.0000001) == 6 and months_until(6.2) == 7 and months_until(-3) == 0
