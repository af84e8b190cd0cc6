"""A libyaml event stream -> plain data that remembers where each key and value stands.

Every mapping is a dict, every sequence a list, every scalar the text that was typed; only
an empty value, ``~`` or ``null`` becomes ``None``. What a fact file must never hold is
refused here, event by event, before anything is expanded: anchors and aliases, tags,
several documents, directives, merge keys, duplicate keys, complex keys, control and
invisible characters, nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from generator.errors import Problem, printable

if TYPE_CHECKING:  # the model is validate.py's business; this only keeps its result
    from generator.facts.model import FactFileModel

MAX_DEPTH = 24
MAX_PROBLEMS_PER_FILE = 20

Loc = tuple[str | int, ...]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Controls, bidi marks and overrides, zero-width and other invisible format characters,
# line/paragraph separators, interlinear annotations and tag characters (invisible text).
_FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


@dataclass
class FactFile:
    """One parsed fact file: its data and where every key and value stands in it."""

    path: str
    data: Any
    value_at: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    validated: tuple[FactFileModel | None, list[Problem]] | None = field(
        default=None, compare=False, repr=False
    )
    """The validation result of ``data`` (validate.py keeps it here: a parse-cache hit is the
    same bytes, so the same result)."""

    def place(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of ``loc``, or of its nearest ancestor that has one."""
        table = self.key_at if key else self.value_at
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.key_at:
                return self.key_at[probe]
            probe = probe[:-1]
        return self.value_at.get((), (1, 1))


class _Frame:
    __slots__ = ("container", "loc", "key", "key_mark")

    def __init__(self, container: dict[str, Any] | list[Any], loc: Loc) -> None:
        self.container = container
        self.loc = loc
        self.key: str | None = None
        self.key_mark: tuple[int, int] | None = None


def _mark(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


class Builder:
    """Turns a libyaml event stream into plain data with positions, collecting problems."""

    def __init__(self, path: str) -> None:
        self.file = FactFile(path, None)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents = 0

    def problem(self, where: tuple[int, int], message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file.path, where[0], where[1], message, hint))

    def run(self, events: Any) -> None:
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self.scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.start(event, {} if kind is yaml.MappingStartEvent else [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self.end()
            elif kind is yaml.AliasEvent:
                self.problem(
                    _mark(event),
                    f"alias '*{printable(event.anchor)}' is not allowed",
                    "write the value out in full; anchors and aliases are refused",
                )
                parent = self.stack[-1] if self.stack else None
                if parent is not None and isinstance(parent.container, dict) and parent.key is None:
                    # An alias used as a key ('*a : x'): keep the place, not the value.
                    self.key(parent, f"*{event.anchor}", _mark(event), plain=False)
                else:
                    self.add(None, _mark(event))
            elif kind is yaml.DocumentStartEvent:
                self.document_start(event)
                if self.documents > 1:
                    return
            if len(self.problems) >= MAX_PROBLEMS_PER_FILE:
                self.problem(_mark(event), "too many problems; stopped reading this file")
                return

    def document_start(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.problem(
                _mark(event),
                "a fact file holds one YAML document; found a second one",
                "remove the '---' line or split the file in two",
            )
        if event.version or event.tags:
            self.problem(
                _mark(event),
                "YAML directives (%YAML, %TAG) are not allowed",
                "delete the line starting with '%'",
            )

    def check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.problem(
                _mark(event),
                f"anchor '&{printable(event.anchor)}' is not allowed",
                "write each value out in full; anchors and aliases are refused",
            )
        tag = event.tag
        if (
            tag is not None
            and tag != "!"
            and not (type(event) is yaml.ScalarEvent and tag == "tag:yaml.org,2002:str")
        ):
            self.problem(
                _mark(event),
                f"tag '{printable(tag)}' is not allowed",
                "remove the tag; fact files hold plain text, lists and mappings",
            )

    def start(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        self.check_node(event)
        if len(self.stack) >= MAX_DEPTH:
            self.problem(
                _mark(event), f"nesting deeper than {MAX_DEPTH} levels", "flatten the file"
            )
            raise TooDeep
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            self.problem(_mark(event), "a key must be plain text, not a list or mapping")
            # The list or mapping is read but kept nowhere; the node after it is its value.
            self.key(parent, f"<complex key {len(parent.container)}>", _mark(event), plain=False)
            self.stack.append(_Frame(container, (*parent.loc, parent.key or "")))
            return
        loc = self.child_loc(parent)
        self.add(container, _mark(event))
        self.stack.append(_Frame(container, loc))

    def end(self) -> None:
        self.stack.pop()

    def child_loc(self, parent: _Frame | None) -> Loc:
        if parent is None:
            return ()
        if isinstance(parent.container, dict):
            assert parent.key is not None
            return (*parent.loc, parent.key)
        return (*parent.loc, len(parent.container))

    def add(self, value: Any, mark: tuple[int, int]) -> None:
        if not self.stack:
            self.file.data = value
            self.file.value_at[()] = mark
            return
        parent = self.stack[-1]
        loc = self.child_loc(parent)
        self.file.value_at[loc] = mark
        if isinstance(parent.container, dict):
            assert parent.key is not None
            parent.container[parent.key] = value
            parent.key = None
        else:
            parent.container.append(value)

    def scalar(self, event: Any) -> None:
        self.check_node(event)
        text: str = event.value
        mark = _mark(event)
        bad = _FORBIDDEN_CHARS.search(text)
        if bad:
            self.problem(
                mark,
                f"control or invisible character U+{ord(bad.group()):04X} "
                f"in '{printable(text[:60])}'",
                "delete it; fact text may not hold control, bidi or zero-width characters",
            )
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            self.key(parent, text, mark, plain=event.implicit[0])
            return
        value = None if event.implicit[0] and text in _NULLS else text
        self.add(value, mark)

    def key(self, frame: _Frame, text: str, mark: tuple[int, int], *, plain: bool) -> None:
        assert isinstance(frame.container, dict)
        if plain and text == "<<":
            self.problem(mark, "merge keys ('<<') are not allowed", "write the keys out in full")
        loc = (*frame.loc, text)
        if text in frame.container:
            first = self.file.key_at[loc]
            self.problem(
                mark,
                f"duplicate key '{printable(text)}' (first defined at line {first[0]}, "
                f"column {first[1]})",
                "keep one of the two; YAML would silently drop the first",
            )
            self.problems.append(
                Problem(
                    self.file.path,
                    first[0],
                    first[1],
                    f"key '{printable(text)}' is defined again at line {mark[0]}, column {mark[1]}",
                )
            )
            text = f"{text}<duplicate {mark[0]}:{mark[1]}>"
            loc = (*frame.loc, text)
        frame.key = text
        self.file.key_at[loc] = mark


class TooDeep(Exception):
    """Raised by :class:`Builder` at nesting deeper than :data:`MAX_DEPTH` (reported)."""
