"""poladder: a career-path advisor for the Product Owner career ladder.

A small Python API, which the command line is a client of. Every result is a pydantic model (its
JSON is `result.model_dump_json()`, its JSON Schema `poladder schema NAME`); every error a user can
cause is a `poladder.errors.PoladderError` carrying the facts (file, line, name, suggestions).

    import poladder

    ladder = poladder.load_ladder()                     # the bundled ladder, or a path to your own
    alex = poladder.read_profile("alex.yaml", ladder)   # YAML or JSON; ids checked against the ladder
    result = poladder.assess(ladder, alex)              # .verdict, .focus, .route, .certifications ...
    print(result.verdict.status, result.verdict.reasons)
    print(poladder.find_route(ladder, "po", "cpo").route)

Each function imports what it needs when it is called, so `import poladder` costs nothing: it runs
before `poladder.__main__` can catch a Ctrl-C, so it imports nothing Python has not loaded already
(the annotations are strings, and TYPE_CHECKING is the type checkers' own switch).
"""

from poladder.version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from datetime import date
    from pathlib import Path

    from poladder.core.assess import Assessment
    from poladder.core.plan import Plan
    from poladder.core.routes import PathResult
    from poladder.core.team import TeamMember
    from poladder.errors import DataError
    from poladder.load.ladder import Loaded
    from poladder.model.profile import Profile
    from poladder.store.history import Store

__all__ = [
    "__version__",
    "assess",
    "assess_team",
    "find_route",
    "load_ladder",
    "make_plan",
    "open_history",
    "read_profile",
]


def load_ladder(path: "str | Path | None" = None) -> "Loaded":
    """The validated ladder at `path` (default: the bundled one), cached between runs; `.kb` is the
    `poladder.model.ladder.KnowledgeBase`."""
    from pathlib import Path

    from poladder.load import ladder

    return ladder.load(Path(path) if path is not None else None)


def read_profile(source: "str | Path", ladder: "Loaded") -> "Profile":
    """A profile file (YAML or JSON; "-" reads stdin), validated, with its ids resolved on `ladder`."""
    from poladder.load import profile

    person, document = profile.read(str(source), ladder.kb)
    return profile.resolve(person, ladder.kb, document)


def assess(ladder: "Loaded", person: "Profile", today: "date | None" = None, focus: int = 3) -> "Assessment":
    """Where `person` stands and what to do next (see `poladder.core.assess` for the rules)."""
    from datetime import date

    from poladder.core.assess import assess as assessed

    return assessed(ladder.kb, ladder.stamp, person, today or date.today(), focus)


def find_route(
    ladder: "Loaded",
    start: str,
    goal: str,
    alternatives: int = 0,
    person: "Profile | None" = None,
    today: "date | None" = None,
) -> "PathResult":
    """The quickest route between two roles (ids, aliases or names) and up to `alternatives` more."""
    from datetime import date

    from poladder.core.routes import path

    kb, day = ladder.kb, today or date.today()
    return path(kb, ladder.stamp, kb.role_id(start), kb.role_id(goal), alternatives, person, day)


def make_plan(ladder: "Loaded", person: "Profile", start: "date | None" = None) -> "Plan":
    """A dated plan, a milestone per step of the route from `person`'s role to their target."""
    from datetime import date

    from poladder.core.plan import make_plan as planned

    return planned(ladder.kb, ladder.stamp, person, start or date.today())


def assess_team(
    ladder: "Loaded", sources: "Sequence[str]", warn: "Callable[[DataError], None] | None" = None
) -> "Iterator[TeamMember]":
    """Each person of `sources` (profile files, folders of them, .jsonl files, "-" for stdin),
    assessed as they are read; a profile that cannot be read goes to `warn` and is skipped."""
    from poladder.core.team import Team

    return Team(ladder.kb, warn or (lambda error: None)).assess(sources)


def open_history(path: "str | Path | None" = None) -> "Store":
    """The history database (default: where `poladder history` keeps it)."""
    from pathlib import Path

    from poladder.load import paths
    from poladder.store.history import Store

    if path is not None:
        return Store(Path(path), make_parents=False)
    home, chosen = paths.home()
    return Store(home / "history.db", make_parents=not chosen)
