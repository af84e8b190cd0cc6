"""The core (loader, validate, render, pipeline) imports neither mkdocs nor click."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHECK = """
import generator, generator.pipeline, generator.render, generator.validate, generator.loader
import generator.warnings, generator.formats, generator.schema, generator.site_config
import sys
shells = sorted(m for m in sys.modules if m in ("mkdocs", "click") or m.startswith("mkdocs."))
assert not shells, shells
print("core ok")
"""


def test_core_imports_neither_mkdocs_nor_click() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "core ok\n"


def test_the_check_would_notice_click() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import generator.cli\n" + CHECK],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 1
    assert "AssertionError: ['click']" in result.stderr
