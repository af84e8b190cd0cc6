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
from tests.conftest import REPORT_CONTENT

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_project(target: Path) -> Path:
    """The example project (config, docs, and the report fixture as content) in a folder a
    test may change."""
    shutil.copytree(REPORT_CONTENT, target / "content")
    shutil.copytree(ROOT / "docs", target / "docs")
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
    content = load(REPORT_CONTENT, root=ROOT)
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


def test_glossary_terms_have_tooltips(site: Path) -> None:
    html = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    for term, meaning in {
        "NIS": "South Korea's National Intelligence Service",
        "HUR": "Ukraine's military intelligence service",
        "NSC": "US National Security Council",
        "DPRK": "Democratic People's Republic of Korea (North Korea)",
    }.items():
        assert re.search(rf'<abbr title="{re.escape(meaning)}[^"]*">{term}</abbr>', html), term


def test_grades_show_as_badges_that_explain_themselves(site: Path) -> None:
    html = (site / "deployments/dprk-troops-in-russia/index.html").read_text(encoding="utf-8")
    badges = re.findall(r'<abbr class="grade grade--none" title="([^"]+)">not graded</abbr>', html)
    assert len(badges) == 9  # 5 estimates and 4 route phases, none graded by the report
    assert "Source reliability: not graded" in badges[0]
    assert "Claim credibility: not graded" in badges[0]


def test_charts_are_on_their_pages_with_text_alternatives(site: Path) -> None:
    for page, kind, words in [
        ("deployments/dprk-troops-in-russia/index.html", "estimates", "5 estimates"),
        ("deployments/dprk-troops-in-russia/index.html", "map", "Vladivostok"),
        ("treaties/russia-dprk-partnership/index.html", "treaty", "Approval by the State Duma"),
        ("index.html", "chronology", "Chronology"),
    ]:
        html = (site / page).read_text(encoding="utf-8")
        figure = re.search(
            rf'<figure class="briefing-chart briefing-chart--{kind}".*?</figure>', html, re.S
        )
        assert figure is not None, f"no {kind} chart on {page}"
        svg = figure.group(0)
        assert "<title" in svg and "<desc" in svg
        assert words in re.sub(r"<[^>]+>", " ", svg), f"{kind}: {words!r} not in its text"


def test_reaction_matrix_marks_every_reaction_once(site: Path) -> None:
    html = (site / "reactions/index.html").read_text(encoding="utf-8")
    matrix = html[html.index('class="reaction-matrix"') :].split("</table>")[0]
    marks = re.findall(r'<a href="#([a-z0-9-]+)" title="[^"]+">✔</a>', matrix)
    content = load(REPORT_CONTENT, root=ROOT)
    assert sorted(marks) == sorted(r.id for r in content.reactions)
    assert "summons of a diplomat" in matrix and "call for sanctions" in matrix
