"""How facts read: figures, labels for controlled values, and short titles for facts."""

from __future__ import annotations

import functools
import re
from typing import Any

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.model import SLUG_PATTERN, Estimate, Signature
from generator.render.markdown_text import Md

COUNTS_LABEL = {
    "sent": "sent",
    "training": "in training",
    "front": "deployed to the front",
    "present": "present",
    "projected": "projected total",
}
QUALIFIER_LABEL = {"exact": "", "about": "about ", "at-least": "at least ", "up-to": "up to "}
KIND_LABEL = {
    "statement": "statement",
    "confirmation": "confirmation",
    "non-denial": "non-denial",
    "denial": "denial",
    "summons": "summons of a diplomat",
    "call-for-sanctions": "call for sanctions",
    "sanctions": "sanctions imposed",
    "resolution": "resolution",
}
_SLUG = re.compile(SLUG_PATTERN)


def slug(value: str) -> Md:
    """An id, checked to be a slug, for anchors and attribute lists."""
    if not _SLUG.match(value):
        raise ValueError(f"not a slug: {value!r}")
    return Md(value)


def figure(estimate: Estimate, *, another: bool = True) -> str:
    """'at least 3,000', 'about 12,000', '1,500–3,000': the figure as claimed; 'another
    1,500' for a figure that comes on top of an earlier one, unless ``another`` is off."""
    if estimate.value is not None:
        number = f"{estimate.value:,}"
    else:
        number = f"{estimate.low:,}–{estimate.high:,}"
    extra = "another " if estimate.adds_to and another else ""
    return QUALIFIER_LABEL[estimate.qualifier] + extra + number


def date_key(when: When | None) -> tuple[str, str]:
    """Sort key: resolved dates first, oldest first; undated last."""
    if when is None or not when.resolved:
        return ("9999", "")
    return (when.start.isoformat(), when.end.isoformat())


def field_of(record: Any, name: str) -> Any:
    """``record.name``, or None when the record's kind has no such field: what
    ``getattr(record, name, None)`` gives, without pydantic's slow missing-attribute path."""
    fields = _fields(type(record))
    if fields is not None and name not in fields:
        return None
    return getattr(record, name, None)


@functools.cache
def _fields(kind: type) -> frozenset[str] | None:
    """The attribute names of a pydantic model class (fields and properties), or None."""
    model_fields = getattr(kind, "model_fields", None)
    if not isinstance(model_fields, dict):
        return None
    properties = {n for n in dir(kind) if isinstance(getattr(kind, n, None), property)}
    return frozenset(model_fields) | frozenset(properties)


def originator_of(record: Any) -> str | None:
    """Who a fact is attributed to: its originator, or the actor of a reaction."""
    value = field_of(record, "originator") or field_of(record, "actor")
    return value if isinstance(value, str) else None


def fact_title(content: Content, fact_id: str) -> str:
    """A short, distinct title for a fact, for links and tooltips."""
    placed = content.ids[fact_id]
    record = placed.record
    if isinstance(record, Estimate):
        actor = content.actor(record.originator) if record.originator else None
        who = f" ({actor.short or actor.name})" if actor else ""
        return f"{figure(record)} {COUNTS_LABEL[record.counts]}{who}"
    if isinstance(record, Signature):
        treaty = next((t for t in content.treaties if t.signature is record), None)
        return f"Signature of the {treaty.title}" if treaty else "Signature"
    for name in ("title", "name", "summary", "text"):
        value = field_of(record, name)
        if isinstance(value, str):
            return value
    return fact_id


def by_date(items: list[Any], attr: str) -> list[Any]:
    """Records sorted by a date field (undated last), then by id."""
    return sorted(items, key=lambda r: (date_key(getattr(r, attr, None)), r.id))
