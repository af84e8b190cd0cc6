"""The search index of the built example: what a reader finds, and no chart internals."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from generator.plugin.search import bare_figures, clean_entry

CHART = re.compile(r'<figure class="briefing-chart briefing-chart--[a-z]+">(.*?)</figure>', re.S)
SVG_TEXT = re.compile(r"<(text|title|desc)\b[^>]*>(.*?)</\1>", re.S)
GLUED = re.compile(r"[a-z]{3,}\d|\d,\d{3}\d")
"""A word glued to a number, or numbers glued together: "soldiers03,0006,000"."""
FIGURE = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?!\d)")


@pytest.fixture(scope="module")
def docs(site: Path) -> list[dict[str, Any]]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert len(docs) > 20
    return docs


def shown(text: str) -> str:
    """An entry's text as the results show it: hidden elements gone, tags as spaces."""
    text = re.sub(r"<span hidden>[^<]*</span>", "", text)
    return unescape(re.sub(r"<[^>]+>", " ", text))


def chart_texts(site: Path) -> set[str]:
    """Every line of text the example's charts draw, with their titles and descriptions."""
    texts: set[str] = set()
    for page in site.rglob("*.html"):
        for chart in CHART.findall(page.read_text(encoding="utf-8")):
            for _, text in SVG_TEXT.findall(chart):
                texts.add(" ".join(unescape(re.sub(r"<[^>]+>", "", text)).split()))
    return texts


def test_the_charts_are_drawn_and_out_of_the_index(site: Path, docs: list[dict[str, Any]]) -> None:
    texts = chart_texts(site)
    assert len(texts) > 20  # the charts are there (estimates, route, treaty, chronology)
    # Their descriptions are sentences of their own, found nowhere else.
    described = [t for t in texts if len(t) > 60]
    assert described
    for entry in docs:
        text = shown(entry["text"])
        assert not GLUED.search(text), (entry["location"], GLUED.search(text))
        for line in described:
            assert line not in text, (entry["location"], line)
    # Material's mark is only for its indexer: the written pages do not carry it.
    for page in site.rglob("*.html"):
        assert "data-search-exclude" not in page.read_text(encoding="utf-8"), page


def test_no_tag_chips_in_the_index(docs: list[dict[str, Any]]) -> None:
    assert all("tags" not in entry for entry in docs)


def test_figures_are_found_without_their_separators(docs: list[dict[str, Any]]) -> None:
    seen = set()
    for entry in docs:
        for figure in FIGURE.findall(shown(entry["text"])):
            seen.add(figure)
            assert f"<span hidden>{figure.replace(',', '')}</span>" in entry["text"]
    assert {"1,500", "3,000", "12,000"} <= seen


def test_bare_figures() -> None:
    assert bare_figures("about 12,000 in all") == "about 12,000<span hidden>12000</span> in all"
    assert bare_figures("1,500, then 1,234,567.5.") == (
        "1,500<span hidden>1500</span>, then 1,234,567.5<span hidden>1234567.5</span>."
    )
    for text in ("2024", "12,0001", "1,50", "0.5,000"):
        assert bare_figures(text) == text


def test_clean_entry_keeps_the_rest() -> None:
    entry = {"location": "a/", "title": "12,000", "text": "<p>12,000</p>", "tags": ["x"]}
    assert clean_entry(entry) == {
        "location": "a/",
        "title": "12,000",
        "text": "<p>12,000<span hidden>12000</span></p>",
    }
    assert "tags" in entry  # not changed in place
