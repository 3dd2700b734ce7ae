"""The knowledge-base cache: keyed by content, plain JSON, rebuilt when corrupt, never changes an answer."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from poladder import source
from tests.conftest import LADDER


def cache_files() -> list[Path]:
    return sorted(Path(os.environ["POLADDER_CACHE_DIR"]).glob("kb-*.json"))


def test_first_run_writes_a_json_cache_and_later_runs_use_it(cli, monkeypatch):
    first = cli("path", "junior", "head", "--kb", str(LADDER), "--json").stdout
    [cached] = cache_files()
    digest, body = cached.read_bytes().split(b"\n", 1)
    assert json.loads(body)["roles"]["owner"]["rank"] == 2  # plain JSON, not pickle
    assert digest.decode() == hashlib.sha256(body).hexdigest()

    def no_parse(*args, **kwargs):
        raise AssertionError("a warm run must not parse YAML")

    monkeypatch.setattr(source, "parse", no_parse)
    assert cli("path", "junior", "head", "--kb", str(LADDER), "--json").stdout == first


def test_cached_and_uncached_answers_are_identical():
    cold = source.load(LADDER, use_cache=False)
    source.load(LADDER)
    warm = source.load(LADDER)
    assert warm.kb == cold.kb
    assert warm.sha256 == cold.sha256


def tamper(raw: bytes) -> bytes:
    """Valid JSON, right shape, one answer changed: only the checksum can tell."""
    return raw.replace(b'"rank":2', b'"rank":9')


def rehash(raw: bytes) -> bytes:
    """A well-formed cache whose data is not what poladder writes (missing fields)."""
    body = b'{"roles": {}}'
    return hashlib.sha256(body).hexdigest().encode() + b"\n" + body


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: b"{not json",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"\x80\x81",
        tamper,
        rehash,
    ],
)
def test_corrupt_cache_is_rebuilt(cli, damage):
    expected = cli("roles", "--kb", str(LADDER), "--json").stdout
    [cached] = cache_files()
    cached.write_bytes(damage(cached.read_bytes()))
    assert cli("roles", "--kb", str(LADDER), "--json").stdout == expected
    assert json.loads(cached.read_bytes().split(b"\n", 1)[1])["version"] == "t1"


def test_changed_file_gets_a_new_entry(cli, tmp_path):
    kb = tmp_path / "kb.yaml"
    kb.write_text(LADDER.read_text())
    cli("roles", "--kb", str(kb))
    kb.write_text(LADDER.read_text().replace("name: Owner", "name: Product Owner"))
    data = json.loads(cli("role", "owner", "--kb", str(kb), "--json").stdout)
    assert data["name"] == "Product Owner"
    assert len(cache_files()) == 2


def test_unwritable_cache_only_costs_speed(cli, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("POLADDER_CACHE_DIR", str(blocker / "sub"))
    result = cli("roles", "--kb", str(LADDER), "--json")
    assert result.exit_code == 0 and result.stderr == ""


def test_a_broken_file_is_never_cached(cli, make_kb):
    bad = make_kb("skills: {}\nroles: {a: {name: A}}\n")
    assert cli("roles", "--kb", str(bad)).exit_code == 1
    assert cli("roles", "--kb", str(bad)).exit_code == 1
    assert cache_files() == []


@pytest.mark.parametrize("trust_up_to", [0, 10**9])
def test_large_and_small_caches_give_the_same_answers(cli, monkeypatch, trust_up_to):
    """Large caches are validated by pydantic-core, small ones rebuilt without validation: same answers."""
    cold = cli("path", "junior", "head", "--kb", str(LADDER), "--json", "-a", "2").stdout
    monkeypatch.setattr(source, "TRUST_UP_TO", trust_up_to)
    monkeypatch.setattr(source, "parse", lambda *a, **k: pytest.fail("the cache was not used"))
    assert cli("path", "junior", "head", "--kb", str(LADDER), "--json", "-a", "2").stdout == cold
