"""briefing: contested facts in YAML -> validated model -> Markdown pages -> MkDocs site.

The core (loader, validate, render, pipeline) imports neither ``mkdocs`` nor ``click``;
:mod:`generator.plugin` and :mod:`generator.cli` are thin shells over :func:`generate`.
"""

from .errors import ContentError, Problem
from .pipeline import generate, load
from .render import Page, navigation

__all__ = ["ContentError", "Page", "Problem", "generate", "load", "navigation"]
