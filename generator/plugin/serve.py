"""What one `mkdocs serve` keeps from a rebuild to the next, owned by the plugin object.

MkDocs keeps a plugin that defines ``on_startup`` as one object for the whole serve (its
plugin cache), so this state lives on that object and ends with it; a single build has none.
Every cache is keyed by everything its result is made from, so a rebuild through them is
byte-identical to a clean one (tests/plugin/test_incremental.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import jinja2

from generator.errors import ContentError
from generator.pipeline import Session
from generator.plugin import internals
from generator.plugin.kept import KeptFiles
from generator.plugin.outputs import TEMPLATE, TEMPLATE_SOURCE, CompiledTemplates, OutputCache
from generator.plugin.preview import problem_pages
from generator.render import Page

log = logging.getLogger("mkdocs.plugins.briefing")
preview_log = logging.getLogger("briefing.preview")  # not MkDocs': a strict build ignores it


@dataclass
class ServeState:
    """The caches of one serve, from fact files to the theme's output."""

    shortcuts: bool = True
    """Whether the installed MkDocs and Material are those :mod:`internals` was written for."""
    session: Session = field(default_factory=Session)
    """Parsed fact files, each page's Markdown, the renderers (:mod:`generator.pipeline`)."""
    html: internals.RenderCache = field(default_factory=internals.RenderCache)
    """Each page's HTML by its final Markdown (used only with ``shortcuts``)."""
    outputs: OutputCache = field(default_factory=OutputCache)
    """Each page's theme output and search entries."""
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)
    """The theme's templates, compiled once per serve."""
    kept: KeptFiles = field(default_factory=KeptFiles)
    """The published files the last build wrote, left in place when unchanged."""
    last_good: list[Page] = field(default_factory=list)
    """The pages of the last build whose facts were good (shown again, as reports, while
    an edit breaks them)."""

    def problem_pages(self, error: ContentError) -> list[Page]:
        """While the facts have problems: say so in the terminal, and show them on the pages
        of the last good build (an open page reloads into the report)."""
        preview_log.error("briefing: the facts have problems\n%s", error.report())
        return problem_pages(error, self.last_good)

    def page_markdown(self, page: Any, markdown: str, config: Any, files: Any) -> None:
        if self.shortcuts:
            self.html.page_markdown(page, markdown, config, files)

    def theme_env(self, env: jinja2.Environment, config: Any, files: Any) -> None:
        """Last in ``on_env``: the theme renders reused pages from the output cache."""
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({TEMPLATE: TEMPLATE_SOURCE}), env.loader]  # type: ignore[list-item]
        )
        env.bytecode_cache = self.compiled
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        if self.outputs.start(config, pages) and self.shortcuts:
            internals.wrap_search(config, self.outputs)

    def finish(self) -> None:
        """The build wrote the site: keep what it used, forget the rest."""
        self.html.finish()
        self.outputs.finish()
        log.debug("pages rendered %d, reused %d", *reversed(self.html.last))
        log.debug("theme outputs reused %d, rendered %d", *self.outputs.last)
