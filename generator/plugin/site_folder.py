"""The site folder a build replaces: one build at a time, what dead builds left, the swap.

A build works in ``.site-tmp-<site>-XXXX`` beside the site and swaps it in with two renames
(the old site goes to ``.site-old-<site>-XXXX`` and is deleted). Every build of a site holds
its lock file (``.briefing-build-<site>.lock``) from before it makes its temporary folder
until after the swap, so two builds started together run one after the other and end with
one complete site; and any folder of ours found beside the site while holding the lock was
left by a build that died (killed mid-way, or a machine that stopped), and is removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # not POSIX: builds are not serialised
    fcntl = None  # type: ignore[assignment]


def temp_prefix(final: Path) -> str:
    return f".site-tmp-{final.name}-"


def old_prefix(final: Path) -> str:
    return f".site-old-{final.name}-"


def lock_path(final: Path) -> Path:
    return final.parent / f".briefing-build-{final.name}.lock"


@contextmanager
def locked(final: Path) -> Iterator[None]:
    """Hold the site's lock (waiting for another build of it to finish)."""
    with open(lock_path(final), "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(final: Path, notes: list[str]) -> None:
    """Delete the temporary and old folders earlier builds of this site left (only folders
    of our own naming); say what was removed, and what could not be."""
    prefixes = (temp_prefix(final), old_prefix(final))
    for path in sorted(final.parent.iterdir()):
        if not path.name.startswith(prefixes) or not path.is_dir() or path.is_symlink():
            continue
        problem = _remove(path)
        if problem is None:
            notes.append(f"removed {path.name}, left beside the site by an unfinished build")
        else:
            notes.append(f"cannot remove {path}, left by an earlier build: {problem}")


def _remove(path: Path) -> str | None:
    failures: list[str] = []

    def failed(function: Callable[..., object], name: str, info: Any) -> None:
        failures.append(f"{os.path.relpath(name, path.parent)}: {info[1]}")

    shutil.rmtree(path, onerror=failed)  # onexc from Python 3.12
    if failures or path.exists():
        return (failures or ["still there"])[0] + "; delete it by hand"
    return None


def make_temp(final: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=temp_prefix(final), dir=final.parent))


def swap(new: Path, final: Path, notes: list[str]) -> None:
    """Put ``new`` where ``final`` is: rename the old aside, the new in, then delete the old
    (saying so in ``notes`` when it cannot be deleted)."""
    if not final.exists():
        new.rename(final)
        return
    old = Path(tempfile.mkdtemp(prefix=old_prefix(final), dir=final.parent))
    old.rmdir()  # rename needs the name free
    final.rename(old)
    try:
        new.rename(final)
    except OSError:
        old.rename(final)
        raise
    problem = _remove(old)
    if problem is not None:
        notes.append(f"the previous site was moved to {old} and cannot be removed: {problem}")
