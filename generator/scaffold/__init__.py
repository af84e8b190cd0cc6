"""``briefing new KIND``: append one commented fact to the right file, keeping every byte.

The file is never re-serialised. The new entry's lines are inserted as text right after the
last item of its list, at a place found in ruamel.yaml's composed tree (which keeps the
character index of every node), so existing comments, blank lines, key order, quoting and
line endings stay byte-for-byte as they were. Before anything is written, the parsed file
must equal the old data plus the entry, and the whole content folder must validate with the
new text (in a temporary copy). The file is replaced atomically and read back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.scaffold.checks import expected_data, validate_with
from generator.scaffold.entry import Entry, build_entry, entry_lines
from generator.scaffold.exceptions import UsageProblem, WriteFailed

# _write_checked below looks write_atomic up here, where the tests replace it.
from generator.scaffold.files import decode, parsed, write_atomic
from generator.scaffold.insertion import Insertion, find_insertion, insert
from generator.scaffold.kinds import (
    ALIASES,
    KIND_NAMES,
    KINDS,
    FieldSpec,
    KindSpec,
    Shape,
    kind_spec,
    with_terms,
)
from generator.scaffold.options import check_options, given, missing, options
from generator.scaffold.quoting import WIDTH
from generator.scaffold.target import (
    Target,
    declared_terms,
    find_target,
    next_document_number,
    parent_ids,
)

__all__ = [
    "declared_terms",
    "with_terms",
    "ALIASES",
    "KINDS",
    "KIND_NAMES",
    "WIDTH",
    "Added",
    "Entry",
    "FieldSpec",
    "Insertion",
    "KindSpec",
    "Shape",
    "Target",
    "UsageProblem",
    "WriteFailed",
    "add",
    "build_entry",
    "check_options",
    "entry_lines",
    "expected_data",
    "find_insertion",
    "find_target",
    "insert",
    "kind_spec",
    "missing",
    "next_document_number",
    "options",
    "parent_ids",
    "validate_with",
]


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
    write_atomic(target.path, new, mode)
    written = target.path.read_bytes()
    if written == new and parsed(decode(written)[1], target.shown) == expected:
        return
    if old is None:
        target.path.unlink()
    else:
        write_atomic(target.path, old, mode)
    raise WriteFailed(f"{target.shown} did not read back as written; the original was restored")


def add(
    content_dir: Path, spec: KindSpec, values: Mapping[str, object], file: str | None = None
) -> Added:
    """Append the entry built from ``values``; validate everything first, then write."""
    check_options(spec, values)
    if spec.list_key == "documents" and not given(values.get("number")):
        # A fixed citation number (the next free one), so it never moves once published.
        values = {**values, "number": str(next_document_number(content_dir))}
    if missing(spec, values):
        raise UsageProblem(f"missing {', '.join(f.option for f in missing(spec, values))}")
    parent = values.get(spec.parent) if spec.parent else None
    target = find_target(content_dir, spec, str(parent) if parent else None, file)
    old = target.path.read_bytes() if target.path.exists() else None
    bom, text = decode(old or b"")
    entry = build_entry(spec, values)
    at = find_insertion(text, target.loc, target.shown)
    lines = entry_lines(spec, entry, at.dash_col, at.item_col)
    new_text, first = insert(text, at, lines)
    expected = expected_data(parsed(text, target.shown), target.loc, entry)
    new = bom + new_text.encode("utf-8")
    new_data = parsed(new_text, target.shown)  # None if it does not parse: validation says why
    if new_data is not None and new_data != expected:
        raise WriteFailed(f"the entry would change other data in {target.shown}; nothing written")
    facts = validate_with(content_dir, target.path, new)
    _write_checked(target, old, new, expected)
    shown_lines = ([at.header] if at.header else []) + lines
    return Added(spec.name, entry["id"], target.shown, first, shown_lines, facts)
