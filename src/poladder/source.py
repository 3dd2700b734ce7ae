"""Finding, reading and caching the knowledge base.

A validated knowledge base is cached as JSON keyed by the file's content hash, so a warm run reads no
YAML at all (importing yaml alone costs more than everything else poladder does). JSON, not pickle:
loading the cache can never run code. The cache's first line is the SHA-256 of the rest: what this
program validated and wrote can be rebuilt into models without validating again (for a small base,
building the validators would cost more than the whole answer), and a cache that does not match is
simply rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

from poladder import __version__
from poladder.errors import DataError
from poladder.knowledge import KnowledgeBase
from poladder.results import KnowledgeBaseStamp

MAX_BYTES = 20 * 1024 * 1024
CACHE_FORMAT = 1
KEEP_CACHES = 8
# Rebuilding models without validation costs ~10 µs an object in Python; building the validators costs
# ~5 ms once, after which pydantic-core validates in Rust. Small bases (the bundled one is 50 KB) are
# rebuilt, large ones validated: 0.57 s instead of 1 s for a 10 MB base.
TRUST_UP_TO = 512 * 1024


class Loaded:
    """A validated knowledge base and where it came from (a plain class: imported on every run)."""

    def __init__(self, kb: KnowledgeBase, path: Path, sha256: str, warnings: list[str] | None = None) -> None:
        self.kb = kb
        self.path = path
        self.sha256 = sha256
        self.warnings = warnings or []

    @property
    def stamp(self) -> KnowledgeBaseStamp:
        # Trusted values of the right types: constructing skips building a validator only for this.
        return KnowledgeBaseStamp.model_construct(
            path=str(self.path), version=self.kb.version, sha256=self.sha256
        )


def bundled_path() -> Path:
    """data/roles.yaml: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "roles.yaml"
    return packaged if packaged.exists() else here.parent.parent / "data" / "roles.yaml"


def cache_dir() -> Path:
    if env := os.environ.get("POLADDER_CACHE_DIR"):
        return Path(env)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "poladder"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "poladder" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "poladder"


def read_bytes(path: Path, what: str) -> bytes:
    """The file's bytes, refusing what is missing, a directory or over the size limit before reading."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DataError(f"{path}: is a directory — give the path of a {what} file")
        size = info.st_size
        if size > MAX_BYTES:
            raise DataError(
                f"{path}:1:1: error: the file is {size / 1e6:.1f} MB, over poladder's "
                f"{MAX_BYTES // (1024 * 1024)} MB limit for a {what} — "
                "split it or remove what it does not need"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file — check the path of the {what}") from None
    except PermissionError:
        raise DataError(f"{path}: permission denied — make the {what} readable") from None
    except OSError as e:
        raise DataError(f"{path}: cannot read the {what}: {e.strerror}") from None


def load(path: Path | None = None, use_cache: bool = True) -> Loaded:
    """The validated knowledge base at `path` (default: the bundled ladder)."""
    path = path or bundled_path()
    content = read_bytes(path, "knowledge base")
    sha256 = hashlib.sha256(content).hexdigest()
    cache_file = cache_dir() / f"kb-{sha256[:32]}-{__version__}-{CACHE_FORMAT}.json"
    if use_cache:
        cached = _read_cache(cache_file)
        if cached is not None:
            return Loaded(cached, path, sha256)
    loaded = parse(content, path, sha256, warn=False)
    if use_cache:
        _write_cache(cache_file, loaded.kb)
    return loaded


def parse(content: bytes, path: Path, sha256: str, warn: bool = True) -> Loaded:
    """Parse and check a knowledge base; DataError lists every error, located; warnings if `warn`."""
    from poladder import documents
    from poladder.knowledge import check

    document = documents.parse(content, str(path), "knowledge base")
    if not isinstance(document.data, dict):
        raise DataError(
            f"{path}:1:1: error: a knowledge base is a mapping with skills:, certifications: "
            "and roles: — see docs/knowledge-base.md"
        )
    kb = documents.validate(document, KnowledgeBase)
    errors, warnings = check(kb, warn)
    if errors:
        raise DataError(*(document.format(p) for p in errors))
    return Loaded(kb, path, sha256, [document.format(w, "warning") for w in warnings])


def _read_cache(cache_file: Path) -> KnowledgeBase | None:
    """The cached base, or None if missing or damaged in any way (the SHA-256 line must match)."""
    try:
        raw = cache_file.read_bytes()
    except OSError:
        return None
    digest, _, body = raw.partition(b"\n")
    if digest.decode("ascii", "replace") != hashlib.sha256(body).hexdigest():
        return None
    try:
        if len(body) > TRUST_UP_TO:
            return KnowledgeBase.model_validate_json(body)
        import json

        return KnowledgeBase.trusted(json.loads(body))
    except (ValueError, TypeError, KeyError, AttributeError):  # written by another build: rebuild it
        return None


def _write_cache(cache_file: Path, kb: KnowledgeBase) -> None:
    """A cache that cannot be written only makes the next run slower."""
    from poladder.errors import PoladderError
    from poladder.files import write_atomically

    try:
        body = kb.model_dump_json().encode()
        data = hashlib.sha256(body).hexdigest().encode() + b"\n" + body
        write_atomically(cache_file, data, make_parents=True)
        old = sorted(cache_file.parent.glob("kb-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP_CACHES:]:
            stale.unlink(missing_ok=True)
    except (OSError, PoladderError):
        pass
