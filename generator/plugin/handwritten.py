"""Hand-written pages (the user's docs folder, not the pages the plugin generates): the facts
they cite with ``[@id]``, ``[@a; @b]`` or ``[=id]`` written out by the core
(:mod:`generator.render.shortcodes`), with the same Markdown as generated pages.

A build checks every hand-written page when the facts are ready (``on_config``), before
MkDocs empties the site folder: an unknown id fails it, naming every one at once (file, line
and column) and leaving the last site in place. A serve keeps serving: each problem is
written in its place on the page and said in the terminal. While the facts have problems,
a serve writes the pages with the last good facts.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, get_files
from mkdocs.utils import meta

from generator.errors import Problem, display_path
from generator.render.shortcodes import Shortcodes

preview_log = logging.getLogger("briefing.preview")  # not MkDocs': a strict build ignores it


def first_line(source: str, markdown: str) -> int:
    """The line of ``source`` (a page's file) that ``markdown`` (what MkDocs made of it:
    the front matter taken off) starts on; 1 if it is not the end of the source."""
    for text in (source, source.replace("\r\n", "\n").replace("\r", "\n")):
        if markdown and text.endswith(markdown):
            return text[: len(text) - len(markdown)].count("\n") + 1
    return 1


class HandWritten:
    """The hand-written pages of the current build, and the facts they cite from."""

    def __init__(self) -> None:
        self.shortcodes: Shortcodes | None = None
        """The last good facts' shortcodes (None: no good facts yet)."""
        self.root = Path.cwd()
        """The project's folder: problems name files relative to it."""

    def start(
        self, shortcodes: Shortcodes, config: MkDocsConfig, *, root: Path, serving: bool
    ) -> None:
        """A build with good facts: unless serving, check every hand-written page now."""
        self.shortcodes, self.root = shortcodes, root
        if serving:
            return
        problems: list[Problem] = []
        for file in get_files(config).documentation_pages():
            try:
                source = file.content_string
            except ValueError:  # not UTF-8: MkDocs says so when it reads the page
                continue
            markdown, _ = meta.get_data(source)
            line = first_line(source, markdown)
            problems += shortcodes.problems(markdown, self._shown(file), line)
        if problems:
            raise PluginError(_report(problems))

    def page_markdown(self, markdown: str, page: Any, *, serving: bool) -> str:
        """A hand-written page's Markdown with its shortcodes written out; a generated
        page's as it is."""
        file: File = page.file
        if self.shortcodes is None or file.generated_by is not None:
            return markdown
        line = first_line(file.content_string, markdown) if "[" in markdown else 1
        expanded = self.shortcodes.expand(markdown, file.src_uri, self._shown(file), line)
        if expanded.problems:
            if not serving:  # another plugin's Markdown: the source was checked
                raise PluginError(_report(expanded.problems))
            preview_log.error("%s", _report(expanded.problems))
        return expanded.markdown

    def _shown(self, file: File) -> str:
        """The page's file as problems name it: 'docs/notes.md'."""
        if file.abs_src_path is None:
            return file.src_uri
        return display_path(Path(file.abs_src_path), self.root)


def _report(problems: list[Problem]) -> str:
    lines = [p.format() for p in sorted(problems)]
    count = len(lines)
    found = f"{count} problem{'s' if count != 1 else ''}"
    return (
        "briefing: the fact citations of hand-written pages have problems\n"
        + "\n".join(lines)
        + f"\n{found}"
    )
