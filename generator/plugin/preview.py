"""What `mkdocs serve` shows while the facts have problems: every page says what is wrong.

The server keeps running; saving a fix brings the briefing back, with no restart.
"""

from __future__ import annotations

from generator.errors import ContentError
from generator.render.markdown_text import escape
from generator.render.renderer import Page


def problem_pages(error: ContentError, last_good: list[Page]) -> list[Page]:
    """Pages at the paths of the last good build (so an open page reloads into the report),
    or a home page alone, each listing every problem with its file:line:column."""
    lines = [
        "# The briefing has problems",
        "",
        "Nothing was rebuilt: fix these and save, and this page reloads with the briefing.",
        "",
    ]
    for problem in error.problems:
        place = f"{problem.path}:{problem.line}:{problem.column}"
        text = f"- **{escape(place)}** {escape(problem.severity)}: {escape(problem.message)}"
        if problem.hint:
            text += f" _{escape('hint: ' + problem.hint)}_"
        lines.append(text)
    count = len(error.problems)
    lines += ["", f"{count} problem{'s' if count != 1 else ''} found.", ""]
    markdown = "\n".join(lines)
    targets = last_good or [Page("index.md", "Home", "")]
    return [Page(p.path, p.title, markdown, p.section) for p in targets]
