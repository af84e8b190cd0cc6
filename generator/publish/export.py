"""``data/briefing.json``: every fact with its stable id, type, fields, citations, relations
both ways and where it is shown; the briefing and its editions. Its shape and its schema,
``data/briefing.schema.json``, are :mod:`export_model`'s.

The output is deterministic: facts by id, relations sorted, fields in the model's order, no
timestamp: the same content gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from pydantic_core import to_json

from generator.facts.content import Content
from generator.facts.developments import Developments
from generator.facts.model import (
    Actor,
    Assessment,
    Deployment,
    Document,
    Edition,
    Estimate,
    Event,
    Evidence,
    Indexed,
    IndexedRecord,
    Measure,
    Note,
    Phase,
    Place,
    Provision,
    Reaction,
    Signature,
    Stage,
    Treaty,
)
from generator.publish.addresses import Addresses
from generator.publish.export_model import (
    EditionEntry,
    Export,
    Fact,
    FactType,
    Reference,
    Relationship,
)
from generator.render.plan import edition_page

EXPORT_PATH = "data/briefing.json"
SCHEMA_PATH = "data/briefing.schema.json"
SCHEMA_NAME = "briefing.schema.json"
"""The schema's name beside the export: its ``$id`` when the site's URL is unknown."""

TYPES: dict[type[Indexed], FactType] = {
    Actor: "actor",
    Document: "document",
    Place: "place",
    Measure: "measure",
    Deployment: "deployment",
    Phase: "phase",
    Estimate: "estimate",
    Note: "note",
    Treaty: "treaty",
    Signature: "signature",
    Provision: "provision",
    Stage: "stage",
    Reaction: "reaction",
    Event: "event",
    Assessment: "assessment",
}
"""Each kind of record with an id, and its ``type`` in the export."""


def edition_title(edition: Edition, word: str = "Edition") -> str:
    """'Edition 25 Oct 2024' (``word``: what the site calls an edition)."""
    return f"{word} {edition.date.label()}"


def schema_id(addresses: Addresses) -> str:
    """The schema's ``$id``: its URL, or its name beside the export."""
    return addresses.absolute(SCHEMA_PATH) or SCHEMA_NAME


def build_export(content: Content, developments: Developments, addresses: Addresses) -> Export:
    """The export of one briefing."""
    kinds: dict[type, _Kind] = {}
    for placed in content.ids.values():
        if type(placed.record) not in kinds:
            kinds[type(placed.record)] = _Kind.of(type(placed.record))
    parts = _parts_by_fact(content, kinds)
    owners = {
        part: owner for owner, fields in parts.items() for ids in fields.values() for part in ids
    }
    facts = [
        _fact(content, developments, addresses, kinds, fact_id, parts.get(fact_id, {}), owners)
        for fact_id in sorted(content.ids)
    ]
    return {
        "$schema": schema_id(addresses),
        "site_url": addresses.site_url or None,
        "briefing": {"title": content.briefing.title, "summary": content.briefing.summary},
        "editions": [
            _edition(e, addresses, content.vocabulary.words["edition"]) for e in content.editions
        ],
        "facts": facts,
    }


def export_text(export: Export) -> str:
    """The export as the site publishes it (pydantic-core's encoder: the standard library's
    is pure Python once it indents, ten times slower on a large briefing)."""
    return to_json(export, indent=2).decode("utf-8") + "\n"


@dataclass(frozen=True)
class _Kind:
    """A record kind's fields, read once per export (a model's ``model_fields`` is slow)."""

    keys: tuple[tuple[str, str], ...]
    """(field name, key in the data) in the model's order."""
    holding: tuple[str, ...]
    """The fields that may hold facts of their own (a deployment's estimates)."""

    @staticmethod
    def of(kind: type[IndexedRecord]) -> _Kind:
        fields = kind.model_fields
        return _Kind(
            tuple((name, info.alias or name) for name, info in fields.items()),
            tuple(name for name, info in fields.items() if _may_hold(info.annotation)),
        )


def _edition(edition: Edition, addresses: Addresses, word: str) -> EditionEntry:
    return {
        "id": edition.id,
        "title": edition_title(edition, word),
        "date": edition.date.start.isoformat(),
        "cutoff": edition.cutoff.start.isoformat(),
        "summary": edition.summary,
        "takeaways": [{"text": t.text, "cites": list(t.cites)} for t in edition.takeaways],
        "assessments": [a.id for a in edition.assessments],
        "url": addresses.page(edition_page(edition)),
    }


def _parts_by_fact(content: Content, kinds: dict[type, _Kind]) -> dict[str, dict[str, list[str]]]:
    """For each fact holding facts of their own (a deployment's estimates, a treaty's
    stages): field name -> the ids of those facts."""
    ids = {id(placed.record): fact_id for fact_id, placed in content.ids.items()}
    found: dict[str, dict[str, list[str]]] = {}
    for fact_id, placed in content.ids.items():
        record = placed.record
        parts: dict[str, list[str]] = {}
        for name in kinds[type(record)].holding:
            value = getattr(record, name)
            values = value if isinstance(value, list) else [value]
            held = [ids[id(v)] for v in values if id(v) in ids]
            if held:
                parts[name] = held
        if parts:
            found[fact_id] = parts
    return found


def _may_hold(annotation: object) -> bool:
    """Whether a field of this type may hold a record with an id (or a list of them)."""
    if isinstance(annotation, type) and issubclass(annotation, Indexed):
        return True
    return any(_may_hold(arg) for arg in get_args(annotation))


def _fields(record: IndexedRecord, kind: _Kind, parts: dict[str, list[str]]) -> dict[str, Any]:
    """The record's fields in its model's order, without its id, its parts by id."""
    dumped = record.model_dump(
        mode="json", by_alias=True, exclude_none=True, exclude={"id", *parts}
    )
    fields: dict[str, Any] = {}
    for name, key in kind.keys:
        if name in parts:
            single = not isinstance(getattr(record, name), list)
            fields[key] = parts[name][0] if single else parts[name]
        elif key in dumped:
            fields[key] = dumped[key]
    return fields


def _references(content: Content, addresses: Addresses, record: IndexedRecord) -> list[Reference]:
    if not isinstance(record, Evidence):
        return []
    pairs = [(record.document, record.quote)]
    pairs += [(c.document, c.quote) for c in record.also_reported_in]
    for update in record.updates if isinstance(record, Stage | Phase) else ():
        pairs += [(c.document, c.quote) for c in update.citations]
    numbers = addresses.index.document_number
    return [
        {
            "document": document,
            "number": numbers[document],
            "quote": quote,
            "url": content.document(document).url,
        }
        for document, quote in dict.fromkeys(pairs)
    ]


def _fact(
    content: Content,
    developments: Developments,
    addresses: Addresses,
    kinds: dict[type, _Kind],
    fact_id: str,
    parts: dict[str, list[str]],
    owners: dict[str, str],
) -> Fact:
    record = content.ids[fact_id].record
    fields = _fields(record, kinds[type(record)], parts)
    if isinstance(record, Document):
        fields["number"] = addresses.index.document_number[fact_id]
    links = [*developments.stated.get(fact_id, []), *developments.received.get(fact_id, [])]
    relations: list[Relationship] = [
        {"type": relation, "source_ref": source, "target_ref": target}
        for relation, source, target in sorted(
            {(link.relation, link.source, link.target) for link in links},
            key=lambda r: (r[1] != fact_id, r[0], r[1], r[2]),  # its own first
        )
    ]
    shown = fact_id in addresses.index.fact_page
    return {
        "id": fact_id,
        "type": TYPES[type(record)],
        "fields": fields,
        "part_of": owners.get(fact_id),
        "citations": _references(content, addresses, record),
        "relations": relations,
        "current": developments.is_current(fact_id),
        "shown_at": addresses.shown_at(fact_id) if shown else None,
        "permalink": addresses.permalink(fact_id) if shown else None,
    }
