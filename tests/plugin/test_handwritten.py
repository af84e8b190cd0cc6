"""Hand-written pages cite facts (``[@id]``, ``[=id]``) with the generated pages' citations:
real `mkdocs build --strict` (with the built-site check) and a serve rebuild, on the
fictional exercise's facts."""

from __future__ import annotations

import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.plugin.test_build import build, copy_project
from tests.plugin.test_incremental import EPOCH, Serve

EXERCISE = Path(__file__).resolve().parents[1] / "fixtures" / "exercise" / "content"
PROJECTED = "bmd-2000-projected"
DEPLOYMENT = "deployments/arland-marines-in-borvia/"
BASE = "https://example.org/"  # page URLs are joined on it to compare link targets

NOTES = f"""# Notes

The ministry expects [=bmd-2000-projected], as it said [@{PROJECTED}].
Observers counted [@con-hundreds-in-kell; @{PROJECTED}].

Written as text: `[@no-such-fact]` and \\[@no-such-fact].
"""
DEEP = f"""---
title: Deeper
---

# Deeper

In a subfolder: [@{PROJECTED}] and [={PROJECTED}].
"""
# Pages left out of the nav on purpose (MkDocs would warn, failing the strict build).
NOT_IN_NAV = "\nnot_in_nav: |\n  /notes.md\n  /analysis/\n"


class _Anchors(HTMLParser):
    """Every link of a page, with its attributes and its text; and the page's ids."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[dict[str, str], str]] = []
        self.ids: set[str] = set()
        self._open: dict[str, str] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a":
            self._open, self._text = values, ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append((self._open, self._text))
            self._open = None


def _page(site: Path, url: str) -> _Anchors:
    parsed = _Anchors()
    parsed.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parsed


def _citations(site: Path, url: str, fact_id: str) -> list[tuple[str, str, str]]:
    """The citations of a fact on a page: (absolute target, hover text, number)."""
    found = []
    for attrs, text in _page(site, url).links:
        target = urljoin(BASE + url, attrs.get("href", ""))
        if "cite" in attrs.get("class", "").split() and target.endswith(f"#ev-{fact_id}"):
            found.append((target, attrs.get("title", ""), text))
    return found


def _project(target: Path) -> Path:
    project = copy_project(target)
    shutil.rmtree(project / "content")
    shutil.copytree(EXERCISE, project / "content")
    (project / "docs" / "notes.md").write_text(NOTES, encoding="utf-8")
    (project / "docs" / "analysis").mkdir()
    (project / "docs" / "analysis" / "deep.md").write_text(DEEP, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(NOT_IN_NAV)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory.mktemp("handwritten"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_a_citation_is_the_one_the_generated_page_makes(built: Path) -> None:
    site = built / "site"
    generated = _citations(site, DEPLOYMENT, PROJECTED)
    assert generated, "the deployment page cites the figure"
    target, tip, _ = generated[0]
    assert target == f"{BASE}sources/#ev-{PROJECTED}"
    assert tip.startswith("According to Borvian Ministry of Defence: “The Borvian Ministry")
    # The same target and hover text, numbered as the page's own citations: [@id] and
    # the citation after [=id] are one endnote, [1]; in a subfolder too.
    assert _citations(site, "notes/", PROJECTED) == [(target, tip, "[1]")] * 3
    assert _citations(site, "analysis/deep/", PROJECTED) == [(target, tip, "[1]")] * 2
    cited = _citations(site, "notes/", "con-hundreds-in-kell")
    shown = _citations(site, DEPLOYMENT, "con-hundreds-in-kell")[0]
    assert [(target, tip) for target, tip, _ in cited] == [shown[:2]] and cited[0][2] == "[2]"


def test_a_figure_links_to_where_the_site_shows_it(built: Path) -> None:
    site = built / "site"
    for url in ("notes/", "analysis/deep/"):
        links = [
            (urljoin(BASE + url, attrs["href"]), text)
            for attrs, text in _page(site, url).links
            if attrs.get("href", "").endswith(f"#{PROJECTED}")
        ]
        assert links == [(f"{BASE}{DEPLOYMENT}#{PROJECTED}", "up to 2,000 projected total (BMD)")]
    assert PROJECTED in _page(site, DEPLOYMENT).ids
    html = (site / "notes" / "index.html").read_text(encoding="utf-8")
    assert 'projected total &#40;BMD&#41;</a> (“may”) <a class="cite"' in html


def test_the_page_ends_with_its_notes_and_leaves_text_alone(built: Path) -> None:
    html = (built / "site" / "notes" / "index.html").read_text(encoding="utf-8")
    notes = html[html.index('id="notes_1"') :]
    assert re.findall(r"<li>According to", notes) == ["<li>According to"] * 2
    assert "<code>[@no-such-fact]</code>" in html and " and [@no-such-fact].</p>" in html


def test_unknown_ids_fail_the_build_naming_each_and_keep_the_site(
    built: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(built, project)
    notes = project / "docs" / "notes.md"
    notes.write_text(NOTES.replace("[@con-hundreds-in-kell;", "[@con-hundreds-in-kel;"))
    deep = project / "docs" / "analysis" / "deep.md"
    deep.write_text(DEEP.replace(f"[={PROJECTED}]", "[=bmd-9000]"))
    result = build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "docs/analysis/deep.md:7:45: error: unknown fact id 'bmd-9000' (hint: did you mean"
        in result.stderr
    )
    assert (
        "docs/notes.md:4:21: error: unknown fact id 'con-hundreds-in-kel' (hint: did you mean"
        " 'con-hundreds-in-kell'?; to write it as text, escape the bracket: \\[)" in result.stderr
    )
    assert "2 problems" in result.stderr
    # Checked before MkDocs empties the site folder: the last good site is still there.
    assert (project / "site" / "notes" / "index.html").is_file()


def test_serve_writes_an_edited_page_again_and_shows_a_problem_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = _project(tmp_path)
    server = Serve(project)
    try:
        first = server.build("site-first")
        assert _citations(first, "notes/", "arland-500-in-kell") == []
        notes = project / "docs" / "notes.md"
        edited = NOTES.replace("@con-hundreds-in-kell;", "@arland-500-in-kell;")
        notes.write_text(edited + "\nA typo: [@arland-500-in-kel].\n", encoding="utf-8")
        again = server.build("site-again")  # a serve rebuild does not fail on it
        reused, rendered = server.state.html.last
        assert reused > 0 and rendered > 0  # the edited page was rendered again, others not
    finally:
        server.close()
    cited = _citations(again, "notes/", "arland-500-in-kell")
    assert [text for _, _, text in cited] == ["[2]"]
    html = (again / "notes" / "index.html").read_text(encoding="utf-8")
    shown = unescape(html)
    assert "<strong>briefing: unknown fact id 'arland-500-in-kel' (did you mean" in shown
    # What the rebuild wrote is what a fresh serve writes.
    fresh = Serve(project)
    try:
        clean = fresh.build("site-clean")
    finally:
        fresh.close()
    assert (clean / "notes" / "index.html").read_bytes() == html.encode("utf-8")
