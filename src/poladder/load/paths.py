"""Where poladder keeps its files — the knowledge-base cache and the history — decided here only.

`POLADDER_CACHE_DIR` and `POLADDER_HOME` move them. Otherwise each goes where the platform keeps an
application's files: the cache in the user's cache folder, the history in the user's application
folder (the same place typer's and click's `get_app_dir` name, so a history saved by an earlier
poladder is found where it is). An `XDG_*` variable that is empty or relative is ignored, as the XDG
Base Directory specification says, and so is a relative HOME: a relative one would put the history
in whatever folder the command happens to run in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "poladder"


def _user_home() -> Path:
    """The user's home folder: HOME, unless it is relative (like a relative XDG variable, it would put
    the history wherever the command runs), then the one the password database gives."""
    home = Path.home()
    if home.is_absolute() or sys.platform == "win32":
        return home
    import pwd

    return Path(pwd.getpwuid(os.getuid()).pw_dir)


def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else _user_home() / default


def cache_dir() -> Path:
    """The folder of the knowledge-base cache."""
    if chosen := os.environ.get("POLADDER_CACHE_DIR"):
        return Path(chosen)
    if sys.platform == "darwin":
        return _user_home() / "Library" / "Caches" / APP
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home()) / APP / "Cache"
    return _xdg("XDG_CACHE_HOME", ".cache") / APP


def home() -> tuple[Path, bool]:
    """The folder of the history, and whether the user chose it (then its parent must exist: a missing
    parent is more likely a typo than a wish)."""
    if chosen := os.environ.get("POLADDER_HOME"):
        return Path(chosen), True
    if sys.platform == "darwin":
        return _user_home() / "Library" / "Application Support" / APP, False
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home()) / APP, False
    return _xdg("XDG_CONFIG_HOME", ".config") / APP, False
