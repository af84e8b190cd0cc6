"""A site published under a sub-path (https://example.org/briefing/): ``site_url`` from the
settings, however given, makes 404.html's links and sitemap.xml's URLs lead under it.

404.html is served for any missing URL, at any depth, so its links cannot be relative: MkDocs
makes them absolute paths from ``site_url``'s path (``/`` without one). The sitemap needs
full URLs. ``site_url`` comes from mkdocs.yml (``!ENV`` as MkDocs reads it) or from
``briefing build --site-url`` / ``briefing render --site-url``, which replace it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.commands import main
from tests.plugin.test_build import copy_project

SITE_URL = "https://example.org/briefing/"
PREFIX = urlsplit(SITE_URL).path  # /briefing/
WRONG = "https://wrong.example/elsewhere/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _briefing_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1729814400"}
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built by `briefing build --site-url`, over a site_url of mkdocs.yml."""
    project = copy_project(tmp_path_factory.mktemp("sub-path"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"site_url: {WRONG}\n")
    result = _briefing_build(project, "--site-url", SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


class _Urls(HTMLParser):
    """Every URL an element of the page loads or links to."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append((tag, value))


def _local(url: str) -> bool:
    return not urlsplit(url).scheme and not url.startswith("#")


def _file_of(site: Path, path: str) -> Path:
    """The site's file a URL path under the prefix is served from."""
    assert path.startswith(PREFIX), path
    target = site / path.removeprefix(PREFIX).split("#")[0]
    return target / "index.html" if target.is_dir() else target


def test_404_page_loads_everything_from_under_the_sub_path(site: Path) -> None:
    parser = _Urls()
    parser.feed((site / "404.html").read_text(encoding="utf-8"))
    local = [(tag, url) for tag, url in parser.urls if _local(url)]
    assets = [url for tag, url in local if tag in ("link", "script", "img")]
    assert any(url.endswith(".css") for url in assets)
    assert any(url.endswith(".js") for url in assets)
    assert [url for _, url in local if not url.startswith(PREFIX)] == []
    assert all(url.startswith(f"{PREFIX}assets/") for url in assets)
    missing = [url for _, url in local if not _file_of(site, urlsplit(url).path).is_file()]
    assert missing == []
    assert f'<a href="{PREFIX}deployments/' in (site / "404.html").read_text(encoding="utf-8")


def test_sitemap_holds_full_urls_under_the_sub_path(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [str(loc.text) for loc in root.iter(f"{SITEMAP}loc")]
    assert SITE_URL in locs
    assert f"{SITE_URL}deployments/dprk-troops-in-russia/" in locs
    assert [loc for loc in locs if not loc.startswith(SITE_URL)] == []
    missing = [loc for loc in locs if not _file_of(site, urlsplit(loc).path).is_file()]
    assert missing == []
    pages = [p for p in site.rglob("index.html") if not p.is_relative_to(site / "id")]
    assert len(locs) == len(pages)


def test_the_published_files_use_the_same_site_url(site: Path) -> None:
    export = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert export["site_url"] == SITE_URL
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f'href="{SITE_URL}editions/' in feed
    assert WRONG not in feed


def test_a_site_url_that_is_not_a_url_is_refused_without_a_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = _briefing_build(project, "--site-url", "example.org/briefing")
    assert result.returncode == 1
    assert "site_url" in result.stderr and "Traceback" not in result.stderr
    assert "build failed" in result.stderr
    assert not (project / "site").exists()


ENV_CONFIG = "site_name: T\nsite_url: !ENV [BRIEFING_TEST_SITE_URL, 'https://fallback.example/']\n"


@pytest.mark.parametrize(
    ("environment", "option", "expected"),
    [
        ({"BRIEFING_TEST_SITE_URL": SITE_URL}, [], SITE_URL),
        ({}, [], "https://fallback.example/"),
        ({"BRIEFING_TEST_SITE_URL": WRONG}, ["--site-url", SITE_URL], SITE_URL),
    ],
    ids=["from-the-environment", "the-default", "the-option-over-the-environment"],
)
def test_render_reads_site_url_as_mkdocs_does(
    tmp_path: Path,
    example_content: Path,
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    option: list[str],
    expected: str,
) -> None:
    from mkdocs.config import load_config

    monkeypatch.delenv("BRIEFING_TEST_SITE_URL", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    config = tmp_path / "mkdocs.yml"
    config.write_text(ENV_CONFIG, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    if not option:
        assert load_config(str(config)).site_url == expected  # what MkDocs makes of it
    monkeypatch.chdir(tmp_path)
    args = ["render", "--out", "out", "--config", "mkdocs.yml", "--content", "content", *option]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    export = json.loads((tmp_path / "out/docs/data/briefing.json").read_text(encoding="utf-8"))
    assert export["site_url"] == expected
    written = (tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8")
    if option:  # the option is the written config's site_url too, so its 404.html works
        assert yaml.safe_load(written)["site_url"] == SITE_URL
    else:  # kept as written, for MkDocs to read when it builds
        assert "site_url: !ENV\n- BRIEFING_TEST_SITE_URL\n- https://fallback.example/\n" in written
