"""How facts read: figures, labels for controlled values, and short titles for facts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import MappingProxyType
from typing import Protocol, TypeVar

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.model import SLUG_PATTERN, Estimate, Signature
from generator.render.markdown_text import Md

COUNTS_LABEL = MappingProxyType(
    {
        "sent": "sent",
        "training": "in training",
        "front": "deployed to the front",
        "present": "present",
        "projected": "projected total",
    }
)
QUALIFIER_LABEL = MappingProxyType(
    {"exact": "", "about": "about ", "at-least": "at least ", "up-to": "up to "}
)
KIND_LABEL = MappingProxyType(
    {
        "statement": "statement",
        "confirmation": "confirmation",
        "non-denial": "non-denial",
        "denial": "denial",
        "summons": "summons of a diplomat",
        "call-for-sanctions": "call for sanctions",
        "sanctions": "sanctions imposed",
        "resolution": "resolution",
    }
)
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


def fact_title(content: Content, fact_id: str) -> str:
    """A short, distinct title for a fact, for links and tooltips."""
    record = content.ids[fact_id].record
    if isinstance(record, Estimate):
        actor = content.actor(record.originator) if record.originator else None
        who = f" ({actor.short or actor.name})" if actor else ""
        return f"{figure(record)} {COUNTS_LABEL[record.counts]}{who}"
    if isinstance(record, Signature):
        treaty = next((t for t in content.treaties if t.signature is record), None)
        return f"Signature of the {treaty.title}" if treaty else "Signature"
    caption = record.caption
    return caption if caption is not None else fact_id


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


Identified = TypeVar("Identified", bound=_HasId)


def by_date(items: Iterable[Identified], attr: str) -> list[Identified]:
    """Records sorted by a date field (undated last), then by id. (Templates call it with
    the field's name, so it is looked up by name.)"""
    return sorted(items, key=lambda r: (date_key(getattr(r, attr, None)), r.id))
