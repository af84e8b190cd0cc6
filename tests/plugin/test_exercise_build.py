"""The fictional exercise fixture (a developing situation) builds for real: `mkdocs build
--strict` with the plugin and its built-site check, on the fixture's content."""

from __future__ import annotations

import json
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
    # Each edition has its page, linked from the list and from its neighbours; the pages are
    # out of the search index (each fact is found on its own page, the latest edition on Home).
    site = project / "site"
    week2 = (site / "editions" / "week-2" / "index.html").read_text()
    assert "pending → <strong>done</strong>" in week2
    assert 'href="../week-1/"' in week2 and 'href="../week-3/"' in week2
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "" in locations and not any(loc.startswith("editions/week") for loc in locations)
