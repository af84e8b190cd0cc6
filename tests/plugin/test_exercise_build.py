"""The fictional exercise fixture (a developing situation) builds for real: `mkdocs build
--strict` with the plugin and its built-site check, on the fixture's content."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.plugin.test_build import build, copy_project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "exercise" / "content"


def test_the_exercise_builds_strict_and_passes_the_site_check(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURE, project / "content")
    result = build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "treaties" / "kell-harbour-agreement" / "index.html").read_text()
    assert "Approval by the Borvian Assembly" in page
    deployment = project / "site" / "deployments" / "arland-marines-in-borvia" / "index.html"
    assert 'id="con-hundreds-in-kell"' in deployment.read_text()
    # A further report is listed under its own document, and its citation leads there
    # (the site check has proved every link and fragment resolves).
    sources = (project / "site" / "sources" / "index.html").read_text()
    assert 'id="ev-con-hundreds-in-kell--bulletin-2"' in sources
    assert "../../sources/#ev-con-hundreds-in-kell--bulletin-2" in deployment.read_text()
