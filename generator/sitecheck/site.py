"""The built site's check as a whole: every page scanned (:mod:`scan`), reusing earlier scans
of the same bytes, links and anchors resolved across pages, canaries searched in every file.

With a :class:`ScanCache` (owned by whoever serves), scans are kept per page by the SHA-1 of
its HTML, so a `mkdocs serve` rebuild rescans only pages that changed, and a page's
cross-page link check is reused while it, the site's files and the pages it links to are
unchanged. No MkDocs import.
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
    targets: dict[str, PageScan | None]
    problems: list[Problem]


class ScanCache:
    """Pages scanned by earlier builds, and their link checks (`mkdocs serve`)."""

    def __init__(self) -> None:
        self.scanned: dict[tuple[str, str], tuple[tuple[object, ...], PageScan]] = {}
        """(path, shown) -> (:func:`scan_key`, result)."""
        self.checked: dict[str, Checked] = {}
        """Page name -> its last link check; reused while the page, the site's files and
        folders, and every page it links to are the same scans (objects this keeps)."""

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
    listed = set(files)
    structure = hashlib.sha1("\0".join([*files, "", *sorted(folders)]).encode()).hexdigest()
    page_of = _PageOf(folders)
    for name, scanned in pages.items():
        found = _links_checked(cache, site, name, scanned, pages, listed, page_of, structure)
        problems.extend(found)
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
    site: Path,
    name: str,
    scanned: PageScan,
    pages: Mapping[str, PageScan],
    files: set[str],
    page_of: _PageOf,
    structure: str,
) -> list[Problem]:
    last = cache.checked.get(name)
    if (
        last is not None
        and last.scanned is scanned
        and last.structure == structure
        and all(pages.get(t) is page for t, page in last.targets.items())
    ):
        return last.problems
    problems = _broken_links(site, name, scanned, pages, files, page_of)
    targets = {t: pages.get(t) for t in _targets(scanned, page_of)}
    cache.checked[name] = Checked(scanned, structure, targets, problems)
    return problems


class _PageOf:
    """The file a link's target path names (a folder or the root: its index.html), worked
    out once per path for the whole site (its pages share most of their targets)."""

    def __init__(self, folders: set[str]) -> None:
        self.folders = folders
        self.found: dict[str, str] = {}

    def __call__(self, target: str) -> str:
        found = self.found.get(target)
        if found is None:
            bare = target.rstrip("/")
            found = target
            if target == "" or target.endswith("/") or bare in self.folders:
                found = posixpath.join(bare, "index.html") if bare else "index.html"
            self.found[target] = found
        return found


def _targets(scanner: PageScan, page_of: _PageOf) -> set[str]:
    """The pages a page's links lead to (as :func:`_broken_links` resolves them)."""
    found: set[str] = set()
    for _, verdict, target, _ in scanner.links:
        if verdict == "external" or verdict == "outside" or target is None:
            continue
        found.add(page_of(target))
    return found


def _broken_links(
    site: Path,
    name: str,
    scanner: PageScan,
    pages: Mapping[str, PageScan],
    files: set[str],
    page_of: _PageOf,
) -> list[Problem]:
    """Relative URLs of one page that lead to no file, or to a page without that anchor."""
    problems: list[Problem] = []
    source: SourceTags | None = None
    for link, verdict, target, fragment in scanner.links:
        if verdict == "external":
            continue
        if verdict == "outside" or target is None:
            message = f"{link.url!r} leads outside the site"
        else:
            target = page_of(target)
            page = pages.get(target)
            if target not in files:
                message = f"broken link {link.url!r}"
            elif fragment and page is not None and not ({fragment, unquote(fragment)} & page.ids):
                message = f"{link.url!r}: {target} has no anchor '#{fragment}'"
            else:
                continue
        source = source or _source(site / name)
        problems.append(Problem(scanner.shown, *source.position(*link.key), message))
    return problems


def _source(page: Path) -> SourceTags:
    """A page's text read for the positions of its broken links (read as it was scanned)."""
    try:
        return SourceTags(page.read_bytes().decode("utf-8", errors="replace"))
    except OSError:  # gone since it was scanned (a serve rebuild): positions are 1:1
        return SourceTags("")
