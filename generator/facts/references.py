"""References resolve: every id a record names is the id of a record of the right kind.

Read from the files' data (:mod:`raw`), not from validated records, so one run reports an
unknown reference even in a record, or a file, that has other problems; and a reference to a
record that is written but wrong in some other way is not reported (that record's own
problem is). Only when a file could not be read at all are unknown ids left unsaid: they may
be that file's.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from generator.errors import Problem, printable
from generator.facts.loader import Loc
from generator.facts.model import Actor, Document, Edition, Estimate, Evidence, Measure, Place
from generator.facts.raw import FIELDS, Found, Written, is_slug, written_ids

_ACTOR = (Actor, "actor")
_FACT = (None, "fact")
# Each field that names a record: the kind it must name (None: a fact, anything with an id
# but an actor, document, place or measure), and what the message calls it.
REFERENCES: MappingProxyType[str, tuple[type[BaseModel] | None, str]] = MappingProxyType(
    {
        **dict.fromkeys(
            ["originator", "speaker", "actor", "origin", "destination", "body", "country"],
            _ACTOR,
        ),
        **dict.fromkeys(["speaks_for", "parties", "signatories"], _ACTOR),
        "document": (Document, "document"),
        "responds_to": _FACT,
        "cites": _FACT,
        "arrives_at": (Place, "place"),
        "starts_at": (Place, "place"),
        "adds_to": (Estimate, "estimate"),
        **dict.fromkeys(["supersedes", "corrects", "disputes"], (Evidence, "cited fact")),
        "measure": (Measure, "measure"),
        "scope_place": (Place, "place"),
    }
)
SHOWN_IDS = 12
"""How many known ids a hint lists."""


def _is_a(kind: type[BaseModel], want: type[BaseModel] | None) -> bool:
    if want is None:
        return not issubclass(kind, (Actor, Document, Edition, Place, Measure))
    return issubclass(kind, want)


def _named(
    model: type[BaseModel], mapping: dict[str, Any], loc: Loc
) -> Iterator[tuple[str, str, Loc]]:
    """Each (field, id, place) a record's mapping names: a list field's items, one by one."""
    fields = FIELDS[model]
    for name, value in mapping.items():
        if name not in REFERENCES or name not in fields:
            continue
        many = fields[name][1]
        if isinstance(value, list) and many:
            yield from ((name, item, (*loc, name, i)) for i, item in enumerate(value))
        elif not many or isinstance(value, str):  # one id where a list may be written
            yield name, value, (*loc, name)


class _Known:
    """The ids written, by the kind a reference wants; the hints' lists worked out once."""

    def __init__(self, written: dict[str, Written]) -> None:
        self.written = written
        self.hints: dict[type[BaseModel] | None, str] = {}

    def hint(self, want: type[BaseModel] | None) -> str:
        if want not in self.hints:
            known = sorted(k for k, w in self.written.items() if _is_a(w.kind, want))
            shown = ", ".join(known[:SHOWN_IDS]) + (", ..." if len(known) > SHOWN_IDS else "")
            self.hints[want] = f"known ids: {shown}"
        return self.hints[want]


def reference_problems(found: Found) -> list[Problem]:
    """An unknown id for every reference that names no record of the kind it wants
    (``found``: every record mapping of the files, :func:`~.raw.all_records`)."""
    known = _Known(written_ids(found))
    problems = []
    for fact_file, model, mapping, loc in found:
        if REFERENCES.keys().isdisjoint(mapping):
            continue
        for name, value, where in _named(model, mapping, loc):
            if not is_slug(value):
                continue  # not an id at all: the model says so
            want, what = REFERENCES[name]
            written = known.written.get(value)
            if written is not None and _is_a(written.kind, want):
                continue
            line, column = fact_file.place(where)
            message = f"unknown {what} id '{printable(value)}'"
            problems.append(Problem(fact_file.path, line, column, message, known.hint(want)))
    return problems
