"""The bases every fact record shares, and what a record with an id says of itself."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from generator.facts.dates import When


class Record(BaseModel):
    """Base of every record: frozen, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=False)


ActorRole = Literal[
    "originator",
    "speaker",
    "actor",
    "body",
    "signatories",
    "origin",
    "destination",
    "parties",
    "country",
    "speaks_for",
]
"""How a record names an actor: the name of the field that holds the actor's id."""


class Indexed(Record):
    """A record with an id, as the content's index of ids holds it.

    What any kind of record says of itself, typed, so a reader of records of every kind
    asks the record instead of probing its fields. Each kind overrides what it has; these
    defaults say nothing. (Properties, not fields: the schema and the data are unchanged.)
    """

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        """Every actor the record names, as (role, actor id), in the order of its fields."""
        return ()

    @property
    def dated(self) -> When | None:
        """The date that places it in time (when it happened, was claimed or published)."""
        return None

    @property
    def caption(self) -> str | None:
        """What it is called, in its own words: its title, name, summary or text; None for
        a figure or a signature, which have no words of their own."""
        return None
