"""Parsed fact files kept between loads of the same folder (`mkdocs serve`'s rebuilds).

A file's parse is a pure function of its bytes and the path it is shown as, so the key is
that path and the SHA-1 of the bytes: a hit is the same result as parsing again. One entry
per path: an edited file replaces its old entry. Whoever serves owns the cache and passes
it to :func:`generator.facts.loader.load_content`; a single build parses every file once
and keeps nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Generic, TypeVar

Parsed = TypeVar("Parsed")


class ParseCache(Generic[Parsed]):
    """Parsed fact files by the path they are shown as, each with the SHA-1 of its bytes."""

    def __init__(self, entries: dict[str, tuple[str, Parsed]] | None = None) -> None:
        self.entries: dict[str, tuple[str, Parsed]] = entries or {}
        self.read: set[str] = set()
        """The paths asked for since this cache was made."""
        self.changed = False
        """Whether some file was parsed (not found, or its bytes were new)."""

    def parsed(self, shown_as: str, raw: bytes, parse: Callable[[bytes, str], Parsed]) -> Parsed:
        """``parse(raw, shown_as)``, or its earlier result for the same path and bytes.

        The result is shared between calls: callers treat fact files as read-only (they do)."""
        digest = hashlib.sha1(raw).hexdigest()
        self.read.add(shown_as)
        hit = self.entries.get(shown_as)
        if hit is not None and hit[0] == digest:
            return hit[1]
        self.changed = True
        result = parse(raw, shown_as)
        self.entries[shown_as] = (digest, result)
        return result

    def file_digest(self, shown_as: str) -> str | None:
        """The SHA-1 of a fact file's bytes as last read, or None if it was not read."""
        hit = self.entries.get(shown_as)
        return hit[0] if hit is not None else None
