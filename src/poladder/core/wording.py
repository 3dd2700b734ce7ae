"""How counts and durations read in English, in one place so that "1 errors" and "about 1 years"
cannot come back in one message while another is fixed."""

from __future__ import annotations

import math


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 error', '2 errors', '1,200 people' (`many` for words that do not just take an s)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def listed(items: list[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'or')."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def sentence(text: str) -> str:
    """`text` as a sentence on its own: a reason such as "your role needs 3" starts a line."""
    return text[:1].upper() + text[1:]


def years_text(years: float) -> str:
    """'1 year', '2.5 years': said the way people say it."""
    return f"{years:g} year{'' if years == 1 else 's'}"


def about_years(years: float) -> str:
    """'about 1 year', 'about 2.5 years': typical years are never exact."""
    return f"about {years_text(years)}"


def percent(fraction: float) -> str:
    """`fraction` as a whole percentage, rounded down: 224/225 is 99%, never 100% (which means ready)."""
    return f"{math.floor(fraction * 100 + 1e-9)}%"  # 0.29 * 100 is 28.999...: a float's error is no loss
