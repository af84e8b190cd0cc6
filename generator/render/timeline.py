"""The chronology: every dated fact in one timeline, derived from the facts themselves.

A date says different things of different facts, and each entry says which
(:data:`Dating`): when a thing happened; when an estimate was *said* (it may describe
another time, its ``as_of``); the period an estimate describes, when it does not say when
it was said; when a later status of a treaty stage or route phase took effect; or, for a
later status that does not say, the date of the document that reports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.model import (
    Deployment,
    Document,
    Estimate,
    Event,
    Indexed,
    IndexedRecord,
    Phase,
    PhaseUpdate,
    Reaction,
    Signature,
    Stage,
    StageUpdate,
)

Dating = Literal["happened", "said", "describes", "status", "reported"]
"""What an entry's date is: when the fact happened (was signed, published, taken);
'said': when an estimate was claimed; 'describes': the date or period an estimate describes
(one that does not say when it was claimed); 'status': when a later status took effect;
'reported': the date of the document reporting a later status that gives no date."""

DATING_PREFIX: Mapping[Dating, str] = MappingProxyType(
    {"happened": "", "said": "said on ", "describes": "as of ", "status": "", "reported": "as of "}
)
"""How a date of each kind reads before the date: 'said on 18 Oct 2024'."""


@dataclass(frozen=True)
class Entry:
    """One dated line of the chronology."""

    when: When
    fact_id: str
    kind: str
    record: IndexedRecord
    dating: Dating = "happened"
    update: StageUpdate | PhaseUpdate | None = None
    """For a later status of a stage or phase (``record``): the update it is."""

    @property
    def status(self) -> str | None:
        """A stage's or phase's status at this entry (the update's, or as first reported)."""
        if self.update is not None:
            return self.update.status
        if isinstance(self.record, Stage | Phase):
            return self.record.status
        return None

    @property
    def prefix(self) -> str:
        """What the date is, before it: 'said on ', 'as of ', or nothing."""
        return DATING_PREFIX[self.dating]


_KIND: Mapping[type[Indexed], str] = MappingProxyType(
    {
        Event: "event",
        Estimate: "estimate",
        Reaction: "reaction",
        Document: "source",
    }
)
"""What the chronology calls a fact of each kind; a route step is of its deployment (as the
site calls one), a stage or signature of its process (a treaty, a law, a court case)."""


def _kinds(content: Content) -> dict[str, str]:
    """Fact id -> its kind in words, for the steps of deployments and processes."""
    deployment = content.vocabulary.words["deployment"]
    kinds = {phase.id: deployment for d in content.deployments for phase in d.route}
    for treaty in content.treaties:
        process = content.vocabulary.label("processes", treaty.process)
        steps: list[Stage | Signature] = list(treaty.stages)
        steps += [treaty.signature] if treaty.signature else []
        kinds.update((step.id, process) for step in steps)
    return kinds


def _entries(
    content: Content, fact_id: str, record: IndexedRecord, kinds: Mapping[str, str]
) -> list[Entry]:
    """A fact's entries: at its own date (an estimate's: when claimed, else the period it
    describes), then one for each later status of a stage or phase."""
    kind = kinds.get(fact_id) or _KIND.get(type(record), "fact")
    found = []
    when = record.dated
    if when is not None and when.resolved:
        dating: Dating = "said" if isinstance(record, Estimate) else "happened"
        found.append(Entry(when, fact_id, kind, record, dating))
    elif isinstance(record, Estimate) and record.as_of is not None and record.as_of.resolved:
        found.append(Entry(record.as_of, fact_id, kind, record, "describes"))
    if isinstance(record, Stage | Phase):
        for update in record.updates:
            if update.when is not None and update.when.resolved:
                found.append(Entry(update.when, fact_id, kind, record, "status", update))
                continue
            published = content.document(update.document).published
            if published.resolved:
                found.append(Entry(published, fact_id, kind, record, "reported", update))
    return found


def chronology(content: Content) -> list[Entry]:
    """Every fact with a resolved date, and every later status of a stage or phase, oldest
    first; ties broken by id (a fact's own entry before its later statuses)."""
    entries = []
    kinds = _kinds(content)
    for fact_id, placed in content.ids.items():
        record = placed.record
        if isinstance(record, Deployment):
            continue
        entries.extend(_entries(content, fact_id, record, kinds))
    order = {"happened": 0, "said": 0, "describes": 0, "status": 1, "reported": 1}
    return sorted(entries, key=lambda e: (e.when.start, e.when.end, e.fact_id, order[e.dating]))
