"""`briefing build` under faults: killed builds, undeletable folders, builds run together."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator.plugin import build as build_module
from generator.plugin import site_folder
from tests.plugin.test_build import copy_project

EPOCH = "1729814400"  # builds are byte-identical with it set


def _command(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _build(project: Path) -> subprocess.CompletedProcess[str]:
    process = _command(project)
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def _beside(project: Path) -> list[str]:
    return sorted(
        p.name for p in project.iterdir() if p.name.startswith((".site-", ".briefing-build-"))
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_folders_left_by_dead_builds_are_removed_and_named(project: Path) -> None:
    for name in (".site-tmp-site-k1ll3d", ".site-old-site-0ldsit3"):
        (project / name / "assets").mkdir(parents=True)
        (project / name / "assets" / "half.js").write_text("half-written")
    (project / ".site-tmp-other-x1").mkdir()  # another site's (site_dir: other): not ours
    (project / ".site-tmp-site-file").write_text("a file, not a build's folder")

    result = _build(project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "note: removed .site-old-site-0ldsit3, left beside the site by an unfinished build",
        "note: removed .site-tmp-site-k1ll3d, left beside the site by an unfinished build",
    ]
    assert _beside(project) == [
        ".briefing-build-site.lock",
        ".site-tmp-other-x1",
        ".site-tmp-site-file",
    ]


def test_a_build_killed_mid_way_is_cleaned_up_by_the_next(project: Path) -> None:
    process = _command(project)
    deadline = time.monotonic() + 120
    while not any(n.startswith(".site-tmp-site-") for n in _beside(project)):
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    left = [n for n in _beside(project) if n.startswith(".site-tmp-site-")]
    assert len(left) == 1

    result = _build(project)
    assert result.returncode == 0, result.stderr
    assert f"note: removed {left[0]}, left beside the site by an unfinished build" in (
        result.stderr.splitlines()
    )
    assert _beside(project) == [".briefing-build-site.lock"]
    assert (project / "site" / "index.html").is_file()


def test_a_build_waits_for_the_one_holding_the_site(project: Path) -> None:
    final = (project / "site").absolute()
    with site_folder.locked(final):
        process = _command(project)
        time.sleep(3)  # far longer than the example takes to load and validate
        assert process.poll() is None  # still waiting
        assert _beside(project) == [".briefing-build-site.lock"]  # and has not started writing
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert "12 pages, all checks passed" in out


def test_two_builds_started_together_end_with_one_complete_site(project: Path) -> None:
    reference = copy_project(project.parent / "reference")
    assert _build(reference).returncode == 0
    expected = _snapshot(reference / "site")

    first, second = _command(project), _command(project)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in (first, second)]
    assert [r[2] for r in results] == [0, 0], results
    assert _snapshot(project / "site") == expected
    assert _beside(project) == [".briefing-build-site.lock"]


def _failing_rmtree(marker: str) -> Any:
    real = shutil.rmtree

    def rmtree(path: Any, ignore_errors: bool = False, onerror: Any = None, **kw: Any) -> None:
        if marker in str(path) and onerror is not None:
            onerror(os.rmdir, str(path), (PermissionError, PermissionError(13, "refused"), None))
            return
        real(path, ignore_errors=ignore_errors, onerror=onerror, **kw)

    return rmtree


def test_an_old_site_that_cannot_be_deleted_is_reported(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build_module.build_site(project / "mkdocs.yml")
    monkeypatch.setattr(site_folder.shutil, "rmtree", _failing_rmtree(".site-old-site-"))
    built = build_module.build_site(project / "mkdocs.yml")
    [note] = built.notes
    old = next(p for p in project.iterdir() if p.name.startswith(".site-old-site-"))
    assert note == (
        f"the previous site was moved to {old} and cannot be removed: "
        f"{old.name}: [Errno 13] refused; delete it by hand"
    )
    assert (project / "site" / "index.html").is_file()


def test_a_leftover_that_cannot_be_deleted_is_reported(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    (project / ".site-tmp-site-stuck").mkdir()
    monkeypatch.setattr(site_folder.shutil, "rmtree", _failing_rmtree(".site-tmp-site-stuck"))
    built = build_module.build_site(project / "mkdocs.yml")
    assert built.notes == [
        f"cannot remove {project / '.site-tmp-site-stuck'}, left by an earlier build: "
        ".site-tmp-site-stuck: [Errno 13] refused; delete it by hand"
    ]


def test_a_lock_that_cannot_be_made_is_a_message(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")

    def refused(final: Path) -> Any:
        raise PermissionError(13, "Permission denied", str(final.parent / "x.lock"))

    monkeypatch.setattr(site_folder, "locked", refused)
    with pytest.raises(build_module.BuildFailed) as failed:
        build_module.build_site(project / "mkdocs.yml")
    final = (project / "site").absolute()
    assert str(failed.value).splitlines()[-2:] == [
        f"cannot build beside {final}: [Errno 13] Permission denied: '{final.parent / 'x.lock'}'",
        f"build failed; {final} was left as it was",
    ]
