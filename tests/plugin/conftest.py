"""The example project (the tests' report fixture) built once for the tests that only read
the built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plugin.test_build import build, copy_project


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site of the example project: read it, never change it."""
    project = copy_project(tmp_path_factory.mktemp("example"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"
