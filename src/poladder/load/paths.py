"""Where poladder keeps its files — the knowledge-base cache and the history — decided here only.

`POLADDER_CACHE_DIR` and `POLADDER_HOME` move them. Otherwise each goes where the platform keeps an
application's files: the cache in the user's cache folder, the history in the user's application
folder (the same place typer's and click's `get_app_dir` name, so a history saved by an earlier
poladder is found where it is). An `XDG_*` variable that is empty or relative is ignored, as the XDG
Base Directory specification says: a relative one would put the history in whatever folder the
command happens to run in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "poladder"


def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / default


def cache_dir() -> Path:
    """The folder of the knowledge-base cache."""
    if chosen := os.environ.get("POLADDER_CACHE_DIR"):
        return Path(chosen)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home()) / APP / "Cache"
    return _xdg("XDG_CACHE_HOME", ".cache") / APP


def home() -> tuple[Path, bool]:
    """The folder of the history, and whether the user chose it (then its parent must exist: a missing
    parent is more likely a typo than a wish)."""
    if chosen := os.environ.get("POLADDER_HOME"):
        return Path(chosen), True
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP, False
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home()) / APP, False
    return _xdg("XDG_CONFIG_HOME", ".config") / APP, False
