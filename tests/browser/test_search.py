"""Search as a reader uses it: the first hit reads as the page does, never chart internals."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

GLUED = re.compile(r"[a-z]{3,}\d|\d,\d{3}\d")
"""A word glued to a number, or numbers glued together: "soldiers03,0006,000"."""


def search(page: Page, site_url: str, query: str) -> Locator:
    """The result items Material shows for ``query`` typed into its search box."""
    page.goto(site_url)
    page.keyboard.press("/")  # Material's shortcut to open the search
    box = page.locator(".md-search__input")
    expect(box).to_be_focused()
    # Type key by key: Material searches on keyboard events, which `fill` does not send.
    box.press_sequentially(query)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    return results


def first_snippet(results: Locator) -> str:
    """The text under the first heading of the first result that shows any."""
    articles = results.first.locator("article")
    for index in range(articles.count()):
        title, _, text = articles.nth(index).inner_text().strip().partition("\n")
        if text.strip():
            return " ".join(text.split())
    raise AssertionError(f"no snippet in {results.first.inner_text()!r}")


@pytest.mark.parametrize(
    ("query", "shown"), [("Kirby", "Kirby"), ("Duma", "Duma"), ("12000", "12,000")]
)
def test_first_snippet_is_readable(
    page: Page, site_url: str, browser_errors: list[str], query: str, shown: str
) -> None:
    results = search(page, site_url, query)
    snippet = first_snippet(results)
    assert shown in snippet, snippet
    assert len(snippet.split()) >= 4, snippet  # words, not a label
    assert not GLUED.search(snippet), snippet  # no chart ticks or legends run together
    assert "12,00012000" not in results.first.inner_text()  # the bare form stays hidden
    expect(page.locator(".md-search-result .md-tag")).to_have_count(0)  # no tag chips
    assert browser_errors == []


def test_figures_are_found_with_and_without_separators(page: Page, site_url: str) -> None:
    found = {}
    for query in ("12000", "12,000"):
        href = search(page, site_url, query).first.locator("a").first.get_attribute("href")
        found[query] = urlsplit(href or "")._replace(query="").geturl()  # ?h= is the query
    assert found["12000"] == found["12,000"], found
