"""What a reader sees: every page kind, the navigation, citations, search, the estimates table."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import FloatRect, Locator, Page, expect

pytestmark = pytest.mark.browser

HOME_TITLE = "North Korean troops in Russia's Kursk region"
DEPLOYMENT = "deployments/dprk-troops-in-russia/"
PAGES: dict[str, tuple[str, str]] = {
    # name: (path under the site root, expected H1)
    "home": ("", HOME_TITLE),
    "deployment": (DEPLOYMENT, "North Korean troops in Russia"),
    "treaty": (
        "treaties/russia-dprk-partnership/",
        "Russia–North Korea strategic partnership agreement",
    ),
    "reactions": ("reactions/", "International reactions"),
    "chronology": ("chronology/", "Chronology"),
    "sources": ("sources/", "Sources"),
}
WIDTHS = (1280, 390)


def h1(page: Page) -> str:
    """The page's H1 as rendered, without the permalink sign."""
    return page.locator("article h1").inner_text().rstrip("¶").strip()


@pytest.mark.parametrize("name", PAGES)
def test_page_renders(
    page: Page, site_url: str, browser_errors: list[str], artifacts: Path, name: str
) -> None:
    path, title = PAGES[name]
    page.goto(urljoin(site_url, path))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=artifacts / f"{name}-{width}.png", full_page=True)
        assert h1(page) == title
        # Nothing may widen the page beyond the screen: wide tables must scroll inside
        # their own box, not drag the whole page sideways.
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} is {scroll_width}px wide at {width}px"
    assert browser_errors == []


def test_navigation_reaches_every_page(
    page: Page, site_url: str, browser_errors: list[str]
) -> None:
    page.goto(site_url)
    assert h1(page) == HOME_TITLE
    # At desktop width Material shows the top-level sections as tabs.
    tabs = page.locator("nav.md-tabs")
    for name, tab in (
        ("deployment", "Troop deployments"),
        ("treaty", "Treaty status"),
        ("reactions", "International reactions"),
        ("chronology", "Chronology"),
        ("sources", "Sources"),
    ):
        path, title = PAGES[name]
        tabs.get_by_role("link", name=tab, exact=True).click()
        expect(page).to_have_url(urljoin(site_url, path))
        assert h1(page) == title
    assert browser_errors == []


# Each estimate (its fact id) and words its Sources row must quote.
CITED_QUOTES: dict[str, str] = {
    "nis-1500-sent": "South Korea's intelligence agency reported a deployment of 1,500",
    "nis-1500-more-sent": "reported another 1,500 North Korean soldiers",
    "kirby-3000-east": "stationed at least 3,000 soldiers in the east of Russia",
    "us-3000-training": "around 3,000 North Korean soldiers are undergoing training",
    "seoul-12000-projected": "may send a total of about 12,000 soldiers",
}


def estimates_table(page: Page) -> Locator:
    # Material wraps tables in scroll boxes at runtime, so find "the next table" by XPath.
    return page.locator("xpath=//h2[@id='estimates']/following::table[1]")


def box(locator: Locator) -> FloatRect:
    rect = locator.bounding_box()
    assert rect is not None, f"{locator} is not rendered"
    return rect


@pytest.mark.parametrize("fact", CITED_QUOTES)
def test_citation_lands_on_quote(
    page: Page, site_url: str, browser_errors: list[str], fact: str
) -> None:
    page.goto(urljoin(site_url, DEPLOYMENT))
    row = estimates_table(page).locator("tbody tr").filter(has=page.locator(f"[id='{fact}']"))
    citation = row.locator("a.cite")
    expect(citation).to_have_count(1)
    expect(citation).to_have_text(re.compile(r"^\[\d+\]$"))
    # The hover tooltip says who made the claim and in which words.
    expect(citation).to_have_attribute("title", re.compile(re.escape(CITED_QUOTES[fact])))
    href = citation.get_attribute("href")
    assert href is not None and href.endswith(f"sources/#ev-{fact}")
    citation.click()  # opens the passage where the reader is; its link goes on to the source
    passage = page.locator(".briefing-passage")
    expect(passage).to_contain_text(CITED_QUOTES[fact])
    passage.locator("a").click()

    expect(page).to_have_url(urljoin(urljoin(site_url, DEPLOYMENT), href))
    assert urlsplit(page.url).fragment == f"ev-{fact}"
    assert h1(page) == "Sources"
    target = page.locator(f"[id='ev-{fact}']")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    # Not hidden under Material's sticky header either.
    header = box(page.locator("header.md-header"))
    assert box(target)["y"] >= header["y"] + header["height"] - 1
    quote_row = page.locator("tr").filter(has=target)
    expect(quote_row).to_contain_text(CITED_QUOTES[fact])
    assert browser_errors == []


def test_search_finds_kirby(page: Page, site_url: str, browser_errors: list[str]) -> None:
    page.goto(site_url)
    query = page.locator(".md-search__input")
    page.keyboard.press("/")  # Material's shortcut to open the search
    expect(query).to_be_focused()
    # Type key by key: Material searches on keyboard events, which `fill` does not send.
    query.press_sequentially("Kirby")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    assert results.count() >= 1
    texts = results.all_inner_texts()
    assert any("Kirby" in text for text in texts), texts
    assert browser_errors == []


def test_estimates_side_by_side(page: Page, site_url: str, browser_errors: list[str]) -> None:
    page.goto(urljoin(site_url, DEPLOYMENT))
    table = estimates_table(page)
    headers = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    column = headers.index("Figure") + 1
    figures = table.locator(f"tbody td:nth-child({column}) strong")
    expect(figures.first).to_be_visible()
    shown = [text.strip() for text in figures.all_inner_texts()]
    expected = ["1,500", "another 1,500", "at least 3,000", "about 3,000", "about 12,000"]
    assert sorted(shown) == sorted(expected)
    for index in range(figures.count()):
        expect(figures.nth(index)).to_be_visible()
    assert browser_errors == []


def test_a_permalink_leads_to_the_fact_where_it_is_shown(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, "id/kirby-3000-east/"))
    expect(page).to_have_url(
        urljoin(site_url, "deployments/dprk-troops-in-russia/#kirby-3000-east")
    )
    expect(page.locator("#kirby-3000-east")).to_be_attached()


def test_an_edition_page_links_its_neighbours_and_the_feed(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, "editions/"))
    page.get_by_role("link", name="25 Oct 2024").click()
    expect(page).to_have_url(urljoin(site_url, "editions/2024-10-25/"))
    expect(page.locator("h1")).to_contain_text("Edition 2024-10-25")
    page.get_by_role("link", name="All editions").first.click()
    feed = page.get_by_role("link", name="Atom feed").get_attribute("href")
    assert feed is not None
    response = page.request.get(urljoin(page.url, feed))
    assert response.ok and b"<feed" in response.body()
