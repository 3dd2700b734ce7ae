"""Run poladder where file permissions bind, also when the tests run as root (as in the container).

Root ignores permission bits through two capabilities; a child that drops them from its bounding set
before exec gets neither, so a folder of mode 0555 stops it as it stops anyone else. Not root: nothing
to drop, the bits already bind.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def _drop_overrides() -> None:
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def poladder(
    *args: str, home: Path, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real CLI as a process that permission bits stop; `home` holds POLADDER_HOME and the cache."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "POLADDER_HOME": str(home / "home"),
        "POLADDER_CACHE_DIR": str(home / "cache"),
        "TERM": "dumb",
        "COLUMNS": "100",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "poladder", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        preexec_fn=_drop_overrides,
        check=False,
    )
