"""Beyond MkDocs 1.x: `briefing render --config` output built by Zensical, ProperDocs, MkDocs.

The rendered folder has plain Markdown under docs/ and a mkdocs.yml without our plugin, so
a builder that cannot run MkDocs plugins builds the same pages. Zensical 0.0.60 is the last
release that installs from the registry here (newer ones need `zensical-ui`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.commands import main
from tests.plugin.test_build import copy_project

BIN = Path(sys.executable).parent
PAGES = [
    "index.html",
    "deployments/dprk-troops-in-russia/index.html",
    "treaties/russia-dprk-partnership/index.html",
    "reactions/index.html",
    "chronology/index.html",
    "sources/index.html",
]
FIGURES = ["1,500", "at least 3,000", "about 3,000", "about 12,000"]
CITATION = 'href="../../sources/#ev-nis-1500-sent"'


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    project = copy_project(tmp_path_factory.mktemp("project"))
    args = ["render", "--out", str(out), "--config", str(project / "mkdocs.yml")]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def build(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1729814400"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def check_site(site: Path) -> None:
    for page in PAGES:
        assert (site / page).is_file(), page
    deployment = (site / PAGES[1]).read_text(encoding="utf-8")
    for figure in FIGURES:
        assert figure in deployment, figure
    assert CITATION in deployment
    assert 'id="ev-nis-1500-sent"' in (site / "sources/index.html").read_text(encoding="utf-8")
    assert "assets/briefing/briefing.css" in (site / "index.html").read_text(encoding="utf-8")


def test_rendered_folder_is_a_plain_site(rendered: Path) -> None:
    config = yaml.safe_load((rendered / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs"
    assert "briefing" not in str(config["plugins"])
    assert config["nav"][0] == {"Home": "index.md"}
    assert (rendered / "docs" / "assets" / "briefing" / "briefing.css").is_file()
    assert (rendered / "docs" / "deployments" / "dprk-troops-in-russia.md").is_file()


def test_zensical_builds_the_rendered_site(rendered: Path, tmp_path: Path) -> None:
    site = tmp_path / "zensical-site"
    result = build([str(BIN / "zensical"), "build", "-f", "mkdocs.yml", "--strict"], rendered)
    assert result.returncode == 0, result.stdout + result.stderr
    (rendered / "site").rename(site)
    check_site(site)


def test_mkdocs_builds_the_rendered_site_strictly(rendered: Path, tmp_path: Path) -> None:
    site = tmp_path / "mkdocs-site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"]
    result = build([*command, "-d", str(site)], rendered)
    assert result.returncode == 0, result.stderr
    check_site(site)


def test_properdocs_builds_the_rendered_site_strictly(rendered: Path, tmp_path: Path) -> None:
    site = tmp_path / "properdocs-site"
    command = [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml"]
    result = build([*command, "-d", str(site)], rendered)
    assert result.returncode == 0, result.stderr
    check_site(site)
