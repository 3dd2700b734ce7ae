"""The knowledge-base cache: keyed by content, plain JSON, rebuilt when corrupt, never changes an answer."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from poladder import __version__
from poladder.load import ladder as source
from tests.conftest import LADDER


def cache_files() -> list[Path]:
    return sorted(Path(os.environ["POLADDER_CACHE_DIR"]).glob("kb-*.json"))


def test_first_run_writes_a_json_cache_and_later_runs_use_it(cli, monkeypatch):
    first = cli("path", "junior", "head", "--kb", str(LADDER), "--json").stdout
    [cached] = cache_files()
    header, body = cached.read_bytes().split(b"\n", 1)
    assert json.loads(body)["roles"]["owner"]["rank"] == 2  # plain JSON, not pickle
    source_sha256 = hashlib.sha256(LADDER.read_bytes()).hexdigest()
    assert header.decode().split() == [
        "poladder-cache",
        str(source.CACHE_FORMAT),
        __version__,
        source_sha256,
        hashlib.sha256(body).hexdigest(),
    ]
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600  # private: nobody else may edit it

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


def with_body(raw: bytes, body: bytes) -> bytes:
    """A cache holding `body` under a header recomputed as poladder would write it."""
    fields = raw.split(b"\n", 1)[0].split()
    fields[-1] = hashlib.sha256(body).hexdigest().encode()
    return b" ".join(fields) + b"\n" + body


def edited(raw: bytes, old: bytes, new: bytes) -> bytes:
    body = raw.split(b"\n", 1)[1]
    assert old in body
    return body.replace(old, new)


def rehash(raw: bytes) -> bytes:
    """A well-formed cache whose data is not what poladder writes (missing fields)."""
    return with_body(raw, b'{"roles": {}}')


def old_format(raw: bytes) -> bytes:
    """The first cache format: only the body's SHA-256 on the first line."""
    body = raw.split(b"\n", 1)[1]
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
        old_format,
        lambda raw: with_body(raw, edited(raw, b'"years":2.0', b'"years":Infinity')),
        lambda raw: with_body(raw, edited(raw, b'"years":2.0', b'"years":NaN')),
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


def test_a_warm_run_answers_as_a_cold_one(cli, monkeypatch):
    """The cache, read back by pydantic, gives the very answers the YAML gave (every nested model too)."""
    cold = cli("path", "junior", "head", "--kb", str(LADDER), "--json", "-a", "2").stdout
    monkeypatch.setattr(source, "parse", lambda *a, **k: pytest.fail("the cache was not used"))
    assert cli("path", "junior", "head", "--kb", str(LADDER), "--json", "-a", "2").stdout == cold


def test_cache_edited_by_its_owner_is_trusted():
    """The other side of the trust rule below: a cache that is ours is used as it is, unvalidated."""
    cold = source.load(LADDER)
    [cached] = cache_files()
    cached.write_bytes(with_body(cached.read_bytes(), edited(cached.read_bytes(), b'"rank":2', b'"rank":9')))
    assert cold.kb.roles["owner"].rank == 2
    assert source.load(LADDER).kb.roles["owner"].rank == 9


def chown_to_nobody(path: Path) -> None:
    os.chown(path, 65534, 65534)


@pytest.mark.parametrize(
    "estrange",
    [
        pytest.param(lambda path: path.chmod(0o620), id="group-writable"),
        pytest.param(lambda path: path.chmod(0o602), id="world-writable"),
        pytest.param(
            chown_to_nobody,
            id="another-owner",
            marks=pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away"),
        ),
    ],
)
def test_edited_cache_that_is_not_ours_never_changes_an_answer(cli, estrange):
    """Someone else edits the cache and recomputes its checksum: ignored, rebuilt from the YAML."""
    expected = cli("role", "owner", "--kb", str(LADDER), "--json").stdout
    [cached] = cache_files()
    raw = cached.read_bytes()
    cached.write_bytes(with_body(raw, edited(raw, b'"rank":2', b'"rank":9')))
    estrange(cached)
    assert cli("role", "owner", "--kb", str(LADDER), "--json").stdout == expected
    # and it was replaced by a cache of ours
    assert b'"rank":9' not in cached.read_bytes() and stat.S_IMODE(cached.stat().st_mode) == 0o600


def test_another_ladders_cache_put_in_place_is_not_used(cli, make_kb):
    """Ours, with a valid checksum, but made from other bytes: the header binds a cache to its source."""
    other = make_kb(LADDER.read_text().replace("name: Owner", "name: Someone else"))
    cli("roles", "--kb", str(other))
    [theirs] = cache_files()
    expected = source.load(LADDER, use_cache=False)
    mine = theirs.with_name(f"kb-{expected.sha256[:32]}-{__version__}-{source.CACHE_FORMAT}.json")
    os.link(theirs, mine)
    assert source.load(LADDER).kb == expected.kb


def test_a_base_with_infinite_numbers_is_never_cached(tmp_path):
    """JSON has no infinity (pydantic writes null): caching it would make a warm run differ."""
    kb = source.load(LADDER, use_cache=False).kb
    owner = kb.roles["owner"]
    move = owner.next["senior"].model_copy(update={"years": float("inf")})
    broken = kb.model_copy(
        update={"roles": {**kb.roles, "owner": owner.model_copy(update={"next": {"senior": move}})}}
    )
    target = tmp_path / "kb-0.json"
    source._write_cache(target, broken, "0" * 64)
    assert not target.exists()
    source._write_cache(target, kb, "0" * 64)
    assert target.exists()


def test_cleanup_deletes_only_poladders_own_cache_files(cli, tmp_path):
    folder = Path(os.environ["POLADDER_CACHE_DIR"])
    folder.mkdir(parents=True)
    users = ["kb-notes.json", "kb-2024.json", "kb-backup-final.json", "my-kb-1.json"]
    for name in users:
        (folder / name).write_text("the user's own file")
        os.utime(folder / name, (500_000, 500_000))  # older than every cache: first to go if taken for one
    stale = [folder / f"kb-{i:032x}-0.0.{i}-1.json" for i in range(12)]
    for age, path in enumerate(stale):
        path.write_text("{}")
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    os.symlink(folder / "kb-notes.json", folder / f"kb-{99:032x}-0.0.1-1.json")  # a link: not ours to delete
    assert cli("roles", "--kb", str(LADDER)).exit_code == 0
    assert all((folder / name).read_text() == "the user's own file" for name in users)
    assert (folder / f"kb-{99:032x}-0.0.1-1.json").is_symlink()
    kept = [p for p in stale if p.exists()]
    assert len(kept) == source.KEEP_CACHES - 1 and kept == stale[-len(kept) :]  # the newest, and the new one
    sha256 = hashlib.sha256(LADDER.read_bytes()).hexdigest()
    assert (folder / f"kb-{sha256[:32]}-{__version__}-{source.CACHE_FORMAT}.json").exists()


def test_a_fifo_in_place_of_the_cache_does_not_hang(cli, tmp_path):
    expected = cli("roles", "--kb", str(LADDER), "--json").stdout
    [cached] = cache_files()
    cached.unlink()
    os.mkfifo(cached)
    assert cli("roles", "--kb", str(LADDER), "--json").stdout == expected
    assert stat.S_ISFIFO(cached.stat().st_mode)  # not replaced: it is not a regular file


def test_a_warm_run_rebuilds_the_new_nested_models(cli, monkeypatch):
    """Issue 18's nested fields (a certification's cost and duration, a move's how and pitfalls) come
    back from the cache as the same models, so a warm run prints what a cold one does."""
    from poladder.model.ladder import Cost, Duration

    cold = cli("certs", "--json").stdout  # writes the cache of the bundled ladder
    cold_role = cli("role", "po", "--json").stdout
    monkeypatch.setattr(source, "parse", lambda *a, **k: pytest.fail("a warm run must not parse YAML"))
    assert cli("certs", "--json").stdout == cold
    assert cli("role", "po", "--json").stdout == cold_role
    kb = source.load().kb
    assert isinstance(kb.certifications["psm-1"].cost, Cost) and kb.certifications["psm-1"].cost.amount == 200
    assert isinstance(kb.certifications["cspo"].duration, Duration)
    assert kb.roles["po"].next["senior-po"].how and kb.roles["po"].core
    monkeypatch.undo()
    assert kb == source.load(use_cache=False).kb


# Nobody else's hand reaches the cache: a private folder, and no link followed (issue 21).

NOBODY = 65534
as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to act as another user"
)


def cache_name() -> str:
    sha256 = hashlib.sha256(LADDER.read_bytes()).hexdigest()
    return f"kb-{sha256[:32]}-{__version__}-{source.CACHE_FORMAT}.json"


def test_the_cache_folder_is_made_private(cli):
    folder = Path(os.environ["POLADDER_CACHE_DIR"])
    assert cli("roles", "--kb", str(LADDER)).exit_code == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_cache_folder_of_the_users_own_is_made_private(cli):
    folder = Path(os.environ["POLADDER_CACHE_DIR"])
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert cli("roles", "--kb", str(LADDER)).exit_code == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and cache_files()


@pytest.mark.parametrize("shared", ["sticky-world-writable", "another-owner"])
def test_a_cache_folder_others_can_change_is_not_used(cli, tmp_path, monkeypatch, shared):
    """A POLADDER_CACHE_DIR shared on a multi-user machine: anyone could plant a cache or a link."""
    folder = tmp_path / "shared"
    folder.mkdir()
    if shared == "another-owner":
        if os.geteuid() != 0:
            pytest.skip("needs root to give a folder away")
        os.chown(folder, NOBODY, NOBODY)
    else:
        folder.chmod(0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's own file\n")
    (folder / cache_name()).symlink_to(victim)  # planted under the name the cache will have
    monkeypatch.setenv("POLADDER_CACHE_DIR", str(folder))
    for _ in range(2):
        assert cli("roles", "--kb", str(LADDER), "--json").exit_code == 0
    assert victim.read_text() == "the user's own file\n" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert sorted(p.name for p in folder.iterdir()) == [cache_name()]  # nothing written there


def test_a_link_in_place_of_the_cache_is_never_followed(cli, tmp_path):
    folder = Path(os.environ["POLADDER_CACHE_DIR"])
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's own file\n")
    (folder / cache_name()).symlink_to(victim)
    expected = cli("roles", "--kb", str(LADDER), "--json").stdout
    assert victim.read_text() == "the user's own file\n"
    cached = folder / cache_name()
    assert not cached.is_symlink() and cached.read_bytes().startswith(b"poladder-cache ")  # the link replaced
    victim.write_bytes(cached.read_bytes())  # a genuine cache, reached only through a link: not read
    cached.unlink()
    cached.symlink_to(victim)
    os.chmod(victim, 0o600)
    assert source._read_cache(cached, hashlib.sha256(LADDER.read_bytes()).hexdigest()) is None
    assert cli("roles", "--kb", str(LADDER), "--json").stdout == expected


def test_temp_files_left_by_a_killed_run_are_cleaned(cli):
    folder = Path(os.environ["POLADDER_CACHE_DIR"])
    folder.mkdir(mode=0o700)
    old, fresh, users = (
        folder / f".{cache_name()}.0123abcd.tmp",
        folder / f".{cache_name()}.4567cdef.tmp",
        folder / ".notes.0123abcd.tmp",
    )
    for path in (old, fresh, users):
        path.write_text("half a cache")
    for path in (old, users):
        os.utime(path, (1_000_000, 1_000_000))
    assert cli("roles", "--kb", str(LADDER)).exit_code == 0
    assert not old.exists() and fresh.exists() and users.exists()
