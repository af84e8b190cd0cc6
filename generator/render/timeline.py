"""The chronology: every dated fact in one timeline, derived from the facts themselves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

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
    Reaction,
    Signature,
    Stage,
)


@dataclass(frozen=True)
class Entry:
    """One dated line of the chronology."""

    when: When
    fact_id: str
    kind: str
    record: IndexedRecord


_KIND: Mapping[type[Indexed], str] = MappingProxyType(
    {
        Event: "event",
        Phase: "deployment",
        Estimate: "estimate",
        Signature: "treaty",
        Stage: "treaty",
        Reaction: "reaction",
        Document: "source",
    }
)


def chronology(content: Content) -> list[Entry]:
    """Every fact with a resolved date, oldest first; ties broken by id."""
    entries = []
    for fact_id, placed in content.ids.items():
        record = placed.record
        if isinstance(record, Deployment):
            continue
        when = record.dated
        if when is not None and when.resolved:
            entries.append(Entry(when, fact_id, _KIND.get(type(record), "fact"), record))
    return sorted(entries, key=lambda e: (e.when.start, e.when.end, e.fact_id))
