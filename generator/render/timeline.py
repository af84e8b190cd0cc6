"""The chronology: every dated fact in one timeline, derived from the facts themselves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.model import (
    Deployment,
    Document,
    Estimate,
    Event,
    Phase,
    Reaction,
    Signature,
    Stage,
)
from generator.render.labels import field_of


@dataclass(frozen=True)
class Entry:
    """One dated line of the chronology."""

    when: When
    fact_id: str
    kind: str
    record: Any


_KIND = {
    Event: "event",
    Phase: "deployment",
    Estimate: "estimate",
    Signature: "treaty",
    Stage: "treaty",
    Reaction: "reaction",
    Document: "source",
}


def _dates(record: Any) -> list[When]:
    if isinstance(record, Estimate):
        return [w for w in (record.claimed,) if w is not None]
    if isinstance(record, Document):
        return [record.published]
    when = field_of(record, "when")
    return [when] if isinstance(when, When) else []


def chronology(content: Content) -> list[Entry]:
    """Every fact with a resolved date, oldest first; ties broken by id."""
    entries = []
    for fact_id, placed in content.ids.items():
        record = placed.record
        if isinstance(record, Deployment):
            continue
        for when in _dates(record):
            if when.resolved:
                entries.append(Entry(when, fact_id, _KIND.get(type(record), "fact"), record))
    return sorted(entries, key=lambda e: (e.when.start, e.when.end, e.fact_id))
