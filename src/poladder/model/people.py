"""When two names mean one person: the one rule that the history (`--person NAME`, the change since a
person's previous assessment) and `team` (the same person in two sources) both follow.

Names are compared as a person reads them, and no further: Unicode normalisation (NFC) first, so that
`Chloé` typed with one character or with `e` and a combining accent is one name; then `str.lower()`,
not `casefold()`, which turns `ß` into `ss` — Max Weiß and Max Weiss are two people. Invisible
characters (a zero-width space, a bidi mark) are kept: `Alex\\u200b` is not Alex. Spaces are not
read: every run of whitespace is one space, and none at either end (`Elif  Şahin` is Elif Şahin).
"""

import unicodedata

# Longer than any person's or rater's name, short enough that a name never floods a line, a table or
# the history: a profile's `name` and every name typed on the command line are refused above it.
MAX_NAME = 200


def person_key(name: str) -> str:
    """What two names must share to be one person (see the module docstring)."""
    return unicodedata.normalize("NFC", " ".join(name.split())).lower()
