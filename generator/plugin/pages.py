"""The generated pages as MkDocs files, and the titles the site check expects of them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.render import Page


def add_pages(files: Files, pages: list[Page], config: MkDocsConfig) -> dict[str, File]:
    """Add each generated page to ``files`` (held in memory, never written to docs/);
    returns them by page path. A hand-written file at a page's path is refused."""
    site = Path(config.site_dir).resolve()
    added: dict[str, File] = {}
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
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
        added[page.path] = file
    return added


def page_titles(pages: list[Page], files: dict[str, File], config: MkDocsConfig) -> dict[str, str]:
    """Each generated page's ``<title>``, by the path it is written to."""
    titles: dict[str, str] = {}
    for page in pages:
        file = files.get(page.path)
        if file is None:
            continue
        home = file.page.is_homepage if file.page else file.dest_uri == "index.html"
        # Material's <title>: the site name alone on the home page, else "title - site".
        titles[file.dest_uri] = config.site_name if home else f"{page.title} - {config.site_name}"
    return titles
