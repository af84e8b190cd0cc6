"""briefing: contested facts in YAML -> validated model -> Markdown pages -> MkDocs site.

Data flows one way: :mod:`generator.facts` <- :mod:`generator.render` <- :mod:`generator.pipeline`
<- the shells (:mod:`generator.plugin`, the only package that imports ``mkdocs``;
:mod:`generator.cli`, the only one that imports ``click``; :mod:`generator.scaffold`).
:mod:`generator.sitecheck` checks a built site and imports neither.
"""

from typing import Any

from generator.errors import ContentError, Problem

_LAZY = {
    "Generated": "generator.pipeline",
    "generate": "generator.pipeline",
    "generate_site": "generator.pipeline",
    "load": "generator.pipeline",
    "Page": "generator.render",
    "navigation": "generator.render",
}


def __getattr__(name: str) -> Any:
    """The pipeline's names, imported on first use: a command that only validates facts
    does not load the templates' and publishers' modules (and Jinja, Markdown) for nothing."""
    if name not in _LAZY:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_LAZY[name]), name)


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
