"""The site's navigation: pages in order, sections grouped, large sections split in groups."""

from __future__ import annotations

from typing import Any

from generator.render.plan import Page

NAV_GROUP = 50
"""Most pages a nav section lists directly; a larger one is split into groups of at most this
many, so with ``navigation.prune`` a page renders only its own group (bounded work per page)."""

NAV_GROUPS_TITLE = "By title"
"""The one sub-section holding a large section's groups (Material shows a tab's direct
sub-sections expanded; only groups one level deeper are pruned)."""


def navigation(pages: list[Page]) -> list[Any]:
    """MkDocs-style nav: top pages in order, section pages grouped under their section.

    A section of more than :data:`NAV_GROUP` pages lists them by title in groups labelled
    with the range of titles each holds ("Deployment 0001 – Deployment 0050")."""
    nav: list[Any] = []
    sections: dict[str, list[Page]] = {}
    for page in pages:
        if page.section:
            if page.section not in sections:
                sections[page.section] = []
                nav.append(page.section)
            sections[page.section].append(page)
        else:
            nav.append({page.title: page.path})
    return [
        item if isinstance(item, dict) else {item: _section_nav(item, sections[item])}
        for item in nav
    ]


def _section_nav(section: str, pages: list[Page]) -> list[Any]:
    if len(pages) <= NAV_GROUP:
        return [{page.title: page.path} for page in pages]
    # A first page named as its section (Sources, Chronology) is its index: it stays first.
    top = [{pages[0].title: pages[0].path}] if pages[0].title == section else []
    ordered = sorted(pages[len(top) :], key=lambda p: (p.title.casefold(), p.title, p.path))
    count = -(-len(ordered) // NAV_GROUP)
    size = -(-len(ordered) // count)
    chunks = [ordered[i : i + size] for i in range(0, len(ordered), size)]
    groups: list[Any] = []
    used: set[str] = set()
    for n, chunk in enumerate(chunks):
        first, last = chunk[0].title, chunk[-1].title
        before = chunks[n - 1][-1].title if n else ""
        after = chunks[n + 1][0].title if n + 1 < len(chunks) else ""
        start = _guide_word(first, before, last)
        end = _guide_word(last, after, first)
        label = start if start == end else f"{start} – {_after_shared_words(end, start)}"
        while label in used:
            label += " (more)"
        used.add(label)
        groups.append({label: [{page.title: page.path} for page in chunk]})
    return [*top, {NAV_GROUPS_TITLE: groups}]


def _guide_word(title: str, *others: str) -> str:
    """The shortest start of ``title``, to the end of a word, that tells it from ``others``
    (as the guide words of a dictionary page)."""
    common = max(len(_common_prefix(title.casefold(), o.casefold())) for o in others)
    end = common + 1
    while end < len(title) and not title[end].isspace():
        end += 1
    return title[:end].rstrip(",:;.") or title


def _after_shared_words(text: str, other: str) -> str:
    """``text`` without the leading words it shares with ``other`` ("Deployment 0040")."""
    words, theirs = text.split(), other.split()
    n = 0
    while n < min(len(words), len(theirs)) - 1 and words[n] == theirs[n]:
        n += 1
    return " ".join(words[n:]) if n and n < len(words) else text


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]
