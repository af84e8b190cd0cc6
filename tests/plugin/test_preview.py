"""Safe preview: under `mkdocs serve`, a bad edit shows its problems in the browser and the
terminal, the server keeps running, and saving the fix brings the briefing back."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.plugin.test_build import copy_project

DEPLOYMENT = "deployments/dprk-troops-in-russia/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(check: Callable[[], bool], what: str, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}; server output:\n{log.read_text()}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path, subprocess.Popen[bytes]]]:
    project = copy_project(tmp_path / "project")
    url = f"http://127.0.0.1:{free_port()}/"
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", url[7:-1]],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: "about 12,000" in fetch(url + DEPLOYMENT), "the site", log)
            yield project, url, log, server
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_a_bad_edit_shows_its_problems_and_a_fix_brings_the_site_back(
    served: tuple[Path, str, Path, subprocess.Popen[bytes]],
) -> None:
    project, url, log, server = served
    events = project / "content" / "events.yaml"
    good = events.read_text(encoding="utf-8")
    events.write_text(good + "  - id: broken\n    titel: x\n", encoding="utf-8")

    wait_for(lambda: "The briefing has problems" in fetch(url + DEPLOYMENT), "the report", log)
    page = fetch(url + DEPLOYMENT)
    assert "unknown field &#39;titel&#39;" in page or "unknown field 'titel'" in page
    assert "content/events.yaml" in page.replace("&#58;", ":")
    assert server.poll() is None, "the server stopped"
    assert "unknown field 'titel'" in log.read_text()

    events.write_text(good, encoding="utf-8")
    wait_for(lambda: "about 12,000" in fetch(url + DEPLOYMENT), "the fixed site", log)
    assert "The briefing has problems" not in fetch(url)
    assert server.poll() is None
