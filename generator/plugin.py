"""The MkDocs shell: adapts MkDocs events to the core, nothing more.

Content is loaded, validated and rendered in ``on_config``, before MkDocs empties
``site_dir``, so bad facts fail the build and leave the last good site in place.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .errors import ContentError
from .pipeline import generate
from .render import DEFAULT_TEMPLATES, Page, navigation

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(base.Config):
    content = c.Type(str, default="content")
    """Folder of fact files, relative to mkdocs.yml."""
    overrides = c.Optional(c.Type(str))
    """Folder of templates that replace the built-in ones of the same name."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Adds the briefing's pages, generated in memory from the fact files."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.root = Path.cwd()

    def _path(self, value: str) -> Path:
        return (self.root / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        overrides = self._path(self.config.overrides) if self.config.overrides else None
        try:
            self.pages = generate(self._path(self.config.content), overrides, root=self.root)
        except ContentError as exc:
            raise PluginError(f"briefing: the facts have problems\n{exc.report()}") from None
        if config.nav is None:
            config.nav = navigation(self.pages)
        log.debug("generated %d pages", len(self.pages))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in self.pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                raise PluginError(
                    f"briefing: {config.docs_dir}/{page.path} would hide the generated page "
                    f"'{page.title}'; rename or delete it"
                )
            files.append(File.generated(config, page.path, content=page.markdown))
        return files

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._path(self.config.content)))
        server.watch(str(DEFAULT_TEMPLATES))
        if self.config.overrides:
            server.watch(str(self._path(self.config.overrides)))
        return server
