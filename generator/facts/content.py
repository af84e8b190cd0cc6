"""The validated briefing held in memory: every record, and an index of ids."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.facts.loader import Loc
from generator.facts.model import (
    Actor,
    Briefing,
    Deployment,
    Document,
    Event,
    GlossaryEntry,
    IndexedRecord,
    Measure,
    Place,
    Reaction,
    Treaty,
)


@dataclass(frozen=True)
class Placed:
    """A record with an id, and where it was written."""

    record: IndexedRecord
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
    measures: list[Measure] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    ids: dict[str, Placed] = field(default_factory=dict)

    def actor(self, actor_id: str) -> Actor:
        """The actor of that id (validation made every actor reference resolve)."""
        record = self.ids[actor_id].record
        if not isinstance(record, Actor):
            raise KeyError(f"{actor_id!r} is the id of a {type(record).__name__}, not an actor")
        return record

    def document(self, document_id: str) -> Document:
        """The document of that id (validation made every document reference resolve)."""
        record = self.ids[document_id].record
        if not isinstance(record, Document):
            raise KeyError(
                f"{document_id!r} is the id of a {type(record).__name__}, not a document"
            )
        return record
