"""Fact files' data read with the model's eyes, before (or without) the model validating it.

Which record kind each mapping of a file is, found by following the model's fields from the
file's top (``deployments`` -> a list of :class:`Deployment`, its ``estimates`` -> a list of
:class:`Estimate`), so that what a record says can be read even when the record, or the
file, does not validate: the ids written anywhere, and the references to them.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeGuard

from pydantic import BaseModel

from generator.facts.loader import FactFile, Loc
from generator.facts.model import SLUG_MAX, SLUG_PATTERN, FactFileModel

_SLUG = re.compile(SLUG_PATTERN)

Fields = MappingProxyType[str, tuple["type[BaseModel] | None", bool]]
"""A record kind's fields, by the key a file writes: the record kind each holds (None: not
a record) and whether it holds a list."""


def unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated to the type that holds fields or items."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return unwrap(options[0]) if len(options) == 1 else annotation
    return annotation


def _record_type(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The record kind a field holds, and whether it holds a list (of them, or of text)."""
    inner = unwrap(annotation)
    is_list = typing.get_origin(inner) is list
    if is_list:
        inner = unwrap(typing.get_args(inner)[0])
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return inner, is_list
    return None, is_list


def _fields_of(model: type[BaseModel], table: dict[type[BaseModel], Fields]) -> None:
    fields: dict[str, tuple[type[BaseModel] | None, bool]] = {}
    table[model] = MappingProxyType(fields)
    for name, found in model.model_fields.items():
        kind, is_list = _record_type(found.annotation)
        fields[found.alias or name] = (kind, is_list)
        if kind is not None and kind not in table:
            _fields_of(kind, table)


def _field_table() -> MappingProxyType[type[BaseModel], Fields]:
    table: dict[type[BaseModel], Fields] = {}
    _fields_of(FactFileModel, table)
    return MappingProxyType(table)


FIELDS = _field_table()
"""Every record kind a fact file may hold, with its :data:`Fields` (worked out once: a
briefing of 10k claims has some 40k records to read)."""


def is_slug(value: object) -> TypeGuard[str]:
    """Whether ``value`` is text that could be an id (the model refuses any other)."""
    return isinstance(value, str) and len(value) <= SLUG_MAX and bool(_SLUG.match(value))


def records(
    data: object, model: type[BaseModel] = FactFileModel, loc: Loc = ()
) -> Iterator[tuple[type[BaseModel], dict[str, Any], Loc]]:
    """Every mapping of ``data`` that stands where the model expects a record, with the
    record's kind and its place; mappings of the wrong shape are skipped."""
    if not isinstance(data, dict):
        return
    yield model, data, loc
    fields = FIELDS[model]
    for key, value in data.items():
        kind, is_list = fields.get(key, (None, False))
        if kind is None:
            continue
        if is_list and isinstance(value, list):
            for index, item in enumerate(value):
                yield from records(item, kind, (*loc, key, index))
        elif not is_list:
            yield from records(value, kind, (*loc, key))


Found = list[tuple[FactFile, type[BaseModel], dict[str, Any], Loc]]
"""Each record mapping of some files: (its file, kind, mapping, place)."""


def all_records(files: list[FactFile]) -> Found:
    """The record mappings of every file, in order (see :func:`records`)."""
    return [(f, kind, data, loc) for f in files for kind, data, loc in records(f.data)]


@dataclass(frozen=True)
class Written:
    """An id as written in a file, whether or not its record validated."""

    kind: type[BaseModel]
    file: FactFile
    loc: Loc


def written_ids(found: Found) -> dict[str, Written]:
    """Every id written in these records (the first, where one is written twice)."""
    ids: dict[str, Written] = {}
    for fact_file, kind, mapping, loc in found:
        value = mapping.get("id")
        if is_slug(value) and value not in ids and "id" in FIELDS[kind]:
            ids[value] = Written(kind, fact_file, loc)
    return ids
