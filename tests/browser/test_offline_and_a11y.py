"""The offline build opened from disk, and an accessibility audit with axe-core."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from tests.plugin.test_build import copy_project

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",
    "deployments/dprk-troops-in-russia/",
    "treaties/russia-dprk-partnership/",
    "reactions/",
    "chronology/",
    "sources/",
    "method/",
]


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("offline")
    copy_project(project)
    shutil.copy(ROOT / "mkdocs.offline.yml", project / "mkdocs.offline.yml")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.offline.yml"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return project / "site-offline"


def test_offline_build_navigates_and_searches_from_disk(
    page: Page, offline_site: Path, browser_errors: list[str]
) -> None:
    page.goto((offline_site / "index.html").as_uri())
    page.locator("nav.md-tabs").get_by_role("link", name="Sources", exact=True).click()
    expect(page).to_have_url((offline_site / "sources.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Sources")
    # Material's script must have run before "/" opens search (the h1 can show first).
    # A locator assertion, not wait_for_function: that evals a string, which the CSP forbids.
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("Kirby", delay=30)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    expect(results.first).to_contain_text("Kirby")
    assert browser_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_or_critical_violations(
    page: Page, site_url: str, artifacts: Path, path: str
) -> None:
    assert AXE.is_file(), "axe-core is missing: run `make test` (npm ci installs it)"
    page.goto(urljoin(site_url, path))
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    counts: dict[str, int] = {}
    for violation in violations:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + len(violation["nodes"])
    name = path.strip("/").replace("/", "_") or "home"
    (artifacts / f"axe-{name}.json").write_text(json.dumps(violations, indent=1))
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)


def test_dark_mode_toggles(page: Page, site_url: str, browser_errors: list[str]) -> None:
    page.goto(site_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    # Material turns title attributes into its own tooltips, so find toggles by target.
    page.locator("label[for='__palette_1']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("label[for='__palette_0']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert browser_errors == []


def test_print_is_a_clean_document_with_endnotes(
    page: Page, site_url: str, artifacts: Path
) -> None:
    page.goto(urljoin(site_url, "deployments/dprk-troops-in-russia/"))
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.get_by_role("heading", name="Notes")).to_be_visible()
    # One note per passage, under the document they quote: two facts cite one passage.
    expect(page.locator("h2#notes + p")).to_contain_text("From S1 (")
    notes = page.locator("h2#notes ~ ol > li")
    expect(notes).to_have_count(9)
    expect(notes.first).to_contain_text("On Friday, South Korea's intelligence agency reported")
    pdf = artifacts / "deployment-print.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
