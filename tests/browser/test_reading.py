"""Reading the briefing (issue 15): the bottom line at body size, citations large enough to
tap, and the row a citation leads to highlighted on arrival."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
DEPLOYMENT = "deployments/dprk-troops-in-russia/"


def _px(page: Page, selector: str, prop: str) -> float:
    value = page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")
    return float(str(value).removesuffix("px"))


def test_takeaways_read_at_body_size(page: Page, site_url: str) -> None:
    page.goto(site_url)
    body = _px(page, "article p", "fontSize")
    takeaway = _px(page, ".admonition.takeaways li", "fontSize")
    assert takeaway == body


@pytest.mark.parametrize("width", [1280, 390])
def test_every_citation_is_a_24_px_target(page: Page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(urljoin(site_url, DEPLOYMENT))
    boxes = page.eval_on_selector_all(
        "article a.cite",
        "els => els.filter(e => e.offsetParent !== null)"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })",
    )
    assert boxes, "no citation shown"
    small = [b for b in boxes if b[0] < 24 or b[1] < 24]
    assert small == []


def test_the_row_a_citation_leads_to_is_highlighted(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, DEPLOYMENT))
    citation = page.locator("article table a.cite").first
    href = citation.get_attribute("href")
    assert href is not None and "#ev-" in href
    citation.click()  # opens the passage (tests/browser/test_citation_tap.py)
    page.locator(".briefing-passage a").click()
    page.wait_for_url(f"**{href.split('/')[-1]}")
    fragment = href.split("#", 1)[1]
    row = page.locator("tr").filter(has=page.locator(f"[id='{fragment}']"))
    other = (
        page.locator("article table tbody tr")
        .filter(has_not=page.locator(f"[id='{fragment}']"))
        .first
    )
    lit = row.evaluate("e => getComputedStyle(e).outlineStyle")
    unlit = other.evaluate("e => getComputedStyle(e).outlineStyle")
    assert (lit, unlit) == ("solid", "none")
