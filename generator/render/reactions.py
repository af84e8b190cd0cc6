"""The reactions page's data: each actor's reactions in date order, and the matrix of who
reacted how to what: a row per subject (what the reactions respond to or are about) and
actor, counting current reactions only.

A reaction another corrects or supersedes is still on the record: it is listed under its
actor, marked so, but the matrix counts only what stands (one summons, not two, when a
second report corrects the first's diplomat).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.facts.content import Content
from generator.facts.developments import Developments
from generator.facts.model import Actor, Reaction
from generator.render.labels import date_key, fact_title


@dataclass(frozen=True)
class Subject:
    """What reactions respond to (fact ids) or are about (the editors' words); neither:
    the sources do not say."""

    responds_to: tuple[str, ...]
    about: str | None

    @property
    def stated(self) -> bool:
        return bool(self.responds_to) or self.about is not None


@dataclass(frozen=True)
class MatrixRow:
    """One row of the matrix: an actor's current reactions to one subject."""

    subject: Subject
    title: str
    """Plain text, to sort by: the facts' titles, or the reactions' ``about``."""
    actor: Actor
    reactions: tuple[Reaction, ...]
    """By date."""


@dataclass(frozen=True)
class Matrix:
    """Who reacted how to what: the kinds of current reaction (columns) and a row per
    subject and actor."""

    kinds: tuple[str, ...]
    """The kinds of the current reactions, in the order of the reaction kinds vocabulary."""
    rows: tuple[MatrixRow, ...]
    """Grouped by subject (by title; one the sources do not state last), then by actor."""


def subject(reaction: Reaction) -> Subject:
    """What a reaction responds to or is about."""
    return Subject(tuple(reaction.responds_to), reaction.about)


def reaction_order(content: Content, reaction: Reaction) -> tuple[tuple[str, str], str]:
    """Sort key: when the actor reacted, else (the source not saying) when the document
    reporting it was published; then the id."""
    when = reaction.when
    if when is None or not when.resolved:
        when = content.document(reaction.document).published
    return (date_key(when), reaction.id)


def reactions_by_actor(content: Content) -> list[tuple[Actor, list[Reaction]]]:
    """Every actor that reacted, with all its reactions (current or not) in date order; the
    actors in the order of their first reaction (the earliest first), then by name."""
    groups: dict[str, list[Reaction]] = {}
    for reaction in content.reactions:
        groups.setdefault(reaction.actor, []).append(reaction)
    ordered = {
        actor_id: sorted(items, key=lambda r: reaction_order(content, r))
        for actor_id, items in groups.items()
    }
    return [
        (content.actor(actor_id), items)
        for actor_id, items in sorted(
            ordered.items(),
            key=lambda kv: (
                reaction_order(content, kv[1][0])[0],
                content.actor(kv[0]).name,
                kv[0],
            ),
        )
    ]


def subject_title(content: Content, about: Subject) -> str:
    """'North Korean troops in Russia', 'Arlandic drones over Kell; ...'; '' if unstated."""
    parts = [fact_title(content, fact_id) for fact_id in about.responds_to]
    if about.about is not None:
        parts.append(about.about)
    return "; ".join(parts)


def reaction_matrix(content: Content, developments: Developments) -> Matrix:
    """The matrix of current reactions: a row per subject and actor, subjects by title (one
    the sources do not state last), then actors by name; each cell's reactions by date."""
    cells: dict[tuple[Subject, str], list[Reaction]] = {}
    actors: dict[str, Actor] = {}
    for actor, items in reactions_by_actor(content):
        for reaction in items:
            if developments.is_current(reaction.id):
                actors[actor.id] = actor
                cells.setdefault((subject(reaction), actor.id), []).append(reaction)
    rows = [
        MatrixRow(about, subject_title(content, about), actors[actor_id], tuple(items))
        for (about, actor_id), items in cells.items()
    ]
    rows.sort(
        key=lambda r: (not r.subject.stated, r.title.casefold(), r.title, r.subject.responds_to)
    )
    present = {r.kind for row in rows for r in row.reactions}
    kinds = content.vocabulary.ids("reaction_kinds")
    return Matrix(tuple(kind for kind in kinds if kind in present), tuple(rows))


def reaction_context(content: Content, developments: Developments) -> dict[str, object]:
    """What the reactions page reads from the shared context: ``reactions_by_actor`` (every
    reaction, by actor) and ``reaction_matrix`` (current ones, by subject and actor)."""
    return {
        "reactions_by_actor": reactions_by_actor(content),
        "reaction_matrix": reaction_matrix(content, developments),
    }
