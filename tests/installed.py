"""The package as a user gets it, made once per test run: the wheel (``pip wheel
--no-deps``), and a fresh Python 3.11 venv with that wheel installed from it (its
dependencies from the package index). The packaging, `briefing init` and brand-new-project
tests share them, so the slow part (pip) is paid once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def run(command: list[str], cwd: Path, **env: str) -> str:
    """Run outside this venv; fail the test with the command's output if it fails."""
    result = subprocess.run(
        command,
        cwd=cwd,
        env={**CLEAN_ENV, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this repository, built once."""
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)], out)
    (wheel,) = out.glob("*.whl")
    return wheel


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory, built_wheel: Path) -> Path:
    """The bin folder of a fresh venv with the wheel installed (nothing of this repo's
    checkout on its path: a test asserts where `generator` is imported from)."""
    python = shutil.which("python3.11")
    assert python is not None, "python3.11 is needed to make the fresh venv"
    work = tmp_path_factory.mktemp("venv")
    run([python, "-m", "venv", str(work / "venv")], work)
    bin_dir = work / "venv" / "bin"
    run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(built_wheel)], work)
    return bin_dir
