"""Validated facts -> Markdown pages: the renderer, its page plan and navigation, labels and
Markdown escaping, charts, and the page-level memo. Imports only :mod:`generator.facts`."""

from generator.render.navigation import navigation
from generator.render.plan import Page
from generator.render.renderer import DEFAULT_TEMPLATES, Renderer

__all__ = ["DEFAULT_TEMPLATES", "Page", "Renderer", "navigation"]
