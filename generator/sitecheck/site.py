"""The built site's check as a whole: every page scanned (:mod:`scan`), reusing earlier scans
of the same bytes, links and anchors resolved across pages, canaries searched in every file.

With a :class:`ScanCache` (owned by whoever serves), scans are kept per page by the SHA-1 of
its HTML, so a `mkdocs serve` rebuild rescans only pages that changed, and a page's
cross-page link check is reused while it, the site's files and the anchors of the pages it
links to are unchanged. No MkDocs import.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from generator.errors import Problem
from generator.sitecheck import page as scan
from generator.sitecheck.page import PageScan, ScanPolicy
from generator.sitecheck.source import SourceTags


def scan_key(data: bytes, path: str, policy: ScanPolicy) -> tuple[object, ...]:
    """Everything a page's :class:`PageScan` depends on besides how it is shown."""
    digest = hashlib.sha1(data).hexdigest()
    title, redirect = policy.titles.get(path), policy.redirects.get(path)
    return (digest, tuple(policy.canaries), title, policy.base_path, redirect)


@dataclass
class Checked:
    """One page's cross-page link check, and what it was made from."""

    scanned: PageScan
    structure: str
    targets: frozenset[str]
    """The pages its links lead to: whether they are there (the structure) and their
    anchors are all the check reads of them."""
    problems: list[Problem]


class ScanCache:
    """Pages scanned by earlier builds, and their link checks (`mkdocs serve`)."""

    def __init__(self) -> None:
        self.scanned: dict[tuple[str, str], tuple[tuple[object, ...], PageScan]] = {}
        """(path, shown) -> (:func:`scan_key`, result)."""
        self.checked: dict[str, Checked] = {}
        """Page name -> its last link check; reused while the page is the same scan (an
        object this keeps), the site's files and folders are the same, and no page it links
        to has other anchors."""
        self.anchors: dict[str, frozenset[str]] = {}
        """Page name -> its anchors in the last check."""

    def cached(self, key: tuple[object, ...], path: str, shown: str) -> PageScan | None:
        """The earlier scan of this page with this :func:`scan_key`, if any."""
        hit = self.scanned.get((path, shown))
        return hit[1] if hit is not None and hit[0] == key else None

    def remember(self, key: tuple[object, ...], path: str, result: PageScan) -> None:
        self.scanned[(path, result.shown)] = (key, result)


Pending = Mapping[str, tuple[tuple[object, ...], Callable[[], PageScan]]]
"""Page path -> (the :func:`scan_key` of the HTML handed over, a call giving its scan)."""


def scan_site(
    site: Path,
    policy: ScanPolicy | None = None,
    shown_as: str = "",
    pending: Pending | None = None,
    cache: ScanCache | None = None,
) -> list[Problem]:
    """Every problem of a built site: each HTML page scanned, links and anchors resolved,
    canaries searched in every file, and each page named in ``policy.titles`` present.

    ``shown_as`` names the site folder in problems (the build's final folder, when ``site``
    is a temporary one); it defaults to ``site`` as given. A page's scan is reused from an
    earlier call (or taken from ``pending``, scans started while the site was written) only
    when the bytes on disk are the ones scanned; ``cache`` keeps them for the next call.
    """
    cache = cache if cache is not None else ScanCache()
    policy = policy or ScanPolicy()
    label = (shown_as or site.as_posix()).rstrip("/")
    files, folders = _walk(site)
    problems: list[Problem] = []
    pages: dict[str, PageScan] = {}
    pending = pending or {}
    for name in files:
        data = (site / name).read_bytes()
        shown = f"{label}/{name}"
        if not name.endswith(".html"):
            problems.extend(_canaries(data, policy.canaries, shown))
            continue
        key = scan_key(data, name, policy)
        result = cache.cached(key, name, shown)
        if result is None and name in pending and pending[name][0] == key:
            try:
                result = pending[name][1]()
            except Exception:  # a worker that died: scan here instead
                result = None
            if result is not None and result.shown != shown:
                result = None
        if result is None:
            text = data.decode("utf-8", errors="replace")
            result = scan.scan_page(text, name, policy, shown)
        cache.remember(key, name, result)
        pages[name] = result
        problems.extend(result.problems)
    for name in sorted(set(policy.titles) - set(files)):
        problems.append(
            Problem(f"{label}/{name}", 1, 1, "a generated page was not written to the site")
        )
    structure = hashlib.sha1("\0".join([*files, "", *sorted(folders)]).encode()).hexdigest()
    links = _SiteLinks(site, policy, pages, set(files), folders)
    last = cache.anchors
    moved = {name for name, page in pages.items() if last.get(name, page.ids) != page.ids}
    for name, scanned in pages.items():
        problems.extend(_links_checked(cache, name, scanned, links, structure, moved))
    cache.anchors = {name: page.ids for name, page in pages.items()}
    for gone in set(cache.checked) - set(pages):
        del cache.checked[gone]
    for stale in [k for k in cache.scanned if k[1].startswith(label + "/") and k[0] not in pages]:
        del cache.scanned[stale]
    return sorted(problems)


def _walk(site: Path) -> tuple[list[str], set[str]]:
    """Every file (sorted) and folder of the site, as paths relative to it (os.walk: a site
    of thousands of files is walked in a fraction of pathlib's rglob time)."""
    files: list[str] = []
    folders: set[str] = set()
    for root, dirs, names in os.walk(site):
        relative = os.path.relpath(root, site).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        folders.update(prefix + d for d in dirs)
        files.extend(prefix + n for n in names)
    return sorted(files), folders


def _canaries(data: bytes, canaries: Iterable[str], shown: str) -> list[Problem]:
    """Canaries in a file that is not a page (search index, sitemap, assets)."""
    return [
        Problem(shown, 1, 1, "the canary string is present")
        for canary in canaries
        if canary and canary.encode("utf-8") in data
    ]


def _links_checked(
    cache: ScanCache,
    name: str,
    scanned: PageScan,
    links: _SiteLinks,
    structure: str,
    moved: set[str],
) -> list[Problem]:
    """One page's broken links, reused from the last check while nothing they depend on
    changed (``moved``: the pages whose anchors did)."""
    last = cache.checked.get(name)
    if (
        last is not None
        and last.scanned is scanned
        and last.structure == structure
        and moved.isdisjoint(last.targets)
    ):
        return last.problems
    problems = links.broken(name, scanned)
    cache.checked[name] = Checked(scanned, structure, frozenset(links.targets(scanned)), problems)
    return problems


Fault = Callable[[str], str]
"""What is wrong with a link, given its URL: the problem's message."""


class _SiteLinks:
    """Where the site's links lead, worked out once per target for the whole site (its
    pages share most of their targets): the file a target path names (a folder or the root:
    its index.html), and whether a (target, fragment) leads somewhere."""

    def __init__(
        self,
        site: Path,
        policy: ScanPolicy,
        pages: Mapping[str, PageScan],
        files: set[str],
        folders: set[str],
    ) -> None:
        self.site, self.policy, self.pages = site, policy, pages
        self.files, self.folders = files, folders
        self._page_of: dict[str, str] = {}
        self._faults: dict[scan.Lead, Fault | None] = {}

    def page_of(self, target: str) -> str:
        found = self._page_of.get(target)
        if found is None:
            bare = target.rstrip("/")
            found = target
            if target == "" or target.endswith("/") or bare in self.folders:
                found = posixpath.join(bare, "index.html") if bare else "index.html"
            self._page_of[target] = found
        return found

    def targets(self, scanned: PageScan) -> set[str]:
        """The pages a page's links lead to (as :meth:`fault` resolves them)."""
        return {self.page_of(target) for target, _ in scanned.leads if target is not None}

    def fault(self, lead: scan.Lead) -> Fault | None:
        """What is wrong with links that lead there, or None when nothing is."""
        if lead in self._faults:
            return self._faults[lead]
        target, fragment = lead
        found: Fault | None = None
        if target is None:
            found = lambda url: f"{url!r} leads outside the site"  # noqa: E731
        else:
            page_file = self.page_of(target)
            page = self.pages.get(page_file)
            if page_file not in self.files:
                found = lambda url: f"broken link {url!r}"  # noqa: E731
            elif fragment and page is not None and not ({fragment, unquote(fragment)} & page.ids):
                found = lambda url: f"{url!r}: {page_file} has no anchor '#{fragment}'"  # noqa: E731
        self._faults[lead] = found
        return found

    def broken(self, name: str, scanned: PageScan) -> list[Problem]:
        """Relative URLs of one page that lead to no file, or to a page without that
        anchor, each where it is written (the page is read again for those only)."""
        faults = {lead: fault for lead in scanned.leads if (fault := self.fault(lead))}
        if not faults:
            return []
        try:
            text = (self.site / name).read_bytes().decode("utf-8", errors="replace")
        except OSError:  # gone since it was scanned (a serve rebuild)
            text = ""
        source = SourceTags(text)
        problems = []
        for link, lead in scan.located_links(text, name, self.policy):
            fault = faults.get(lead)
            if fault is not None:
                position = source.position(*link.key)
                problems.append(Problem(scanned.shown, *position, fault(link.url)))
        if not problems:  # changed since it was scanned: say where the links led
            for (target, fragment), fault in faults.items():
                url = f"{target or ''}{'#' if fragment else ''}{fragment}"
                problems.append(Problem(scanned.shown, 1, 1, fault(url)))
        return problems
