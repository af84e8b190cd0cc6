"""The validated briefing held in memory: every record, and an index of ids."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.facts.loader import Loc
from generator.facts.model import (
    Actor,
    Briefing,
    Deployment,
    Document,
    Edition,
    Event,
    GlossaryEntry,
    IndexedRecord,
    Measure,
    Place,
    Reaction,
    Treaty,
)
from generator.facts.vocabulary import Vocabulary


@dataclass(frozen=True)
class Placed:
    """A record with an id, and where it was written."""

    record: IndexedRecord
    path: str
    line: int
    column: int
    loc: Loc


@dataclass(frozen=True)
class EditionPlace:
    """Where an edition was written: its file, and the line and column of its parts that
    warnings point at (``("takeaways", 0, "cites", 1)``, ...; ``()``: the edition itself)."""

    path: str
    places: dict[Loc, tuple[int, int]]

    def at(self, loc: Loc) -> tuple[str, int, int]:
        """Path, line and column of a part of the edition (or of its nearest ancestor)."""
        probe = tuple(loc)
        while probe and probe not in self.places:
            probe = probe[:-1]
        line, column = self.places.get(probe, (1, 1))
        return self.path, line, column


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
    editions: list[Edition] = field(default_factory=list)
    """Every edition, oldest first (by date, cut-off and id); the briefing's own one if it
    has no others."""
    vocabulary: Vocabulary = field(default_factory=Vocabulary.of)
    """The terms facts are typed with: the built-in ones and the content's own."""
    ids: dict[str, Placed] = field(default_factory=dict)
    written: dict[str, EditionPlace] = field(default_factory=dict)
    """Edition id -> where it was written (in ``editions:``, or in the briefing itself)."""

    @property
    def edition(self) -> Edition:
        """The latest edition: what the home page shows (validation made one exist)."""
        return self.editions[-1]

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
