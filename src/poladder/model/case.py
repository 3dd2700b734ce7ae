"""The promotion case's records: evidence logged against skills, and a rater's view of a person.

Both are kept in the history store (`poladder.store.case`) and used by the rules that build the case
(`poladder.core.case`), so they live here, below both.
"""

from datetime import date

from pydantic import Field, RootModel

from poladder.model.profile import Profile
from poladder.model.result import Result


class Evidence(Result):
    """A win, an artefact or feedback, logged against the skills it shows."""

    id: int = Field(description="Short and stable: never reused, also after a removal")
    person: str | None = Field(
        description="Whose: a name as given, or null for yours (the interview's person)"
    )
    day: date = Field(description="When it happened (never in the future)")
    text: str = Field(description="What happened, in the person's words: data, shown as text everywhere")
    skills: list[str] = Field(description="Skill ids it is evidence of")
    link: str | None = Field(
        description="Where the artefact is; only http(s) links become links in documents"
    )
    created: str = Field(description="When it was logged, ISO 8601 UTC")
    edited: str | None = Field(description="When it was last edited, ISO 8601 UTC; null if never")


class EvidenceList(RootModel[list[Evidence]]):
    """Evidence, oldest day first (then the order it was logged)."""


class Rating(Result):
    """A rater's view of a person: the profile the rater gave, never the person's self-assessment."""

    rater: str = Field(description="Who rated, as given to --rater (a name, or a role such as manager)")
    at: str = Field(description="When, ISO 8601 UTC")
    person: str | None = Field(description="Whose view it is: the profile's person; null for yours")
    kb_version: str | None = Field(description="The ladder's version the view was given against")
    kb_sha256: str = Field(description="The ladder's sha256 the view was given against")
    profile: Profile
