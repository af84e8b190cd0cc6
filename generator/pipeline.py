"""The one entry point: content folder -> validated facts -> pages, all in memory.

Plugin and CLI both call :func:`generate`; neither does anything the other cannot.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .content import Content
from .errors import ContentError, display_path
from .loader import load_content
from .render import Page, Renderer
from .template_errors import template_problem
from .validate import build_content


def load(content_dir: Path, root: Path | None = None) -> Content:
    """Load and validate; raise :class:`ContentError` with every problem found."""
    files, problems = load_content(content_dir, root)
    shown = display_path(content_dir, root)
    content, more = build_content(files, content_dir, complete=not problems, shown_as=shown)
    problems.extend(more)
    if problems or content is None:
        raise ContentError(problems)
    return content


@functools.lru_cache(maxsize=8)
def _renderer(overrides: Path | None, directory_urls: bool, memoise: bool) -> Renderer:
    """One renderer per settings for the process: its Jinja environment keeps compiled
    templates across `mkdocs serve` rebuilds (and reloads a template whose file changed)."""
    return Renderer(overrides, directory_urls=directory_urls, memoise=memoise)


def generate(
    content_dir: Path,
    overrides: Path | None = None,
    root: Path | None = None,
    *,
    directory_urls: bool = True,
    memoise: bool = False,
) -> list[Page]:
    """Every page of the briefing, rendered to Markdown, in navigation order.

    ``directory_urls`` says how the site builder names pages (MkDocs' setting of that
    name), for links in charts that the builder does not rewrite. ``memoise`` reuses the
    Markdown of pages whose inputs did not change since the last call (`mkdocs serve`)."""
    content = load(content_dir, root)
    try:
        return _renderer(overrides, directory_urls, memoise).render(content)
    except Exception as exc:
        # A template failing is the author's to fix: report its file and line, no traceback.
        problem = template_problem(exc, root)
        if problem is None:
            raise
        raise ContentError([problem]) from None
