"""A person's profile: current role, target, years, skill levels and certifications held.

A public format (YAML or JSON); `poladder.load.profile` reads it and checks its ids against a ladder.
"""

from typing import Annotated

from pydantic import Field

from poladder.model.ladder import Level, Model
from poladder.model.people import MAX_NAME


class Organisation(Model):
    """What the person's organisation works with, as far as advice depends on it."""

    model_config = Model.model_config | {"strict": True}

    frameworks: list[str] = Field(
        default_factory=list,
        description="The frameworks it uses, e.g. [scrum, safe]: a certification specific to another "
        "framework is offered only as conditional. Left out: the ladder's assumed frameworks",
    )


class Profile(Model):
    """The self-assessment of one person."""

    # strict: a level is a whole number and a number is a number, from YAML, JSON or a JSON line alike —
    # `true`, "3" or 3.0 as a level, or "2" as years, are refused rather than read as something else.
    model_config = Model.model_config | {"title": "poladder profile", "strict": True}

    name: str | None = Field(
        default=None,
        max_length=MAX_NAME,
        description=f"Whose profile, for plans, history and team reports: at most {MAX_NAME} characters",
    )
    role: str | None = Field(default=None, description="Current role: id, alias or name")
    target: str | None = Field(default=None, description="Default: the next promotion from role")
    years: float | None = Field(
        default=None, ge=0, le=70, allow_inf_nan=False, description="Years in product roles: 0 to 70"
    )
    skills: dict[str, Level] = Field(default_factory=dict, description="Skill id -> level 0-5; missing is 0")
    certifications: list[str] = Field(
        default_factory=list, description="Certifications held: id, name or abbreviation (cspo, PSPO I)"
    )
    experience: dict[str, Annotated[float, Field(ge=0, le=70, allow_inf_nan=False)]] = Field(
        default_factory=dict,
        description="Role (id, alias or name) -> years spent in it (0 to 70), the current role included",
    )
    organisation: Organisation | None = Field(default=None, description="Where the person works")
