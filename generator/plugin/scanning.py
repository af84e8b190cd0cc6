"""The built-site check, run by the plugin: pages scanned as MkDocs writes them, the site
checked as a whole once it is written.

Each page is scanned in a worker process while MkDocs renders the next ones; its result is
used only if the file on disk is the page scanned (:func:`generator.sitecheck.site.scan_site`
scans any other itself). The worker and the scans kept between serve rebuilds belong to the
plugin object's :class:`SiteScanner`.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import Problem, display_path
from generator.sitecheck.page import (
    Lead,
    PageScan,
    ScanPolicy,
    page_policy,
    scan_page,
    watch_parent,
)
from generator.sitecheck.site import ScanCache, scan_key, scan_site


class SiteScanner:
    """One plugin's site check: its worker, this build's scans under way, earlier scans."""

    def __init__(self) -> None:
        self.pool: Executor | None = None
        self.cache = ScanCache()
        self.pending: dict[str, tuple[tuple[object, ...], Callable[[], PageScan]]] = {}
        self.shared: dict[Lead, Lead] = {}
        """One object for each place the scans of this build lead (the pages' navigation
        leads to the same places from every page)."""
        self.policy: ScanPolicy | None = None
        self.shown_as: str | None = None
        """How problems name the site folder; ``briefing build`` sets it to the final one."""
        self._shown_for: tuple[object, str] = (None, "")

    def start(self, *, keep_scans: bool) -> None:
        """A build begins: forget what a failed build left; keep earlier scans only while
        serving (a single build has nothing to reuse)."""
        self.pending, self.policy, self.shared = {}, None, {}
        if not keep_scans:
            self.cache = ScanCache()

    def shown(self, site_dir: str, root: Path) -> str:
        if self.shown_as:
            return self.shown_as
        key = (site_dir, root)
        if self._shown_for[0] != key:  # once per build, not per page
            self._shown_for = (key, display_path(Path(site_dir), root))
        return self._shown_for[1]

    def page_written(
        self, output: str, path: str, policy: Callable[[], ScanPolicy], shown_site: str
    ) -> None:
        """Start scanning a page as MkDocs writes it; ``policy()`` is this build's."""
        if self.policy is None:
            self.policy = policy()
            self.pending = {}
        shown = f"{shown_site.rstrip('/')}/{path}"
        try:
            key = scan_key(output.encode("utf-8"), path, self.policy)
        except UnicodeEncodeError:
            return  # MkDocs will fail to write it anyway
        if self.cache.cached(key, path, shown) is not None:
            return
        pool = self._pool()
        if pool is None:
            return
        arrival = _Arrival(self.shared)
        try:
            future = pool.submit(scan_page, output, path, page_policy(self.policy, path), shown)
        except Exception:  # a broken pool: check() scans the page itself
            self.shutdown()
            return
        # Taken as it arrives, not held by the future: see _Arrival.
        future.add_done_callback(arrival.arrived)
        self.pending[path] = (key, arrival.result)

    def check(self, site: Path, policy: ScanPolicy, shown_site: str) -> list[Problem]:
        """Every problem of the written site."""
        pending, self.pending, self.policy = self.pending, {}, None
        return scan_site(site, policy, shown_site, pending, self.cache)

    def discard(self) -> None:
        self.pending, self.policy = {}, None

    def _pool(self) -> Executor | None:
        if self.pool is None and (os.cpu_count() or 1) > 1:
            try:
                # Not fork: `mkdocs serve` runs threads, and a forked child could inherit a lock.
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["generator.sitecheck.page"])
                self.pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=context,
                    initializer=watch_parent,
                    initargs=(os.getpid(),),
                )
            except (OSError, ValueError):
                return None
        return self.pool

    def shutdown(self) -> None:
        """Stop the worker (the end of a build or serve: MkDocs' on_shutdown)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def site_policy(
    canaries: list[str],
    titles: dict[str, str],
    site_url: str | None,
    redirects: dict[str, str] | None = None,
) -> ScanPolicy:
    """What the check of a site expects: its canaries, each generated page's title, the
    permalinks' redirects."""
    return ScanPolicy(
        canaries=tuple(canaries),
        titles=titles,
        base_path=urlsplit(site_url or "/").path or "/",
        redirects=redirects or {},
    )


class _Arrival:
    """A page's scan from the worker, as it arrives: its leads shared with the other pages'
    (each arrives as its own copies of the same places: some 200,000 at 10k claims, 35,000
    of them distinct), and nothing else held, so the copies go as soon as they came."""

    def __init__(self, shared: dict[Lead, Lead]) -> None:
        self.shared = shared
        self.done = threading.Event()
        self.scan: PageScan | None = None
        self.error: BaseException | None = None

    def arrived(self, future: Future[PageScan]) -> None:
        try:
            scan = future.result()
        except BaseException as exc:  # the check scans the page itself
            self.error = exc
        else:
            leads = tuple(self.shared.setdefault(lead, lead) for lead in scan.leads)
            self.scan = replace(scan, leads=leads)
        self.done.set()

    def result(self) -> PageScan:
        if not self.done.wait(600):
            raise TimeoutError("the site check's worker did not answer")
        if self.scan is None:
            raise self.error or RuntimeError("no scan")
        return self.scan


def scan_report(problems: list[Problem]) -> str:
    """The check's problems as the build's error message, one per line."""
    count = len(problems)
    lines = [p.format() for p in problems]
    lines.append(f"{count} problem{'s' if count != 1 else ''} found in the built site.")
    return "briefing: the built site failed its checks\n" + "\n".join(lines)
