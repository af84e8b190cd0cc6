"""The site's nav: the generated pages' and the hand-written ones, or the user's own.

With no ``nav:`` in mkdocs.yml it is the generated nav (:func:`generator.render.navigation`)
followed by the hand-written pages, nested by folder as MkDocs nests them (pages matching
``not_in_nav`` left out). A user's ``nav:`` is kept as written and may list generated pages
under titles of its own; the generated pages it leaves out are still built (other pages link
to them) and are not reported as missing from the nav: a large briefing has thousands.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from mkdocs.structure.files import File, InclusionLevel, file_sort_key
from mkdocs.utils import nest_paths


def listed(nav: Any) -> dict[str, str | None]:
    """Each path a ``nav:`` lists -> the title it gives (None: the page's own), the first
    one where a path is listed twice (as MkDocs makes one page of it)."""
    found: dict[str, str | None] = {}

    def walk(item: Any, title: str | None = None) -> None:
        if isinstance(item, str):
            found.setdefault(PurePath(item.lstrip("/")).as_posix(), title)
        elif isinstance(item, list):
            for entry in item:
                walk(entry)
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, str(key) if isinstance(value, str) else None)

    walk(nav)
    return found


def with_hand_written(generated: list[Any], files: Iterable[File], ours: set[str]) -> list[Any]:
    """The generated nav, then every other page (not in ``ours``) that is in the nav by
    MkDocs' rules (``not_in_nav``, ``exclude_docs``), as MkDocs would list them."""
    pages = sorted(
        (
            f
            for f in files
            if f.src_uri not in ours and f.is_documentation_page() and f.inclusion.is_in_nav()
        ),
        key=file_sort_key,
    )
    return [*generated, *nest_paths(f.src_uri for f in pages)]


def leave_out(generated: dict[str, File], nav: dict[str, str | None]) -> None:
    """Mark the generated pages a user's nav does not list as meant to be left out of it."""
    for path, file in generated.items():
        if path not in nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
