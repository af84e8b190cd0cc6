"""During `mkdocs serve`, reuse what the theme made of a page that did not change.

After an edit, MkDocs renders every page through the theme again (its whole navigation on
each page) and indexes every page for search: at 1,000 pages that is most of a rebuild,
and nearly all of it makes the same bytes as the build before. This keeps, per page, the
theme's output (before any ``on_post_page``) and the search entries it produced, keyed by
everything they are made from:

- the build: the ``mkdocs.yml`` file's bytes, the theme's settings and ``extra``, the
  plugins, the theme's template folders (those outside installed packages by every file's
  size and mtime), and every page's URL, title and front matter but its tags (Material's
  navigation and previous/next links are made from these);
- the page: its source path, URL, title, front matter (its tags, whose links lead to the
  listing), HTML content (after every plugin's ``on_env``: Material's tags listings are
  written in there) and table of contents.

A reused page is rendered through a one-line template (by the ``template`` front-matter
key MkDocs already honours) that prints the stored output; every ``on_page_context`` and
``on_post_page`` still runs. A theme render that logged a warning is never stored. It is
on only while serving, and only with plugins known not to add anything else to a page:
any other plugin turns it off. tests/plugin/test_incremental.py proves a rebuild through it is
byte-identical to a clean one.

The plugin owns the cache (one per serve) and passes MkDocs' objects in; Material's search
index is routed through it by :func:`generator.plugin.internals.wrap_search`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2


class WarningCount(logging.Handler):
    """Counts warnings (and worse) logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


TEMPLATE = "briefing/reused-page.html"
"""The theme template of a reused page: it prints the stored output, nothing else."""
TEMPLATE_SOURCE = "{{ briefing_reused_output }}"
CONTEXT_KEY = "briefing_reused_output"

SAFE_PLUGINS = frozenset(
    {
        "briefing",
        "search",
        "material/search",
        "tags",
        "material/tags",
        "offline",
        "material/offline",
    }
)
"""Plugins whose page context is made only from what the keys hold."""

_INSTALLED = Path(sysconfig.get_paths()["purelib"]).resolve()


@dataclass
class Stored:
    output: str
    search: list[dict[str, Any]] | None


@dataclass
class Pending:
    """A page being built this time: its key, and what is known of it so far."""

    key: str
    reused: Stored | None
    meta_template: tuple[bool, Any] = (False, None)
    search: list[dict[str, Any]] | None = None
    warnings: Any = None


@dataclass
class OutputCache:
    """Theme outputs and search entries of the previous build, by page key."""

    entries: dict[str, Stored] = field(default_factory=dict)
    pages: dict[str, Pending] = field(default_factory=dict)
    """This build's pages, by source path."""
    hits: int = 0
    misses: int = 0
    last: tuple[int, int] = (0, 0)
    """(reused, rendered) pages of the last finished build."""

    def start(self, config: Any, pages: Iterable[Any]) -> bool:
        """Key this build's pages, and mark those whose output is stored as reused.
        Returns False (and does nothing) when the build has a plugin not known to be safe."""
        self.pages = {}
        if not set(config.plugins) <= SAFE_PLUGINS:
            return False
        pages = list(pages)
        build = build_fingerprint(config, pages)
        for page in pages:
            key = page_fingerprint(build, page)
            stored = self.entries.get(key)
            pending = Pending(key, stored)
            if stored is not None:
                pending.meta_template = ("template" in page.meta, page.meta.get("template"))
                page.meta["template"] = TEMPLATE
            self.pages[page.file.src_uri] = pending
        return True

    def before_render(self, page: Any, context: dict[str, Any]) -> None:
        """First in ``on_page_context``: give a reused page its output, put its front
        matter back as it was; count warnings logged while the theme renders any other."""
        pending = self.pages.get(page.file.src_uri)
        if pending is None:
            return
        if pending.reused is not None:
            had, value = pending.meta_template
            if had:
                page.meta["template"] = value
            else:
                page.meta.pop("template", None)
            context[CONTEXT_KEY] = pending.reused.output
        else:
            pending.warnings = WarningCount()
            logging.getLogger("mkdocs").addHandler(pending.warnings)

    def after_render(self, page: Any, output: str) -> None:
        """First in ``on_post_page``: store the theme's output of a page rendered afresh."""
        pending = self.pages.get(page.file.src_uri)
        if pending is None:
            return
        if pending.reused is not None:
            self.hits += 1
            return
        self.misses += 1
        warned = True
        if pending.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(pending.warnings)
            warned = pending.warnings.count > 0
        if not warned:
            self.entries[pending.key] = Stored(output, pending.search)

    def index_search(self, page: Any, index: Any, add: Any) -> None:
        """Material's ``SearchIndex.add_entry_from_context``, through the cache."""
        pending = self.pages.get(page.file.src_uri)
        stored = pending.reused if pending is not None else None
        if stored is not None and stored.search is not None:
            index.entries.extend(_copy_entries(stored.search))
            return
        before = len(index.entries)
        add(page)
        if pending is not None:
            pending.search = _copy_entries(index.entries[before:])

    def finish(self) -> None:
        """Keep only what this build used (bounded memory over a long serve)."""
        used = {p.key for p in self.pages.values()}
        self.entries = {k: v for k, v in self.entries.items() if k in used}
        self.pages = {}
        self.last = (self.hits, self.misses)
        self.hits = self.misses = 0

    def abort(self) -> None:
        """A build that failed: detach the warning counters it left, keep the stored pages
        (each is what its key says, whatever became of the build)."""
        for pending in self.pages.values():
            if pending.warnings is not None:
                logging.getLogger("mkdocs").removeHandler(pending.warnings)
        self.pages = {}
        self.hits = self.misses = 0

    def clear(self) -> None:
        self.entries.clear()
        self.pages = {}
        self.hits = self.misses = 0
        self.last = (0, 0)


def build_fingerprint(config: Any, pages: list[Any]) -> str:
    """What every page's theme output depends on besides the page itself."""
    digest = hashlib.sha256()
    path = config.config_file_path
    digest.update(Path(path).read_bytes() if path and os.path.isfile(path) else b"-")
    for value in (
        config.site_url,
        config.use_directory_urls,
        sorted(config.plugins),
        dict(config.theme.items()) if hasattr(config.theme, "items") else config.theme,
        config.extra,
        [_version(name) for name in ("mkdocs", "mkdocs-material")],
    ):
        digest.update(repr(value).encode() + b"\n")
    for folder in getattr(config.theme, "dirs", []):
        digest.update(_folder_state(Path(folder)).encode())
    for page in pages:
        # Other pages' tags show only on them and on the listing (whose content is keyed).
        meta = {k: v for k, v in page.meta.items() if k != "tags"}
        digest.update(repr((page.file.src_uri, page.url, page.title, meta)).encode())
    return digest.hexdigest()


def page_fingerprint(build: str, page: Any) -> str:
    digest = hashlib.sha256(build.encode())
    digest.update(repr((page.file.src_uri, page.url, page.title, page.meta)).encode())
    digest.update((page.content or "").encode("utf-8", "surrogatepass"))
    digest.update(repr(_toc(page.toc)).encode())
    return digest.hexdigest()


def _copy_entries(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Search entries are flat dicts of text (tags a list of text): cheaper than deepcopy."""
    return [
        {k: list(v) if isinstance(v, list) else v for k, v in entry.items()} for entry in entries
    ]


def _toc(items: Iterable[Any]) -> list[Any]:
    return [(item.title, item.url, item.level, _toc(item.children)) for item in items or ()]


def _folder_state(folder: Path) -> str:
    """A template folder's files by size and mtime; an installed package's by its path
    (it does not change while the server runs)."""
    resolved = folder.resolve()
    if resolved.is_relative_to(_INSTALLED):
        return f"{resolved}\n"
    lines = [str(resolved)]
    for root, _, names in sorted(os.walk(resolved)):
        for name in sorted(names):
            try:
                stat = os.stat(os.path.join(root, name))
            except OSError:  # gone while walking: an edit under way, the next build sees it
                lines.append(f"{root}/{name}\0gone")
                continue
            lines.append(f"{root}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(lines) + "\n"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per serve, not once per rebuild (MkDocs makes a
    new Jinja environment for each). Jinja checks each entry against the template's source."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
