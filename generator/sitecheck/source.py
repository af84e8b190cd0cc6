"""Where an element the parser built came from: the line and column of its start tag.

Lexbor keeps no source positions, so the page's text is read a second time the way the HTML
Standard's tokenizer reads it, far enough to list the start tags in order: comments (closed
by ``-->`` or ``--!>``), bogus comments and doctypes are skipped, and so is the text of the
raw-text elements (script with its escapes, style, title, textarea, xmp, iframe, noembed,
noframes, noscript with scripting on, plaintext), so a ``<img`` inside them is not taken for
a tag. Inside SVG and MathML those elements are not raw text: a small stack follows foreign
content. Tags inside ``<template>`` are left out, as the parser's tree leaves them out.

It runs only for a page with a problem (and, in :mod:`.site`, a link that leads nowhere):
an element is found as the k-th start tag of its name that carries the attribute a finding
is about, with that value, where k counts the elements before it in the parser's tree with
the same three. The tree's order is the text's order except where the Standard moves
elements (out of a table, say) or makes some up (``<tbody>``, a second ``<body>``'s
attributes on the first); the attribute keeps those right too. Only positions depend on
this reading: every verdict is the parser's.
"""

from __future__ import annotations

import re
from html import unescape

_NAME = r"[^\t\n\f\r />][^\t\n\f\r /=>]*+"
# Atomic and possessive throughout: one way to read a tag, as the tokenizer has, and no
# backtracking into another (a quote left open runs to the next quote or the end).
_VALUE = r"""(?>"[^"]*+"?|'[^']*+'?|[^\t\n\f\r >]*+)"""
_ATTRIBUTE = re.compile(rf"[\t\n\f\r /]*+({_NAME})(?>[\t\n\f\r ]*+=[\t\n\f\r ]*+({_VALUE}))?")
_ATTRIBUTES = rf"(?:[\t\n\f\r /]*+(?>{_NAME}(?>[\t\n\f\r ]*+=[\t\n\f\r ]*+{_VALUE})?))*+"
_MARKUP = re.compile(
    r"<(?:!--(?:-?>|.*?(?:--!?>|\Z))"  # a comment; <!--> and <!---> close at once
    rf"|(/?)([a-zA-Z][^\t\n\f\r />]*+)({_ATTRIBUTES})[\t\n\f\r /]*+(?:>|\Z)"
    r"|/>"  # </> is dropped
    r"|[!?/][^>]*+>?)",  # doctype, bogus comment (and CDATA outside SVG and MathML)
    re.S,
)
_RAW_TEXT = ("style", "xmp", "iframe", "noembed", "noframes", "noscript", "title", "textarea")
_RAW_END = {name: re.compile(rf"</{name}[\t\n\f\r />]", re.I) for name in _RAW_TEXT}
_SCRIPT_TOKEN = re.compile(r"<!--(?:-*>)?|-->|<(/?)script[\t\n\f\r />]", re.I)
# Start tags that end SVG or MathML content; its integration points hold HTML.
_BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i "  # noqa: SIM905
    "img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt "
    "u ul var".split()
)
_INTEGRATION = frozenset({"foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext"})

Tag = tuple[int, int, int]
"""A start tag: its offset in the text, and the span of its attributes."""


class SourceTags:
    """The start tags of one page's text, by lower-cased name, in order."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.tags: dict[str, list[Tag]] = {}
        self.unclosed_script: int | None = None
        """Where a ``<script>`` whose text runs to the end of the page starts, if one does."""
        self._found: dict[tuple[str, str | None, str | None], list[int]] = {}
        self._attributes: dict[int, dict[str, str]] = {}
        self._counted = (0, 1)  # offset, line there: lookups run mostly forwards
        self._read()

    def _read(self) -> None:
        html, pos = self.html, 0
        foreign: list[str] = []  # open SVG and MathML elements
        template = 0
        while (found := _MARKUP.search(html, pos)) is not None:
            pos = found.end()
            name = found.group(2)
            if name is None:
                if foreign and html.startswith("<![CDATA[", found.start()):
                    end = html.find("]]>", found.start())
                    pos = len(html) if end < 0 else end + 3
                continue
            if not found.group(0).endswith(">"):
                return  # a tag cut off by the end of the page is dropped
            name = name.lower()
            if found.group(1):
                if name == "template" and template:
                    template -= 1
                _close(foreign, name)
                continue
            closed = html[pos - 2] == "/"
            if foreign and foreign[-1] not in _INTEGRATION and name not in _BREAKOUT:
                if not closed:
                    foreign.append(name)
                if not template:
                    self._add(name, found)
                continue
            if foreign and foreign[-1] not in _INTEGRATION:
                foreign.clear()  # a breakout tag: back to HTML
            name = "img" if name == "image" else name  # as the tree builder renames it
            if not template:
                self._add(name, found)
            if name == "template":
                template += 1
            if name in ("svg", "math") and not closed:
                foreign.append(name)
            elif name in _RAW_END:
                closing = _RAW_END[name].search(html, pos)
                pos = len(html) if closing is None else closing.start()
            elif name == "script":
                script_end = _script_end(html, pos)
                if script_end is None:
                    self.unclosed_script = found.start()
                    return
                pos = script_end
            elif name == "plaintext":
                return

    def _add(self, name: str, found: re.Match[str]) -> None:
        self.tags.setdefault(name, []).append((found.start(), found.start(3), found.end(3)))

    def position(
        self, name: str, attribute: str | None = None, value: str | None = None, index: int = 0
    ) -> tuple[int, int]:
        """The 1-based line and column of the ``index``-th start tag named ``name`` with
        ``attribute`` (of ``value``, unless None); failing that of any such tag with the
        attribute, or of any named ``name``; (1, 1) when the page has none."""
        return self.line_column(self.offset(name, attribute, value, index))

    def offset(
        self, name: str, attribute: str | None = None, value: str | None = None, index: int = 0
    ) -> int:
        """Where :meth:`position`'s start tag begins in the text, or -1."""
        for wanted in dict.fromkeys([(attribute, value), (attribute, None), (None, None)]):
            found = self._matching(name, *wanted)
            if found:
                return found[min(index, len(found) - 1)]
        return -1

    def _matching(self, name: str, attribute: str | None, value: str | None) -> list[int]:
        key = (name, attribute, value)
        found = self._found.get(key)
        if found is None:
            tags = self.tags.get(name, [])
            found = self._found[key] = [
                tag[0] for tag in tags if attribute is None or self._has(tag, attribute, value)
            ]
        return found

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an offset in the text (1, 1 for -1)."""
        if offset < 0:
            return 1, 1
        since, line = self._counted if offset >= self._counted[0] else (0, 1)
        line += self.html.count("\n", since, offset)
        self._counted = (offset, line)
        return line, offset - self.html.rfind("\n", 0, offset)

    def _has(self, tag: Tag, attribute: str, value: str | None) -> bool:
        attributes = self._attributes.get(tag[0])
        if attributes is None:
            attributes = self._attributes[tag[0]] = _parse_attributes(self.html, tag)
        return attribute in attributes and (value is None or attributes[attribute] == value)


def _parse_attributes(html: str, tag: Tag) -> dict[str, str]:
    """A start tag's attributes as the parser reads them: names lower-cased, values
    unquoted with character references decoded, the first of a repeated name kept."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(html, tag[1], tag[2]):
        name, value = match.group(1).lower(), match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
        value = unescape(value) if "&" in value else value
        found.setdefault(name, value.replace("\r\n", "\n").replace("\r", "\n"))
    return found


def _close(foreign: list[str], name: str) -> None:
    """An end tag: close the foreign element it names, if one is open."""
    if name in foreign:
        del foreign[len(foreign) - 1 - foreign[::-1].index(name) :]
    elif foreign and name in ("p", "br") and foreign[-1] not in _INTEGRATION:
        foreign.clear()


def _script_end(html: str, pos: int) -> int | None:
    """Where the ``</script`` that ends a script's text starts, or None when none does.

    The HTML Standard's script data states: after ``<!--`` the text is escaped, and in
    escaped text a ``<script`` makes ``</script`` end only that inner one; ``-->`` ends both.
    """
    state = 0  # 0 plain, 1 escaped, 2 double escaped
    for token in _SCRIPT_TOKEN.finditer(html, pos):
        text = token.group(0)
        if text.startswith("<!--"):
            state = 0 if text.endswith(">") else state or 1  # <!--> holds a -->
        elif text == "-->":
            state = 0
        elif token.group(1):
            if state != 2:
                return token.start()
            state = 1
        elif state == 1:
            state = 2
    return None
