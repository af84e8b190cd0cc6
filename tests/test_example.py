"""The example briefing in content/, end to end: it validates, the repository's mkdocs.yml
builds it strictly with the built-site check, and the editor schema accepts its files.

The only test that reads content/: every other test uses its own fixtures (the example's
frozen copy is tests/fixtures/report/). It asserts nothing about what the example says, so
it passes for any valid briefing put in content/ in its place.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator
from mkdocs.config import load_config

from generator.facts.loader import fact_paths
from tests.facts.test_schema import typed

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
CONFIG = REPO / "mkdocs.yml"
EDITOR_SCHEMA = REPO / "schema" / "facts.schema.json"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_example_validates() -> None:
    """`briefing validate` finds no error in content/; its warnings are printed."""
    result = _run("generator", "validate", "--content", "content")
    print(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_example_builds_strictly_with_the_site_check(tmp_path: Path) -> None:
    """`mkdocs build --strict` with the repository's own mkdocs.yml, into a temporary
    folder; the plugin checks the built site (its default) and fails the build on a problem."""
    plugin = load_config(str(CONFIG)).plugins["briefing"]
    assert plugin.config.scan, "mkdocs.yml turns the built-site check off (scan: false)"
    site = tmp_path / "site"
    result = _run("mkdocs", "build", "--strict", "--config-file", str(CONFIG), "-d", str(site))
    print(result.stderr)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file()


def test_the_editor_schema_accepts_every_example_file() -> None:
    """Every fact file of content/ is valid against schema/facts.schema.json, as an editor
    reads it (YAML 1.2: dates are text)."""
    validator = Draft202012Validator(json.loads(EDITOR_SCHEMA.read_text(encoding="utf-8")))
    paths = fact_paths(CONTENT)
    assert paths, "content/ holds no fact file"
    errors = {
        path.relative_to(REPO).as_posix(): [
            e.message for e in validator.iter_errors(typed(path.read_text(encoding="utf-8")))
        ]
        for path in paths
    }
    assert {path: found for path, found in errors.items() if found} == {}
