"""The wheel alone, in a brand-new MkDocs project, read in Chromium: charts styled, no errors.

The slow test of the suite (about a minute and a half, most of it pip): the wheel is built
from this repository, installed with its dependencies from the package index into a fresh
venv, and that venv's `mkdocs build --strict` builds a project whose mkdocs.yml names only a
site, Material and the plugin (and docs_dir: content, as MkDocs needs an existing folder
there; there is no docs/). Nothing of the repository is on that venv's path, so the site
shows what an installed package ships: templates, stylesheets, Markdown extensions.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Route

from tests.browser.test_payloads import served
from tests.installed import run

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "tests" / "fixtures" / "exercise" / "content"
CONFIG = "site_name: Exercise\ntheme: material\nplugins: [briefing]\ndocs_dir: content\n"
# Material's default web fonts: the one thing such a project loads from elsewhere (the user
# did not set `font: false`). Answered with an empty stylesheet, never fetched.
FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")
UNSTYLED = {"fill": "rgb(0, 0, 0)", "stroke": "none"}
"""An SVG shape's computed paint with no stylesheet."""

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory, built_wheel: Path, installed: Path) -> Path:
    """The built site of a brand-new project, by the wheel installed in a fresh venv."""
    work = tmp_path_factory.mktemp("new-project")
    shipped = set(zipfile.ZipFile(built_wheel).namelist())
    assert {"generator/plugin/assets/briefing.css", "generator/plugin/assets/charts.css"} <= shipped
    venv = installed.parent
    project = work / "project"
    shutil.copytree(EXERCISE, project / "content")
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    where = run(
        [str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"], project
    )
    assert Path(where.strip()).is_relative_to(venv), where
    run([str(venv / "bin" / "mkdocs"), "build", "--strict"], project)
    assert not (project / "docs").exists()
    return project / "site"


@pytest.fixture(scope="module")
def new_site_url(new_site: Path) -> Iterator[str]:
    """The site served over HTTP on a free local port (as any host would serve it)."""
    with served(new_site) as url:
        yield url


def paints(page: object, selector: str) -> list[dict[str, str]]:
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        """selector => [...document.querySelectorAll(selector)].map(e => {
            const s = getComputedStyle(e);
            return {fill: s.fill, stroke: s.stroke, strokeWidth: s.strokeWidth};
        })""",
        selector,
    )


@pytest.mark.parametrize(
    ("path", "selector", "stroke_width"),
    [
        ("deployments/arland-marines-in-borvia/", ".briefing-chart--estimates .bc-mark", "2px"),
        ("treaties/kell-harbour-agreement/", ".briefing-chart--treaty .bc-step", "2.5px"),
    ],
)
def test_charts_are_styled_by_the_shipped_stylesheet(
    browser: Browser, new_site_url: str, path: str, selector: str, stroke_width: str
) -> None:
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})

    def route(request: Route) -> None:
        host = urlsplit(request.request.url).hostname
        if host == "127.0.0.1":
            request.continue_()
        elif host in FONT_HOSTS:
            request.fulfill(status=200, content_type="text/css", body="")
        else:
            errors.append(f"outside request: {request.request.url}")
            request.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text} ({message.location})")

    def page_error(error: Error) -> None:
        errors.append(f"pageerror: {error}")

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", console)
    page.on("pageerror", page_error)
    try:
        page.goto(new_site_url + path, wait_until="load")
        sheets = page.evaluate(
            "[...document.styleSheets].filter(s => s.href?.startsWith(location.origin))"
            ".map(s => [s.href, s.cssRules.length])"
        )
        ours = {href.removeprefix(new_site_url): rules for href, rules in sheets}
        assert ours["assets/briefing/charts.css"] > 20
        assert ours["assets/briefing/briefing.css"] > 10
        shapes = paints(page, selector)
        assert shapes, f"no {selector} on {path}"
        for shape in shapes:
            assert shape["stroke"] != UNSTYLED["stroke"], shape
            assert shape["strokeWidth"] == stroke_width, shape
        assert any(s["fill"] not in (UNSTYLED["fill"], "none") for s in shapes), shapes
        assert errors == []
    finally:
        context.close()
