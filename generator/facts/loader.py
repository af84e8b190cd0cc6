"""Find and parse fact files safely, keeping the line and column of every key and value.

YAML is read through libyaml's C parser as a stream of events, and turned into plain
dicts, lists and strings (:mod:`yaml_data`). Working on events (not on a composed tree)
lets us refuse what a fact file must never contain before anything is expanded: anchors
and aliases (alias bombs), tags (``!include``, ``!!python/object``), several documents,
``%YAML`` directives. Every scalar stays the text that was typed (``NO`` stays ``NO``,
``1.10`` stays ``1.10``); only an empty value, ``~`` or ``null`` becomes ``None``. Types
are the model's business, not the parser's.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from generator.errors import Problem, display_path, printable
from generator.facts.parse_cache import ParseCache
from generator.facts.yaml_data import Builder, FactFile, Loc, TooDeep

MAX_FILE_BYTES = 2 * 1024 * 1024
FACT_SUFFIXES = (".yaml", ".yml")

_LIBYAML_HINTS = MappingProxyType(
    {
        "mapping values are not allowed": "put text that contains ': ' in quotes",
        "found undefined alias": "aliases (*name) are not allowed; write the value out",
        "could not find expected ':'": "check the indentation and that each key ends with ':'",
        "while scanning a quoted scalar": "close the quote",
        "while parsing a flow": "close the bracket",
        "did not find expected <document start>": "a fact file holds one YAML document; "
        "remove the '...' or '---' line",
        "exceeded maximum nesting depth": "flatten the file",
    }
)
# libyaml's C parser; the pure-Python one is a fallback for platforms without the wheel.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    builder = Builder(path)
    try:
        builder.run(yaml.parse(text, Loader=_Loader))
    except TooDeep:
        return builder.file, builder.problems
    except yaml.MarkedYAMLError as exc:
        builder.problems.append(_syntax_problem(exc, text, path))
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not accept
        builder.problems.append(_reader_problem(exc, text, path))
    if not builder.problems and builder.file.data is None:
        builder.problems.append(
            Problem(path, 1, 1, "file is empty", "add facts, or delete the file")
        )
    return builder.file, builder.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
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
    return Problem(path, *where, f"invalid YAML: {problem}", hint)


def _reader_problem(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    position = getattr(exc, "position", 0) or 0
    code = getattr(exc, "character", None)
    if _Loader is not yaml.SafeLoader:  # libyaml counts bytes of UTF-8, not characters
        position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    reason = printable(str(getattr(exc, "reason", exc)))
    character = f" (U+{code:04X})" if isinstance(code, int) else ""
    return Problem(
        path, line, column, f"invalid YAML: {reason}{character}", "delete the control character"
    )


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


__all__ = [
    "FACT_SUFFIXES",
    "MAX_FILE_BYTES",
    "FactFile",
    "Loc",
    "Parsing",
    "fact_paths",
    "load_content",
    "parse_bytes",
    "parse_text",
    "read_file",
]
