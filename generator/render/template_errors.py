"""A failure inside a page template, turned into a :class:`Problem` at the template's line.

Jinja rewrites tracebacks so that template code shows as frames of the template file; the
last such frame is where the template failed, whatever the exception (a syntax error, an
undefined name, a helper refusing a value).
"""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from generator.errors import Problem, display_path

TEMPLATE_SUFFIX = ".j2"


def template_problem(exc: BaseException, root: Path | None = None) -> Problem | None:
    """Where and why a template failed, or None when no template was involved."""
    filename: str | None = None
    line = 1
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        filename, line = exc.filename, exc.lineno or 1
    else:
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename.endswith(TEMPLATE_SUFFIX):
                filename, line = frame.filename, frame.lineno or 1
    if filename is None:
        return None
    if isinstance(exc, jinja2.TemplateError):
        message = exc.message or type(exc).__name__
    else:
        message = f"{type(exc).__name__}: {exc}"
    return Problem(
        display_path(Path(filename), root),
        line,
        1,
        f"template error: {message}",
        "fix the template, or remove the override to use the built-in one",
    )
