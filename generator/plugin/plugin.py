"""The MkDocs plugin: adapts MkDocs events to the core and to the objects below, nothing more.

Content is loaded, validated and rendered in ``on_config``, before MkDocs empties
``site_dir``, so bad facts fail the build and leave the last good site in place. The written
site is checked in ``on_post_build`` (:mod:`generator.plugin.scanning`); as MkDocs has
written the files by then, ``briefing build`` builds into a temporary folder and swaps it in
only when this passed. While serving, the caches of :class:`ServeState` live on this object.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from generator.errors import ContentError
from generator.pipeline import generate_site
from generator.plugin import internals, nav, search, site_setup
from generator.plugin.config import BriefingConfig
from generator.plugin.handwritten import HandWritten
from generator.plugin.pages import add_files, add_pages, add_shipped, drop_content, page_titles
from generator.plugin.scanning import SiteScanner, scan_report, site_policy
from generator.plugin.serve import ServeState
from generator.publish import Asset
from generator.render.renderer import DEFAULT_TEMPLATES, Page, navigation
from generator.sitecheck.csp import with_csp
from generator.sitecheck.page import ScanPolicy

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Adds the briefing's pages, generated in memory from the fact files."""

    def __init__(self) -> None:
        self.serve: ServeState | None = None
        """The caches of the running `mkdocs serve`; None in a single build."""
        self.pages: list[Page] = []
        self.published: list[Asset] = []
        """The files published beside the pages: data export, feed, permalinks (until
        they are MkDocs files)."""
        self.redirects: dict[str, str] = {}
        """Each permalink's path and the relative URL its refresh leads to."""
        self.files: dict[str, File] = {}
        self.root = Path.cwd()
        self.content: Path | None = None
        """The fact folder, once configured."""
        self.user_nav: dict[str, str | None] | None = None
        """The paths the user's ``nav:`` lists, with the titles it gives; None: no nav."""
        self.scanner = SiteScanner()
        self.always_scan = False
        """``briefing build`` sets it: the site is checked whatever ``scan`` says."""
        self.off_because = internals.unsupported(internals.installed_versions())
        """Why the shortcuts of :mod:`internals` are off, or None."""
        self.handwritten = HandWritten()
        """The facts hand-written pages cite, written out (:mod:`handwritten`)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this object for the whole serve.
        self.serve = ServeState(shortcuts=not self.off_because) if command == "serve" else None
        if self.off_because:
            log.info("briefing: %s: theme shortcuts off, nothing else changes", self.off_because)

    def _path(self, value: str) -> Path:
        return (self.root / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self._set_up_site(config)
        self.scanner.start(keep_scans=self.serve is not None)
        self.content = self._path(self.config.content)
        overrides = self._path(self.config.overrides) if self.config.overrides else None
        session = self.serve.session if self.serve else None
        try:
            generated = generate_site(
                self.content,
                overrides,
                root=self.root,
                directory_urls=config.use_directory_urls,
                session=session,
                site_url=config.site_url,
                author=config.site_author,
                words=self.config.words,
            )
        except ContentError as exc:
            if self.serve is None:
                raise PluginError(
                    f"briefing: the facts or templates have problems\n{exc.report()}"
                ) from None
            self.pages = self.serve.problem_pages(exc)  # previewing: show them, keep serving
            self.published = []
        else:
            self.pages, self.published = generated.pages, generated.files
            serving = self.serve is not None
            self.handwritten.start(generated.shortcodes, config, root=self.root, serving=serving)
            if self.serve is not None:
                self.serve.last_good = self.pages
        self.user_nav = None if config.nav is None else nav.listed(config.nav)
        return config

    def _set_up_site(self, config: MkDocsConfig) -> None:
        """What the pages need of any site (:mod:`site_setup`): no extension that rewrites
        text, the extensions they are written for, the stylesheets (before the user's own)."""
        rewriting = site_setup.refused(config.markdown_extensions)
        if rewriting:
            raise PluginError(site_setup.refusal(rewriting))
        config.markdown_extensions.extend(site_setup.missing(config.markdown_extensions))
        lacking = site_setup.unavailable(config.markdown_extensions, config.mdx_configs)
        if lacking:
            raise PluginError(site_setup.impossible(lacking))
        config.extra_css[:0] = [p for p in site_setup.STYLESHEETS if p not in config.extra_css]
        scripts = {str(s) for s in config.extra_javascript}
        for path in site_setup.SCRIPTS:
            if path not in scripts:
                script = ExtraScriptValue(path)
                script.defer = True
                config.extra_javascript.append(script)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serve is not None:
            self.serve.kept.set_aside(Path(config.site_dir))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.content is not None:
            drop_content(files, self.content, config)
        self.files = add_pages(files, self.pages, config)
        add_files(files, self.published, config)
        add_shipped(files, site_setup.shipped(), config)
        if self.user_nav is None:
            config.nav = nav.with_hand_written(navigation(self.pages), files, set(self.files))
        else:
            nav.leave_out(self.files, self.user_nav)
        # MkDocs' files hold the texts now: this object keeps only what it reads later.
        self.redirects = {a.path: a.redirect for a in self.published if a.redirect is not None}
        self.published = []
        if self.serve is None:  # serve keeps its pages whole, for the problem pages
            self.pages = [replace(page, markdown="") for page in self.pages]
        return files

    # Last, so the key holds what every other plugin did to the Markdown (the tags listing).
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files
    ) -> str:
        markdown = self.handwritten.page_markdown(markdown, page, serving=self.serve is not None)
        if self.serve is not None:
            self.serve.page_markdown(page, markdown, config, files)
        elif self._generated(page.file):
            # MkDocs has read a generated page's source (it keeps the Markdown on the page):
            # a second copy of every page's text is not held to the end of the build.
            page.file.content_string = ""
        return markdown

    def _generated(self, file: File) -> bool:
        return self.files.get(file.src_uri) is file

    # Last, so every plugin's on_env has run (Material's tags write their listings there).
    @event_priority(-100)
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        if self.serve is not None:
            self.serve.theme_env(env, config, files)
            self.serve.kept.restore(files, Path(config.site_dir))
        return env

    # First, so the stored output is what the theme made, before any plugin's context.
    @event_priority(100)
    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        if self.serve is not None:
            self.serve.outputs.before_render(page, context)
        return context

    # First, so the stored output is the theme's, before any plugin's on_post_page.
    @event_priority(100)
    def _keep_output(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        if self.serve is not None:
            self.serve.outputs.after_render(page, output)
        return output

    # Last, so the page handed to the check is the page MkDocs writes.
    @event_priority(-100)
    def _scan_output(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        if not self.off_because:
            output = internals.name_search_dialog(output)
        # The policy that lets the browser run only the theme's scripts; not while serving,
        # where livereload adds an inline script whose text changes with every request.
        if self.serve is None:
            output = with_csp(output)
        if self.scanning:
            shown = self.scanner.shown(config.site_dir, self.root)
            policy = lambda: self.scan_policy(config)  # noqa: E731
            self.scanner.page_written(output, page.file.dest_uri, policy, shown)
        return output

    on_post_page = CombinedEvent(_keep_output, _scan_output)

    def on_post_template(self, output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a theme template, not a page: the same policy, by the same rule.
        return with_csp(output) if self.serve is None and template_name == "404.html" else output

    @property
    def scanning(self) -> bool:
        return self.config.scan or self.always_scan

    def scan_policy(self, config: MkDocsConfig) -> ScanPolicy:
        """What the check of this build's site expects."""
        titles = page_titles(self.pages, self.files, config, self.user_nav)
        return site_policy(self.config.canaries, titles, config.site_url, self.redirects)

    # After Material's search wrote its index (priority 0), before its offline plugin copies
    # it into search_index.js (-100): no tag chips, figures found without separators.
    @event_priority(-50)
    def _clean_search_index(self, *, config: MkDocsConfig) -> None:
        search.clean_index(Path(config.site_dir))

    # Last, so the check sees what every other plugin wrote (the search index among them).
    @event_priority(-100)
    def _check_site(self, *, config: MkDocsConfig) -> None:
        if self.serve is not None:
            self.serve.finish()
        if not self.scanning:
            self.scanner.discard()
            return
        shown = self.scanner.shown(config.site_dir, self.root)
        problems = self.scanner.check(Path(config.site_dir), self.scan_policy(config), shown)
        if problems:
            raise PluginError(scan_report(problems))

    on_post_build = CombinedEvent(_clean_search_index, _check_site)

    def on_build_error(self, *, error: Exception) -> None:
        if self.serve is not None:
            self.serve.outputs.abort()
            self.serve.kept.forget()

    def on_shutdown(self) -> None:
        self.scanner.shutdown()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._path(self.config.content)))
        server.watch(str(DEFAULT_TEMPLATES))
        if self.config.overrides:
            server.watch(str(self._path(self.config.overrides)))
        return server
