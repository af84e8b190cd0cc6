"""Caches that make `mkdocs serve` rebuild only what an edit changed. Module-level on purpose:
MkDocs creates new plugin instances for every rebuild, but the process (and this module) stays.

Two caches, each keyed by everything its result depends on, so a hit is the same result as
recomputing it:

- **Parsed fact files** (:func:`parsed`): a file's path as shown plus the SHA-1 of its bytes
  -> the :class:`~generator.loader.FactFile` and its problems. Parsing is a pure function of
  those two. One entry per path: an edited file replaces its old entry.
- **Rendered pages** (:class:`PageCache`): a page's final Markdown (after every other
  plugin's ``on_page_markdown``), its source path and URL, the URL of every file of the
  site, and the Markdown settings -> the HTML, table of contents, title and anchors MkDocs'
  ``Page.render`` produced. ``Page.render`` is a pure function of those: it converts the
  Markdown with the configured extensions and rewrites links by looking up the site's files.
  A render that logged a warning is never stored, so a cached page cannot hide a warning
  that ``--strict`` would have failed on.

This module does not import MkDocs; the plugin passes MkDocs' objects in.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import Problem
    from .loader import FactFile

Parsed = tuple["FactFile", list["Problem"]]

_PARSED: dict[str, tuple[str, Parsed]] = {}


def parsed(shown_as: str, raw: bytes, parse: Callable[[bytes, str], Parsed]) -> Parsed:
    """``parse(raw, shown_as)``, or its earlier result for the same path and bytes.

    The result is shared between calls: callers treat fact files as read-only (they do)."""
    digest = hashlib.sha1(raw).hexdigest()
    hit = _PARSED.get(shown_as)
    if hit is not None and hit[0] == digest:
        return hit[1]
    result = parse(raw, shown_as)
    _PARSED[shown_as] = (digest, result)
    return result


def file_digest(shown_as: str) -> str | None:
    """The SHA-1 of a fact file's bytes as last read, or None if it was not read."""
    hit = _PARSED.get(shown_as)
    return hit[0] if hit is not None else None


def clear() -> None:
    """Forget everything (tests; a cold build): parsed files, rendered, themed and scanned
    pages."""
    from . import memo
    from .reuse import OUTPUTS
    from .site_scan import clear_scans

    clear_scans()
    OUTPUTS.clear()
    memo.PAGES.clear()
    _PARSED.clear()
    PAGES.entries.clear()
    PAGES.hits = PAGES.misses = 0


@dataclass(frozen=True)
class Rendered:
    """What ``Page.render`` leaves on a page; links keyed by the target's source path."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None


class WarningCount(logging.Handler):
    """Counts warnings (and worse) logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def site_fingerprint(
    files: Iterable[tuple[str, str]], settings: Iterable[object], *, anchors: bool
) -> str:
    """What every page's HTML depends on besides its own Markdown: each file's source path
    and URL (links are resolved against them) and the Markdown settings."""
    digest = hashlib.sha256()
    for src_uri, url in sorted(files):
        digest.update(f"{src_uri}\0{url}\n".encode())
    for setting in settings:
        digest.update(repr(setting).encode() + b"\n")
    digest.update(b"anchors" if anchors else b"-")
    return digest.hexdigest()


def page_key(site: str, src_uri: str, url: str, markdown: str) -> str:
    """The cache key of one page's render."""
    digest = hashlib.sha256(f"{site}\0{src_uri}\0{url}\0".encode())
    digest.update(markdown.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class PageCache:
    """Rendered pages of the previous builds, by :func:`page_key`."""

    def __init__(self) -> None:
        self.entries: dict[str, Rendered] = {}
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.last = (0, 0)
        """(reused, rendered) pages of the last finished build."""

    def attach(self, page: Any, key: str, find_file: Callable[[str], Any]) -> None:
        """Make ``page.render`` reuse the stored result for ``key``, or store what it makes.

        ``find_file(src_uri)`` gives this build's File for a link target."""
        self.used.add(key)
        stored = self.entries.get(key)
        original = page.render
        if stored is not None:
            self.hits += 1
            page.render = types.MethodType(_restore(stored, find_file), page)
        else:
            self.misses += 1
            page.render = types.MethodType(_remember(self, key, original), page)

    def prune(self) -> None:
        """Keep only what the last build used (bounded memory over a long serve)."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()
        self.last = (self.hits, self.misses)
        self.hits = self.misses = 0


def _restore(stored: Rendered, find_file: Callable[[str], Any]) -> Callable[..., None]:
    def render(page: Any, config: Any, files: Any) -> None:
        page.content = stored.content
        page.toc = copy.deepcopy(stored.toc)
        page._title_from_render = stored.title
        page.present_anchor_ids = set(stored.anchors)
        if stored.links is not None:
            page.links_to_anchors = {
                find_file(src): dict(anchors) for src, anchors in stored.links.items()
            }

    return render


def _remember(cache: PageCache, key: str, original: Callable[..., None]) -> Callable[..., None]:
    def render(page: Any, config: Any, files: Any) -> None:
        counter = WarningCount()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(counter)
        try:
            original(config, files)
        finally:
            logger.removeHandler(counter)
        if counter.count:
            return
        links = page.links_to_anchors
        cache.entries[key] = Rendered(
            page.content,
            copy.deepcopy(page.toc),
            page._title_from_render,
            frozenset(page.present_anchor_ids or ()),
            None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
        )

    return render


PAGES = PageCache()
