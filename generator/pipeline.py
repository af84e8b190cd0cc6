"""The one entry point: content folder -> validated facts -> pages, all in memory.

Plugin and CLI both call :func:`generate_site` (the pages and the files published beside
them; :func:`generate`, the pages alone); neither does anything the other cannot. What a
serve keeps between rebuilds is a :class:`Session` its caller owns and passes in.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import ContentError, Problem
from generator.facts.content import Content
from generator.facts.loader import Parsing
from generator.facts.parse_cache import ParseCache
from generator.facts.validate import load
from generator.facts.vocabulary import unknown_words
from generator.publish import Asset, published
from generator.render.memo import Memo
from generator.render.renderer import Page, Renderer
from generator.render.shortcodes import Shortcodes
from generator.render.site import Site, build_site
from generator.render.template_errors import template_problem


@dataclass
class Session:
    """What `mkdocs serve` keeps from one rebuild to the next: parsed fact files, each
    page's Markdown (reused while nothing it is made from changed) and the renderers, whose
    Jinja environments keep compiled templates (and reload a template whose file changed)."""

    parsed: Parsing = field(default_factory=ParseCache)
    memo: Memo | None = None
    renderers: dict[tuple[Path | None, bool], Renderer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.memo is None:
            self.memo = Memo(self.parsed.file_digest)

    def renderer(self, overrides: Path | None, directory_urls: bool) -> Renderer:
        key = (overrides, directory_urls)
        if key not in self.renderers:
            self.renderers[key] = Renderer(overrides, directory_urls=directory_urls, memo=self.memo)
        return self.renderers[key]


@dataclass(frozen=True)
class Generated:
    """What one generation makes: the pages, and the files published beside them."""

    pages: list[Page]
    """Every page, rendered to Markdown, in navigation order."""
    files: list[Asset]
    """The data export and its schema, the feed, a permalink per fact (:mod:`publish`)."""
    shortcodes: Shortcodes
    """Writes out the facts hand-written pages cite (``[@id]``), linking these pages."""


def generate_site(
    content_dir: Path,
    overrides: Path | None = None,
    root: Path | None = None,
    *,
    directory_urls: bool = True,
    session: Session | None = None,
    site_url: str | None = None,
    author: str | None = None,
    words: Mapping[str, str] | None = None,
) -> Generated:
    """Every page (as :func:`generate`) and every file published beside them.

    ``site_url`` (MkDocs' setting) makes the feed's and the export's links absolute;
    without it they are relative to the site's root. ``author`` is the feed's (MkDocs'
    ``site_author``). ``words`` rename the site's parts over the content's own
    (``vocabulary: words:``), as the plugin's ``words`` option does."""
    with _no_cycle_collection():
        content, site, pages = _render(content_dir, overrides, root, directory_urls, session, words)
        files = published(
            content,
            site.index,
            site.editions,
            directory_urls=directory_urls,
            site_url=site_url,
            author=author,
        )
    shortcodes = Shortcodes(content, site.index, site.developments, directory_urls=directory_urls)
    return Generated(pages, files, shortcodes)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a generation runs: nearly everything it makes
    lives on (the facts, the pages), so each collection walks them for nothing; about a
    tenth of the generator's time at 10k claims. Resumed as it was, whatever happens."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def generate(
    content_dir: Path,
    overrides: Path | None = None,
    root: Path | None = None,
    *,
    directory_urls: bool = True,
    session: Session | None = None,
    words: Mapping[str, str] | None = None,
) -> list[Page]:
    """Every page of the briefing, rendered to Markdown, in navigation order.

    ``directory_urls`` says how the site builder names pages (MkDocs' setting of that
    name), for links in charts that the builder does not rewrite. With a ``session``,
    whatever did not change since its last call is reused (`mkdocs serve`); without one,
    everything is made afresh and nothing is kept."""
    with _no_cycle_collection():
        return _render(content_dir, overrides, root, directory_urls, session, words)[2]


def _render(
    content_dir: Path,
    overrides: Path | None,
    root: Path | None,
    directory_urls: bool,
    session: Session | None,
    words: Mapping[str, str] | None = None,
) -> tuple[Content, Site, list[Page]]:
    content = load(content_dir, root, session.parsed if session else None)
    if words:
        unknown = unknown_words(words)
        if unknown:
            raise ContentError(
                [
                    Problem(
                        "mkdocs.yml", 1, 1, f"unknown word '{key}' in the plugin's 'words'", hint
                    )
                    for key, hint in unknown
                ]
            )
        content = replace(content, vocabulary=content.vocabulary.with_words(words))
    if session is None:
        renderer = Renderer(overrides, directory_urls=directory_urls)
    else:
        renderer = session.renderer(overrides, directory_urls)
    site = build_site(content)
    try:
        return content, site, renderer.render(content, site)
    except Exception as exc:
        # A template failing is the author's to fix: report its file and line, no traceback.
        problem = template_problem(exc, root)
        if problem is None:
            raise
        raise ContentError([problem]) from None
