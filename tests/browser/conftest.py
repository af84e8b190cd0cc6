"""Fixtures for the browser tests: the real site under `mkdocs serve`, and a headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Route, sync_playwright

from tests.plugin.test_build import copy_project

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1.0) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _server_output(log_dir: Path) -> str:
    parts = []
    for name in ("stdout", "stderr"):
        text = (log_dir / name).read_text(errors="replace")
        parts.append(f"--- mkdocs serve {name} ---\n{text}")
    return "\n".join(parts)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (ending in '/') of the example briefing (the report fixture) served by
    `mkdocs serve`."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    mkdocs = Path(sys.executable).parent / "mkdocs"
    command = [str(mkdocs), "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"]
    log_dir = tmp_path_factory.mktemp("mkdocs-serve")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Files, not pipes: a chatty server must never block on a full pipe.
    with (
        (log_dir / "stdout").open("w") as out,
        (log_dir / "stderr").open("w") as err,
    ):
        process = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=err)
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        while not _answers(url):
            if process.poll() is not None:
                pytest.fail(
                    f"mkdocs serve exited with code {process.returncode}\n"
                    + _server_output(log_dir),
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"mkdocs serve did not answer {url} within {SERVER_TIMEOUT:.0f} s\n"
                    + _server_output(log_dir),
                    pytrace=False,
                )
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium`", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_errors() -> list[str]:
    """Console errors and uncaught page errors seen by `page`, in order."""
    return []


@pytest.fixture
def page(browser: Browser, browser_errors: list[str]) -> Iterator[Page]:
    """A fresh 1280x800 page; console errors and page errors go to `browser_errors`.

    The site must not reach beyond itself (no web fonts, no CDN): a request to any other
    host is refused and recorded as an error.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})

    def offline(route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("file", "data") or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            browser_errors.append(f"outside request: {route.request.url}")
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            browser_errors.append(f"console: {message.text} ({message.location})")

    def on_page_error(error: Error) -> None:
        browser_errors.append(f"pageerror: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
