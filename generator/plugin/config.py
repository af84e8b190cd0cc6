"""The plugin's options in mkdocs.yml (``plugins: [briefing: {...}]``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BriefingConfig(base.Config):
    content = c.Type(str, default="content")
    """Folder of fact files, relative to mkdocs.yml."""
    overrides = c.Optional(c.Type(str))
    """Folder of templates that replace the built-in ones of the same name."""
    words = c.DictOfItems(c.Type(str), default={})
    """What the site calls its parts (``deployments: Police missions``), over the content's
    own ``vocabulary: words:``; the keys are those of the editor's guide."""
    canaries = c.ListOfItems(c.Type(str), default=[])
    """Strings that must never appear in the built site (e.g. a secret planted in a test)."""
    scan = c.Type(bool, default=True)
    """Check the built site (scripts, event handlers, URL schemes, links and anchors, titles,
    canaries) and fail the build on a problem. `briefing build` always checks."""
