"""The serve-time caches the plugin owns: a rebuild that reuses them equals a clean build."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.facts.loader import read_file
from generator.facts.parse_cache import ParseCache
from generator.plugin import BriefingPlugin, internals
from generator.plugin import outputs as reuse
from generator.plugin.serve import ServeState
from tests.plugin.test_build import copy_project

EPOCH = "1729814400"  # 2024-10-25: builds are byte-identical with it set


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return tmp_path


def _config(project: Path, site: str) -> Any:
    return load_config(str(project / "mkdocs.yml"), site_dir=str(project / site))


def _plugin(config: Any) -> BriefingPlugin:
    plugin = config.plugins["briefing"]
    assert isinstance(plugin, BriefingPlugin)
    return plugin


def _build(project: Path, site: str) -> Path:
    """A build as `mkdocs build` makes it."""
    config = _config(project, site)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return project / site


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


SERVE_URL = "http://127.0.0.1:8000/"


class Serve:
    """`mkdocs serve` in this process: the plugins told once that they serve (MkDocs then
    keeps the same plugin objects, with their state, for every rebuild), then rebuilt."""

    def __init__(self, project: Path) -> None:
        self.project = project
        config = _config(project, "site-serve")
        config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = _plugin(config)
        self.config = config

    @property
    def state(self) -> ServeState:
        assert self.plugin.serve is not None
        return self.plugin.serve

    def build(self, site: str) -> Path:
        config = _config(self.project, site)
        assert _plugin(config) is self.plugin  # MkDocs' plugin cache: one object per serve
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)
        return self.project / site

    def close(self) -> None:
        self.config.plugins.on_shutdown()
        self.config.plugins.on_startup(command="build", dirty=False)  # the object outlives us


@pytest.fixture
def serve(project: Path) -> Iterator[Serve]:
    server = Serve(project)
    yield server
    server.close()


def _clean_serve_build(project: Path, site: str) -> Path:
    """A first build of a new serve: nothing to reuse."""
    server = Serve(project)
    try:
        return server.build(site)
    finally:
        server.close()


def _assert_as_clean(project: Path, built: dict[str, bytes]) -> None:
    """``built`` is the site a first build of a new serve makes, file for file."""
    clean = _files(_clean_serve_build(project, "site-clean"))
    assert sorted(built) == sorted(clean)
    assert [name for name in clean if built[name] != clean[name]] == []


def test_a_single_build_keeps_no_serve_state(project: Path) -> None:
    site = _build(project, "site-first")
    config = _config(project, "site-again")
    plugin = _plugin(config)
    assert plugin.serve is None
    # Nor a second copy of the texts MkDocs has: the pages' Markdown, the published files.
    assert plugin.pages and not any(page.markdown for page in plugin.pages)
    assert plugin.published == [] and plugin.redirects
    assert not any(file.content_bytes for file in plugin.files.values())
    assert (site / "id" / "putin-sincerity" / "index.html").stat().st_size > 0
    config.plugins.on_startup(command="serve", dirty=False)
    assert _plugin(config).serve is not None  # the same object, told it serves
    config.plugins.on_startup(command="build", dirty=False)
    assert _plugin(config).serve is None


def test_rebuild_through_the_caches_equals_a_clean_build(project: Path, serve: Serve) -> None:
    serve.build("site-first")
    assert serve.state.html.last[0] == 0  # nothing to reuse yet

    # Edit one claim's figure, as an analyst saving a file while `mkdocs serve` runs.
    deployment = project / "content" / "deployments" / "dprk-troops-in-russia.yaml"
    _edit(
        deployment,
        "        value: 3000\n        qualifier: at-least",
        "        value: 3500\n        qualifier: at-least",
    )
    incremental = _files(serve.build("site-incremental"))
    reused, rendered = serve.state.html.last
    assert reused > 0 and rendered > 0  # some pages came from the cache, the edited ones not

    _assert_as_clean(project, incremental)
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
    project: Path, serve: Serve, path: str, old: str, new: str, shows: tuple[str, str]
) -> None:
    first = _files(serve.build("site-first"))
    assert serve.state.outputs.last[0] == 0 and serve.state.outputs.last[1] > 5

    _edit(project / "content" / path, old, new)
    incremental = _files(serve.build("site-incremental"))
    reused, rendered = serve.state.outputs.last
    assert reused > 0 and rendered > 0  # the edited pages were rendered again, others not
    if path.startswith("deployments/"):  # and their Markdown was reused (render/memo.py)
        assert serve.state.session.memo is not None and serve.state.session.memo.last[0] > 0

    _assert_as_clean(project, incremental)
    page, text = shows
    assert text in incremental[page].decode() and text not in first[page].decode()
    # The search index too: the edit is findable, the old text is gone where it changed.
    assert text in incremental["search/search_index.json"].decode()


def test_theme_output_is_not_reused_with_an_unknown_plugin(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reuse, "SAFE_PLUGINS", frozenset({"briefing", "material/search"}))
    serve.build("site-first")
    serve.build("site-again")
    assert serve.state.outputs.last == (
        0,
        0,
    )  # tags is "unknown" here: nothing kept, nothing reused


def test_unchanged_file_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = ParseCache()
    path = tmp_path / "events.yaml"
    path.write_text("events: []\n", encoding="utf-8")
    first = read_file(path, "events.yaml", parsed)
    calls: list[bytes] = []
    monkeypatch.setattr("generator.facts.loader.parse_text", lambda *a: calls.append(b"") or first)
    assert read_file(path, "events.yaml", parsed) is first
    assert calls == []
    path.write_text("events: [x]\n", encoding="utf-8")  # new bytes: parsed again
    read_file(path, "events.yaml", parsed)
    assert len(calls) == 1
    read_file(path, "events.yaml")  # no cache: parsed every time
    assert len(calls) == 2


class _Page:
    """What RenderCache touches on an MkDocs page."""

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
    pages = internals.RenderCache()
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
    project: Path, serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that fails while its theme render is watched for warnings: the watcher goes."""
    import logging

    monkeypatch.setattr(reuse, "SAFE_PLUGINS", reuse.SAFE_PLUGINS | {"hooks.py"})
    serve.build("site-first")
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
        serve.build("site-broken")
    assert keyed  # the cache was in use in the failed build
    assert logging.getLogger("mkdocs").handlers == before
    assert serve.state.outputs.pages == {}


def test_other_versions_turn_the_shortcuts_off_and_build_the_same_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """On MkDocs or Material releases internals.py was not written for, no page's render is
    replaced and Material's search and HTML are left alone: one INFO line says so."""
    written_for = _files(_clean_serve_build(project, "site-known"))
    newer = {"mkdocs": "1.7.0", "mkdocs-material": "9.8.2"}
    assert internals.unsupported(newer) == "mkdocs 1.7.0, written for 1.6.x"
    assert internals.unsupported(internals.installed_versions()) is None
    monkeypatch.setattr(internals, "installed_versions", lambda: newer)
    config = _config(project, "site-serve")
    plugin = _plugin(config)
    monkeypatch.setattr(plugin, "off_because", internals.unsupported(newer))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        server = Serve(project)
    try:
        lines = [r.getMessage() for r in caplog.records if "shortcuts" in r.getMessage()]
        assert lines == [
            "briefing: mkdocs 1.7.0, written for 1.6.x: theme shortcuts off, nothing else changes"
        ]
        server.build("site-a")
        off = _files(server.build("site-b"))  # a rebuild, with nothing of internals.py
        assert server.state.html.last == (0, 0) and server.state.html.entries == {}
    finally:
        server.close()
    assert sorted(off) == sorted(written_for)
    # Only Material's search dialog differs: its accessible name is internals.py's patch.
    unpatched = {
        name: data.replace(internals.SEARCH_DIALOG_NAMED.encode(), internals.SEARCH_DIALOG.encode())
        for name, data in written_for.items()
    }
    assert [n for n in off if off[n] != unpatched[n]] == []
    assert any(unpatched[n] != written_for[n] for n in off)


def _cut(path: Path, start: str, end: str) -> None:
    """Delete the lines from ``start`` up to (not including) ``end``."""
    text = path.read_text(encoding="utf-8")
    first, last = text.index(start), text.index(end)
    path.write_text(text[:first] + text[last:], encoding="utf-8")


def test_permalinks_left_in_place_by_a_rebuild_equal_a_clean_build(
    project: Path, serve: Serve
) -> None:
    """A rebuild into the same site leaves the permalink pages it would write unchanged
    where they are, writes the changed ones and deletes those of facts that are gone."""
    site = serve.build("site-serve")
    gone = site / "id" / "putin-our-concern" / "index.html"
    assert gone.is_file()
    assert serve.state.kept.last == (0, len(serve.state.kept.written))  # all written

    reactions = project / "content" / "reactions.yaml"
    _cut(reactions, "  - id: putin-our-concern\n", "  - id: kirby-undetermined\n")
    _edit(
        reactions,
        "summary: Says Russia believes in North Korea's sincerity",
        "summary: Says Russia trusts in North Korea's sincerity",
    )
    unchanged = site / "id" / "kirby-undetermined" / "index.html"
    before = unchanged.stat().st_mtime_ns
    rebuilt = _files(serve.build("site-serve"))
    kept, written = serve.state.kept.last
    assert kept > 10 and written >= 1  # most stayed as they were; the changed one was written
    assert unchanged.stat().st_mtime_ns == before  # left where it was, not written again
    assert "id/putin-our-concern/index.html" not in rebuilt
    assert not gone.parent.exists()  # its folder went with it
    assert not any(p.name.startswith(".briefing") for p in site.iterdir())

    _assert_as_clean(project, rebuilt)
    assert "trusts in" in rebuilt["id/putin-sincerity/index.html"].decode()


def test_a_folder_no_longer_the_plugins_alone_is_written_afresh(
    project: Path, serve: Serve
) -> None:
    """A hand-written file appears among the permalinks: nothing is kept there, and the
    site is still the one a clean build makes."""
    serve.build("site-serve")
    (project / "docs" / "id").mkdir()
    (project / "docs" / "id" / "notes.txt").write_text("hand-written\n", encoding="utf-8")
    rebuilt = _files(serve.build("site-serve"))
    assert not any(path.startswith("id/") for path in serve.state.kept.written)
    assert rebuilt["id/notes.txt"] == b"hand-written\n"
    _assert_as_clean(project, rebuilt)


def test_a_failed_rebuild_keeps_nothing_for_the_next(project: Path, serve: Serve) -> None:
    serve.build("site-serve")
    serve.plugin.on_build_error(error=RuntimeError("a build failed"))
    assert serve.state.kept.written == {}
    rebuilt = _files(serve.build("site-serve"))
    assert serve.state.kept.last[0] == 0  # everything written again
    _assert_as_clean(project, rebuilt)


def test_a_folder_written_again_before_the_static_files_is_not_put_back(
    project: Path, serve: Serve
) -> None:
    """Something wrote into the permalinks' folder after MkDocs emptied the site: the
    folder set aside is dropped, the permalinks are written as in a clean build."""
    site = serve.build("site-serve")
    hook = project / "hooks.py"
    hook.write_text(
        "import os\n"
        "def on_nav(nav, config, files):\n"
        "    os.makedirs(os.path.join(config.site_dir, 'id'), exist_ok=True)\n"
        "    with open(os.path.join(config.site_dir, 'id', 'hook.txt'), 'w') as f:\n"
        "        f.write('written by a hook')\n"
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nhooks:\n  - hooks.py\n")
    stub = site / "id" / "putin-sincerity" / "index.html"
    before = stub.stat().st_mtime_ns
    rebuilt = _files(serve.build("site-serve"))
    assert stub.stat().st_mtime_ns != before  # written afresh
    assert rebuilt["id/hook.txt"] == b"written by a hook"
    assert not any(p.name.startswith(".briefing") for p in site.iterdir())
    _assert_as_clean(project, rebuilt)
