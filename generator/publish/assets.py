"""Every file published beside the pages, as one list: what the plugin hands MkDocs and
``briefing render`` writes out."""

from __future__ import annotations

from dataclasses import dataclass

from generator.facts.content import Content
from generator.facts.editions import Editions
from generator.publish.addresses import Addresses
from generator.publish.export import (
    EXPORT_PATH,
    SCHEMA_PATH,
    build_export,
    export_text,
    schema_id,
)
from generator.publish.export_model import schema_text
from generator.publish.feed import FEED_PATH, atom_feed
from generator.publish.permalinks import permalink_stubs
from generator.render.site_index import SiteIndex


@dataclass(frozen=True)
class Asset:
    """A file of the site that is not a page: its path in the site and its text (UTF-8)."""

    path: str
    text: str
    redirect: str | None = None
    """For a permalink: the relative URL its refresh leads to (the site check allows a
    refresh there and nowhere else)."""


def published(
    content: Content,
    index: SiteIndex,
    editions: Editions,
    *,
    directory_urls: bool = True,
    site_url: str | None = None,
    author: str | None = None,
) -> list[Asset]:
    """The export and its schema, the feed and the permalinks, in that order (each
    permalink by fact id). ``site_url`` makes links absolute; ``author`` is the feed's."""
    addresses = Addresses(index, directory_urls, site_url or None)
    developments = editions.developments
    export = build_export(content, developments, addresses)
    assets = [
        Asset(EXPORT_PATH, export_text(export)),
        Asset(SCHEMA_PATH, schema_text(schema_id(addresses))),
        Asset(FEED_PATH, atom_feed(content, addresses, author, editions.changes)),
    ]
    assets += [Asset(s.path, s.html, s.target) for s in permalink_stubs(content, addresses)]
    return assets
