"""Headings whose generated id would repeat an id of the same page get an id of their own.

Python-Markdown's ``toc`` gives each heading an id made of its text (``# Baseline brief``
becomes ``baseline-brief``), avoiding the ids it can see, but not those a page writes as raw
HTML (``<a id="baseline-brief"></a>``, the permalink of a fact), nor the theme's
(``__drawer``): a deployment titled "Baseline brief" with the id ``baseline-brief`` would hold
that id twice. So each page's Markdown is read once more, heading by heading: one whose id
would be taken gets, in an attribute list, the id ``toc`` would have given it had it seen
them (``baseline-brief_1``; fact ids never hold ``_``, so it is nobody's). Every other
heading is left as it is: a page without such a collision is unchanged, byte for byte.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Python-Markdown ships no type hints; these are its own functions, so ids come out as toc's.
from markdown.extensions.toc import slugify, strip_tags, unique  # type: ignore[import-untyped]

_HEADING = re.compile(r"(#{1,6}[ \t]*)([^\n]*?)[ \t]*#*[ \t]*(?=\n|$)")
_RAW_IDS = (re.compile(r'id="([^"]*)"'), re.compile(r"id='([^']*)'"))
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*([^{}\n]*)\}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
SEPARATOR = "-"
"""The ``toc`` extension's default separator (MkDocs does not change it)."""
THEME_PREFIX = "__"
"""The theme's own ids start so (Material's ``__drawer``, ``__search``, ``__nav_2``): a
heading's id may not (a title "__drawer" would make one)."""


@dataclass
class _Heading:
    start: int
    end: int
    marks: str
    text: str
    explicit: str | None
    renamed: bool = False


def _explicit_id(text: str) -> str | None:
    """The id a heading's trailing attribute list gives it (``{: #x }``), if any."""
    found = _ATTR_LIST.search(text)
    if found is None:
        return None
    named = _ATTR_ID.search(found.group(1))
    return named.group(1) if named else None


def _fenced(markdown: str) -> list[tuple[int, int]]:
    """Where fenced code blocks are (a '#' line in one is no heading); usually none."""
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for match in _FENCE.finditer(markdown):
        if opened is None:
            opened = (match.start(), match.group(1)[0] * 3)
        elif match.group(1).startswith(opened[1]):
            spans.append((opened[0], match.end()))
            opened = None
    if opened is not None:
        spans.append((opened[0], len(markdown)))
    return spans


def _line_starts(markdown: str, text: str) -> Iterator[int]:
    """Where the lines that start with ``text`` start (found by ``str.find``: pages at scale
    hold 100 MB, and few of their lines are headings)."""
    if markdown.startswith(text):
        yield 0
    at = markdown.find("\n" + text)
    while at >= 0:
        yield at + 1
        at = markdown.find("\n" + text, at + 1)


def _headings(markdown: str) -> list[_Heading]:
    fenced = _fenced(markdown) if "```" in markdown or "~~~" in markdown else []
    found = [m for at in _line_starts(markdown, "#") if (m := _HEADING.match(markdown, at))]
    return [
        _Heading(m.start(1), m.end(), m.group(1), m.group(2), _explicit_id(m.group(2)))
        for m in found
        if not any(start <= m.start(1) < end for start, end in fenced)
    ]


def _given_ids(headings: list[_Heading]) -> list[str | None]:
    """The id ``toc`` gives each heading without one (None for the others): its text as a
    slug, unique among the page's explicit ids (all of them, first) and those given before."""
    used = {h.explicit for h in headings if h.explicit is not None}
    return [
        None
        if h.explicit is not None
        else unique(slugify(html.unescape(strip_tags(_ATTR_LIST.sub("", h.text))), SEPARATOR), used)
        for h in headings
    ]


def raw_ids(markdown: str) -> set[str]:
    """The ids raw HTML in the page gives its elements (``id="..."``; a few more, never
    fewer: any text so written)."""
    found = set(_RAW_IDS[0].findall(markdown))
    return found | set(_RAW_IDS[1].findall(markdown)) if "id='" in markdown else found


def _own_id(given: str, headings: list[_Heading], raw: set[str]) -> str:
    """An id for a heading whose generated one is taken: as ``toc`` would number it."""
    explicit = {h.explicit for h in headings if h.explicit is not None}
    base = given.lstrip("_") or "heading"
    candidate, number = base, 0
    while candidate in explicit or candidate in raw:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


def _with_id(text: str, own: str) -> str:
    """A heading's text with the id ``own`` in its attribute list (one is added if none)."""
    found = _ATTR_LIST.search(text)
    if found is None:
        return f"{text} {{: #{own} }}"
    return f"{text[: found.start()]} {{: #{own} {found.group(1).strip()} }}"


def separate_headings(markdown: str) -> str:
    """``markdown`` with an id of its own for every heading whose generated id would be taken
    (by raw HTML of the page, or the theme's); the same string when none would be."""
    headings = _headings(markdown)
    raw = raw_ids(markdown) if headings else set()
    # A new explicit id changes what toc gives the others: again, until none is taken.
    while True:
        given = _given_ids(headings)
        taken = [
            (heading, value)
            for heading, value in zip(headings, given, strict=True)
            if value is not None and (value.startswith(THEME_PREFIX) or value in raw)
        ]
        if not taken:
            break
        heading, value = taken[0]
        heading.explicit = _own_id(value, headings, raw)
        heading.text = _with_id(heading.text, heading.explicit)
        heading.renamed = True
    out, at = [], 0
    for heading in (h for h in headings if h.renamed):
        out += [markdown[at : heading.start], heading.marks, heading.text]
        at = heading.end
    return "".join([*out, markdown[at:]]) if out else markdown
