"""Fact text made inert for Markdown and HTML: it shows exactly as typed, nothing runs.

Every character that Markdown, HTML or one of Material's extensions could read as syntax
becomes a numeric character reference, which Python-Markdown passes through as a literal
character. :class:`Md` marks text that is already safe Markdown (written by templates and
helpers); the Jinja environment escapes everything else on output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import MappingProxyType

# Always inert: HTML, emphasis, links, code, attribute lists, tables, extensions
# (==mark==, ^^ins^^, ~~del~~, ++key++, :emoji:, $math$), snippets (--8<-- needs '<').
_ALWAYS = frozenset("\\`*_{}[]()#+!|<>&:~^=$")
_ALWAYS_TABLE = MappingProxyType(str.maketrans({ch: f"&#{ord(ch)};" for ch in _ALWAYS}))
# Only syntax at the start of a line: lists, rules, headings, ordered lists.
_LEADING = re.compile(r"^[-.\d]+")


class Md(str):
    """Markdown that templates and helpers wrote: output as is."""

    __slots__ = ()


def escape(value: object) -> Md:
    """Fact text -> Markdown that renders as exactly this text, on one line."""
    if isinstance(value, Md):
        return value
    return _escape_text(str(value))


def _escape_text(value: str) -> Md:
    text = " ".join(value.split())
    out = text.translate(_ALWAYS_TABLE)
    leading = _LEADING.match(out)
    if leading:
        head = "".join(f"&#{ord(ch)};" if ch in "-." else ch for ch in leading.group())
        out = head + out[leading.end() :]
    return Md(out)


def finalize(value: object) -> object:
    """Jinja ``finalize``: every ``{{ }}`` output is escaped unless it is :class:`Md`."""
    if isinstance(value, (Md, int, float)):
        return value
    return escape(value)


class Escaper:
    """:func:`escape` and :func:`finalize` that remember what they escaped: the same names
    and labels recur on many pages. Its owner (a renderer) clears it after each render, so
    it holds one render's text at most."""

    def __init__(self) -> None:
        self.escaped: dict[str, Md] = {}

    def __call__(self, value: object) -> Md:
        """As :func:`escape`."""
        # Plain strings only: an Md is never looked up, so an equal fact text can never
        # come back unescaped.
        if type(value) is str:
            found = self.escaped.get(value)
            if found is None:
                found = self.escaped[value] = _escape_text(value)
            return found
        return escape(value)

    def finalize(self, value: object) -> object:
        """As :func:`finalize`."""
        if isinstance(value, (Md, int, float)):
            return value
        return self(value)

    def clear(self) -> None:
        """Forget everything escaped so far."""
        self.escaped.clear()


_ATTRIBUTE = MappingProxyType({"&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;"})
# Markdown still reads an attribute that sits in Markdown (a link's "title", an inline
# <abbr title="...">): backticks make code, a backslash escapes, '|' splits a table row.
_ATTRIBUTE_MARKDOWN = frozenset("`\\|")
_ATTRIBUTE_TABLE = MappingProxyType(
    str.maketrans({**{ch: f"&#{ord(ch)};" for ch in _ATTRIBUTE_MARKDOWN}, **_ATTRIBUTE})
)


def attribute(value: str) -> str:
    """Text for an HTML attribute value in double quotes, on one line, also inside Markdown."""
    text = " ".join(value.split())
    out = text.translate(_ATTRIBUTE_TABLE)
    # Python-Markdown reads a link title's ' as a quote of its own: a title that starts and
    # ends with one loses both, and one before ')' ends the link there.
    return _LINK_QUOTE.sub("&#39;", out)


_LINK_QUOTE = re.compile(r"^'|'$|'(?=\s*\))")


_OPENS_AFTER = frozenset("([{‘“—–-/")
"""Characters after which a straight double quote opens a quotation (besides a space)."""
_CLOSES_BEFORE = frozenset(".,;:!?)]}’”—–-/…")
"""Characters before which a straight double quote closes a quotation (besides a space)."""


def _straight_pairs(text: str) -> set[int]:
    """Where the straight double quotes that mark a quotation are: one that opens (at the
    start, or after a space, an opening bracket or a dash, before a letter or digit) and
    the next one that closes it (before the end, a space or punctuation). Others, as in
    ``href="x"`` or ``12" pipe``, are not quotation marks and stay as they are."""
    found: set[int] = set()
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch != '"':
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if opened is None:
            if (before.isspace() or before in _OPENS_AFTER) and not after.isspace():
                opened = i
        elif after.isspace() or after in _CLOSES_BEFORE:
            found.update((opened, i))
            opened = None
    return found


def nest_quotes(text: str) -> str:
    """A passage's own quotations as single quotes, for wrapping it in “…”: '“' and '”'
    become '‘' and '’', and so does each pair of straight double quotes that marks a
    quotation (:func:`_straight_pairs`); apostrophes, single quotes and other straight
    double quotes stay as written."""
    if '"' not in text and "“" not in text and "”" not in text:
        return text
    pairs = _straight_pairs(text) if '"' in text else set()
    out = []
    opening = True
    for i, ch in enumerate(text):
        if ch == "“":
            out.append("‘")
        elif ch == "”":
            out.append("’")
        elif i in pairs:
            out.append("‘" if opening else "’")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def quoted_text(text: str) -> str:
    """Plain text in curly double quotes, its own double quotes nested as single ones:
    'said "no"' -> '“said ‘no’”'. For a tooltip (escape it with :func:`attribute`)."""
    return f"“{nest_quotes(text)}”"


def quoted(text: str, escape_text: Callable[[str], str] = escape) -> Md:
    """Fact text as Markdown in curly double quotes, its own double quotes nested as single
    ones (:func:`quoted_text`), escaped as :func:`escape` does (or ``escape_text``)."""
    return Md(f"“{escape_text(nest_quotes(text))}”")
