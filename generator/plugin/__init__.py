"""The MkDocs shell: the only package that imports ``mkdocs``.

:mod:`.plugin` adapts MkDocs' events to the core; :mod:`.config` holds its options;
:mod:`.build` is the atomic ``briefing build``; :mod:`.serve`, :mod:`.outputs` and
:mod:`.scanning` are the objects a plugin owns while serving and checking; whatever reaches
into MkDocs' or Material's private parts is in :mod:`.internals`.
"""

from generator.plugin.plugin import BriefingPlugin

__all__ = ["BriefingPlugin"]
