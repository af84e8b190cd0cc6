"""Print keeps every column: each page kind printed to PDF at A4 and Letter shows every
citation number the screen page shows, and the wide tables' headers whole."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PAGES: dict[str, str] = {
    # name: path under the site root
    "home": "",
    "deployment": "deployments/dprk-troops-in-russia/",
    "treaty": "treaties/russia-dprk-partnership/",
    "reactions": "reactions/",
    "chronology": "chronology/",
    "sources": "sources/",
    "edition": "editions/2024-10-25/",
}
FORMATS = ("A4", "Letter")
# Column headers that must print whole, per page: the estimates table (about 726 CSS px on
# screen, wider than an A4 page's 170 mm of text) lost "Grade" (cut to "Grac") and "Source"
# (with every citation in it); the treaty table's header was cut.
HEADERS: dict[str, tuple[str, ...]] = {
    "deployment": ("Claimed by", "Figure", "Counts", "As of", "Claimed", "Grade", "Sources"),
    "treaty": ("Status", "Date", "By", "Vote", "Source"),
}
CITE = re.compile(r"^\[(\d+)\]$")
WORD = re.compile(r"[\w’']+")


@pytest.fixture(scope="module")
def screen(browser: Browser, site_url: str) -> Iterator[Page]:
    """One page for the whole module: printing needs no fresh context per page kind."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def citations(page: Page) -> Counter[str]:
    """The citation links a reader sees on the screen page: how often each "[n]" shows.

    Counted, not just collected: a number is often cited twice on a page (the estimates
    table and the range under it), and a cut column loses one of the two."""
    texts: list[str] = page.locator("article a.cite").evaluate_all(
        "links => links.filter(a => a.getClientRects().length > 0).map(a => a.textContent.trim())"
    )
    for text in texts:
        assert CITE.match(text), f"a citation link reads {text!r}, not [n]"
    return Counter(texts)


def column_headers(page: Page) -> list[str]:
    """The header cells of every table the screen page shows."""
    texts: list[str] = page.locator("article table th").evaluate_all(
        "cells => cells.filter(c => c.getClientRects().length > 0).map(c => c.textContent.trim())"
    )
    return [text for text in texts if text]


def pdf_text(page: Page, paper: str) -> str:
    """The page printed as a reader would (no backgrounds), as the PDF's extracted text."""
    data = page.pdf(format=paper, print_background=False)
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() or "" for p in reader.pages)


@pytest.mark.parametrize("name", PAGES)
def test_print_keeps_every_citation_and_column(screen: Page, site_url: str, name: str) -> None:
    screen.goto(urljoin(site_url, PAGES[name]))
    shown = citations(screen)
    headers = [*HEADERS.get(name, ()), *column_headers(screen)]
    if name not in ("sources", "edition"):
        assert shown, f"{name} shows no citation: the check would prove nothing"
    for paper in FORMATS:
        text = pdf_text(screen, paper)
        # Text extraction may break a line inside "[12]"; spaces and line breaks don't count.
        printed = Counter(re.findall(r"\[\d+\]", re.sub(r"\s+", "", text)))
        lost = {cite: n - printed[cite] for cite, n in shown.items() if printed[cite] < n}
        assert not lost, f"{name} printed on {paper} lost citations (how many): {lost}"
        words = set(WORD.findall(text))
        for header in headers:
            assert all(word in words for word in WORD.findall(header)), (
                f"{name} printed on {paper} cut the column header {header!r}"
            )
