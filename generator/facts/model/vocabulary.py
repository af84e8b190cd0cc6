"""Vocabularies: the controlled words a briefing's facts are typed with, and what they mean.

Each vocabulary (reaction kinds, stage and phase statuses, actor kinds, what a figure
counts, kinds of process) has built-in terms (``generator/facts/vocabulary.yaml``); a
briefing extends them in its content (``vocabulary:``), or relabels a built-in one by
writing its id again. A fact naming a term of neither is an error, with a did-you-mean.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.facts.model.base import Record
from generator.facts.model.fields import SLUG_MAX, SLUG_PATTERN, Text

Progress = Literal["done", "underway", "open", "halted"]
"""What a status means for the steps of a process or a route: reached (done), under way,
still to come (open: may be overdue), or stopped short (halted: suspended, rejected,
withdrawn, lapsed; never shown as progress)."""

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class TermEntry(Record):
    """One term of a vocabulary: its id, how readers see it, and its colour."""

    id: Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX)] = Field(
        description="The term as facts write it.", examples=["legal-challenge"]
    )
    label: Text = Field(description="How pages show it.", examples=["legal challenge"])
    colour: Colour | None = Field(
        None,
        description="Its colour on charts and marks, as #rrggbb (default: one of the theme's).",
        examples=["#7b3294"],
    )


class ReactionKindTerm(TermEntry):
    """A kind of reaction."""

    needs_subject: bool = Field(
        False,
        description="A reaction of this kind answers a claim (a denial, a confirmation): it "
        "must say what it is about ('responds_to' or 'about').",
        examples=[True],
    )


class StatusTerm(TermEntry):
    """A status of a step (a process's stage, a route's phase)."""

    progress: Progress = Field(
        description="What it means: done (reached), underway, open (still to come) or halted "
        "(suspended, rejected, withdrawn, lapsed: never shown as progress).",
        examples=["halted"],
    )


class CountTerm(TermEntry):
    """What a figure counts of its measure (sent, present, pledged, displaced)."""

    projection: bool = Field(
        False,
        description="Figures of this kind are projections (a projected total), never a "
        "current figure: pages say so beside them.",
        examples=[True],
    )


class Vocabularies(Record):
    """Terms a briefing adds to the built-in vocabularies (or relabels, by the same id),
    and the words its pages call their parts by."""

    words: dict[str, Text] = Field(
        default_factory=dict,
        description="What the site calls its parts, by key: the navigation's sections, page "
        "titles and headings (see the editor's guide for every key and its default).",
        examples=[{"deployments": "Police missions", "processes": "Legal challenges"}],
    )
    reaction_kinds: list[ReactionKindTerm] = Field(
        default_factory=list,
        description="Kinds of reaction ('kind' of a reaction).",
        examples=[[{"id": "legal-challenge", "label": "legal challenge"}]],
    )
    stage_statuses: list[StatusTerm] = Field(
        default_factory=list,
        description="Statuses of a process's stages ('status' of a stage).",
        examples=[[{"id": "suspended", "label": "suspended", "progress": "halted"}]],
    )
    phase_statuses: list[StatusTerm] = Field(
        default_factory=list,
        description="Statuses of a route's phases ('status' of a phase).",
        examples=[[{"id": "delayed", "label": "delayed", "progress": "open"}]],
    )
    actor_kinds: list[TermEntry] = Field(
        default_factory=list,
        description="Kinds of actor ('kind' of an actor).",
        examples=[[{"id": "court", "label": "court"}]],
    )
    counts: list[CountTerm] = Field(
        default_factory=list,
        description="What a figure counts of its measure ('counts' of an estimate).",
        examples=[[{"id": "displaced", "label": "displaced"}]],
    )
    processes: list[TermEntry] = Field(
        default_factory=list,
        description="Kinds of process with stages ('process' of a treaty, default 'treaty').",
        examples=[[{"id": "court-case", "label": "court case"}]],
    )


VOCABULARY_FIELDS = (
    "reaction_kinds",
    "stage_statuses",
    "phase_statuses",
    "actor_kinds",
    "counts",
    "processes",
)
