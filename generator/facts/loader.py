"""Find and parse fact files safely, keeping the line and column of every key and value.

YAML is read through libyaml's C parser as a stream of events, and turned into plain
dicts, lists and strings here. Working on events (not on a composed tree) lets us refuse
what a fact file must never contain before anything is expanded: anchors and aliases
(alias bombs), tags (``!include``, ``!!python/object``), several documents, ``%YAML``
directives. Every scalar stays the text that was typed (``NO`` stays ``NO``, ``1.10``
stays ``1.10``); only an empty value, ``~`` or ``null`` becomes ``None``. Types are the
model's business, not the parser's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, display_path, printable
from generator.facts.parse_cache import ParseCache

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 24
MAX_PROBLEMS_PER_FILE = 20
FACT_SUFFIXES = (".yaml", ".yml")

Loc = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
# Controls, bidi marks and overrides, zero-width and other invisible format characters,
# line/paragraph separators, interlinear annotations and tag characters (invisible text).
_FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_LIBYAML_HINTS = {
    "mapping values are not allowed": "put text that contains ': ' in quotes",
    "found undefined alias": "aliases (*name) are not allowed; write the value out",
    "could not find expected ':'": "check the indentation and that each key ends with ':'",
    "while scanning a quoted scalar": "close the quote",
    "while parsing a flow": "close the bracket",
    "did not find expected <document start>": "a fact file holds one YAML document; "
    "remove the '...' or '---' line",
    "exceeded maximum nesting depth": "flatten the file",
}
# libyaml's C parser; the pure-Python one is a fallback for platforms without the wheel.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class FactFile:
    """One parsed fact file: its data and where every key and value stands in it."""

    path: str
    data: Any
    value_at: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    validated: Any = field(default=None, compare=False, repr=False)
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


class _Builder:
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
            raise _TooDeep
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


class _TooDeep(Exception):
    pass


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(raw) > 1 and (raw[0] == 0) != (raw[1] == 0)
    ):
        return None, [
            Problem(path, 1, 1, "file is UTF-16, not UTF-8", "save it as UTF-8 (without BOM)")
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return None, [
            Problem(
                path,
                line,
                column,
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ]
    return text.replace("\r\n", "\n"), []


def parse_text(text: str, path: str) -> tuple[FactFile, list[Problem]]:
    """Parse YAML text into a :class:`FactFile`; problems instead of exceptions."""
    builder = _Builder(path)
    try:
        builder.run(yaml.parse(text, Loader=_Loader))
    except _TooDeep:
        return builder.file, builder.problems
    except yaml.MarkedYAMLError as exc:
        problem = str(exc.problem or exc.context or "invalid YAML")
        # At the end of the file, the place to fix is where the quote or bracket opened.
        unclosed = problem.startswith("found unexpected end of stream") or "expected ','" in problem
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        if unclosed and exc.context:
            problem = f"{exc.context} that is never closed"
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        hint = next((h for k, h in _LIBYAML_HINTS.items() if problem.startswith(k)), "")
        if mark and text[mark.index : mark.index + 1] == "\t":
            problem, hint = "a tab character cannot start a token", "indent with spaces, not tabs"
        builder.problems.append(Problem(path, *where, f"invalid YAML: {problem}", hint))
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not accept
        position = getattr(exc, "position", 0) or 0
        code = getattr(exc, "character", None)
        if _Loader is not yaml.SafeLoader:  # libyaml counts bytes of UTF-8, not characters
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
        builder.problems.append(
            Problem(
                path,
                line,
                column,
                f"invalid YAML: {printable(str(getattr(exc, 'reason', exc)))}"
                + (f" (U+{code:04X})" if isinstance(code, int) else ""),
                "delete the control character",
            )
        )
    if not builder.problems and builder.file.data is None:
        builder.problems.append(
            Problem(path, 1, 1, "file is empty", "add facts, or delete the file")
        )
    return builder.file, builder.problems


Parsing = ParseCache[tuple[FactFile, list[Problem]]]
"""The parse cache of fact files (:class:`ParseCache` of parse results)."""


def read_file(
    path: Path, shown_as: str, parsed: Parsing | None = None
) -> tuple[FactFile, list[Problem]]:
    """Read and parse one fact file, checking its size before parsing anything; with
    ``parsed``, a file whose bytes did not change since the last read is not parsed again."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return FactFile(shown_as, None), [
            Problem(
                shown_as,
                1,
                1,
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                "split it into several files",
            )
        ]
    if parsed is None:
        return parse_bytes(path.read_bytes(), shown_as)
    return parsed.parsed(shown_as, path.read_bytes(), parse_bytes)


def parse_bytes(raw: bytes, shown_as: str) -> tuple[FactFile, list[Problem]]:
    """Decode and parse a fact file's bytes."""
    text, problems = _decode(raw, shown_as)
    if text is None:
        return FactFile(shown_as, None), problems
    return parse_text(text, shown_as)


def fact_paths(content_dir: Path) -> list[Path]:
    """Every fact file under ``content_dir``, in a stable order; hidden files are skipped."""
    found = [
        p
        for p in content_dir.rglob("*")
        if p.suffix in FACT_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(content_dir).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(content_dir).as_posix())


def load_content(
    content_dir: Path, root: Path | None = None, parsed: Parsing | None = None
) -> tuple[list[FactFile], list[Problem]]:
    """Parse every fact file under ``content_dir``; all problems of all files at once.
    ``parsed`` keeps parses between loads (see :class:`ParseCache`)."""
    files: list[FactFile] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        shown = display_path(content_dir, root)
        return [], [Problem(shown, 1, 1, "content folder not found", "create it or fix the path")]
    for path in fact_paths(content_dir):
        fact_file, found = read_file(path, display_path(path, root), parsed)
        problems.extend(found)
        if not found:
            files.append(fact_file)
    return files, problems
