"""The MkDocs shell: adapts MkDocs events to the core, nothing more.

Content is loaded, validated and rendered in ``on_config``, before MkDocs empties
``site_dir``, so bad facts fail the build and leave the last good site in place. After the
build, ``on_post_build`` scans the written site (:mod:`generator.site_scan`) and fails the build on
any problem (each page is scanned in a worker process as MkDocs writes it, its result used
only if the file on disk is the page scanned; a serve rebuild rescans only changed pages). As
MkDocs has written the files by then, ``briefing build`` builds into a temporary folder and
only swaps it in when this passed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from . import cache, reuse
from .errors import ContentError, Problem, display_path
from .pipeline import generate
from .preview import problem_pages
from .render import DEFAULT_TEMPLATES, Page, navigation
from .scan import PageScan, ScanPolicy, page_policy, scan_page, watch_parent
from .site_scan import cached_scan, scan_key, scan_site

log = logging.getLogger("mkdocs.plugins.briefing")
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # where Page.render logs
_READS_FILES = {"pymdownx.snippets", "markdown_include.include"}
preview_log = logging.getLogger("briefing.preview")
_SEARCH_DIALOG = 'data-md-component="search" role="dialog">'
_SEARCH_DIALOG_NAMED = 'data-md-component="search" role="dialog" aria-label="Search">'


_POOL: Executor | None = None
"""Worker processes that scan pages while MkDocs renders the next ones; module-level, so a
`mkdocs serve` rebuild reuses them."""


def _pool() -> Executor | None:
    global _POOL
    if _POOL is None and (os.cpu_count() or 1) > 1:
        try:
            # Not fork: `mkdocs serve` runs threads, and a forked child could inherit a lock.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["generator.scan"])
            _POOL = ProcessPoolExecutor(
                max_workers=1,
                mp_context=context,
                initializer=watch_parent,
                initargs=(os.getpid(),),
            )
        except (OSError, ValueError):
            return None
    return _POOL


def shutdown_pool() -> None:
    """Stop the scanning workers (the end of a build; MkDocs' on_shutdown)."""
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=True, cancel_futures=True)
        _POOL = None


class BriefingConfig(base.Config):
    content = c.Type(str, default="content")
    """Folder of fact files, relative to mkdocs.yml."""
    overrides = c.Optional(c.Type(str))
    """Folder of templates that replace the built-in ones of the same name."""
    canaries = c.ListOfItems(c.Type(str), default=[])
    """Strings that must never appear in the built site (e.g. a secret planted in a test)."""
    scan = c.Type(bool, default=True)
    """Check the built site (scripts, event handlers, URL schemes, links and anchors, titles,
    canaries) and fail the build on a problem. `briefing build` always checks."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Adds the briefing's pages, generated in memory from the fact files."""

    def __init__(self) -> None:
        self.serving = False
        self.last_good: list[Page] = []
        self.pages: list[Page] = []
        self.files: dict[str, File] = {}
        self.root = Path.cwd()
        self.shown_as: str | None = None
        self.always_scan = False
        """``briefing build`` sets it: the site is checked whatever ``scan`` says."""
        self._shown_for: tuple[object, str] = (None, "")
        """How problems name the site folder; ``briefing build`` sets it to the final one."""
        self.pending: dict[str, tuple[tuple[object, ...], Any]] = {}
        self.policy: ScanPolicy | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this plugin alive across `mkdocs serve` rebuilds,
        # so the last good pages are still known when an edit breaks the facts.
        self.serving = command == "serve"

    def _path(self, value: str) -> Path:
        return (self.root / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.pending, self.policy = {}, None  # a build that failed may have left some
        overrides = self._path(self.config.overrides) if self.config.overrides else None
        try:
            self.pages = generate(
                self._path(self.config.content),
                overrides,
                root=self.root,
                directory_urls=config.use_directory_urls,
                memoise=self.serving,
            )
        except ContentError as exc:
            if not self.serving:
                raise PluginError(
                    f"briefing: the facts or templates have problems\n{exc.report()}"
                ) from None
            # Previewing: show the problems in the browser and the terminal, keep serving.
            # Not through MkDocs' logger, which would abort a strict build.
            preview_log.error("briefing: the facts have problems\n%s", exc.report())
            self.pages = problem_pages(exc, self.last_good)
        else:
            self.last_good = self.pages
        if config.nav is None:
            config.nav = navigation(self.pages)
        log.debug("generated %d pages", len(self.pages))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = Path(config.site_dir).resolve()
        self.files = {}
        self.site_key = ""
        for page in self.pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                raise PluginError(
                    f"briefing: {config.docs_dir}/{page.path} would hide the generated page "
                    f"'{page.title}'; rename or delete it"
                )
            file = File.generated(config, page.path, content=page.markdown)
            # The core refuses unsafe ids; this makes sure no page path can ever escape.
            if not Path(file.abs_dest_path).resolve().is_relative_to(site):
                raise PluginError(
                    f"briefing: the page {page.path!r} would be written outside {config.site_dir}"
                )
            files.append(file)
            self.files[page.path] = file
        return files

    # Last, so the key holds what every other plugin did to the Markdown (the tags listing).
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files
    ) -> str:
        """While serving, reuse the HTML of a page whose Markdown and site did not change
        (see cache.py); a single build has nothing to reuse and keeps nothing."""
        if not self.serving:
            return markdown
        if _READS_FILES & {str(e) for e in config.markdown_extensions}:
            return markdown  # an extension that reads other files: the key cannot cover them
        if not getattr(self, "site_key", ""):
            self.site_key = cache.site_fingerprint(
                ((f.src_uri, f.url) for f in files),
                (
                    config.markdown_extensions,
                    config.mdx_configs,
                    config.use_directory_urls,
                    dict(config.validation),  # decides which renders warn (never kept)
                ),
                anchors=_PAGES_LOG.getEffectiveLevel() > logging.DEBUG,
            )
        key = cache.page_key(self.site_key, page.file.src_uri, page.file.url, markdown)
        cache.PAGES.attach(page, key, files.get_file_from_path)
        return markdown

    def scan_policy(self, config: MkDocsConfig) -> ScanPolicy:
        """What the scan of this build's site expects: each generated page and its title."""
        titles: dict[str, str] = {}
        for page in self.pages:
            file = self.files.get(page.path)
            if file is None:
                continue
            home = file.page.is_homepage if file.page else file.dest_uri == "index.html"
            # Material's <title>: the site name alone on the home page, else "title - site".
            titles[file.dest_uri] = (
                config.site_name if home else f"{page.title} - {config.site_name}"
            )
        return ScanPolicy(
            canaries=tuple(self.config.canaries),
            titles=titles,
            base_path=urlsplit(config.site_url or "/").path or "/",
        )

    def _shown(self, config: MkDocsConfig) -> str:
        if self.shown_as:
            return self.shown_as
        key = (config.site_dir, self.root)
        if self._shown_for[0] != key:  # once per build, not per page
            self._shown_for = (key, display_path(Path(config.site_dir), self.root))
        return self._shown_for[1]

    # Last, so every plugin's on_env has run (Material's tags write their listings there).
    @event_priority(-100)
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """While serving, reuse the theme's output of pages that did not change (reuse.py)."""
        if not self.serving:
            return env
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({reuse.TEMPLATE: reuse.TEMPLATE_SOURCE}), env.loader]
        )
        env.bytecode_cache = reuse.COMPILED
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        if reuse.OUTPUTS.start(config, pages):
            reuse.wrap_search(config, reuse.OUTPUTS)
        return env

    # First, so the stored output is what the theme made, before any plugin's context.
    @event_priority(100)
    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        reuse.OUTPUTS.before_render(page, context)
        return context

    # First, so the stored output is the theme's, before any plugin's on_post_page.
    @event_priority(100)
    def _keep_output(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        reuse.OUTPUTS.after_render(page, output)
        return output

    # Last, so the page handed to the scan is the page MkDocs writes.
    @event_priority(-100)
    def _scan_output(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        # Material's search dialog has no accessible name (axe: aria-dialog-name).
        output = output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG_NAMED, 1)
        if self.scanning:
            self._scan_soon(output, page.file.dest_uri, config)
        return output

    @property
    def scanning(self) -> bool:
        return self.config.scan or self.always_scan

    on_post_page = CombinedEvent(_keep_output, _scan_output)

    def _scan_soon(self, output: str, path: str, config: MkDocsConfig) -> None:
        """Start scanning a page as MkDocs writes it, in a worker process; on_post_build
        takes the result only if the file on disk is these bytes (else it scans it again)."""
        if self.policy is None:
            self.policy = self.scan_policy(config)
            self.pending = {}
        shown = f"{self._shown(config).rstrip('/')}/{path}"
        try:
            key = scan_key(output.encode("utf-8"), path, self.policy)
        except UnicodeEncodeError:
            return  # MkDocs will fail to write it anyway
        if cached_scan(key, path, shown) is not None:
            return
        pool = _pool()
        if pool is None:
            return
        try:
            future = pool.submit(scan_page, output, path, page_policy(self.policy, path), shown)
        except Exception:  # a broken pool: on_post_build scans the page itself
            shutdown_pool()
            return
        self.pending[path] = (key, _result_of(future))

    # Last, so the scan sees what every other plugin wrote (the search index among them).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        log.debug("pages rendered %d, reused %d", cache.PAGES.misses, cache.PAGES.hits)
        cache.PAGES.prune()
        reuse.OUTPUTS.finish()
        log.debug("theme outputs reused %d, rendered %d", *reuse.OUTPUTS.last)
        site = Path(config.site_dir)
        pending, self.pending, self.policy = self.pending, {}, None
        if not self.scanning:
            return
        problems = scan_site(site, self.scan_policy(config), self._shown(config), pending)
        if problems:
            raise PluginError(scan_report(problems))

    def on_build_error(self, *, error: Exception) -> None:
        reuse.OUTPUTS.abort()

    def on_shutdown(self) -> None:
        shutdown_pool()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._path(self.config.content)))
        server.watch(str(DEFAULT_TEMPLATES))
        if self.config.overrides:
            server.watch(str(self._path(self.config.overrides)))
        return server


def _result_of(future: Future[PageScan]) -> Any:
    return lambda: future.result(timeout=600)


def scan_report(problems: list[Problem]) -> str:
    """The scan's problems as the build's error message, one per line."""
    count = len(problems)
    lines = [p.format() for p in problems]
    lines.append(f"{count} problem{'s' if count != 1 else ''} found in the built site.")
    return "briefing: the built site failed its checks\n" + "\n".join(lines)
