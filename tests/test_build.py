"""End to end: the real `mkdocs build --strict` with Material on small real projects."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import load

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_project(target: Path) -> Path:
    """The example project (config, content, docs) in a folder a test may change."""
    for name in ("content", "docs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


class _Elements(HTMLParser):
    """Ids and links of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))


def parse(path: Path) -> _Elements:
    elements = _Elements()
    elements.feed(path.read_text(encoding="utf-8"))
    return elements


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("example"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


PAGES = {
    "index.html": "North Korean troops in Russia's Kursk region",
    "deployments/dprk-troops-in-russia/index.html": "North Korean troops in Russia",
    "treaties/russia-dprk-partnership/index.html": "Russia–North Korea strategic partnership",
    "reactions/index.html": "International reactions",
    "chronology/index.html": "Chronology",
    "sources/index.html": "Sources",
}


@pytest.mark.parametrize(("page", "heading"), sorted(PAGES.items()))
def test_every_page_kind_is_built(site: Path, page: str, heading: str) -> None:
    html = (site / page).read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1 is not None
    assert heading in re.sub(r"<[^>]+>", "", h1.group(1)).replace("&#39;", "'")


def test_all_estimates_are_side_by_side(site: Path) -> None:
    html = (site / "deployments/dprk-troops-in-russia/index.html").read_text(encoding="utf-8")
    table = html[html.index("<table>") : html.index("</table>")]
    figures = re.findall(r"<strong>([^<]+)</strong>", table)
    assert figures == ["1,500", "at least 3,000", "another 1,500", "about 12,000", "about 3,000"]


def test_every_fact_is_shown_with_its_citation(site: Path) -> None:
    """Each fact has a permalink where it is shown and its evidence on the Sources page."""
    content = load(ROOT / "content", root=ROOT)
    sources = parse(site / "sources/index.html")
    shown: set[str] = set()
    for page in PAGES:
        shown |= parse(site / page).ids
    for fact_id, placed in content.ids.items():
        assert fact_id in shown, f"{fact_id} is not on the site"
        if getattr(placed.record, "document", None):
            assert f"ev-{fact_id}" in sources.ids, f"{fact_id} has no evidence entry"


def test_every_internal_link_and_citation_resolves(site: Path) -> None:
    checked = 0
    for page in PAGES:
        here = site / page
        for href in parse(here).links:
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            path, _, fragment = href.partition("#")
            target = (here.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page}: broken link {href}"
            if fragment:
                assert fragment in parse(target).ids, f"{page}: missing anchor {href}"
            checked += 1
    assert checked > 100


def test_citation_leads_to_the_quote(site: Path) -> None:
    html = (site / "deployments/dprk-troops-in-russia/index.html").read_text(encoding="utf-8")
    assert 'href="../../sources/#ev-seoul-12000-projected"' in html
    sources = (site / "sources/index.html").read_text(encoding="utf-8")
    row = sources[sources.index('id="ev-seoul-12000-projected"') :].split("</tr>")[0]
    assert "Seoul estimates that Pyongyang may send a total of about 12,000 soldiers." in row


def test_an_edited_fact_changes_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    facts = project / "content" / "deployments" / "dprk-troops-in-russia.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("value: 12000", "value: 11000"), encoding="utf-8")
    assert build(project).returncode == 0
    html = (project / "site/deployments/dprk-troops-in-russia/index.html").read_text()
    assert "<strong>about 11,000</strong>" in html
    assert "<strong>about 12,000</strong>" not in html


def test_bad_facts_fail_before_the_site_is_touched(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert build(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    events = project / "content" / "events.yaml"
    events.write_text(events.read_text() + "  - id: x\n    titel: y\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "content/events.yaml:" in result.stderr
    assert "unknown field 'titel'" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


def test_a_user_template_overrides_one_page_only(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "reactions.md.j2").write_text(
        "# International reactions\n\nCustom: {{ reactions_by_actor | length }} actors.\n\n"
        "{% for _, items in reactions_by_actor %}{% for r in items %}"
        "- {{ page.anchor(r.id) }}{{ r.summary }}\n{% endfor %}{% endfor %}"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "content: content", "content: content\n      overrides: overrides"
        )
    )
    # A template that drops a fact's anchor breaks links to it: --strict refuses that.
    assert build(project).returncode == 0
    assert "Custom: 8 actors." in (project / "site/reactions/index.html").read_text()
    assert (
        "Stage tracker"
        in (project / "site/treaties/russia-dprk-partnership/index.html").read_text()
    )
