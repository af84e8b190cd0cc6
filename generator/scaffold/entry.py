"""The new entry: as data (what the loader will read back) and as commented YAML lines."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from generator.scaffold.kinds import FieldSpec, KindSpec
from generator.scaffold.options import given
from generator.scaffold.quoting import WIDTH, field_lines

Entry = dict[str, Any]


def _refs(value: object) -> list[str]:
    parts = value if isinstance(value, list | tuple) else [value]
    return [ref.strip() for part in parts for ref in str(part).split(",") if ref.strip()]


def _date(values: Mapping[str, object], name: str) -> str | Entry | None:
    date, text, rule = (values.get(f"{name}{s}") for s in ("", "_text", "_rule"))
    if not given(text) and not given(rule) and ".." not in str(date or ""):
        return str(date) if given(date) else None
    when: Entry = {}
    if given(text):
        when["text"] = str(text)
    if given(date):
        start, sep, end = str(date).partition("..")
        when.update({"from": start.strip(), "to": end.strip()} if sep else {"date": start})
    if given(rule):
        when["rule"] = str(rule)
    return when


def build_entry(spec: KindSpec, values: Mapping[str, object]) -> Entry:
    """The entry as the loader will read it back: text, lists of text, date mappings."""
    entry: Entry = {}
    for field in spec.fields:
        if field.shape == "date":
            value: Any = _date(values, field.name)
        elif field.shape == "refs":
            value = _refs(values.get(field.name) or ()) or None
        else:
            raw = values.get(field.name)
            value = str(raw) if given(raw) else None
        if value is not None:
            entry[field.name] = value
    return entry


# Short words for the comment above a new entry; other keys use their model description.
_HINTS = {
    "originator": "actor id of who claimed it",
    "speaker": "person id of who voiced it",
    "adds_to": "id of the estimate it comes on top of",
    "responds_to": "[ids of the facts it answers]",
    "diplomat": "rank, for a summons",
    "archive": "plain-text copy under content/ to check quotes",
    "low": "range instead of value",
    "high": "range instead of value",
}


def _hint(field: FieldSpec) -> str:
    """A few words on what an optional key is for."""
    if field.name in _HINTS:
        return _HINTS[field.name]
    if field.choices and len(", ".join(field.choices)) <= 40:
        return ", ".join(field.choices)
    short = _short(field.help)
    return f"{short}: date or FROM..TO" if field.shape == "date" else short


def _short(help_text: str) -> str:
    """The help up to a colon or parenthesis, where that still says something."""
    short = help_text.split(" (")[0].removesuffix(", if the source says")
    for mark in (": ", ", "):
        head = short.split(mark)[0]
        short = head if len(head) > 15 else short
    return short


def _comment(spec: KindSpec, entry: Entry, col: int) -> list[str]:
    unused = [f"{f.name} ({_hint(f)})" for f in spec.fields if f.name not in entry]
    if not unused:
        return []
    text = "Optional: " + "; ".join(unused) + "."
    return [f"{' ' * col}# {line}" for line in textwrap.wrap(text, WIDTH - col - 2)]


def entry_lines(spec: KindSpec, entry: Entry, dash_col: int, item_col: int) -> list[str]:
    """The commented entry, its dash at ``dash_col`` and its keys at ``item_col``."""
    body = [line for key, value in entry.items() for line in field_lines(key, value, item_col)]
    gap = " " * (item_col - dash_col - 1)
    body[0] = f"{' ' * dash_col}-{gap}{body[0][item_col:]}"
    return [*_comment(spec, entry, dash_col), *body]
