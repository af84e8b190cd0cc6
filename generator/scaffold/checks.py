"""Checks before writing: the data the changed file must parse to, and the whole content
validated with the new text in a temporary copy."""

from __future__ import annotations

import copy
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Problem, display_path
from generator.facts.loader import Loc
from generator.facts.validate import load
from generator.scaffold.entry import Entry


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
