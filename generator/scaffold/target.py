"""Which file, and which list in it, a new entry goes into."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Problem, display_path
from generator.facts.citation_numbers import next_free, numbered
from generator.facts.loader import FACT_SUFFIXES, FactFile, Loc, fact_paths, read_file
from generator.facts.terms import declared_in
from generator.scaffold.exceptions import UsageProblem
from generator.scaffold.kinds import KindSpec


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


def declared_terms(content_dir: Path) -> dict[str, list[str]]:
    """The terms the content declares under 'vocabulary:', by vocabulary."""
    declared: dict[str, list[str]] = {}
    for _, name, _, term_id in declared_in([f for _, f in _read_all(content_dir)]):
        declared.setdefault(name, []).append(term_id)
    return declared


def parent_ids(content_dir: Path, spec: KindSpec) -> list[str]:
    """Ids of the records a nested kind can be added to (deployments or treaties)."""
    assert spec.parent is not None
    ids = []
    for _, fact_file in _read_all(content_dir):
        for item in _records(fact_file.data, spec.parent_key):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids.append(item["id"])
    return ids


def _written_number(item: Any) -> int | None:
    """A document's 'number' as written, if it is one the model accepts."""
    value = item.get("number") if isinstance(item, dict) else None
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if text.isascii() and text.isdigit() and not text.startswith("0") else None


def next_document_number(content_dir: Path) -> int:
    """The citation number a new document is given: one after every number in use (given,
    or taken in the written order by documents without one), so it cites no other."""
    written = [
        _written_number(item)
        for _, fact_file in _read_all(content_dir)
        for item in _records(fact_file.data, "documents")
    ]
    return next_free(numbered((str(n), number) for n, number in enumerate(written)).values())


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
