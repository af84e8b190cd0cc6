"""The payloads that passed the old check (tests/sitecheck/test_html5.py), and the pages'
Content-Security-Policy, in headless Chromium: from facts they are text, from a hand-written
page they are markup the policy keeps from running, and so is a script added after the build.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.plugin.test_build import build, copy_project
from tests.sitecheck.test_html5 import PAYLOADS, hand_written, in_facts, payload
from tests.sitecheck.test_integrity import add_plugin_option, briefing_build

pytestmark = pytest.mark.browser

FLAGS = "Object.keys(window).filter(k => k.startsWith('__page_') || k.startsWith('__fact_'))"
HANDLERS = """[...document.querySelectorAll('*')].filter(
    e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length"""
BLOCKED = "violates the following Content Security Policy directive"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on a free local port: its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def fact_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example with the payloads in fact values, built (and checked) by `briefing build`."""
    project = in_facts(copy_project(tmp_path_factory.mktemp("facts")))
    result = briefing_build(project)
    assert result.returncode == 0, result.stderr
    with served(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def page_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example with the payloads in a hand-written page, built without the check (which
    refuses it), so the browser gets what would otherwise be published."""
    project = hand_written(copy_project(tmp_path_factory.mktemp("page")))
    add_plugin_option(project, "scan: false")
    result = build(project)
    assert result.returncode == 0, result.stderr
    with served(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path_factory.mktemp("example"))
    result = briefing_build(project)
    assert result.returncode == 0, result.stderr
    with served(project / "site") as url:
        yield project / "site", url


def _dialogs(page: Page) -> list[str]:
    seen: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def _settled(page: Page) -> None:
    """Every image has loaded or failed (an onerror would have had its chance)."""
    page.wait_for_load_state("load")
    # Polled with evaluate, not wait_for_function: that evals a string, which the CSP forbids.
    deadline = time.monotonic() + 10
    while not page.evaluate("[...document.images].every(i => i.complete)"):
        assert time.monotonic() < deadline, "images still loading after 10 s"
        page.wait_for_timeout(50)


def test_payloads_in_facts_show_as_text_and_nothing_runs(
    page: Page, fact_site: str, browser_errors: list[str]
) -> None:
    dialogs = _dialogs(page)
    text = ""
    for path in ("reactions/", "sources/"):
        page.goto(fact_site + path)
        _settled(page)
        assert page.evaluate(FLAGS) == []
        assert page.evaluate(HANDLERS) == 0
        assert page.locator("noscript, noembed, noframes").count() == 0
        text += page.locator("body").inner_text()
    for kind in sorted(PAYLOADS):
        assert payload(kind, f"__fact_{kind}") in text, kind
    assert dialogs == []
    assert browser_errors == []  # nothing even tried to run


def test_payloads_in_a_hand_written_page_are_markup_the_policy_keeps_from_running(
    page: Page, page_site: str, browser_errors: list[str]
) -> None:
    page.goto(page_site + "payloads/")
    _settled(page)
    # The browser built each payload's <img onerror>: without the policy, all four would run.
    assert page.evaluate("document.querySelectorAll('img[onerror]').length") == len(PAYLOADS)
    assert page.evaluate(FLAGS) == []
    assert len(browser_errors) == len(PAYLOADS), browser_errors
    assert all(BLOCKED in error and "inline event handler" in error for error in browser_errors)


def test_an_inline_script_added_after_the_build_is_blocked(
    page: Page, example_site: tuple[Path, str], browser_errors: list[str]
) -> None:
    site, url = example_site
    html = (site / "index.html").read_text(encoding="utf-8")
    added = html.replace("</body>", "<script>window.__added = 1</script></body>", 1)
    (site / "added.html").write_text(added, encoding="utf-8")
    page.goto(url + "added.html")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__added") is None
    assert page.evaluate("typeof __md_scope") == "object"  # the theme's own scripts ran
    assert len(browser_errors) == 1 and BLOCKED in browser_errors[0], browser_errors
    # The same page without its policy runs it: the policy is what stops it.
    policy = added[added.index('<meta http-equiv="Content-Security-Policy"') :]
    bare = added.replace(policy[: policy.index(">") + 1], "", 1)
    (site / "bare.html").write_text(bare, encoding="utf-8")
    page.goto(url + "bare.html")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__added") == 1


def test_the_example_site_runs_under_its_policy_without_a_violation(
    page: Page, example_site: tuple[Path, str], browser_errors: list[str]
) -> None:
    site, url = example_site
    every = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = [p for p in every if not p.startswith("id/")]  # permalinks redirect at once
    assert len(pages) >= 9 and len(every) > len(pages)
    for path in pages:
        page.goto(url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.classList.contains('js')"), path
    page.goto(url + "sources/")
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("Kirby", delay=30)
    expect(page.locator(".md-search-result__item").first).to_contain_text("Kirby", timeout=10_000)
    page.goto(url)
    page.locator("label[for='__palette_1']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert browser_errors == []
