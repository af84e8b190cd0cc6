"""The validated briefing held in memory: every record, and an index of ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.facts.loader import Loc
from generator.facts.model import (
    Actor,
    Briefing,
    Deployment,
    Document,
    Event,
    GlossaryEntry,
    Place,
    Reaction,
    Treaty,
)


@dataclass(frozen=True)
class Placed:
    """A record with an id, and where it was written."""

    record: Any
    path: str
    line: int
    column: int
    loc: Loc


@dataclass
class Content:
    """Every fact of a briefing, validated, with an index of ids to records."""

    briefing: Briefing
    documents: list[Document]
    actors: list[Actor]
    deployments: list[Deployment]
    treaties: list[Treaty]
    reactions: list[Reaction]
    events: list[Event]
    places: list[Place] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    ids: dict[str, Placed] = field(default_factory=dict)

    def actor(self, actor_id: str) -> Actor:
        record: Actor = self.ids[actor_id].record
        return record

    def document(self, document_id: str) -> Document:
        record: Document = self.ids[document_id].record
        return record
