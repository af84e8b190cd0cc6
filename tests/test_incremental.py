"""The caches of generator/cache.py: a rebuild that reuses them equals a clean build."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import cache, memo, reuse
from generator.loader import read_file

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1729814400"  # 2024-10-25: builds are byte-identical with it set


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("content", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    cache.clear()
    yield tmp_path
    cache.clear()


def _build(project: Path, site: str) -> Path:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / site))
    build(config)
    return project / site


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


SERVE_URL = "http://127.0.0.1:8000/"


def _serve_build(project: Path, site: str) -> Path:
    """A rebuild as `mkdocs serve` makes it: the plugins told so, the site URL the server's."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / site))
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = SERVE_URL
    try:
        build(config, serve_url=SERVE_URL)
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # the plugins outlive a test
    return project / site


def test_a_single_build_keeps_no_rendered_pages(project: Path) -> None:
    _build(project, "site-first")
    _build(project, "site-again")
    assert cache.PAGES.last == (0, 0) and cache.PAGES.entries == {}


def test_rebuild_through_the_caches_equals_a_clean_build(project: Path) -> None:
    _serve_build(project, "site-first")
    assert cache.PAGES.last[0] == 0  # nothing to reuse yet

    # Edit one claim's figure, as an analyst saving a file while `mkdocs serve` runs.
    deployment = project / "content" / "deployments" / "dprk-troops-in-russia.yaml"
    _edit(
        deployment,
        "        value: 3000\n        qualifier: at-least",
        "        value: 3500\n        qualifier: at-least",
    )
    incremental = _files(_serve_build(project, "site-incremental"))
    reused, rendered = cache.PAGES.last
    assert reused > 0 and rendered > 0  # some pages came from the cache, the edited ones not

    cache.clear()
    clean = _files(_serve_build(project, "site-clean"))
    assert cache.PAGES.last[0] == 0
    assert sorted(incremental) == sorted(clean)
    differ = [name for name in clean if incremental[name] != clean[name]]
    assert differ == []
    page = incremental["deployments/dprk-troops-in-russia/index.html"].decode()
    assert "at least 3,500" in page


@pytest.mark.parametrize(
    ("path", "old", "new", "shows"),
    [
        # One claim's figure: its deployment page, Home, the chronology change.
        (
            "deployments/dprk-troops-in-russia.yaml",
            "        value: 3000\n        qualifier: at-least",
            "        value: 3500\n        qualifier: at-least",
            ("deployments/dprk-troops-in-russia/index.html", "at least 3,500"),
        ),
        # An actor's name: tags on several pages, the tag index (Material writes its
        # listings after the Markdown is rendered), search entries, the Sources page.
        (
            "actors.yaml",
            "    name: John Kirby\n",
            "    name: John F. Kirby\n",
            ("tags/index.html", "John F. Kirby"),
        ),
    ],
)
def test_serve_rebuild_reusing_theme_output_equals_a_clean_one(
    project: Path, path: str, old: str, new: str, shows: tuple[str, str]
) -> None:
    first = _files(_serve_build(project, "site-first"))
    assert reuse.OUTPUTS.last[0] == 0 and reuse.OUTPUTS.last[1] > 5

    _edit(project / "content" / path, old, new)
    incremental = _files(_serve_build(project, "site-incremental"))
    reused, rendered = reuse.OUTPUTS.last
    assert reused > 0 and rendered > 0  # the edited pages were rendered again, others not
    if path.startswith("deployments/"):  # and their Markdown was reused (memo.py)
        assert memo.PAGES.last[0] > 0

    cache.clear()
    clean = _files(_serve_build(project, "site-clean"))
    assert reuse.OUTPUTS.last[0] == 0
    assert sorted(incremental) == sorted(clean)
    differ = [name for name in clean if incremental[name] != clean[name]]
    assert differ == []
    page, text = shows
    assert text in incremental[page].decode() and text not in first[page].decode()
    # The search index too: the edit is findable, the old text is gone where it changed.
    assert text in incremental["search/search_index.json"].decode()


def test_theme_output_is_not_reused_with_an_unknown_plugin(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reuse, "SAFE_PLUGINS", frozenset({"briefing", "material/search"}))
    _serve_build(project, "site-first")
    _serve_build(project, "site-again")
    assert reuse.OUTPUTS.last == (0, 0)  # tags is "unknown" here: nothing kept, nothing reused


def test_unchanged_file_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.clear()
    path = tmp_path / "events.yaml"
    path.write_text("events: []\n", encoding="utf-8")
    first = read_file(path, "events.yaml")
    calls: list[bytes] = []
    monkeypatch.setattr("generator.loader.parse_text", lambda *a: calls.append(b"") or first)
    assert read_file(path, "events.yaml") is first
    assert calls == []
    path.write_text("events: [x]\n", encoding="utf-8")  # new bytes: parsed again
    read_file(path, "events.yaml")
    assert len(calls) == 1
    cache.clear()


class _Page:
    """What PageCache touches on an MkDocs page."""

    def __init__(self, warn: bool) -> None:
        self.warn = warn
        self.content: str | None = None
        self.toc: list[Any] = []
        self._title_from_render: str | None = None
        self.present_anchor_ids: set[str] | None = None
        self.links_to_anchors: dict[Any, dict[str, str]] | None = None
        self.renders = 0

    def render(self, config: object, files: object) -> None:
        self.renders += 1
        if self.warn:
            logging.getLogger("mkdocs.structure.pages").warning("a link leads nowhere")
        self.content = "<p>x</p>"
        self.present_anchor_ids = {"x"}


@pytest.mark.parametrize("warn", [False, True])
def test_a_render_that_warned_is_never_reused(warn: bool) -> None:
    pages = cache.PageCache()
    first = _Page(warn)
    pages.attach(first, "key", lambda src: None)
    first.render(None, None)
    again = _Page(warn)
    pages.attach(again, "key", lambda src: None)
    again.render(None, None)
    assert again.content == "<p>x</p>"
    # A warning must show (and fail --strict) on every build: such a page is rendered again.
    assert again.renders == (1 if warn else 0)


def test_a_failed_serve_build_leaves_no_warning_counter_behind(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that fails while its theme render is watched for warnings: the watcher goes."""
    import logging

    monkeypatch.setattr(reuse, "SAFE_PLUGINS", reuse.SAFE_PLUGINS | {"hooks.py"})
    _serve_build(project, "site-first")
    before = list(logging.getLogger("mkdocs").handlers)
    (project / "hooks.py").write_text(
        "def on_page_context(context, page, config, nav):\n"
        "    if page.file.src_uri == 'method.md':\n"
        "        raise RuntimeError('boom')\n"
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nhooks:\n  - hooks.py\n")
    started = reuse.OutputCache.start
    keyed: list[int] = []
    monkeypatch.setattr(
        reuse.OutputCache,
        "start",
        lambda self, *a: keyed.append(1) or started(self, *a),
    )
    with pytest.raises(RuntimeError, match="boom"):
        _serve_build(project, "site-broken")
    assert keyed  # the cache was in use in the failed build
    assert logging.getLogger("mkdocs").handlers == before
    assert reuse.OUTPUTS.pages == {}
