"""Every page of the example (the tests' frozen copy) and of the exercise and civic
fixtures, rendered once, and ways to read them: the passages of their content, a page's
visible text, its notes, its citations and its headings (tests of duplication and quoting)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from generator import generate, load
from generator.facts.content import Content
from generator.facts.model import Cited, Evidence, Phase, Stage
from tests.conftest import REPORT_CONTENT

ROOT = Path(__file__).resolve().parents[2]
CONTENTS = {
    "example": REPORT_CONTENT,
    "exercise": ROOT / "tests" / "fixtures" / "exercise" / "content",
    "civic": ROOT / "tests" / "fixtures" / "civic" / "content",
}


@cache
def pages(name: str) -> dict[str, str]:
    """Path -> Markdown of every page generated from the content ``name``."""
    return {p.path: p.markdown for p in generate(CONTENTS[name], root=ROOT)}


@cache
def content(name: str) -> Content:
    return load(CONTENTS[name], ROOT)


def every_page() -> Iterator[tuple[str, str]]:
    """('example', 'index.md'), ... for every page of every content."""
    for name in CONTENTS:
        for path in sorted(pages(name)):
            yield name, path


def passages(facts: Content) -> dict[tuple[str, str], set[str]]:
    """(document, words) -> the facts citing them: each fact's first passage, further
    reports, later statuses and their further reports."""
    found: dict[tuple[str, str], set[str]] = {}
    for fact_id, placed in facts.ids.items():
        record = placed.record
        if not isinstance(record, Cited):
            continue
        cited = [(record.document, record.quote)]
        if isinstance(record, Evidence):
            cited += [(c.document, c.quote) for c in record.also_reported_in]
        for update in record.updates if isinstance(record, Stage | Phase) else ():
            cited += [(c.document, c.quote) for c in update.citations]
        for document, words in cited:
            found.setdefault((document, " ".join(words.split())), set()).add(fact_id)
    return found


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_LINK_TITLE = re.compile(r'(\]\([^ )]*) "[^"]*"\)')
_ATTRIBUTE = re.compile(r'\s[\w:-]+="[^"]*"')
_QUOTES = str.maketrans({ch: '"' for ch in "“”‘’"})


def normal(text: str) -> str:
    """Text compared for sameness: entities read, spacing collapsed, every double or
    curly quote one straight one (a nested quote is the same words)."""
    return " ".join(html.unescape(text).translate(_QUOTES).split())


def visible(markdown: str) -> str:
    """What a page shows as text: no charts, link titles (tooltips) or HTML attributes."""
    text = _SVG.sub("", markdown)
    text = _LINK_TITLE.sub(r"\1)", text)
    return normal(_ATTRIBUTE.sub("", text))


def notes(markdown: str) -> list[tuple[int, str, str]]:
    """(number, document line 'From [S1](...)...', text) of each of a page's endnotes."""
    if "\n## Notes\n" not in markdown:
        return []
    section = markdown.split("\n## Notes\n", 1)[1].split("\n---\n", 1)[0]
    found, document, start = [], "", 0
    for line in section.splitlines():
        if line.startswith("From [S"):
            document = line
        elif match := re.match(r'<ol class="notes" start="(\d+)"', line):
            start = int(match.group(1))
        elif line.startswith("<li markdown>"):
            found.append((start, document, line))
            start += 1
        elif match := re.match(r"(\d+)\. ", line):
            found.append((int(match.group(1)), document, line))
    return found


def body(markdown: str) -> str:
    """A page without its endnotes."""
    return markdown.split("\n## Notes\n", 1)[0]


def citation_numbers(markdown: str) -> set[int]:
    """The numbers of the citations in a page's text."""
    return {int(n) for n in re.findall(r"\[\[(\d+)\]\]\(", body(markdown))}


def headings(markdown: str) -> Iterator[tuple[int, int, str]]:
    """(line index, level, text) of each Markdown heading outside code and front matter."""
    lines = markdown.splitlines()
    fenced = False
    start = 0
    if lines and lines[0] == "---":
        start = lines.index("---", 1) + 1
    for i, line in enumerate(lines[start:], start):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (match := re.match(r"(#{1,6}) ", line)):
            yield i, len(match.group(1)), line
