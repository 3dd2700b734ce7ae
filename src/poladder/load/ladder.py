"""Finding, reading and caching the knowledge base.

Reading goes through `poladder.load.inputs.read_input`, bounded, as every input does.

A validated knowledge base is cached as JSON keyed by the file's content hash, so a warm run reads no
YAML at all (importing yaml alone costs more than everything else poladder does); pydantic reads
it back with `model_validate_json`. JSON, not pickle: loading the cache can never run code. A cache
is used only when it is provably ours, and otherwise ignored and rebuilt from the YAML:

- its first line names the cache format, poladder's version and the SHA-256 of the source file, and
  carries the SHA-256 of the rest: damage, another build's cache, or another ladder's cache renamed
  or linked into place never match;
- the open file is owned by this user (or root) and writable by no one else, so nobody else can have
  edited it and recomputed the checksum;
- it lives in a private folder: the user's own, a real folder (not a link), writable by nobody else;
  poladder makes it 0700, and takes group and other permissions off one of the user's own. A folder
  that is not private (a POLADDER_CACHE_DIR shared on a multi-user machine) is not used at all, so
  nobody can plant a file or a link under the predictable name of a cache;
- links are never followed, neither to read a cache nor to write one: a link in the way is replaced.

A cache that is not ours is not validated instead: a tampered ladder can be perfectly valid (a rank
changed, a move added) and still give different answers; only the YAML is the truth. Rebuilding costs
one cold run. Cleanup deletes only files named exactly as poladder names its caches (or their temp
files, once an hour old: left by a run killed while it wrote) and owned by this user, so a
`kb-notes.json` of the user's own is never touched. A base holding an infinite or NaN
number is not cached at all (JSON cannot say infinity, so a warm run would differ from a cold one).
"""

from __future__ import annotations

import hashlib
import math
import os
import stat
import time
from pathlib import Path

from pydantic import BaseModel

from poladder.errors import FileProblem
from poladder.load import paths
from poladder.load.files import O_NOFOLLOW, readable
from poladder.load.inputs import MAX_BYTES, open_regular, read_at_most, read_input
from poladder.model.ladder import KnowledgeBase
from poladder.model.result import KnowledgeBaseStamp
from poladder.version import __version__

CACHE_FORMAT = 2
KEEP_CACHES = 8
# A cache is JSON of a base of at most MAX_BYTES of YAML: larger than that, but not without bound.
CACHE_LIMIT = 10 * MAX_BYTES


class Loaded:
    """A validated knowledge base and where it came from (a plain class: imported on every run)."""

    def __init__(
        self, kb: KnowledgeBase, path: Path, sha256: str, warnings: list[FileProblem] | None = None
    ) -> None:
        self.kb = kb
        self.path = path
        self.sha256 = sha256
        self.warnings = warnings or []

    @property
    def stamp(self) -> KnowledgeBaseStamp:
        return KnowledgeBaseStamp(path=readable(str(self.path)), version=self.kb.version, sha256=self.sha256)


def bundled_path() -> Path:
    """data/roles.yaml: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the package: src/poladder
    packaged = here / "data" / "roles.yaml"
    return packaged if packaged.exists() else here.parent.parent / "data" / "roles.yaml"


def load(path: Path | None = None, use_cache: bool = True) -> Loaded:
    """The validated knowledge base at `path` (default: the bundled ladder)."""
    path = path or bundled_path()
    content = read_input(path, "knowledge base")
    sha256 = hashlib.sha256(content).hexdigest()
    folder = paths.cache_dir()
    cache_file = folder / f"kb-{sha256[:32]}-{__version__}-{CACHE_FORMAT}.json"
    cached = _read_cache(cache_file, sha256) if use_cache and _private(folder) else None
    if cached is not None:
        loaded = Loaded(cached, path, sha256)
    else:
        loaded = parse(content, path, sha256, warn=False)
        if use_cache:
            _write_cache(cache_file, loaded.kb, sha256)
    return loaded


def parse(content: bytes, path: Path, sha256: str, warn: bool = True) -> Loaded:
    """Parse and check a knowledge base; DataError lists every error, located; warnings if `warn`."""
    from poladder.load import documents
    from poladder.load.checks import check, validated
    from poladder.load.documents import located
    from poladder.load.problems import invalid

    document = documents.parse(content, readable(str(path)), "knowledge base")
    if not isinstance(document.data, dict):
        raise located(
            str(path),
            1,
            1,
            "a knowledge base is a mapping with skills:, certifications: and roles:",
            "see docs/knowledge-base.md",
        )
    kb = validated(document)
    errors, warnings = check(kb, warn)
    if errors:
        raise invalid(document, errors)
    return Loaded(kb, path, sha256, [document.locate_problem(w, "warning") for w in warnings])


def _header(source_sha256: str, body: bytes) -> bytes:
    """The cache's first line: what wrote it, from which source bytes, and the checksum of the rest."""
    body_sha256 = hashlib.sha256(body).hexdigest()
    return f"poladder-cache {CACHE_FORMAT} {__version__} {source_sha256} {body_sha256}\n".encode()


def _ours(info: os.stat_result) -> bool:
    """Written by this user (or root, who could change anything anyway) and writable by nobody else."""
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    geteuid = getattr(os, "geteuid", None)  # Windows: the user's LOCALAPPDATA is private already
    return geteuid is None or info.st_uid in (geteuid(), 0)


def _private(folder: Path, make: bool = False) -> bool:
    """Whether `folder` may hold caches (see the module docstring); with `make`, made (0700) if missing."""
    from poladder.load.files import make_private, unsafe_folder

    try:
        if make:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | O_NOFOLLOW | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return False  # missing, a link, or not a folder
    try:
        info = os.fstat(fd)
        if unsafe_folder(info) is not None:
            return False
        make_private(fd, info)
        return True
    finally:
        os.close(fd)


def _read_cache(cache_file: Path, source_sha256: str) -> KnowledgeBase | None:
    """The cached base, or None if it is missing, damaged or could have been written by anyone else."""
    try:
        opened, info = open_regular(cache_file, follow=False)
        if opened is None or not _ours(info):
            if opened is not None:
                opened.close()
            return None
        with opened as f:
            raw = read_at_most(f.read, CACHE_LIMIT)
    except OSError:
        return None
    if raw is None:
        return None
    header, _, body = raw.partition(b"\n")
    if header + b"\n" != _header(source_sha256, body):
        return None
    try:
        return KnowledgeBase.model_validate_json(body)
    except ValueError:  # not what this build writes: rebuild it
        return None


def _write_cache(cache_file: Path, kb: KnowledgeBase, source_sha256: str) -> None:
    """A cache that cannot be written only makes the next run slower."""
    from poladder.errors import PoladderError
    from poladder.load.files import write_atomically

    if not _finite(kb):  # JSON has no infinity: pydantic would write null, and a warm run would differ
        return
    try:
        if not _private(cache_file.parent, make=True):
            return
        body = kb.model_dump_json().encode()
        write_atomically(cache_file, _header(source_sha256, body) + body, mode=0o600, follow_links=False)
        _clean(cache_file.parent)
    except (OSError, PoladderError):
        pass


def _finite(value: object) -> bool:
    """No infinite or NaN float anywhere in a (validated) model."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, BaseModel):
        return all(_finite(v) for v in value.__dict__.values())
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(_finite(v) for v in value)
    return True


def _clean(folder: Path) -> None:
    """Keep the newest KEEP_CACHES caches; delete only this program's own files, never a user's."""
    import re

    from poladder.load.files import owned

    cache = r"kb-[0-9a-f]{32}-[0-9][0-9A-Za-z.+!]*-[0-9]+\.json"
    name, temp = re.compile(cache), re.compile(rf"\.{cache}\.[0-9a-f]{{8}}\.tmp")
    mine: list[tuple[float, str]] = []
    stale: list[str] = []
    an_hour_ago = time.time() - 3600
    with os.scandir(folder) as entries:
        for entry in entries:
            cached, left = name.fullmatch(entry.name), temp.fullmatch(entry.name)
            if not (cached or left):
                continue
            info = entry.stat(follow_symlinks=False)
            if not (stat.S_ISREG(info.st_mode) and owned(info)):
                continue
            if cached:
                mine.append((info.st_mtime, entry.path))
            elif info.st_mtime < an_hour_ago:  # a run killed while it wrote: no run writes for an hour
                stale.append(entry.path)
    stale += [path for _, path in sorted(mine, reverse=True)[KEEP_CACHES:]]
    for path in stale:
        Path(path).unlink(missing_ok=True)
