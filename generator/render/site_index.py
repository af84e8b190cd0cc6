"""Where each fact is shown, what each page is called and each document's number: the
index every page of one render shares."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field


@dataclass
class SiteIndex:
    """Where each fact is shown and what each page is called; shared by every page."""

    fact_page: dict[str, str]
    page_titles: dict[str, str]
    document_number: dict[str, int]
    evidence_page: dict[str, str] = field(default_factory=dict)
    """Fact id -> the page of its document's evidence, when the sources are split."""
    document_page: dict[str, str] = field(default_factory=dict)
    """Document id -> the page of its evidence, when the sources are split."""
    links: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    """Links worked out so far, by (target, folder): every page links the same few pages,
    and ``posixpath.relpath`` is slow."""

    def relative(self, target: str, folder: str) -> str:
        """The link to page ``target`` from a page in ``folder`` ('.': the top)."""
        found = self.links.get((target, folder))
        if found is None:
            found = self.links[target, folder] = posixpath.relpath(target, folder)
        return found
