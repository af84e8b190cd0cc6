"""Everything that reaches into MkDocs' or Material's private parts, in one place.

Three things here depend on how MkDocs and Material work inside, not on their documented
interfaces:

- :class:`RenderCache`: while serving, a page whose final Markdown and site did not change
  gets the HTML, table of contents, title and anchors ``Page.render`` made of it last time,
  by replacing that page's ``render`` (which writes ``Page._title_from_render``,
  ``present_anchor_ids`` and ``links_to_anchors``).
- :func:`wrap_search`: Material's search index is asked for a page's entries through the
  theme-output cache (:class:`~generator.plugin.outputs.OutputCache`).
- :func:`name_search_dialog`: Material's search dialog gets the accessible name it lacks
  (axe: aria-dialog-name), by a string patch of its HTML.

Each is written for the versions in :data:`WRITTEN_FOR`; :func:`unsupported` says when the
installed ones differ, and the plugin then leaves all three off (one INFO line) and builds
the same site, only without those shortcuts.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from generator.plugin.outputs import OutputCache, WarningCount

WRITTEN_FOR: Mapping[str, tuple[str, ...]] = types.MappingProxyType(
    {"mkdocs": ("1.6",), "mkdocs-material": ("9.7", "9.8")}
)
"""Package -> the release series (major.minor) this module was written and tested for."""

READS_FILES = frozenset({"pymdownx.snippets", "markdown_include.include"})
"""Markdown extensions that read other files: a page's Markdown no longer says all it shows."""

SEARCH_DIALOG = 'data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAMED = 'data-md-component="search" role="dialog" aria-label="Search">'


def installed_versions() -> dict[str, str | None]:
    """The installed version of each package in :data:`WRITTEN_FOR` (None: not installed)."""
    found: dict[str, str | None] = {}
    for name in WRITTEN_FOR:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def unsupported(versions: Mapping[str, str | None]) -> str | None:
    """Why the shortcuts must stay off with these versions, or None when they are the ones
    this module was written for."""
    for name, series in WRITTEN_FOR.items():
        version = versions.get(name)
        if version is None or not any(version == s or version.startswith(s + ".") for s in series):
            return f"{name} {version or '(not installed)'}, written for {', '.join(series)}.x"
    return None


def name_search_dialog(output: str) -> str:
    """Material's search dialog with an accessible name."""
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG_NAMED, 1)


def wrap_search(config: Any, outputs: OutputCache) -> None:
    """Route Material's search indexing of each page through ``outputs``."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        index = getattr(plugin, "search_index", None)
        add = getattr(index, "add_entry_from_context", None)
        if index is None or add is None or not isinstance(getattr(index, "entries", None), list):
            continue
        index.add_entry_from_context = lambda page, index=index, add=add: outputs.index_search(
            page, index, add
        )


@dataclass(frozen=True)
class Rendered:
    """What ``Page.render`` leaves on a page; links keyed by the target's source path."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None


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


class RenderCache:
    """Rendered pages of the previous serve builds, by :func:`page_key`.

    ``Page.render`` is a pure function of a page's final Markdown (after every plugin's
    ``on_page_markdown``), its source path and URL, the URL of every file of the site and
    the Markdown settings. A render that logged a warning is never stored, so a reused page
    cannot hide a warning that ``--strict`` would have failed on."""

    def __init__(self) -> None:
        self.entries: dict[str, Rendered] = {}
        self.used: set[str] = set()
        self.site_key = ""
        """This build's :func:`site_fingerprint` (computed at its first page)."""
        self.hits = 0
        self.misses = 0
        self.last = (0, 0)
        """(reused, rendered) pages of the last finished build."""

    def page_markdown(self, page: Any, markdown: str, config: Any, files: Any) -> None:
        """Last in ``on_page_markdown``: make this page's render reuse or store its result."""
        if READS_FILES & {str(e) for e in config.markdown_extensions}:
            return  # an extension that reads other files: the key cannot cover them
        if not self.site_key:
            self.site_key = site_fingerprint(
                ((f.src_uri, f.url) for f in files),
                (
                    config.markdown_extensions,
                    config.mdx_configs,
                    config.use_directory_urls,
                    dict(config.validation),  # decides which renders warn (never kept)
                ),
                # MkDocs collects anchors only when its page log is not at DEBUG.
                anchors=logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()
                > logging.DEBUG,
            )
        key = page_key(self.site_key, page.file.src_uri, page.file.url, markdown)
        self.attach(page, key, files.get_file_from_path)

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

    def finish(self) -> None:
        """Keep only what the last build used (bounded memory over a long serve)."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()
        self.site_key = ""
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


def _remember(cache: RenderCache, key: str, original: Callable[..., None]) -> Callable[..., None]:
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
