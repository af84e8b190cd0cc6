"""The briefing on a phone (issue 15), at 390 x 844 px: the reaction matrix shows every
column, no page scrolls sideways and no table hides a column, the tag chips leave the
estimates on the first screen, and the route map's names are clear of its legs as the
browser draws them. The wide screen (1280 px) is checked not to change for it."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, ViewportSize

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
WIDE: ViewportSize = {"width": 1280, "height": 800}
DEPLOYMENT = "deployments/dprk-troops-in-russia/"
PAGES = {
    "home": "",
    "deployment": DEPLOYMENT,
    "treaty": "treaties/russia-dprk-partnership/",
    "reactions": "reactions/",
    "chronology": "chronology/",
    "sources": "sources/",
    "method": "method/",
    "guide": "guide/",
    "tags": "tags/",
    "editions": "editions/",
}

_OVERFLOWS = """() => {
  const d = document.documentElement;
  const wraps = [...document.querySelectorAll('article .md-typeset__scrollwrap')]
    .filter(w => w.scrollWidth > w.clientWidth + 1)
    .map(w => (w.previousElementSibling || w.parentElement).textContent.trim().slice(0, 60));
  return {page: [d.scrollWidth, d.clientWidth], tables: wraps};
}"""


def _open(page: Page, site_url: str, path: str, size: ViewportSize) -> None:
    page.set_viewport_size(size)
    page.goto(urljoin(site_url, path))


@pytest.mark.parametrize("size", [PHONE, WIDE], ids=["390", "1280"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_page_scrolls_sideways_nor_hides_a_column(
    page: Page, site_url: str, browser_errors: list[str], kind: str, size: ViewportSize
) -> None:
    _open(page, site_url, PAGES[kind], size)
    found = page.evaluate(_OVERFLOWS)
    width, client = found["page"]
    assert width <= client, f"{kind}: the page is {width} px wide in {client} px"
    assert found["tables"] == [], f"{kind}: a table scrolls, hiding columns"
    assert browser_errors == []


def test_a_table_too_wide_all_the_same_shows_that_it_scrolls(page: Page, site_url: str) -> None:
    """The cue: a shadow at the scrolling edge (background gradients that stay put while
    the covers scroll with the table), the table see-through above it."""
    _open(page, site_url, PAGES["sources"], PHONE)
    styles = page.eval_on_selector(
        "article .md-typeset__scrollwrap",
        "w => [getComputedStyle(w).backgroundImage, getComputedStyle(w).backgroundAttachment,"
        " getComputedStyle(w.querySelector('table')).backgroundColor]",
    )
    image, attachment, table = styles
    assert image.count("gradient(") == 4
    assert attachment == "local, local, scroll, scroll"
    assert table == "rgba(0, 0, 0, 0)"


_MATRIX = """() => {
  const cells = [...document.querySelectorAll('.reaction-matrix th, .reaction-matrix td')];
  const wrap = document.querySelector('.reaction-matrix .md-typeset__scrollwrap');
  const view = wrap.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const cell of cells) {
    const box = cell.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(cell);
    const text = range.getBoundingClientRect();
    const inside = (r, o) => r.left >= o.left - 0.5 && r.right <= o.right + 0.5;
    const screen = {left: 0, right: width};
    const clipped = text.width > 0 && (text.top < box.top - 0.5 || text.bottom > box.bottom + 0.5
      || text.left < box.left - 0.5 || text.right > box.right + 0.5);
    if (!inside(box, screen) || !inside(box, view) || clipped)
      out.push([cell.tagName, cell.textContent.trim(), Math.round(box.left),
                Math.round(box.right), clipped]);
  }
  return {cells: cells.length, out: out,
          columns: document.querySelectorAll('.reaction-matrix thead th').length};
}"""


@pytest.mark.parametrize("size", [PHONE, WIDE], ids=["390", "1280"])
def test_every_column_of_the_reaction_matrix_is_in_view(
    page: Page, site_url: str, size: ViewportSize
) -> None:
    _open(page, site_url, PAGES["reactions"], size)
    found = page.evaluate(_MATRIX)
    assert found["columns"] >= 6 and found["cells"] > found["columns"]
    assert found["out"] == [], "cells outside the screen, or their text outside the cell"


def test_the_matrix_headers_stand_upright_on_a_phone_only(page: Page, site_url: str) -> None:
    modes = {}
    for name, size in (("phone", PHONE), ("wide", WIDE)):
        _open(page, site_url, PAGES["reactions"], size)
        modes[name] = page.eval_on_selector_all(
            ".reaction-matrix thead th", "ths => ths.map(th => getComputedStyle(th).writingMode)"
        )
    assert modes["phone"][:2] == ["horizontal-tb"] * 2  # About, Actor
    assert set(modes["phone"][2:]) == {"vertical-rl"}
    assert set(modes["wide"]) == {"horizontal-tb"}


def test_the_reaction_marks_are_24_px_targets(page: Page, site_url: str) -> None:
    _open(page, site_url, PAGES["reactions"], PHONE)
    boxes = page.eval_on_selector_all(
        ".reaction-matrix td a[href^='#']",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })",
    )
    assert boxes and all(w >= 24 and h >= 24 for w, h in boxes), boxes


def test_tag_chips_leave_the_estimates_on_the_first_screen(page: Page, site_url: str) -> None:
    """The chips take one row (tags only one page carries are not written), and the
    Estimates section, its heading and the top of its table, is on the first screen."""
    _open(page, site_url, DEPLOYMENT, PHONE)
    chips = page.eval_on_selector_all(
        "article .md-tags .md-tag", "els => els.map(e => e.getBoundingClientRect().top)"
    )
    assert chips, "the page shows its tags"
    assert len({round(top) for top in chips}) == 1, "the chips take more than one row"
    heading = page.locator("article h2", has_text="Estimates").first.bounding_box()
    assert heading is not None
    assert heading["y"] + heading["height"] <= PHONE["height"]


def test_the_estimates_table_starts_on_the_first_screen(page: Page, site_url: str) -> None:
    """The table, the claims with their sources, comes before the chart: its first claim
    (who, and the figure) shows on the first screen of a phone."""
    _open(page, site_url, DEPLOYMENT, PHONE)
    table = page.locator("article .estimates table").first.bounding_box()
    chart = page.locator("article figure.briefing-chart--estimates").first.bounding_box()
    assert table is not None and chart is not None
    assert table["y"] + 150 < PHONE["height"], table
    assert chart["y"] > table["y"]


def test_the_places_table_fits_a_phone(page: Page, site_url: str) -> None:
    _open(page, site_url, PAGES["sources"], PHONE)
    found = page.evaluate(
        """() => {
          const heading = document.getElementById('places');
          let el = heading.nextElementSibling;
          while (el && !el.querySelector('table')) el = el.nextElementSibling;
          const wrap = el.querySelector('.md-typeset__scrollwrap') || el;
          const table = el.querySelector('table').getBoundingClientRect();
          return [table.left, table.right, wrap.scrollWidth, wrap.clientWidth,
                  document.documentElement.clientWidth,
                  el.querySelectorAll('thead th').length];
        }"""
    )
    left, right, scroll, client, screen, columns = found
    assert columns == 4
    assert left >= 0 and right <= screen
    assert scroll <= client


_ROUTE = """() => {
  const svg = document.querySelector('figure.briefing-chart--map svg');
  const names = [...svg.querySelectorAll('text.bc-name')].map(t => [t.textContent, t.getBBox()]);
  const hits = [];
  for (const leg of svg.querySelectorAll('path.bc-leg')) {
    const half = parseFloat(getComputedStyle(leg).strokeWidth) / 2;
    const length = leg.getTotalLength();
    for (let at = 0; at <= length; at += 0.5) {
      const p = leg.getPointAtLength(at);
      for (const [name, b] of names) {
        if (p.x >= b.x - half && p.x <= b.x + b.width + half
            && p.y >= b.y - half && p.y <= b.y + b.height + half) hits.push(name);
      }
    }
  }
  return {names: names.length, hits: [...new Set(hits)]};
}"""


def test_no_leg_crosses_a_place_name_as_drawn(page: Page, site_url: str) -> None:
    """Names measured as the browser sets them (tests/render/test_route_labels.py checks
    the geometry, arrowheads too, against the builders' estimate of a name's size)."""
    _open(page, site_url, DEPLOYMENT, PHONE)
    found = page.evaluate(_ROUTE)
    assert found["names"] >= 3
    assert found["hits"] == []
