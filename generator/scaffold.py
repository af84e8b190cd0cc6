"""``briefing new KIND``: append one commented fact to the right file, keeping every byte.

The file is never re-serialised. The new entry's lines are inserted as text right after the
last item of its list, at a place found in ruamel.yaml's composed tree (which keeps the
character index of every node), so existing comments, blank lines, key order, quoting and
line endings stay byte-for-byte as they were. Before anything is written, the parsed file
must equal the old data plus the entry, and the whole content folder must validate with the
new text (in a temporary copy). The file is replaced atomically and read back.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import shutil
import tempfile
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import model
from .dates import When
from .errors import ContentError, Problem, display_path
from .loader import FACT_SUFFIXES, FactFile, Loc, fact_paths, parse_text, read_file
from .pipeline import load

WIDTH = 88  # where long text is folded, as in the example content
Shape = Literal["text", "refs", "date", "choice"]
Entry = dict[str, Any]


class UsageProblem(Exception):
    """Bad options: the user must change the command (exit 2)."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


class WriteFailed(Exception):
    """The written file did not read back as expected; the original was restored."""


@dataclass(frozen=True)
class FieldSpec:
    """One key of a new entry: its YAML name, what it is for, how it is asked and written."""

    name: str
    help: str
    required: bool = False
    shape: Shape = "text"
    choices: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()  # required unless one of these is given

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
        found.append(FieldSpec(name, help_text, required, shape[0], shape[1], unless.get(name, ())))
    return tuple(found)


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
        _kind("estimate", model.Estimate, "estimates", "deployment", {"value": ("low", "high")}),
        _kind("phase", model.Phase, "route", "deployment"),
        _kind("note", model.Note, "notes", "deployment"),
        _kind("stage", model.Stage, "stages", "treaty"),
        _kind("provision", model.Provision, "provisions", "treaty"),
    )
}
ALIASES = {"claim": "estimate", "document": "source"}
KIND_NAMES = (*KINDS, *ALIASES)


def kind_spec(name: str) -> KindSpec:
    """The spec of a kind, by name or alias (``claim``, ``document``)."""
    return KINDS[ALIASES.get(name, name)]


def _option_dests(field: FieldSpec) -> list[str]:
    if field.shape == "date":
        return [field.name, f"{field.name}_text", f"{field.name}_rule"]
    return [field.name]


def _helps(field: FieldSpec) -> list[tuple[str, str]]:
    """(dest, help) of the field's options: a date also has --NAME-text and --NAME-rule."""
    text = field.help
    if field.choices and not all(choice in text for choice in field.choices):
        text += f" ({', '.join(field.choices)})"
    if field.shape != "date":
        return [(field.name, text)]
    return [
        (field.name, f"{text} (YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO)"),
        (f"{field.name}_text", f"the source's words for that date (with {field.option})"),
        (f"{field.name}_rule", "how those words were resolved to the date"),
    ]


def options() -> list[tuple[str, str, bool]]:
    """Every field option of every kind, as (dest, help, multiple); help names kinds if needed."""
    helps: dict[str, dict[str, list[str]]] = {}
    multiple = {f.name for spec in KINDS.values() for f in spec.fields if f.shape == "refs"}
    for spec in KINDS.values():
        for field in spec.fields:
            for dest, text in _helps(field):
                helps.setdefault(dest, {}).setdefault(text, []).append(spec.name)
    found = []
    for dest, by_text in helps.items():
        if len(by_text) == 1:
            text = next(iter(by_text))
        else:
            text = "; ".join(f"{'/'.join(kinds)}: {t}" for t, kinds in by_text.items())
        found.append((dest, text, dest in multiple))
    return found


def _given(value: object) -> bool:
    return value is not None and value != () and value != ""


def check_options(spec: KindSpec, values: Mapping[str, object]) -> None:
    """Refuse options that do not apply to the kind, and values outside a field's choices."""
    allowed = {dest for field in spec.fields for dest in _option_dests(field)}
    if spec.parent:
        allowed.add(spec.parent)
    for dest, value in values.items():
        if _given(value) and dest not in allowed:
            option = "--" + dest.replace("_", "-")
            takes = ", ".join(f.option for f in spec.fields)
            article = "an" if spec.name[0] in "aeiou" else "a"
            raise UsageProblem(
                f"{option} does not apply to {article} {spec.name} (it takes {takes})"
            )
    for field in spec.fields:
        value = values.get(field.name)
        if field.choices and _given(value) and value not in field.choices:
            raise UsageProblem(f"'{value}' is not one of: {', '.join(field.choices)}", field.option)


def missing(spec: KindSpec, values: Mapping[str, object]) -> list[FieldSpec]:
    """The required fields not given yet, in the order they are written."""
    return [
        field
        for field in spec.fields
        if field.required
        and not _given(values.get(field.name))
        and not any(_given(values.get(other)) for other in field.unless)
    ]


# --- where the entry goes ------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """The file to change and the location of the list inside its data."""

    path: Path
    shown: str
    loc: Loc


def _read_all(content_dir: Path) -> list[tuple[Path, FactFile]]:
    """Every fact file, parsed; a file that cannot be read stops everything (exit 1)."""
    if not content_dir.is_dir():
        shown = display_path(content_dir)
        raise ContentError([Problem(shown, 1, 1, "content folder not found", "fix the path")])
    found, problems = [], []
    for path in fact_paths(content_dir):
        fact_file, more = read_file(path, display_path(path))
        found.append((path, fact_file))
        problems += more
    if problems:
        raise ContentError(problems)
    return found


def _records(data: Any, key: str) -> list[Any]:
    items = data.get(key) if isinstance(data, dict) else None
    return items if isinstance(items, list) else []


def parent_ids(content_dir: Path, spec: KindSpec) -> list[str]:
    """Ids of the records a nested kind can be added to (deployments or treaties)."""
    assert spec.parent is not None
    ids = []
    for _, fact_file in _read_all(content_dir):
        for item in _records(fact_file.data, spec.parent_key):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids.append(item["id"])
    return ids


def _candidates(content_dir: Path, spec: KindSpec, parent: str | None) -> list[Target]:
    found = []
    for path, fact_file in _read_all(content_dir):
        if spec.parent is None:
            if isinstance(fact_file.data, dict) and spec.list_key in fact_file.data:
                found.append(Target(path, fact_file.path, (spec.list_key,)))
            continue
        for index, item in enumerate(_records(fact_file.data, spec.parent_key)):
            if isinstance(item, dict) and item.get("id") == parent:
                found.append(Target(path, fact_file.path, (spec.parent_key, index, spec.list_key)))
    return found


def _named_file(content_dir: Path, name: str) -> Path:
    base = content_dir.resolve()
    given = Path(name).resolve()  # 'content/x.yaml' from the current folder...
    path = given if given.is_relative_to(base) else (base / name).resolve()  # ...or 'x.yaml'
    if not path.is_relative_to(base) or path == base:
        raise UsageProblem(f"'{name}' is not inside the content folder {content_dir}", "--file")
    relative = path.relative_to(base)
    if path.suffix not in FACT_SUFFIXES or any(p.startswith(".") for p in relative.parts):
        raise UsageProblem(f"'{name}' is not a fact file (*.yaml, not hidden)", "--file")
    return path


def find_target(content_dir: Path, spec: KindSpec, parent: str | None, file: str | None) -> Target:
    """The file (and list) the entry goes into; a clear refusal when it is not clear."""
    if spec.parent is not None:
        known = parent_ids(content_dir, spec)
        if not parent or parent not in known:
            said = f"unknown {spec.parent} '{parent}'" if parent else f"no {spec.parent} given"
            listed = ", ".join(known) or "none"
            raise UsageProblem(f"{said}; known {spec.parent_key}: {listed}", f"--{spec.parent}")
    candidates = _candidates(content_dir, spec, parent)
    if file is not None:
        path = _named_file(content_dir, file)
        chosen = [c for c in candidates if c.path.resolve() == path]
        if chosen:
            return chosen[0]
        if spec.parent is None:
            return Target(path, display_path(path), (spec.list_key,))
        raise UsageProblem(f"{file} does not hold {spec.parent} '{parent}'", "--file")
    if len(candidates) == 1:
        return candidates[0]
    where = f"'{spec.list_key}:'" if spec.parent is None else f"{spec.parent} '{parent}'"
    if not candidates:
        raise UsageProblem(f"no fact file holds {where}; name one with --file", "--file")
    listed = ", ".join(c.shown for c in candidates)
    raise UsageProblem(f"several files hold {where}: {listed}; choose one with --file", "--file")


# --- the entry as data and as text ---------------------------------------------------------


def _refs(value: object) -> list[str]:
    parts = value if isinstance(value, list | tuple) else [value]
    return [ref.strip() for part in parts for ref in str(part).split(",") if ref.strip()]


def _date(values: Mapping[str, object], name: str) -> str | Entry | None:
    date, text, rule = (values.get(f"{name}{s}") for s in ("", "_text", "_rule"))
    if not _given(text) and not _given(rule) and ".." not in str(date or ""):
        return str(date) if _given(date) else None
    when: Entry = {}
    if _given(text):
        when["text"] = str(text)
    if _given(date):
        start, sep, end = str(date).partition("..")
        when.update({"from": start.strip(), "to": end.strip()} if sep else {"date": start})
    if _given(rule):
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
            value = str(raw) if _given(raw) else None
        if value is not None:
            entry[field.name] = value
    return entry


def _reads_as(yaml_text: str, expected: object) -> bool:
    fact_file, problems = parse_text(yaml_text, "<entry>")
    return not problems and fact_file.data == {"k": expected}


def _quoted(text: str) -> str:
    single = "'" + text.replace("'", "''") + "'"
    if _reads_as(f"k: {single}\n", text):
        return single
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _inline(text: str) -> str:
    """A scalar on one line: plain where it reads back unchanged, else quoted."""
    if text == text.strip() and _reads_as(f"k: {text}\n", text):
        return text
    return _quoted(text)


def _folded(key: str, text: str, col: int) -> list[str] | None:
    if not re.fullmatch(r"\S+(?: \S+)*", text):
        return None
    lines = textwrap.wrap(text, WIDTH - col - 2, break_long_words=False, break_on_hyphens=False)
    body = "".join(f"  {line}\n" for line in lines)
    if not _reads_as(f"k: >-\n{body}", text):
        return None
    return [f"{' ' * col}{key}: >-", *(f"{' ' * (col + 2)}{line}" for line in lines)]


def _flow_item(text: str) -> str:
    if _reads_as(f"k: [{text}]\n", [text]):
        return text
    return _quoted(text)


def _field_lines(key: str, value: Any, col: int) -> list[str]:
    pad = " " * col
    if isinstance(value, dict):
        return [
            f"{pad}{key}:",
            *(ln for k, v in value.items() for ln in _field_lines(k, v, col + 2)),
        ]
    if isinstance(value, list):
        return [f"{pad}{key}: [{', '.join(_flow_item(v) for v in value)}]"]
    line = f"{pad}{key}: {_inline(value)}"
    if len(line) > WIDTH:
        return _folded(key, value, col) or [line]
    return [line]


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
    body = [line for key, value in entry.items() for line in _field_lines(key, value, item_col)]
    gap = " " * (item_col - dash_col - 1)
    body[0] = f"{' ' * dash_col}-{gap}{body[0][item_col:]}"
    return [*_comment(spec, entry, dash_col), *body]


# --- where in the text ---------------------------------------------------------------------


@dataclass(frozen=True)
class Insertion:
    """Where the new lines go (a character index at a line start) and how they are indented."""

    offset: int
    dash_col: int
    item_col: int
    header: str | None = None  # 'key:' line to write first, when the list does not exist yet


def _get(node: Node | None, key: str | int) -> Node | None:
    if isinstance(node, SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    if isinstance(node, MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    return None


def _end(text: str, node: Node) -> int:
    """Index just past the line holding the node's last character (and its comment)."""
    while (isinstance(node, MappingNode | SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    index = node.end_mark.index
    while index > 0 and text[index - 1] in " \t\r\n":
        index -= 1
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _dash_col(text: str, item: Node, where: str) -> int:
    start, col = item.start_mark.index, item.start_mark.column
    before = text[start - col : start]
    dash = before.rfind("-")
    if dash < 0 or before[:dash].strip() or before[dash + 1 :].strip():
        line = item.start_mark.line + 1
        raise ContentError([Problem(where, line, col + 1, "cannot tell how this list is indented")])
    return dash


def _problem(where: str, node: Node, message: str, hint: str) -> ContentError:
    mark = node.start_mark
    return ContentError([Problem(where, mark.line + 1, mark.column + 1, message, hint)])


def find_insertion(text: str, loc: Loc, where: str) -> Insertion:
    """Where to put an item appended to the list at ``loc``, from the composed tree."""
    try:
        root = YAML(typ="rt").compose(text)
    except YAMLError as exc:
        raise ContentError([Problem(where, 1, 1, f"cannot read the file: {exc}")]) from None
    parent = root
    for key in loc[:-1]:
        parent = _get(parent, key)
    node = _get(parent, loc[-1])
    if isinstance(node, SequenceNode) and node.value and not node.flow_style:
        item = node.value[0]
        return Insertion(_end(text, node), _dash_col(text, item, where), item.start_mark.column)
    if node is not None and not (isinstance(node, ScalarNode) and node.value == ""):
        raise _problem(
            where,
            node,
            f"'{loc[-1]}' is not a block list that can be appended to",
            "write it with one '- ' item per line",
        )
    if parent is None and len(loc) == 1:  # a file without data: the list goes at its end
        return Insertion(len(text), 2, 4, f"{loc[-1]}:")
    if not isinstance(parent, MappingNode) or parent.flow_style:
        raise _problem(
            where, parent, "cannot add to a flow-style mapping", "write it in block style"
        )
    col = parent.value[0][0].start_mark.column
    if node is not None:  # 'key:' with nothing after it
        return Insertion(_end(text, node), col + 2, col + 4)
    return Insertion(_end(text, parent), col + 2, col + 4, f"{' ' * col}{loc[-1]}:")


def insert(text: str, at: Insertion, lines: list[str]) -> tuple[str, int]:
    """The text with ``lines`` inserted, and the 1-based line number of the first one."""
    eol = "\r\n" if "\r\n" in text else "\n"
    block = ([at.header] if at.header else []) + lines
    piece = eol.join(block) + eol
    head = text[: at.offset]
    if head and not head.endswith("\n"):
        piece = eol + piece[: -len(eol)]  # the file had no final newline: keep it so
    first = head.count("\n") + 1 + bool(head and not head.endswith("\n"))
    return head + piece + text[at.offset :], first


# --- checking and writing ------------------------------------------------------------------


def expected_data(old: Any, loc: Loc, entry: Entry) -> Any:
    """The old data with the entry appended at ``loc``."""
    data = copy.deepcopy(old) if isinstance(old, dict) else {}
    holder = data
    for key in loc[:-1]:
        holder = holder[key]
    if holder.get(loc[-1]) is None:
        holder[loc[-1]] = []
    holder[loc[-1]].append(entry)
    return data


_COPY = "briefing-new-copy-of-content"  # never found in real text, so safe to replace


def _shown_problem(problem: Problem, shown_dir: str) -> Problem:
    """A problem found in the copy, with the real folder's paths (in messages too)."""
    return replace(
        problem,
        path=problem.path.replace(_COPY, shown_dir),
        message=problem.message.replace(_COPY, shown_dir),
        hint=problem.hint.replace(_COPY, shown_dir),
    )


def validate_with(content_dir: Path, target: Path, new_bytes: bytes) -> int:
    """Validate the whole content with ``target`` replaced by ``new_bytes``, in a copy.

    Returns how many facts with ids there would be; raises :class:`ContentError` (with the
    real paths) if anything would break.
    """
    relative = target.resolve().relative_to(content_dir.resolve())
    with tempfile.TemporaryDirectory(prefix="briefing-new-") as tmp:
        copy_dir = Path(tmp) / _COPY
        shutil.copytree(content_dir, copy_dir)
        (copy_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy_dir / relative).write_bytes(new_bytes)
        try:
            return len(load(copy_dir, root=Path(tmp)).ids)
        except ContentError as exc:
            shown = display_path(content_dir)
            raise ContentError([_shown_problem(p, shown) for p in exc.problems]) from None


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _decode(raw: bytes) -> tuple[bytes, str]:
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    return bom, raw[len(bom) :].decode("utf-8")


def _parsed(text: str, shown: str) -> Any:
    fact_file, problems = parse_text(text.replace("\r\n", "\n"), shown)
    return None if problems else fact_file.data


@dataclass(frozen=True)
class Added:
    """What ``add`` did: which file, which lines, what text."""

    kind: str
    id: str
    shown: str
    first_line: int
    lines: list[str]
    facts: int

    def report(self) -> str:
        last = self.first_line + len(self.lines) - 1
        head = f"added {self.kind} '{self.id}' to {self.shown}, lines {self.first_line}-{last}:"
        checked = f"checked: {self.facts} facts with ids, no problems found"
        return "\n".join([head, *self.lines, checked])


def _write_checked(target: Target, old: bytes | None, new: bytes, expected: Any) -> None:
    current = target.path.read_bytes() if target.path.exists() else None
    if current != old:
        raise WriteFailed(f"{target.shown} changed while the entry was prepared; nothing written")
    mode = target.path.stat().st_mode & 0o7777 if old is not None else 0o644
    target.path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(target.path, new, mode)
    written = target.path.read_bytes()
    if written == new and _parsed(_decode(written)[1], target.shown) == expected:
        return
    if old is None:
        target.path.unlink()
    else:
        _write_atomic(target.path, old, mode)
    raise WriteFailed(f"{target.shown} did not read back as written; the original was restored")


def add(
    content_dir: Path, spec: KindSpec, values: Mapping[str, object], file: str | None = None
) -> Added:
    """Append the entry built from ``values``; validate everything first, then write."""
    check_options(spec, values)
    if missing(spec, values):
        raise UsageProblem(f"missing {', '.join(f.option for f in missing(spec, values))}")
    parent = values.get(spec.parent) if spec.parent else None
    target = find_target(content_dir, spec, str(parent) if parent else None, file)
    old = target.path.read_bytes() if target.path.exists() else None
    bom, text = _decode(old or b"")
    entry = build_entry(spec, values)
    at = find_insertion(text, target.loc, target.shown)
    lines = entry_lines(spec, entry, at.dash_col, at.item_col)
    new_text, first = insert(text, at, lines)
    expected = expected_data(_parsed(text, target.shown), target.loc, entry)
    new = bom + new_text.encode("utf-8")
    new_data = _parsed(new_text, target.shown)  # None if it does not parse: validation says why
    if new_data is not None and new_data != expected:
        raise WriteFailed(f"the entry would change other data in {target.shown}; nothing written")
    facts = validate_with(content_dir, target.path, new)
    _write_checked(target, old, new, expected)
    shown_lines = ([at.header] if at.header else []) + lines
    return Added(spec.name, entry["id"], target.shown, first, shown_lines, facts)
