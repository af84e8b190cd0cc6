"""Where things are in the built site: each page's URL, each fact's anchor and permalink,
relative to the site's root, and made absolute when the site's own URL is known."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from generator.render.labels import slug
from generator.render.site_index import SiteIndex

_PLAIN = re.compile(r"(?:[\w~%-]+/)*[\w~%-]*(?:#[^#?]*)?", re.ASCII)
"""A URL that joins a base by being written after it: slugs and folders, an anchor; no
scheme, no leading slash, no dot segments, no query."""

PERMALINKS = "id"
"""The folder of the permalinks: ``id/<fact id>/`` leads to wherever the fact is shown."""


@dataclass(frozen=True)
class Addresses:
    """URLs of one build, as MkDocs names its pages (``use_directory_urls``)."""

    index: SiteIndex
    directory_urls: bool = True
    site_url: str | None = None
    """The site's own URL (MkDocs' ``site_url``), for absolute links; None: unknown."""

    def page(self, path: str) -> str:
        """The URL of a generated page ('deployments/x.md') from the site's root:
        'deployments/x/', or 'deployments/x.html' without directory URLs; Home is './'."""
        stem = path.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index")
        else:
            stem += "/"
        return stem or "./"

    def shown_at(self, fact_id: str) -> str:
        """Where a fact is shown now: its page's URL and its anchor."""
        return f"{self.page(self.index.fact_page[fact_id])}#{slug(fact_id)}"

    def permalink_file(self, fact_id: str) -> str:
        """The file of a fact's permalink, in the site."""
        if self.directory_urls:
            return f"{PERMALINKS}/{slug(fact_id)}/index.html"
        return f"{PERMALINKS}/{slug(fact_id)}.html"

    def permalink(self, fact_id: str) -> str:
        """A fact's permalink from the site's root: it keeps leading to the fact when the
        fact moves to another page (a chronology split by month, sources by document)."""
        if self.directory_urls:
            return f"{PERMALINKS}/{slug(fact_id)}/"
        return self.permalink_file(fact_id)

    def from_file(self, file: str, url: str) -> str:
        """``url`` (from the site's root) as a relative link from the site's file ``file``."""
        folder = posixpath.dirname(file)
        up = "../" * (folder.count("/") + 1) if folder else ""
        return up + url.removeprefix("./") if up else url

    def absolute(self, url: str) -> str | None:
        """``url`` (from the site's root) as an absolute URL; None without a site URL."""
        if not self.site_url:
            return None
        base = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        path = url.removeprefix("./")
        # What urljoin makes of such a URL, without its cost (a permalink per fact).
        return base + path if _PLAIN.fullmatch(path) else urljoin(base, url)
