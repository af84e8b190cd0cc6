"""A situation in its own words, built for real: the fictional civic fixture (a police
mission approved by a parliament, suspended by a court, paid for by pledges) builds with the
repo's own config into a site that has no word of the example situation and no military word
anywhere (pages, search index, data export, feed), and says things as the content's
vocabulary says them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.example_words import example_words_in
from tests.plugin.test_build import ROOT, build

CIVIC = ROOT / "tests" / "fixtures" / "civic" / "content"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("civic")
    shutil.copytree(CIVIC, project / "content")
    shutil.copytree(ROOT / "docs", project / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_name: .*$", 'site_name: "Mission LANTERN (fictional)"', config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _text(page: Path) -> str:
    body = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first("article")
    text = " ".join(body.text(separator=" ").split()) if body is not None else ""
    return re.sub(r" ([,.;:)])", r"\1", text)


def test_no_example_word_and_no_military_word_anywhere(site: Path) -> None:
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "data" / "briefing.json").is_file()
    assert example_words_in(site) == []


def test_pages_say_the_situation_in_its_own_words(site: Path) -> None:
    """Outside the editor's guide (which documents the file format's own keys, such as
    'deployments:' and 'treaties:'), no page calls anything a treaty or a deployment."""
    for page in sorted(site.rglob("*.html")):
        if page.parts[-2] == "guide":
            continue
        found = re.findall(r"\b(?:treat|deploy|troop)\w*", _text(page), re.I)
        assert found == [], page.relative_to(site)


def test_the_navigation_has_the_briefings_sections(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = LexborHTMLParser(html).css_first("nav.md-nav--primary")
    assert nav is not None
    labels = " ".join(nav.text(separator=" ").split())
    assert "Police missions" in labels and "Law and court case" in labels
    assert "Troop deployments" not in labels and "Treaty status" not in labels


def test_a_court_suspension_is_halted_not_progress(site: Path) -> None:
    page = LexborHTMLParser((site / "treaties" / "lantern-mission-act" / "index.html").read_text())
    step = page.css_first('a.bc-link[href="#entry-into-force"]')
    assert step is not None
    assert step.css_first(".bc-halted") is not None and step.css_first(".bc-done") is None
    assert "suspended by a court" in step.text()
    desc = page.css_first("svg.bc-treaty desc")
    assert desc is not None and desc.text().startswith("2 steps, 1 done:")
    title = page.css_first("svg.bc-treaty title")
    assert title is not None and title.text().startswith("Law tracker:")
    case = _text(site / "treaties" / "civic-union-case" / "index.html")
    assert "Court case tracker" in case


def test_terms_the_content_declares_show_with_their_labels(site: Path) -> None:
    reactions = LexborHTMLParser((site / "reactions" / "index.html").read_text())
    header = reactions.css_first(".reaction-matrix thead")
    assert header is not None
    kinds = [th.text().strip() for th in header.css("th")][2:]
    assert kinds == ["welcome", "pledge of funds", "legal challenge", "abstention"]
    sources = _text(site / "sources" / "index.html")
    assert "court; reliability" in sources and "political party; reliability" in sources
    mission = _text(site / "deployments" / "lantern-mission" / "index.html")
    assert "Sent by: Marenland, the Calder Isles" in mission
    assert "Projected, not current figure:" in mission
    assert "pledged" in mission and "displaced" in mission and "to be sent" in mission
    assert "(Main contingent, on hold; claimed by MIM)" in mission


def test_the_route_leg_on_hold_is_drawn_halted(site: Path) -> None:
    page = LexborHTMLParser((site / "deployments" / "lantern-mission" / "index.html").read_text())
    legs = page.css("svg.bc-map path.bc-leg")
    assert [leg.attributes.get("class") for leg in legs] == ["bc-leg", "bc-leg bc-leg-halted"]


def test_the_data_export_keeps_the_terms(site: Path) -> None:
    data = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    text = json.dumps(data)
    assert '"legal-challenge"' in text and '"suspended"' in text


def _project(target: Path, plugin_words: str) -> Path:
    shutil.copytree(CIVIC, target / "content")
    shutil.copytree(ROOT / "docs", target / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      content: content\n", "      content: content\n" + plugin_words)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def test_the_site_settings_rename_parts_over_the_content(tmp_path: Path) -> None:
    project = _project(tmp_path, "      words:\n        reactions: Responses\n")
    result = build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "reactions" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="responses">Responses' in page
    assert "<title>Responses - " in page
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Police missions" in home  # the content's own words stay where not renamed


def test_an_unknown_word_in_the_settings_fails_cleanly(tmp_path: Path) -> None:
    project = _project(tmp_path, "      words:\n        reaction: Responses\n")
    result = build(project)
    assert result.returncode != 0
    assert "unknown word 'reaction' in the plugin's 'words'" in result.stderr
    assert "did you mean 'reactions'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_terms_with_a_colour_are_drawn_in_it_and_still_say_their_name(site: Path) -> None:
    page = LexborHTMLParser((site / "treaties" / "lantern-mission-act" / "index.html").read_text())
    step = page.css_first('a.bc-link[href="#entry-into-force"] g')
    assert step is not None and step.attributes.get("style") == "--bc-term: #9a3412"
    status = step.css_first("text.bc-status")
    assert status is not None and "bc-term" in (status.attributes.get("class") or "")
    assert status.text() == "suspended by a court"
    reactions = LexborHTMLParser((site / "reactions" / "index.html").read_text())
    header = reactions.css_first(".reaction-matrix thead")
    assert header is not None
    swatches = {
        th.text().strip(): th.css_first(".bc-swatch").attributes.get("style")
        for th in header.css("th")
        if th.css_first(".bc-swatch") is not None
    }
    assert swatches == {"welcome": "--bc-term: #047857", "legal challenge": "--bc-term: #b91c1c"}
