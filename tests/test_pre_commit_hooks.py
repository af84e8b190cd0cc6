"""`.pre-commit-hooks.yaml`: the hook other repositories use by URL.

Run for real: ``pre-commit run`` in a briefing repository holding the exercise's content,
whose config names the hook by the URL of a snapshot of this project (a git repository of its
own, as pre-commit clones one) at its commit. pre-commit installs the package and its
dependencies into an environment of its own, from the package index; the project's venv is
not on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.facts.schema import REPOSITORY

REPO = Path(__file__).resolve().parent.parent
HOOKS = REPO / ".pre-commit-hooks.yaml"
EXERCISE = REPO / "tests" / "fixtures" / "exercise" / "content"
BIN = Path(sys.executable).parent
# What building the package needs (pyproject.toml's readme, licence and force-include).
PACKAGE = ["pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"]
PACKAGE += ["generator", "templates", "schema"]
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
GIT_USER = ["-c", "user.name=test", "-c", "user.email=test@example.org"]


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (hook,) = hooks
    return dict(hook)


def test_the_hook_validates_the_content_folders_yaml() -> None:
    hook = _hook()
    assert hook["id"] == "briefing-validate"
    assert hook["entry"] == "briefing validate"
    assert hook["language"] == "python"  # pre-commit installs the package itself
    assert hook["pass_filenames"] is False  # validate reads the whole folder
    files = re.compile(hook["files"])
    assert files.search("content/briefing.yaml") and files.search("content/a/b.yml")
    assert not files.search("docs/index.md") and not files.search("other/content/x.yaml")


def test_the_readme_shows_the_hook_by_the_repositorys_url() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index(f"  - repo: {REPOSITORY}\n") :].split("```")[0]
    config = yaml.safe_load("repos:\n" + block)
    (repo,) = config["repos"]
    assert repo["repo"] == REPOSITORY
    assert [hook["id"] for hook in repo["hooks"]] == [_hook()["id"]]


def _git(*args: str, cwd: Path) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *GIT_USER, *args], cwd=cwd, env=env, check=True, timeout=60)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This project as a git repository of its own: what pre-commit clones by URL."""
    target = tmp_path_factory.mktemp("mkdocs-briefing")
    for name in PACKAGE:
        source = REPO / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy(source, target / name)
    _git("init", "-q", cwd=target)
    _git("add", "-A", cwd=target)
    _git("commit", "-q", "-m", "snapshot", cwd=target)
    return target


def _briefing_repo(folder: Path, extra: dict[str, str]) -> Path:
    shutil.copytree(EXERCISE, folder / "content")
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
    _git("init", "-q", cwd=folder)
    _git("add", "-A", cwd=folder)
    return folder


def _path_without_the_venv() -> str:
    kept = [
        entry
        for entry in os.environ.get("PATH", "").split(os.pathsep)
        if entry and Path(entry).resolve() != BIN.resolve()
    ]
    path = os.pathsep.join(kept)
    assert shutil.which("briefing", path=path) is None, "a briefing command is on PATH"
    return path


def _pre_commit(package: Path, repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`pre-commit run` in ``repo``, whose config uses the hook by the package's URL (a
    local clone here) at its commit, as another repository would."""
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=package, capture_output=True, text=True, check=True
    ).stdout.strip()
    config = {"repos": [{"repo": str(package), "rev": rev, "hooks": [{"id": _hook()["id"]}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git("add", "-A", cwd=repo)
    env = {**os.environ, **GIT_ENV, "PATH": _path_without_the_venv()}
    env["PRE_COMMIT_HOME"] = str(home)
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_hook_by_url_passes_good_content_and_fails_a_broken_file_naming_it(
    package: Path, tmp_path: Path
) -> None:
    """One store for both runs: the hook's environment (the package and its dependencies,
    from the package index) is installed once, by the first."""
    good = _briefing_repo(tmp_path / "good", {})
    bad = _briefing_repo(tmp_path / "bad", {"content/bad.yaml": "events:\n  - id: Bad\n"})
    home = tmp_path / "pre-commit-home"
    passed = _pre_commit(package, good, home)
    good_out = passed.stdout + passed.stderr
    assert passed.returncode == 0, good_out
    assert re.search(r"^briefing validate\.+Passed$", good_out, re.MULTILINE), good_out
    failed = _pre_commit(package, bad, home)
    bad_out = failed.stdout + failed.stderr
    assert failed.returncode == 1, bad_out
    assert re.search(r"^briefing validate\.+Failed$", bad_out, re.MULTILINE), bad_out
    assert "content/bad.yaml:2:9: error: 'Bad' is not a valid id" in bad_out
    assert "nothing was built" in bad_out
