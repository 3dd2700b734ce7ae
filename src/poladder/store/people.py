"""Whose an assessment is, and when two names mean one person.

A person is the profile's `name`, else the profile file's name (as `team` names people); the
interview's unnamed answers are "you", the person at the keyboard. Names are compared as a person
reads them, and no further:

- Unicode normalisation (NFC) first: `Chloé` typed with one character or with `e` and a combining
  accent is one name;
- then `str.lower()`, not `casefold()`: case folding turns `ß` into `ss`, and Max Weiß and Max Weiss
  are two people, whom `--person` must never mix up;
- invisible characters (a zero-width space, a bidi mark) are kept, so `Alex\\u200b` is not Alex; the
  views and messages show them as escapes (`poladder.render`), so that nobody passes for someone else.

"you" is reserved for the interview's answers: a profile whose name (or file name) is `you` is
refused when it would be saved, rather than be taken for your own.
"""

from __future__ import annotations

from pathlib import Path

# The rule itself lives below the store, so that `team` (in core/) follows it too.
from poladder.model.people import person_key as person_key
from poladder.model.profile import Profile

INTERVIEW = "interview"
STDIN = "-"
YOU = "you"


def person_of(profile: Profile, source: str) -> str | None:
    """Whose answers these are: the profile's name, else the profile file's name (None: the interview's
    or stdin's unnamed answers)."""
    name = (profile.name or "").strip()
    if name:
        return name
    if source not in (INTERVIEW, STDIN):
        return Path(source).stem
    return None


def is_yours(person: str | None, source: str | None) -> bool:
    """Unnamed answers to the interview: the person at the keyboard."""
    return person is None and source == INTERVIEW


def is_reserved(person: str | None) -> bool:
    """A name that would pass for the interview's "you"."""
    return person is not None and person_key(person) == YOU


def same_person(wanted: str, person: str | None, source: str | None) -> bool:
    """`--person NAME`: the same name (see `person_key`); `you` is the interview's unnamed answers only."""
    key = person_key(wanted)
    if key == YOU:
        return is_yours(person, source)
    return person is not None and person_key(person) == key


def series(person: str | None, source: str | None) -> tuple[str, str]:
    """Whose series a row belongs to, for the change since the previous one."""
    if person is not None:
        return ("person", person_key(person))
    return ("unnamed", INTERVIEW if source == INTERVIEW else "other")
