"""The generated pages and the published files as MkDocs files, and the titles the site
check expects of the pages."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.plugin.kept import PublishedFile
from generator.publish import Asset
from generator.render import Page


def add_pages(files: Files, pages: list[Page], config: MkDocsConfig) -> dict[str, File]:
    """Add each generated page to ``files`` (held in memory, never written to docs/);
    returns them by page path. A hand-written file at a page's path is refused."""
    site = Path(config.site_dir).resolve()
    written = {f.dest_uri: f for f in files if f.inclusion.is_included()}
    added: dict[str, File] = {}
    for page in pages:
        file = File.generated(config, page.path, content=page.markdown)
        # README.md is written where index.md is.
        other = files.get_file_from_path(page.path) or written.get(file.dest_uri)
        if other is not None:
            raise PluginError(
                f"briefing: {config.docs_dir}/{other.src_uri} would hide the generated page "
                f"'{page.title}'; rename or delete it"
            )
        # The core refuses unsafe ids; this makes sure no page path can ever escape.
        if not Path(file.abs_dest_path).resolve().is_relative_to(site):
            raise PluginError(
                f"briefing: the page {page.path!r} would be written outside {config.site_dir}"
            )
        files.append(file)
        added[page.path] = file
    return added


def add_files(files: Files, published: list[Asset], config: MkDocsConfig) -> None:
    """Add each published file (data, feed, permalinks) to ``files`` as a static file: in
    memory, never in the nav. A hand-written file at its path is refused."""
    for asset in published:
        # Paths made of slugs; checked as text (thousands of permalinks: no resolve() each).
        normal = posixpath.normpath(asset.path)
        if normal != asset.path or normal.startswith(("/", "../")):
            raise PluginError(f"briefing: {asset.path!r} would be written outside the site")
        if files.get_file_from_path(asset.path) is not None:
            raise PluginError(
                f"briefing: {config.docs_dir}/{asset.path} would hide the published file "
                f"{asset.path}; rename or delete it"
            )
        files.append(
            PublishedFile.generated(config, asset.path, content=asset.text.encode("utf-8"))
        )


def add_shipped(files: Files, shipped: dict[str, str], config: MkDocsConfig) -> None:
    """Add the plugin's stylesheets and script (path in the site -> text) to ``files``, in
    memory. A hand-written file at one of their paths is refused."""
    for path, text in shipped.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"briefing: {config.docs_dir}/{path} would hide the plugin's own file; "
                "rename or delete it (a stylesheet or script of your own goes in extra_css "
                "or extra_javascript under another name)"
            )
        files.append(File.generated(config, path, content=text))


def drop_content(files: Files, content: Path, config: MkDocsConfig) -> None:
    """Keep the content folder's fact files and archived documents out of the site when it
    is inside docs_dir (``docs_dir: content``): only its Markdown pages stay."""
    if not content.is_relative_to(Path(config.docs_dir).resolve()):
        return
    for file in list(files):
        source = file.abs_src_path
        page = file.is_documentation_page()
        if source is not None and not page and Path(source).resolve().is_relative_to(content):
            files.remove(file)


def page_titles(
    pages: list[Page],
    files: dict[str, File],
    config: MkDocsConfig,
    nav_titles: dict[str, str | None] | None = None,
) -> dict[str, str]:
    """Each generated page's ``<title>``, by the path it is written to; ``nav_titles`` are
    the titles a user's nav gives pages (None: the page's own)."""
    titles: dict[str, str] = {}
    for page in pages:
        file = files.get(page.path)
        if file is None:
            continue
        home = file.page.is_homepage if file.page else file.dest_uri == "index.html"
        title = (nav_titles or {}).get(page.path) or page.title
        # Material's <title>: the site name alone on the home page, else "title - site".
        titles[file.dest_uri] = config.site_name if home else f"{title} - {config.site_name}"
    return titles
