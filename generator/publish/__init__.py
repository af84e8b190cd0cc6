"""The files published beside the pages, for others to reuse: the data export and its
schema, the Atom feed of editions and a permalink per fact. Made from the validated content
and the site index; imports :mod:`generator.facts`, :mod:`generator.render` (where each fact
is shown, how facts read) and :mod:`generator.sitecheck.csp` (the stubs' policy)."""

from generator.publish.addresses import PERMALINKS
from generator.publish.assets import Asset, published

__all__ = ["PERMALINKS", "Asset", "published"]
