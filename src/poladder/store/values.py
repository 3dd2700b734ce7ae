"""A stored row's values as the readers use them, checked to be what the store writes.

The database's checks (`poladder.store.database`) vouch for its tables, not for what is in their
cells: a history changed by hand may hold an infinite readiness, a thirteenth month or a time that
falls off the calendar in some zone. Every reader converts a cell here, so such a value is one
`Unwritten` (which the store's transaction turns into the same refusal as any other damage), never a
traceback in a view or a document far from the database.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta, timezone

# Times are kept in UTC and shown in local time: a moment closer than this to the calendar's ends
# would fall off it in some zone (the zones span UTC-12 to UTC+14), so poladder never wrote one.
_MARGIN = timedelta(days=2)
_FIRST = datetime.min.replace(tzinfo=timezone.utc) + _MARGIN
_LAST = datetime.max.replace(tzinfo=timezone.utc) - _MARGIN
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # the one form `date.isoformat` writes


class Unwritten(ValueError):
    """A stored value that poladder did not write: `what` it is, in the words of a message."""

    def __init__(self, what: str, row: str) -> None:
        super().__init__(f"{what} ({row})")
        self.what = what
        self.row = row


def readiness(value: object, row: str) -> float | None:
    """A readiness: NULL, or a number from 0 to 1 (an infinity has no percentage, JSON no infinity)."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and math.isfinite(value) and 0 <= value <= 1:
        return float(value)
    raise Unwritten("a readiness that is not a number from 0 to 1", row)


def moment(value: object, row: str) -> str:
    """A time as the store writes it (ISO 8601, seconds, UTC: 2026-12-06T10:00:00+00:00); one without a
    zone is taken as UTC, one in another zone converted to it."""
    try:
        at = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        at = None
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    try:
        if at is None or not _FIRST <= at <= _LAST:
            raise Unwritten("a time that is not a date and time of the calendar", row)
    except OverflowError:  # its zone takes it past the calendar's end
        raise Unwritten("a time that is not a date and time of the calendar", row) from None
    return at.astimezone(timezone.utc).isoformat(timespec="seconds")


def maybe_moment(value: object, row: str) -> str | None:
    return None if value is None else moment(value, row)


def day(value: object, row: str) -> date:
    """A day as the store writes it: 2026-03-02."""
    try:
        if isinstance(value, str) and _DAY.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise Unwritten("a day that is not a date of the calendar", row)
