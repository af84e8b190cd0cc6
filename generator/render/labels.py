"""How facts read: figures, labels for controlled values, and short titles for facts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.developments import Total
from generator.facts.model import (
    QUALIFIER_LABEL,
    SLUG_PATTERN,
    Estimate,
    Signature,
)
from generator.render.markdown_text import Md, quoted_text

_SLUG = re.compile(SLUG_PATTERN)


def slug(value: str) -> Md:
    """An id, checked to be a slug, for anchors and attribute lists."""
    if not _SLUG.match(value):
        raise ValueError(f"not a slug: {value!r}")
    return Md(value)


def number(estimate: Estimate, *, another: bool = True) -> str:
    """'at least 3,000', 'about 12,000', '1,500–3,000': the figure's number(s) as claimed;
    'another 1,500' for a figure that comes on top of an earlier one, unless ``another`` is
    off; '' for a figure given only in words."""
    if estimate.value is not None:
        digits = f"{estimate.value:,}"
    elif estimate.low is not None and estimate.high is not None:
        digits = f"{estimate.low:,}–{estimate.high:,}"
    else:  # words alone (validation refuses half a range)
        return ""
    extra = "another " if estimate.adds_to and another else ""
    return QUALIFIER_LABEL[estimate.qualifier] + extra + digits


def figure(estimate: Estimate, *, another: bool = True, rule: bool = False) -> str:
    """The figure as claimed: 'at least 3,000', 'another 1,500'; a figure the source gives in
    words keeps them, with the interval they are read as: '“hundreds” (200–999)', or with
    ``rule`` the reading spelt out: '“hundreds” (read as 200–999: hundreds read as 200 to
    999)'; words alone: '“hundreds”'."""
    digits = number(estimate, another=another)
    if estimate.words is None:
        return digits
    words = quoted_text(estimate.words)
    if not digits:
        return words
    if rule:
        reading = f"read as {digits}" + (f": {estimate.rule}" if estimate.rule else "")
        return f"{words} ({reading})"
    return f"{words} ({digits})"


def total_figure(total: Total) -> str:
    """A running total: '3,000', 'at least 3,000' (when every part says 'at least'),
    '2,700–3,200' (when a part is a range)."""
    qualifiers = {part.qualifier for part in total.parts}
    lead = QUALIFIER_LABEL[qualifiers.pop()] if len(qualifiers) == 1 else ""
    digits = f"{total.low:,}" if total.low == total.high else f"{total.low:,}–{total.high:,}"
    return lead + digits


def reading(estimate: Estimate) -> str:
    """The figure with the reading of its words spelt out: '“hundreds” (read as 200–999:
    hundreds read as 200 to 999)'; 'at least 3,000' for a number (the estimates table)."""
    return figure(estimate, rule=True)


def charted(estimate: Estimate) -> bool:
    """Whether a figure can be drawn: it gives a number or an interval, not words alone."""
    return estimate.value is not None or (estimate.low is not None and estimate.high is not None)


def scope_words(content: Content, estimate: Estimate) -> str:
    """Where a figure applies: the source's words ('in Kell'), else 'in <place>'; '' when
    unstated."""
    if estimate.scope is not None:
        return estimate.scope
    if estimate.scope_place is not None:
        return f"in {content.ids[estimate.scope_place].record.caption}"
    return ""


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
        where = f" {scope_words(content, record)}" if record.scope or record.scope_place else ""
        counted = content.vocabulary.label("counts", record.counts)
        return f"{figure(record)} {counted}{where}{who}"
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
