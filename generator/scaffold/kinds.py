"""The kinds of fact ``briefing new`` can add, and their fields, read off the model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from generator.facts import model
from generator.facts.dates import When
from generator.facts.model.fields import VOCABULARY_KEY
from generator.facts.vocabulary import builtin_vocabularies

Shape = Literal["text", "refs", "date", "choice"]


@dataclass(frozen=True)
class FieldSpec:
    """One key of a new entry: its YAML name, what it is for, how it is asked and written."""

    name: str
    help: str
    required: bool = False
    shape: Shape = "text"
    choices: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()  # required unless one of these is given
    vocabulary: str | None = None
    """For a term: its vocabulary ('reaction_kinds'); ``choices`` are then the built-in
    terms, and :func:`with_terms` adds the content's own."""

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def prompt(self) -> str:
        return f"{self.name} ({self.help})"


@dataclass(frozen=True)
class KindSpec:
    """A kind of fact: the list it lives in (under a parent record or at the top level)."""

    name: str
    list_key: str
    fields: tuple[FieldSpec, ...]
    parent: Literal["deployment", "treaty"] | None = None

    @property
    def parent_key(self) -> str:
        return {"deployment": "deployments", "treaty": "treaties"}[self.parent or ""]


def _bare(annotation: Any) -> Any:
    """``X | None`` -> X, ``Annotated[X, ...]`` -> X."""
    while True:
        args = [a for a in get_args(annotation) if a is not type(None)]
        origin = get_origin(annotation)
        if origin is Annotated or (origin in (Union, UnionType) and len(args) == 1):
            annotation = args[0]
        else:
            return annotation


def _shape(annotation: Any) -> tuple[Shape, tuple[str, ...]] | None:
    bare = _bare(annotation)
    if get_origin(bare) is Literal:
        return "choice", tuple(str(a) for a in get_args(bare))
    if bare is When:
        return "date", ()
    if get_origin(bare) is list:
        item = _bare(get_args(bare)[0])
        return ("refs", ()) if item is str else None
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return None  # nested records are not scaffolded
    return "text", ()


def _help(description: str | None) -> str:
    first = (description or "").split(". ")[0].rstrip(".")
    return first[:1].lower() + first[1:]


def _key_order(record: type[BaseModel]) -> list[str]:
    """'id' first, then the record's own keys, then inherited ones (originator... quote)."""
    names = list(record.model_fields)
    order = ["id"] if "id" in names else []
    for layer in record.__mro__:
        own = layer.__dict__.get("__annotations__", {})
        order += [n for n in own if n in names and n not in order]
    return order


def _fields(
    record: type[BaseModel], unless: Mapping[str, tuple[str, ...]]
) -> tuple[FieldSpec, ...]:
    found = []
    for name in _key_order(record):
        info = record.model_fields[name]
        shape = _shape(info.annotation)
        if shape is None:
            continue
        required = info.is_required() or name in unless
        help_text = _help(info.description) or name.replace("_", " ")
        extra = info.json_schema_extra
        vocabulary = extra.get(VOCABULARY_KEY) if isinstance(extra, dict) else None
        if isinstance(vocabulary, str):
            builtin = tuple(t.id for t in getattr(builtin_vocabularies(), vocabulary))
            shape = ("choice", builtin)
        else:
            vocabulary = None
        found.append(
            FieldSpec(
                name, help_text, required, shape[0], shape[1], unless.get(name, ()), vocabulary
            )
        )
    return tuple(found)


def with_terms(spec: KindSpec, declared: Mapping[str, list[str]]) -> KindSpec:
    """The kind with its terms' choices extended by those the content declares
    (vocabulary name -> term ids)."""
    fields = tuple(
        replace(f, choices=(*f.choices, *(t for t in declared[f.vocabulary] if t not in f.choices)))
        if f.vocabulary and declared.get(f.vocabulary)
        else f
        for f in spec.fields
    )
    return replace(spec, fields=fields)


def _kind(
    name: str,
    record: type[BaseModel],
    list_key: str,
    parent: Literal["deployment", "treaty"] | None = None,
    unless: Mapping[str, tuple[str, ...]] | None = None,
) -> KindSpec:
    return KindSpec(name, list_key, _fields(record, unless or {}), parent)


# Each kind's fields come from the model, so a field added there is offered here too.
KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        _kind("actor", model.Actor, "actors"),
        _kind("source", model.Document, "documents"),
        _kind("event", model.Event, "events"),
        _kind("reaction", model.Reaction, "reactions"),
        _kind(
            "estimate",
            model.Estimate,
            "estimates",
            "deployment",
            {"value": ("low", "high", "words")},
        ),
        _kind("phase", model.Phase, "route", "deployment"),
        _kind("note", model.Note, "notes", "deployment"),
        _kind("stage", model.Stage, "stages", "treaty"),
        _kind("provision", model.Provision, "provisions", "treaty"),
        _kind("measure", model.Measure, "measures"),
    )
}
ALIASES = {"claim": "estimate", "document": "source"}
KIND_NAMES = (*KINDS, *ALIASES)


def kind_spec(name: str) -> KindSpec:
    """The spec of a kind, by name or alias (``claim``, ``document``)."""
    return KINDS[ALIASES.get(name, name)]
