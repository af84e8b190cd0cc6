"""Shared helpers: a temporary content folder, empty or copied from the report fixture."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.commands import main

REPO = Path(__file__).resolve().parent.parent
# The tests' frozen copy of the example report (tests/fixtures/report/README.md): tests never
# read the example in content/, which may change or be replaced (tests/test_example.py
# checks it).
REPORT_CONTENT = REPO / "tests" / "fixtures" / "report" / "content"

from tests.installed import built_wheel, installed  # noqa: E402,F401  (shared fixtures)

WriteContent = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory):
    """The tests' runs of ``briefing validate`` keep their parses in a folder of their own,
    never in the user's cache (child processes inherit it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture
def write_content(tmp_path: Path) -> WriteContent:
    """``write_content({"events.yaml": "..."})`` -> ``tmp_path/content``, files (over)written.

    Call it after ``example_content`` to replace or add single files in the copied report.
    """

    def write(files: dict[str, str | bytes]) -> Path:
        content = tmp_path / "content"
        content.mkdir(exist_ok=True)
        for name, text in files.items():
            target = content / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        return content

    return write


@pytest.fixture
def example_content(tmp_path: Path) -> Path:
    """A private copy of the example report (the fixture ``REPORT_CONTENT``), at
    ``tmp_path/content``."""
    target = tmp_path / "content"
    shutil.copytree(REPORT_CONTENT, target)
    return target


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Invoke the CLI from ``tmp_path``, so paths print as ``content/...``."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def assert_golden(golden: Path, text: str) -> None:
    """``text`` must equal the reviewed file ``golden``; `make golden` (UPDATE_GOLDEN=1)
    rewrites it instead, to be read as a diff before it is committed."""
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}; run `make golden` and review it"
    assert text == golden.read_text(encoding="utf-8")
