"""briefing: contested facts in YAML -> validated model -> Markdown pages -> MkDocs site.

Data flows one way: :mod:`generator.facts` <- :mod:`generator.render` <- :mod:`generator.pipeline`
<- the shells (:mod:`generator.plugin`, the only package that imports ``mkdocs``;
:mod:`generator.cli`, the only one that imports ``click``; :mod:`generator.scaffold`).
:mod:`generator.sitecheck` checks a built site and imports neither.
"""

from generator.errors import ContentError, Problem
from generator.pipeline import Generated, generate, generate_site, load
from generator.render import Page, navigation

__all__ = [
    "ContentError",
    "Generated",
    "Page",
    "Problem",
    "generate",
    "generate_site",
    "load",
    "navigation",
]
