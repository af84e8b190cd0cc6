"""A citation shows its passage where the reader is (issue 15): a tap opens it under the
citation, on a touch screen as with a mouse or the keyboard, without leaving the page; the
panel's link goes on to the source."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser
DEPLOYMENT = "deployments/dprk-troops-in-russia/"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A 390 px touch screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def test_a_tap_shows_the_passage_without_leaving_the_page(phone: Page, site_url: str) -> None:
    phone.goto(urljoin(site_url, DEPLOYMENT))
    citations = phone.locator("article table a.cite")
    citation = citations.nth(1)
    passage = citation.get_attribute("title")
    href = citation.get_attribute("href")
    assert passage and "“" in passage and href
    citation.scroll_into_view_if_needed()
    citation.tap()
    panel = phone.locator(".briefing-passage")
    expect(panel).to_be_visible()
    assert phone.url == urljoin(site_url, DEPLOYMENT)  # still here
    assert panel.locator("p").inner_text() == passage
    assert panel.locator("a").get_attribute("href") == href
    assert citation.get_attribute("aria-expanded") == "true"
    # Under its citation, and all of it on the screen.
    box, under = panel.bounding_box(), citation.bounding_box()
    assert box is not None and under is not None
    assert box["y"] >= under["y"] + under["height"] - 1
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # Another citation replaces it; a tap elsewhere closes it.
    citations.nth(0).tap()
    expect(panel).to_have_count(1)
    assert panel.locator("p").inner_text() == citations.nth(0).get_attribute("data-passage")
    phone.locator("article h1").tap()
    expect(panel).to_have_count(0)


def test_the_panel_leads_on_to_the_source(phone: Page, site_url: str) -> None:
    phone.goto(urljoin(site_url, DEPLOYMENT))
    citation = phone.locator("article table a.cite").first
    href = citation.get_attribute("href")
    assert href is not None
    citation.tap()
    phone.locator(".briefing-passage a").tap()
    phone.wait_for_url(urljoin(phone.url, href))
    fragment = href.split("#", 1)[1]
    expect(phone.locator(f"[id='{fragment}']")).to_be_attached()


def test_the_keyboard_opens_and_closes_it(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, DEPLOYMENT))
    citation = page.locator("article table a.cite").first
    citation.focus()
    page.keyboard.press("Enter")
    link = page.locator(".briefing-passage a")
    expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".briefing-passage")).to_have_count(0)
    expect(citation).to_be_focused()
    assert citation.get_attribute("aria-expanded") == "false"


def test_a_second_tap_closes_it(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, DEPLOYMENT))
    citation = page.locator("article table a.cite").first
    citation.click()
    expect(page.locator(".briefing-passage")).to_have_count(1)
    citation.click()
    expect(page.locator(".briefing-passage")).to_have_count(0)


def test_the_passage_is_not_printed(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, DEPLOYMENT))
    page.locator("article table a.cite").first.click()
    page.emulate_media(media="print")
    expect(page.locator(".briefing-passage")).to_be_hidden()
