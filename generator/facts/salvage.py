"""The records of a fact file that does not validate, each taken on its own.

A file validates whole or not at all; so that one run still checks everything else in it
(quotes, figures, dates), each record is validated alone: a top-level record, and a
deployment's or a treaty's parts one by one (a bad estimate leaves its deployment and the
other estimates checked). Each keeps the place it was written at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.facts.loader import FactFile, Loc
from generator.facts.model import Briefing, FactFileModel, IndexedRecord
from generator.facts.raw import unwrap

PARTS = ("route", "estimates", "notes", "provisions", "stages", "assessments")
"""The lists of records with ids inside a record (a deployment, a treaty, the briefing)."""
_SINGLE_PARTS = ("signature",)


@dataclass
class Salvaged:
    """What of a file validates record by record: each with an id, where it was written,
    and the briefing (with the takeaways and assessments that validate), if it does."""

    records: list[tuple[Loc, IndexedRecord]] = field(default_factory=list)
    briefing: Briefing | None = None


def _valid(model: type[BaseModel], data: object) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _item_type(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    inner = unwrap(model.model_fields[name].annotation)
    args = getattr(inner, "__args__", None)
    candidate = unwrap(args[0]) if args else inner
    return candidate if isinstance(candidate, type) and issubclass(candidate, BaseModel) else None


def _parts(
    model: type[BaseModel], data: dict[str, Any], loc: Loc
) -> Iterator[tuple[str, list[int], list[tuple[Loc, BaseModel]]]]:
    """Each list of parts of a record: its name, the indexes of the parts that validate
    alone, and those parts with their places."""
    for name in PARTS:
        value = data.get(name)
        if name not in model.model_fields or not isinstance(value, list):
            continue
        kind = _item_type(model, name)
        if kind is None:
            continue
        kept: list[int] = []
        found: list[tuple[Loc, BaseModel]] = []
        for index, item in enumerate(value):
            record = _valid(kind, item)
            if record is not None:
                kept.append(index)
                found.append(((*loc, name, index), record))
        yield name, kept, found


def parts_of(record: BaseModel, loc: Loc) -> Iterator[tuple[Loc, IndexedRecord]]:
    """The records with an id inside a validated record, each at its place."""
    for name in _SINGLE_PARTS:
        single = getattr(record, name, None)
        if isinstance(single, IndexedRecord):
            yield (*loc, name), single
    for name in PARTS:
        for index, part in enumerate(getattr(record, name, ())):
            if isinstance(part, IndexedRecord):
                yield (*loc, name, index), part


def _record(
    model: type[BaseModel], data: object, loc: Loc
) -> tuple[BaseModel | None, list[tuple[Loc, IndexedRecord]]]:
    """A record validated alone, else without its parts that do not: the record (or None)
    and its parts with ids that validate, each at its place."""
    whole = _valid(model, data)
    if whole is not None:
        return whole, list(parts_of(whole, loc))
    if not isinstance(data, dict):
        return None, []
    pruned = dict(data)
    parts: list[tuple[Loc, IndexedRecord]] = []
    for name, kept, found in _parts(model, data, loc):
        pruned[name] = [data[name][i] for i in kept]
        parts += [(where, r) for where, r in found if isinstance(r, IndexedRecord)]
    for name in _SINGLE_PARTS:
        if name in data and name in model.model_fields:
            kind = _item_type(model, name)
            single = _valid(kind, data[name]) if kind else None
            if single is None:
                pruned.pop(name)
            elif isinstance(single, IndexedRecord):
                parts.append(((*loc, name), single))
    return _valid(model, pruned), parts


def salvage(fact_file: FactFile) -> Salvaged:
    """Every record of a file that validates on its own (the file as a whole does not)."""
    out = Salvaged()
    data = fact_file.data
    if not isinstance(data, dict):
        return out
    for kind, value in data.items():
        if kind == "briefing":
            briefing, parts = _record(Briefing, value, ("briefing",))
            out.briefing = briefing if isinstance(briefing, Briefing) else None
            out.records += parts
            continue
        if kind not in FactFileModel.model_fields or not isinstance(value, list):
            continue
        item = _item_type(FactFileModel, kind)
        for index, raw in enumerate(value):
            if item is None:
                break
            record, parts = _record(item, raw, (kind, index))
            if isinstance(record, IndexedRecord):
                out.records.append(((kind, index), record))
            out.records += parts
    return out
