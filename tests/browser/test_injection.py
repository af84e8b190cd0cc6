"""Every bad value that must show literally, loaded in a real browser: nothing runs."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page

from tests.facts.test_corpus import CANARY, literal_project
from tests.plugin.test_build import build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def injection_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The literal corpus built into a site, served over HTTP on a free local port."""
    project = literal_project(tmp_path_factory.mktemp("injection"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_no_dialog_fires_and_no_canary_shows(
    page: Page, injection_site: tuple[Path, str], browser_errors: list[str]
) -> None:
    site, url = injection_site
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.message} on {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    every = sorted(site.rglob("*.html"))
    # A permalink redirects at once to a page visited here; its own text is checked below.
    pages = [p for p in every if not p.relative_to(site).as_posix().startswith("id/")]
    assert len(pages) >= 8 and len(every) > len(pages)
    for stub in set(every) - set(pages):
        assert CANARY not in stub.read_text(encoding="utf-8"), f"canary in {stub}"
    for html in pages:
        page.goto(url + html.relative_to(site).as_posix())
        page.wait_for_load_state("load")
        for frame in page.frames:
            assert CANARY not in frame.content(), f"canary on {html}"
        # Hovering every citation and link would show any tooltip-borne markup too.
        # and clicking one opens its passage panel, which must show the passage as text.
        for link in page.locator("article a.cite").all()[:20]:
            link.hover()
        for link in page.locator("article a.cite").all()[:5]:
            link.click()
            page.keyboard.press("Escape")
    assert dialogs == []
    assert browser_errors == []
