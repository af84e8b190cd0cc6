"""SVG markup for the charts: escaping, numbers, tags, lines of text and their estimated
boxes, wrapping and truncating, links, hidden decoration, legends, and the ``<figure>`` that
holds every chart."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

from generator.render.markdown_text import Md

SVG_NS = "http://www.w3.org/2000/svg"
SCALE = 1.35  # intrinsic size = viewBox size x SCALE; CSS shrinks it to narrower pages
WIDTH = 360.0  # viewBox width: at a phone's ~350px column, 1 unit is about 1px
Href = Callable[[str], str]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1
XY = tuple[float, float]

# Font sizes in viewBox units, per text class; CHART_CSS is generated from the same table.
FONT = MappingProxyType(
    {"tick": 11.0, "label": 11.5, "legend": 12.0, "name": 12.0, "status": 12.0, "badge": 10.0}
)

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Characters that Markdown or Material's extensions could read as syntax if the SVG ever
# lands in inline Markdown (inside an admonition, say); as references they stay text.
_MD_INERT = frozenset("\\`*_{}[]|~^=$+")
_XML = frozenset("<>&\"'")
_ESC_TABLE = MappingProxyType(
    str.maketrans(
        {**{ch: f"&#{ord(ch)};" for ch in _MD_INERT}, **{ch: html.escape(ch) for ch in _XML}}
    )
)


def esc(text: object) -> str:
    """Text for SVG content or a double-quoted attribute, on one line.

    XML-escaped as ``html.escape(quote=True)`` does; Markdown-significant characters become
    numeric references too; every run of whitespace (newlines too) becomes one space, so
    no blank line can end the raw HTML block.
    """
    return " ".join(str(text).split()).translate(_ESC_TABLE)


def num(value: float) -> str:
    """A number with at most one decimal: '12', '12.5', never '-0'."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _open(name: str, attrs: Mapping[str, object]) -> str:
    """An opening tag; values escaped, numbers formatted, None left out."""
    parts = [name]
    for key, value in attrs.items():
        if value is not None:
            shown = num(value) if isinstance(value, float | int) else esc(value)
            parts.append(f'{key}="{shown}"')
    return "<" + " ".join(parts) + ">"


def tag(name: str, attrs: Mapping[str, object], body: str = "") -> str:
    """One element; ``body`` is markup (escape text with :func:`esc` first)."""
    head = _open(name, attrs)
    return f"{head}{body}</{name}>" if body else head[:-1] + "/>"


def text_line(
    x: float, y: float, text: str, kind: str, anchor: str = "start", extra: str = ""
) -> str:
    """A line of text of a :data:`FONT` kind (its class is ``bc-<kind>``)."""
    cls = f"bc-{kind} {extra}".strip()
    attrs = {"x": x, "y": y, "class": cls, "text-anchor": None if anchor == "start" else anchor}
    return tag("text", attrs, esc(text))


def path_data(points: Sequence[XY], close: bool = True) -> str:
    """Path data through points: 'M1 2L3 4Z'."""
    steps = "L".join(f"{num(x)} {num(y)}" for x, y in points)
    return f"M{steps}{'Z' if close else ''}"


def text_width(text: str, kind: str) -> float:
    """Estimated width of a line of text (Roboto, Material's font, averages ~0.56 em)."""
    return len(text) * FONT[kind] * 0.56


def text_box(x: float, y: float, text: str, kind: str, anchor: str) -> Box:
    """The estimated box a line of text covers, as :func:`text_line` places it."""
    width = text_width(text, kind)
    x0 = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return (x0, y - FONT[kind] * 0.8, x0 + width, y + FONT[kind] * 0.2)


def overlap(a: Box, b: Box, margin: float = 2.0) -> bool:
    """Whether two boxes overlap or come within ``margin`` of each other (no margin when
    ``b`` lies wholly above ``a``)."""
    return not (
        a[2] + margin <= b[0] or b[2] + margin <= a[0] or a[3] + margin <= b[1] or b[3] <= a[1]
    )


def wrap(text: str, chars: int, lines: int) -> list[str]:
    """Greedy word wrap into at most ``lines`` lines of ``chars`` characters; '…' if cut."""
    rows: list[str] = []
    for word in text.split():
        while len(word) > chars:
            rows.append(word[: chars - 1] + "-")
            word = word[chars - 1 :]
        if rows and len(rows[-1]) + 1 + len(word) <= chars:
            rows[-1] += " " + word
        else:
            rows.append(word)
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = truncate(rows[-1], chars - 1).removesuffix("…") + "…"
    return rows


def truncate(text: str, chars: int) -> str:
    """At most ``chars`` characters, cut at a word where one is near, then '…'."""
    text = " ".join(text.split())
    if len(text) <= chars:
        return text
    cut = text[: chars - 1]
    words = cut.rsplit(" ", 1)[0]
    return (words if len(words) >= chars * 0.6 else cut).rstrip(" ,;:") + "…"


def link(href: str, label: str, body: str) -> str:
    """A link with an accessible name and a hover tooltip."""
    title = tag("title", {}, esc(label))
    return tag("a", {"href": href, "class": "bc-link", "aria-label": label}, title + body)


def hidden(parts: Sequence[str]) -> str:
    """Decoration (axes, grid, legend): the title and desc already say it in words."""
    return '<g aria-hidden="true">' + "".join(parts) + "</g>"


def chart_figure(
    kind: str, key: str, size: XY, words: tuple[str, str], body: Sequence[str], links: bool
) -> Md:
    """The ``<figure><svg>`` around a chart's body; ``words`` is (title, desc)."""
    if not _KEY.match(key):
        raise ValueError(f"chart key must be a slug: {key!r}")
    base = f"bc-{kind}-{key}"
    svg = {
        "xmlns": SVG_NS,
        "class": f"bc-svg bc-{kind}",
        "viewBox": f"0 0 {num(size[0])} {num(size[1])}",
        "width": size[0] * SCALE,
        "height": size[1] * SCALE,
        "role": "group" if links else "img",
        "aria-labelledby": f"{base}-title",
        "aria-describedby": f"{base}-desc",
        "font-size": 12,
        # Material's documented mark for what its search must not index (tick labels, legends:
        # "soldiers03,0006,000..."); its search plugin drops the mark from the page it writes.
        "data-search-exclude": "data-search-exclude",
    }
    lines = [
        f'<figure class="briefing-chart briefing-chart--{kind}">',
        _open("svg", svg),
        tag("title", {"id": f"{base}-title"}, esc(words[0])),
        tag("desc", {"id": f"{base}-desc"}, esc(words[1])),
        *body,
        "</svg>",
        "</figure>",
    ]
    return Md("\n".join(lines))


def empty_chart(kind: str, key: str, title: str, message: str) -> Md:
    """A chart with nothing to draw: its title, and ``message`` in words."""
    body = [text_line(8, 24, message, "legend")]
    return chart_figure(kind, key, (WIDTH, 40.0), (title, message), body, links=False)


def local_href(fact_id: str) -> str:
    """A link to a fact's anchor on the same page: ``#<fact id>``."""
    return f"#{fact_id}"


def flow_legend(items: Sequence[tuple[str, str]], top: float) -> tuple[str, float]:
    """(swatch markup, words) flowing in rows from ``top``; returns markup and bottom y."""
    parts, x, y = [], 8.0, top
    for sample, words in items:
        item_w = 14 + text_width(words, "legend") + 12
        if x + item_w > WIDTH - 4 and x > 8:
            x, y = 8.0, y + 18
        parts.append(f'<g transform="translate({num(x)} {num(y)})">{sample}')
        parts.append(text_line(12, 4, words, "legend") + "</g>")
        x += item_w
    return hidden(parts), y + 10


def swatch(shape: str, cls: str) -> str:
    """A legend's sample mark: a 'diamond', a 'bar' or (else) a dot, of CSS class ``cls``."""
    if shape == "diamond":
        return tag("path", {"d": path_data([(0, -6), (6, 0), (0, 6), (-6, 0)]), "class": cls})
    if shape == "bar":
        bar = {"x": -3.0, "y": -7.0, "width": 6.0, "height": 14.0, "rx": 2.0, "class": cls}
        return tag("rect", bar)
    return tag("circle", {"cx": 0, "cy": 0, "r": 4.5, "class": cls})
