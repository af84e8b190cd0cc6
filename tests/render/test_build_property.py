"""What validates, builds: for generated content that ``briefing validate`` accepts, the site
builds and passes the built-site check. Two tests share one strategy (generated_content.py):

- 500 examples, each rendered as the build renders it, in this process: the generator's
  pages, made into HTML by MkDocs' own ``Page.render`` with the site's configuration (its
  Markdown extensions, MkDocs' link rewriting and anchor collection, its anchor validation:
  any warning fails, as in strict mode), each page's ``<title>`` as Material writes it, then
  the real built-site check (:func:`scan_site`) over the pages. What the theme adds besides
  the title (navigation, search, its own ids, all ``__``-prefixed) does not depend on the
  content; a real build costs about a second, so 500 of them would take ten minutes.
- a few examples built for real by ``briefing build`` (MkDocs, Material, the plugin's check),
  which keeps the first one honest.

Derandomized (fixed examples) and without an example database, as test_properties.py.
"""

from __future__ import annotations

import logging
import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import material
import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page as MkDocsPage

from generator.errors import ContentError
from generator.facts.content import Content
from generator.pipeline import Session, load
from generator.plugin.build import BuildFailed, build_site
from generator.publish.feed import FEED_PATH
from generator.render.renderer import Page, navigation
from generator.sitecheck.csp import with_csp
from generator.sitecheck.page import ScanPolicy
from generator.sitecheck.site import scan_site
from tests.render.generated_content import contents, write

REPO = Path(__file__).resolve().parents[2]
_BASE = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # A failing example is shown whole (its YAML); shrinking one takes minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
MANY = settings(_BASE, max_examples=500)
REAL = settings(_BASE, max_examples=6)
# Material's <title> (base.html), as the theme's Jinja environment renders it.
MATERIAL_TITLE = "{{ page.title | striptags }} - {{ config.site_name }}"


@cache
def site_config() -> MkDocsConfig:
    """The example site's configuration, as MkDocs loads it (extensions, validation)."""
    return load_config(str(REPO / "mkdocs.yml"), strict=True)


@cache
def theme_ids() -> str:
    """Elements with the ids Material's templates write (``__drawer``, ``__search``...): the
    page's own ids must not take them."""
    templates = Path(material.__file__).parent / "templates"
    found = {
        match
        for path in templates.rglob("*.html")
        for match in re.findall(r'id="(__[a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    assert {"__drawer", "__search", "__toc"} <= found
    return "".join(f'<span id="{value}"></span>' for value in sorted(found))


def test_the_title_is_the_one_material_writes() -> None:
    base = Path(material.__file__).parent / "templates" / "base.html"
    assert f"<title>{MATERIAL_TITLE}</title>" in base.read_text(encoding="utf-8")


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def mkdocs_warnings() -> Iterator[list[str]]:
    """MkDocs' warnings while inside (strict mode fails on any)."""
    logger = logging.getLogger("mkdocs")
    handler = _Warnings()
    saved = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def _file(config: MkDocsConfig, page: Page) -> File:
    """A page as the plugin hands it to MkDocs: a file held in memory."""
    file = File(page.path, None, config.site_dir, config.use_directory_urls)
    file.content_string = page.markdown
    return file


FIXED_PAGES = frozenset({"method.md", "guide.md", "tags.md"})
"""Pages whose Markdown hardly changes with the content (the glossary's tooltips do): each
is converted once per Markdown and set of pages, and reused (the guide is most of the time)."""
_converted: dict[tuple[str, str, frozenset[str]], tuple[str, set[str], dict[str, dict[str, str]]]]
_converted = {}


def _render(file: File, config: MkDocsConfig, files: Files) -> MkDocsPage:
    """A page rendered by MkDocs (reused if it is a fixed page rendered before)."""
    page = file.page or MkDocsPage(None, file, config)
    page.read_source(config)
    assert page.markdown is not None
    # A page links to no file whose name it does not hold: the others cannot change it.
    named = frozenset(f.src_uri for f in files if posixpath.basename(f.src_uri) in page.markdown)
    key = (file.src_uri, page.markdown, named)
    stored = _converted.get(key) if file.src_uri in FIXED_PAGES else None
    if stored is None:
        page.render(config, files)
        assert page.content is not None and page.present_anchor_ids is not None
        links = {f.src_uri: dict(v) for f, v in (page.links_to_anchors or {}).items()}
        stored = (page.content, set(page.present_anchor_ids), links)
        if file.src_uri in FIXED_PAGES:
            _converted[key] = stored
    else:
        page.content, page.present_anchor_ids = stored[0], set(stored[1])
        page.links_to_anchors = {files.src_uris[uri]: dict(v) for uri, v in stored[2].items()}
    return page


def render_site(pages: list[Page], site: Path) -> list[str]:
    """Every page as MkDocs renders it, written to ``site`` with Material's <title>;
    MkDocs' warnings, and the built-site check's problems."""
    config = site_config()
    config.nav = navigation(pages)
    files = Files([_file(config, page) for page in pages])
    # The Editions page links the feed, a file published beside the pages, not a page
    # (tests/publish checks the feed itself): here it only has to be there.
    feed = File(FEED_PATH, None, config.site_dir, config.use_directory_urls)
    feed.content_bytes = b"<feed/>"
    files.append(feed)
    (site / FEED_PATH).parent.mkdir(parents=True, exist_ok=True)
    (site / FEED_PATH).write_bytes(b"<feed/>")
    title = jinja2.Environment().from_string(MATERIAL_TITLE)
    policy: dict[str, str] = {}
    with mkdocs_warnings() as warnings:
        get_navigation(files, config)
        rendered = [_render(file, config, files) for file in files.documentation_pages()]
        for page in rendered:
            page.validate_anchor_links(files=files, log_level=logging.WARNING)
    for page in rendered:
        home = page.file.dest_uri == "index.html"
        shown = config.site_name if home else title.render(page=page, config=config)
        expected = next(p.title for p in pages if p.path == page.file.src_uri)
        policy[page.file.dest_uri] = (
            config.site_name if home else f"{expected} - {config.site_name}"
        )
        document = (
            f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{shown}</title></head><body>{theme_ids()}{page.content}</body></html>\n"
        )
        target = site / page.file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_csp(document), encoding="utf-8")
    problems = scan_site(site, ScanPolicy(titles=policy), "site")
    return warnings + [p.format() for p in problems]


def validated(content: dict[str, Any], folder: Path) -> tuple[Content, str]:
    """Write the content; the facts and their text, if they validate (else the example is
    not counted, once it was seen to fail with our own problems and no traceback)."""
    text = write(content, folder / "content")
    try:
        facts = load(folder / "content", folder)
    except ContentError as exc:
        assert all(p.line >= 1 and p.column >= 1 for p in exc.problems)
        assume(False)
        raise  # pragma: no cover - assume(False) does not return
    return facts, text


@MANY
@given(contents())
def test_what_validates_renders_and_passes_the_site_check(content: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        facts, text = validated(content, root)
        pages = _session().renderer(None, True).render(facts)
        problems = render_site(pages, root / "site")
    assert problems == [], "\n".join([*problems, text])


@cache
def _session() -> Session:
    """Compiled templates kept from one example to the next (as `mkdocs serve` keeps them)."""
    return Session()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project's configuration and docs, for real builds."""
    folder = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "docs", folder / "docs")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


@REAL
@given(contents())
def test_what_validates_builds_for_real(project: Path, content: dict[str, Any]) -> None:
    shutil.rmtree(project / "content", ignore_errors=True)
    _, text = validated(content, project)
    try:
        build_site(project / "mkdocs.yml", project / "site")
    except BuildFailed as exc:  # pragma: no cover - the failure message
        pytest.fail(f"{exc}\n{text}")
