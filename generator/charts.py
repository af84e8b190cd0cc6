"""Pictures of the facts: static SVG built at render time, no JavaScript, no network.

Every builder is a pure function of the facts and returns :class:`Md`: a ``<figure>``
holding one ``<svg>``. The figure matters: Python-Markdown passes a ``<figure>`` through
as a raw HTML block, whereas a bare ``<svg>`` would be wrapped in ``<p>`` and the text
inside it read as Markdown. The same facts always give the same string: fixed number
formatting, ids derived from fact ids or a given slug, nothing random. Fact text is
XML-escaped and made inert for Markdown by :func:`esc`. Colours and font sizes come from
:data:`CHART_CSS` (classes, Material's CSS variables), so light and dark schemes both work.

Each SVG has a ``<title>`` and a ``<desc>`` that states the data in words, and a viewBox
so it scales to the page width. A chart whose marks link to facts is ``role="group"``: a
``role="img"`` may not contain links (its children are presentational; axe-core reports
them as nested-interactive), so only a chart without links is ``role="img"``. Every link
has an ``aria-label`` and a ``<title>`` tooltip; axes, grid and legend are
``aria-hidden`` because the ``<desc>`` says what they show.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .dates import When
from .labels import COUNTS_LABEL, figure
from .markdown_text import Md
from .model import Deployment, Document, Estimate, Signature, Treaty
from .timeline import Entry

# Chart labels are short: the table beside the chart says which figure comes on top of which.
figure_text = functools.partial(figure, another=False)

SVG_NS = "http://www.w3.org/2000/svg"
SCALE = 1.35  # intrinsic size = viewBox size x SCALE; CSS shrinks it to narrower pages
WIDTH = 360.0  # viewBox width: at a phone's ~350px column, 1 unit is about 1px
PALETTE_SIZE = 8
Href = Callable[[str], str]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1
XY = tuple[float, float]

# Font sizes in viewBox units, per text class; CHART_CSS is generated from the same table.
FONT = {"tick": 11.0, "label": 11.5, "legend": 12.0, "name": 12.0, "status": 12.0, "badge": 10.0}

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Characters that Markdown or Material's extensions could read as syntax if the SVG ever
# lands in inline Markdown (inside an admonition, say); as references they stay text.
_MD_INERT = frozenset("\\`*_{}[]|~^=$+")
_XML = frozenset("<>&\"'")


# --- markup ----------------------------------------------------------------------------


def esc(text: object) -> str:
    """Text for SVG content or a double-quoted attribute, on one line.

    XML-escaped as ``html.escape(quote=True)`` does; Markdown-significant characters become
    numeric references too; every run of whitespace (newlines too) becomes one space, so
    no blank line can end the raw HTML block.
    """
    out = []
    for ch in " ".join(str(text).split()):
        if ch in _XML:
            out.append(html.escape(ch, quote=True))
        elif ch in _MD_INERT:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def _n(value: float) -> str:
    """A number with at most one decimal: '12', '12.5', never '-0'."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _open(name: str, attrs: Mapping[str, object]) -> str:
    """An opening tag; values escaped, numbers formatted, None left out."""
    parts = [name]
    for key, value in attrs.items():
        if value is not None:
            shown = _n(value) if isinstance(value, float | int) else esc(value)
            parts.append(f'{key}="{shown}"')
    return "<" + " ".join(parts) + ">"


def _tag(name: str, attrs: Mapping[str, object], body: str = "") -> str:
    """One element; ``body`` is markup (escape text with :func:`esc` first)."""
    head = _open(name, attrs)
    return f"{head}{body}</{name}>" if body else head[:-1] + "/>"


def _text(x: float, y: float, text: str, kind: str, anchor: str = "start", extra: str = "") -> str:
    """A line of text of a :data:`FONT` kind (its class is ``bc-<kind>``)."""
    cls = f"bc-{kind} {extra}".strip()
    attrs = {"x": x, "y": y, "class": cls, "text-anchor": None if anchor == "start" else anchor}
    return _tag("text", attrs, esc(text))


def _path(points: Sequence[XY], close: bool = True) -> str:
    """Path data through points: 'M1 2L3 4Z'."""
    steps = "L".join(f"{_n(x)} {_n(y)}" for x, y in points)
    return f"M{steps}{'Z' if close else ''}"


def _width(text: str, kind: str) -> float:
    """Estimated width of a line of text (Roboto, Material's font, averages ~0.56 em)."""
    return len(text) * FONT[kind] * 0.56


def _text_box(x: float, y: float, text: str, kind: str, anchor: str) -> Box:
    width = _width(text, kind)
    x0 = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return (x0, y - FONT[kind] * 0.8, x0 + width, y + FONT[kind] * 0.2)


def _overlap(a: Box, b: Box, margin: float = 2.0) -> bool:
    return not (
        a[2] + margin <= b[0] or b[2] + margin <= a[0] or a[3] + margin <= b[1] or b[3] <= a[1]
    )


def _wrap(text: str, chars: int, lines: int) -> list[str]:
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
        rows[-1] = _truncate(rows[-1], chars - 1).removesuffix("…") + "…"
    return rows


def _truncate(text: str, chars: int) -> str:
    """At most ``chars`` characters, cut at a word where one is near, then '…'."""
    text = " ".join(text.split())
    if len(text) <= chars:
        return text
    cut = text[: chars - 1]
    words = cut.rsplit(" ", 1)[0]
    return (words if len(words) >= chars * 0.6 else cut).rstrip(" ,;:") + "…"


def _link(href: str, label: str, body: str) -> str:
    """A link with an accessible name and a hover tooltip."""
    title = _tag("title", {}, esc(label))
    return _tag("a", {"href": href, "class": "bc-link", "aria-label": label}, title + body)


def _hidden(parts: Sequence[str]) -> str:
    """Decoration (axes, grid, legend): the title and desc already say it in words."""
    return '<g aria-hidden="true">' + "".join(parts) + "</g>"


def _figure(
    kind: str, key: str, size: XY, words: tuple[str, str], body: Sequence[str], links: bool
) -> Md:
    """The ``<figure><svg>`` around a chart's body; ``words`` is (title, desc)."""
    if not _KEY.match(key):
        raise ValueError(f"chart key must be a slug: {key!r}")
    base = f"bc-{kind}-{key}"
    svg = {
        "xmlns": SVG_NS,
        "class": f"bc-svg bc-{kind}",
        "viewBox": f"0 0 {_n(size[0])} {_n(size[1])}",
        "width": size[0] * SCALE,
        "height": size[1] * SCALE,
        "role": "group" if links else "img",
        "aria-labelledby": f"{base}-title",
        "aria-describedby": f"{base}-desc",
        "font-size": 12,
    }
    lines = [
        f'<figure class="briefing-chart briefing-chart--{kind}">',
        _open("svg", svg),
        _tag("title", {"id": f"{base}-title"}, esc(words[0])),
        _tag("desc", {"id": f"{base}-desc"}, esc(words[1])),
        *body,
        "</svg>",
        "</figure>",
    ]
    return Md("\n".join(lines))


def _empty(kind: str, key: str, title: str, message: str) -> Md:
    body = [_text(8, 24, message, "legend")]
    return _figure(kind, key, (WIDTH, 40.0), (title, message), body, links=False)


def local_href(fact_id: str) -> str:
    """A link to a fact's anchor on the same page: ``#<fact id>``."""
    return f"#{fact_id}"


def _legend(items: Sequence[tuple[str, str]], top: float) -> tuple[str, float]:
    """(swatch markup, words) flowing in rows from ``top``; returns markup and bottom y."""
    parts, x, y = [], 8.0, top
    for swatch, words in items:
        item_w = 14 + _width(words, "legend") + 12
        if x + item_w > WIDTH - 4 and x > 8:
            x, y = 8.0, y + 18
        parts.append(f'<g transform="translate({_n(x)} {_n(y)})">{swatch}')
        parts.append(_text(12, 4, words, "legend") + "</g>")
        x += item_w
    return _hidden(parts), y + 10


def _swatch(shape: str, cls: str) -> str:
    if shape == "diamond":
        return _tag("path", {"d": _path([(0, -6), (6, 0), (0, 6), (-6, 0)]), "class": cls})
    if shape == "bar":
        bar = {"x": -3.0, "y": -7.0, "width": 6.0, "height": 14.0, "rx": 2.0, "class": cls}
        return _tag("rect", bar)
    return _tag("circle", {"cx": 0, "cy": 0, "r": 4.5, "class": cls})


# --- facts in words ----------------------------------------------------------------------


def _when_label(when: When | None) -> str:
    if when is None:
        return "date not stated"
    if not when.resolved and when.text:
        return f"“{when.text}”"
    return when.label()


def _short_date(when: When, same_year: bool) -> str:
    """'23 Oct', 'Jun', '1–20 Oct' when the year goes without saying; else the full label."""
    if not same_year or when.precision == "year":
        return when.label()
    return when.label().replace(f" {when.end.year}", "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- time axis -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _TimeScale:
    """Days (ordinals, fractional) onto x."""

    lo: float
    hi: float
    x0: float
    x1: float

    def x(self, ordinal: float) -> float:
        return self.x0 + (ordinal - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)


def _month_starts(lo: float, hi: float, step: int) -> list[dt.date]:
    """First days of the months within [lo, hi] whose number fits the step (Jan, Apr...)."""
    day = dt.date.fromordinal(math.ceil(lo))
    index = day.year * 12 + day.month - 1 + (day.day > 1)
    out = []
    while (first := dt.date(index // 12, index % 12 + 1, 1)).toordinal() <= hi:
        if (first.month - 1) % step == 0:
            out.append(first)
        index += 1
    return out


def _time_ticks(scale: _TimeScale, gap: float) -> list[tuple[float, str]]:
    """Tick positions (ordinals) and labels: days, months or years, ``gap`` units apart."""
    room = scale.x1 - scale.x0
    for step in (1, 2, 7, 14):
        days = range(math.ceil(scale.lo), math.floor(scale.hi - 0.5) + 1, step)
        if len(days) * gap <= room:
            return [(d + 0.5, _day_tick(dt.date.fromordinal(d))) for d in days]
    for step in (1, 2, 3, 6):
        months = _month_starts(scale.lo, scale.hi, step)
        if len(months) * gap <= room:
            return [(m.toordinal(), _month_tick(m, i)) for i, m in enumerate(months)]
    return _year_ticks(scale, gap)


def _year_ticks(scale: _TimeScale, gap: float) -> list[tuple[float, str]]:
    day = dt.date.fromordinal(math.ceil(scale.lo))
    first = day.year + (day.timetuple().tm_yday > 1)
    last = dt.date.fromordinal(math.floor(scale.hi)).year
    for step in (1, 2, 5, 10, 20, 50, 100, 1000):
        years = [y for y in range(first, last + 1) if y % step == 0]
        if len(years) * gap <= scale.x1 - scale.x0:
            break
    return [(dt.date(y, 1, 1).toordinal(), str(y)) for y in years]


def _day_tick(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _month_tick(month: dt.date, index: int) -> str:
    return f"{month:%b %Y}" if index == 0 or month.month == 1 else f"{month:%b}"


# --- 1. estimates chart --------------------------------------------------------------------

_EST_LEFT, _EST_TOP, _EST_RIGHT, _EST_BOTTOM = 44.0, 24.0, WIDTH - 6, 200.0
_UNDATED_W = 52.0


@dataclass(frozen=True)
class _Point:
    """One estimate placed: the day it is drawn at, why that day, and its colour."""

    estimate: Estimate
    day: dt.date | None
    basis: str  # claimed, as-of, reported or undated
    colour: int


def _placement(estimate: Estimate, documents: Mapping[str, Document]) -> tuple[dt.date | None, str]:
    """The claim's date, else the start of the period it describes, else publication."""
    document = documents.get(estimate.document)
    candidates = [("claimed", estimate.claimed), ("as-of", estimate.as_of)]
    candidates.append(("reported", document.published if document else None))
    for basis, when in candidates:
        if when is not None and when.resolved:
            return when.start, basis
    return None, "undated"


def _originators(estimates: Sequence[Estimate]) -> list[str]:
    """Originator ids, sorted ('' for the document's own voice): the palette's order."""
    return sorted({e.originator or "" for e in estimates})


def _who(originator: str, actors: Mapping[str, str]) -> str:
    return actors.get(originator, originator) if originator else "the report"


def _date_words(point: _Point) -> str:
    if point.basis == "claimed":
        return _when_label(point.estimate.claimed)
    if point.basis == "as-of":
        return f"claim undated, describes {_when_label(point.estimate.as_of)}"
    if point.basis == "reported" and point.day is not None:
        return f"claim undated, reported {point.day.day} {point.day:%b %Y}"
    return "date not stated"


def _estimate_words(point: _Point, actors: Mapping[str, str]) -> str:
    """'<originator>: <figure> <counts>, <date>': tooltip, accessible name, desc line."""
    estimate = point.estimate
    what = f"{figure_text(estimate)} {COUNTS_LABEL[estimate.counts]}"
    return f"{_who(estimate.originator or '', actors)}: {what}, {_date_words(point)}"


def _nice_step(top: float) -> int:
    """A round tick step giving about four intervals up to ``top``."""
    raw = max(top, 4.0) / 4
    power = 10 ** math.floor(math.log10(raw))
    factor = next(f for f in (1, 2, 2.5, 3, 5, 10) if f * power >= raw)
    return max(1, round(factor * power))


def _y_ticks(estimates: Sequence[Estimate]) -> list[int]:
    top = max(e.value if e.value is not None else e.high or 0 for e in estimates)
    step = _nice_step(float(top))
    return list(range(0, (math.ceil(max(top, 1) / step) + 1) * step, step))


def _day_domain(days: Sequence[dt.date]) -> tuple[float, float]:
    """Ordinals from the day before the first to the day after the last; 7 days at least."""
    lo, hi = min(days).toordinal() - 1.0, max(days).toordinal() + 2.0
    short = max(0.0, 7.0 - (hi - lo))
    return lo - short / 2, hi + short / 2


def _estimate_points(deployment: Deployment, documents: Mapping[str, Document]) -> list[_Point]:
    colours = {o: i % PALETTE_SIZE for i, o in enumerate(_originators(deployment.estimates))}
    points = []
    for estimate in deployment.estimates:
        day, basis = _placement(estimate, documents)
        points.append(_Point(estimate, day, basis, colours[estimate.originator or ""]))
    return points


def _point_x(points: Sequence[_Point], scale: _TimeScale, undated_x: float) -> dict[str, float]:
    """x of every mark; marks on the same day are set 12 units apart, in id order."""
    groups: dict[dt.date | None, list[_Point]] = {}
    for point in points:
        groups.setdefault(point.day, []).append(point)
    xs = {}
    for day, group in groups.items():
        centre = scale.x(day.toordinal() + 0.5) if day else undated_x
        for i, point in enumerate(sorted(group, key=lambda p: p.estimate.id)):
            xs[point.estimate.id] = centre + (i - (len(group) - 1) / 2) * 12.0
    return xs


def _mark_classes(point: _Point) -> str:
    classes = ["bc-mark", f"bc-c{point.colour}"]
    if point.estimate.counts == "projected":
        classes.append("bc-projected")
    if point.basis != "claimed":
        classes.append("bc-hollow")
    if point.estimate.value is None:
        classes.append("bc-range")
    return " ".join(classes)


def _mark_shape(point: _Point, x: float, y_of: Callable[[float], float]) -> tuple[str, Box]:
    """The mark (a bar for a range, a diamond for a projection, else a dot) and its box."""
    estimate, cls = point.estimate, _mark_classes(point)
    if estimate.value is None:
        top, bottom = y_of(estimate.high or 0), y_of(estimate.low or 0)
        bottom = max(bottom, top + 4)
        bar = {"x": x - 4, "y": top, "width": 8.0, "height": bottom - top, "rx": 2.0}
        return _tag("rect", {**bar, "class": cls}), (x - 4, top, x + 4, bottom)
    y = y_of(estimate.value)
    if estimate.counts == "projected":
        diamond = _path([(x, y - 8), (x + 8, y), (x, y + 8), (x - 8, y)])
        return _tag("path", {"d": diamond, "class": cls}), (x - 8, y - 8, x + 8, y + 8)
    return _tag("circle", {"cx": x, "cy": y, "r": 5.5, "class": cls}), (x - 6, y - 6, x + 6, y + 6)


def _mark_label(point: _Point) -> str:
    """'1,500 sent', 'about 12,000 projected total': what the mark is, beside it."""
    return f"{figure_text(point.estimate)} {COUNTS_LABEL[point.estimate.counts]}"


def _place_label(text: str, mark: Box, taken: Sequence[Box]) -> tuple[str, Box] | None:
    """A label right of its mark, else left, above or below; None where none is free."""
    cy, cx = (mark[1] + mark[3]) / 2 + 4, (mark[0] + mark[2]) / 2
    spots = [
        (mark[2] + 4, cy, "start"),
        (mark[0] - 4, cy, "end"),
        (cx, mark[1] - 5, "middle"),
        (cx, mark[3] + 13, "middle"),
        (mark[2], mark[1] - 5, "end"),
        (mark[2], mark[3] + 13, "end"),
        (mark[0], mark[1] - 5, "start"),
        (mark[0], mark[3] + 13, "start"),
    ]
    for x, y, anchor in spots:
        box = _text_box(x, y, text, "label", anchor)
        inside = box[0] >= _EST_LEFT + 2 and box[2] <= WIDTH - 2
        inside = inside and box[1] >= _EST_TOP - 12 and box[3] <= _EST_BOTTOM - 1
        if inside and not any(_overlap(box, other) for other in taken):
            return _text(x, y, text, "label", anchor, "bc-halo"), box
    return None


def _estimate_marks(
    points: Sequence[_Point],
    xs: Mapping[str, float],
    y_of: Callable[[float], float],
    actors: Mapping[str, str],
) -> list[str]:
    """Each mark with its label, in a link to the table row; projections labelled first."""
    shapes = {p.estimate.id: _mark_shape(p, xs[p.estimate.id], y_of) for p in points}
    taken = [box for _, box in shapes.values()]
    labels: dict[str, str] = {}
    for point in sorted(points, key=lambda p: (p.estimate.counts != "projected", p.estimate.id)):
        placed = _place_label(_mark_label(point), shapes[point.estimate.id][1], taken)
        if placed is not None:
            labels[point.estimate.id] = placed[0]
            taken.append(placed[1])
    marks = []
    for point in points:
        fact_id = point.estimate.id
        body = shapes[fact_id][0] + labels.get(fact_id, "")
        marks.append(_link(local_href(fact_id), _estimate_words(point, actors), body))
    return marks


def _estimate_axes(
    ticks: Sequence[int], y_of: Callable[[float], float], scale: _TimeScale | None, right: float
) -> list[str]:
    """Grid lines with thousands-separated values, and the time axis below."""
    parts = [_text(4, 11, "soldiers", "tick")]
    for value in ticks:
        y = y_of(value)
        line = {"x1": _EST_LEFT, "y1": y, "x2": right, "y2": y, "class": "bc-grid"}
        parts.append(_tag("line", line) + _text(_EST_LEFT - 5, y + 4, f"{value:,}", "tick", "end"))
    axis = {"x1": _EST_LEFT, "y1": _EST_BOTTOM, "x2": right, "y2": _EST_BOTTOM, "class": "bc-axis"}
    parts.append(_tag("line", axis))
    return parts + (_date_ticks(scale) if scale is not None else [])


def _date_ticks(scale: _TimeScale) -> list[str]:
    """Ticks under the estimates' time axis, each label centred where it fits."""
    parts = []
    for ordinal, label in _time_ticks(scale, 50.0):
        x = scale.x(ordinal)
        tick = {"x1": x, "y1": _EST_BOTTOM, "x2": x, "y2": _EST_BOTTOM + 4, "class": "bc-axis"}
        parts.append(_tag("line", tick))
        if _width(label, "tick") / 2 <= min(x, WIDTH - x):
            parts.append(_text(x, _EST_BOTTOM + 16, label, "tick", "middle"))
    return parts


def _estimate_legend(points: Sequence[_Point], actors: Mapping[str, str]) -> list[tuple[str, str]]:
    """Originators by colour, then what the shapes mean (only those drawn)."""
    originators = _originators([p.estimate for p in points])
    items = [
        (_swatch("dot", f"bc-mark bc-c{i % PALETTE_SIZE}"), _who(o, actors))
        for i, o in enumerate(originators)
    ]
    keys = [
        ("dot", "", "dated by the claim", any(p.basis == "claimed" for p in points)),
        ("dot", " bc-hollow", "claim undated", any(p.basis != "claimed" for p in points)),
        ("bar", " bc-range", "low–high range", any(p.estimate.value is None for p in points)),
        ("diamond", " bc-projected", "projected", any(_projected(p) for p in points)),
    ]
    items += [(_swatch(s, "bc-mark bc-key" + c), words) for s, c, words, drawn in keys if drawn]
    return items


def _projected(point: _Point) -> bool:
    return point.estimate.counts == "projected"


def _estimate_desc(
    deployment: Deployment, points: Sequence[_Point], actors: Mapping[str, str]
) -> str:
    originators = _plural(len(_originators(deployment.estimates)), "originator")
    head = (
        f"{_plural(len(points), 'estimate')} of {deployment.force} by {originators}, each "
        "drawn at the date of the claim; a claim without a date is drawn hollow at the start "
        "of the period it describes, else at the date the document reported it; projections "
        "are diamonds with a dashed outline; ranges are bars from low to high."
    )
    return " ".join([head, *(f"{_estimate_words(p, actors)}." for p in points)])


def estimates_chart(
    deployment: Deployment,
    documents: Mapping[str, Document],
    actors: Mapping[str, str] | None = None,
) -> Md:
    """Each estimate as a dot (value) or a low–high bar (range): x = date, y = soldiers.

    x is the claim's ``claimed`` date, else the start of ``as_of``, else the document's
    ``published`` date (those two drawn hollow). ``documents`` maps document id ->
    Document; ``actors`` maps actor id -> the name to show (default: the id). Colours
    follow the sorted originator ids. Marks link to ``#<estimate id>`` (the table's rows).
    """
    title = f"Estimates of {deployment.title}: {_plural(len(deployment.estimates), 'claim')}"
    if not deployment.estimates:
        return _empty("estimates", deployment.id, title, "No estimates recorded.")
    actors = actors or {}
    points = _estimate_points(deployment, documents)
    days = [p.day for p in points if p.day is not None]
    right = _EST_RIGHT - (_UNDATED_W if len(days) < len(points) else 0)
    scale = _TimeScale(*_day_domain(days), _EST_LEFT + 8, right - 8) if days else None
    ticks = _y_ticks(deployment.estimates)

    def y_of(value: float) -> float:
        return _EST_BOTTOM - value / ticks[-1] * (_EST_BOTTOM - _EST_TOP)

    axes = _estimate_axes(ticks, y_of, scale, right)
    if len(days) < len(points):
        axes.append(_text(right + _UNDATED_W / 2, _EST_BOTTOM + 16, "undated", "tick", "middle"))
    fallback = _TimeScale(0, 1, _EST_LEFT, right)
    xs = _point_x(points, scale or fallback, right + _UNDATED_W / 2)
    legend, bottom = _legend(_estimate_legend(points, actors), _EST_BOTTOM + 38)
    body = [_hidden(axes), *_estimate_marks(points, xs, y_of, actors), legend]
    words = (title, _estimate_desc(deployment, points, actors))
    return _figure("estimates", deployment.id, (WIDTH, bottom + 6), words, body, links=True)


# --- 2. treaty tracker ---------------------------------------------------------------------

_STEP_W, _STEPS_PER_ROW, _NAME_CHARS, _NAME_LINES = 120.0, 4, 17, 4


@dataclass(frozen=True)
class _Step:
    fact_id: str
    name: str
    status: str
    date: str


def _treaty_steps(treaty: Treaty) -> list[_Step]:
    """The signature (done) first, then each stage in order."""
    steps = []
    signature: Signature | None = treaty.signature
    if signature is not None:
        name = f"Signature in {signature.place}" if signature.place else "Signature"
        steps.append(_Step(signature.id, name, "done", _when_label(signature.when)))
    for stage in treaty.stages:
        steps.append(_Step(stage.id, stage.name, stage.status, _when_label(stage.when)))
    return steps


def _step_marker(status: str, x: float, y: float) -> str:
    """done: filled circle with a tick; pending: half-filled diamond; expected: dashed square."""
    if status == "done":
        circle = _tag("circle", {"cx": x, "cy": y, "r": 12.0, "class": "bc-step bc-done"})
        tick = _path([(x - 5, y), (x - 1.5, y + 4), (x + 5.5, y - 4)], close=False)
        return circle + _tag("path", {"d": tick, "class": "bc-tick-mark"})
    if status == "pending":
        half = _path([(x - 13, y), (x + 13, y), (x, y + 13)])
        outline = _path([(x, y - 13), (x + 13, y), (x, y + 13), (x - 13, y)])
        return _tag("path", {"d": half, "class": "bc-half"}) + _tag(
            "path", {"d": outline, "class": "bc-step bc-pending"}
        )
    square = {"x": x - 10, "y": y - 10, "width": 20.0, "height": 20.0, "rx": 3.0}
    return _tag("rect", {**square, "class": "bc-step bc-expected"})


def _step_body(step: _Step, x: float, y: float) -> str:
    """Marker, then under it: the status in words, the name, the date."""
    parts = [_step_marker(step.status, x, y)]
    parts.append(_text(x, y + 31, step.status, "status", "middle", f"bc-status-{step.status}"))
    lines = _wrap(step.name, _NAME_CHARS, _NAME_LINES)
    for i, line in enumerate(lines):
        parts.append(_text(x, y + 48 + 15 * i, line, "name", "middle"))
    parts.append(_text(x, y + 50 + 15 * len(lines), step.date, "name", "middle", "bc-muted"))
    return "".join(parts)


def _step_words(index: int, step: _Step) -> str:
    return f"{index}. {step.name}: {step.status}, {step.date}"


def _track(steps: Sequence[_Step], centres: Sequence[XY]) -> list[str]:
    """Lines between steps of a row: solid into a done step, dashed into any other."""
    parts = []
    for i in range(1, len(steps)):
        (x0, y0), (x1, y1) = centres[i - 1], centres[i]
        if y0 == y1:
            done = steps[i].status == "done"
            cls = "bc-track bc-track-done" if done else "bc-track bc-track-todo"
            line = {"x1": x0 + 16, "y1": y0, "x2": x1 - 16, "y2": y1, "class": cls}
            parts.append(_tag("line", line))
    return parts


def treaty_tracker(treaty: Treaty) -> Md:
    """The signature (if any), then each stage, as a horizontal track of steps.

    done / pending / expected differ by shape (circle, diamond, square), fill (full, half,
    none and dashed) and the word under each marker; the name and date label follow.
    Up to four steps a row. Each step links to ``#<stage id>`` (``#<signature id>``).
    """
    steps = _treaty_steps(treaty)
    title = f"Treaty tracker: {treaty.title}"
    if not steps:
        return _empty("treaty", treaty.id, title, "No signature or stages recorded.")
    cols = min(len(steps), _STEPS_PER_ROW)
    lines = max(len(_wrap(s.name, _NAME_CHARS, _NAME_LINES)) for s in steps)
    row_h = 80.0 + 15 * lines
    width = max(cols, 3) * _STEP_W
    left = (width - cols * _STEP_W) / 2
    centres = [
        (left + (i % cols + 0.5) * _STEP_W, 20 + (i // cols) * row_h) for i in range(len(steps))
    ]
    body = [_hidden(_track(steps, centres))]
    for i, (step, (x, y)) in enumerate(zip(steps, centres, strict=True), start=1):
        body.append(_link(local_href(step.fact_id), _step_words(i, step), _step_body(step, x, y)))
    done = sum(step.status == "done" for step in steps)
    listed = "; ".join(_step_words(i, s) for i, s in enumerate(steps, start=1))
    desc = f"{_plural(len(steps), 'step')}, {done} done: {listed}."
    size = (width, math.ceil(len(steps) / cols) * row_h)
    return _figure("treaty", treaty.id, size, (title, desc), body, links=True)


# --- 3. chronology strip -------------------------------------------------------------------

_STRIP_AXIS, _STRIP_LANE0, _LANE_H, _STRIP_CHARS = 38.0, 58.0, 16.0, 30


def entry_label(entry: Entry) -> str:
    """What a chronology entry is, in a few words: its title, name, summary or figure."""
    record = entry.record
    for name in ("title", "name", "summary", "text"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    if isinstance(record, Estimate):
        return f"{figure_text(record)} {COUNTS_LABEL[record.counts]}"
    if isinstance(record, Signature):
        return f"Signature in {record.place}" if record.place else "Signature"
    return entry.fact_id


def _strip_scale(entries: Sequence[Entry]) -> _TimeScale:
    lo = float(min(e.when.start.toordinal() for e in entries))
    hi = float(max(e.when.end.toordinal() for e in entries) + 1)
    pad = max(1.0, (hi - lo) * 0.02) + max(0.0, 7 - (hi - lo)) / 2
    return _TimeScale(lo - pad, hi + pad, 8.0, WIDTH - 8.0)


def _strip_mark(entry: Entry, scale: _TimeScale, colour: int) -> tuple[str, float]:
    """A day as a tick, a month or year as a band, a range as a bar; (svg, centre x)."""
    when = entry.when
    x0, x1 = scale.x(when.start.toordinal()), scale.x(when.end.toordinal() + 1)
    centre, cls = (x0 + x1) / 2, f"bc-event bc-c{colour}"
    if when.precision == "day" or x1 - x0 < 3:
        tick = {"x": centre - 1.5, "y": _STRIP_AXIS - 20, "width": 3.0, "height": 20.0}
        return _tag("rect", {**tick, "class": cls + " bc-day"}), centre
    if when.precision == "range":
        bar = {"x": x0, "y": _STRIP_AXIS - 14, "width": x1 - x0, "height": 8.0, "rx": 2.0}
        return _tag("rect", {**bar, "class": cls + " bc-span"}), centre
    band = {"x": x0, "y": _STRIP_AXIS - 20, "width": x1 - x0, "height": 20.0}
    return _tag("rect", {**band, "class": cls + " bc-band"}), centre


def _lane_for(span: XY, lanes: list[list[XY]]) -> int:
    """The first lane with room for ``span`` (x0, x1), which it then takes; else a new one."""
    for index, taken in enumerate(lanes):
        if all(span[1] + 8 <= a or b + 8 <= span[0] for a, b in taken):
            taken.append(span)
            return index
    lanes.append([span])
    return len(lanes) - 1


def _strip_label(text: str, centre: float, lanes: list[list[XY]]) -> tuple[str, float]:
    """A leader line and a label in the first free lane: starting at the mark, else ending
    at it, else starting at the left edge (a long label near the middle). (svg, baseline y)"""
    width = _width(text, "label")
    if centre - 3 + width <= WIDTH - 4:
        anchor, x, span = "start", centre - 3, (centre - 3, centre - 3 + width)
    elif centre + 3 - width >= 4:
        anchor, x, span = "end", centre + 3, (centre + 3 - width, centre + 3)
    else:
        anchor, x, span = "start", 4.0, (4.0, 4.0 + width)
    y = _STRIP_LANE0 + _lane_for(span, lanes) * _LANE_H
    leader = {"x1": centre, "y1": _STRIP_AXIS, "x2": centre, "y2": y - 10, "class": "bc-leader"}
    return _tag("line", leader) + _text(x, y, text, "label", anchor, "bc-halo"), y


def _strip_axis(scale: _TimeScale) -> list[str]:
    """The axis line, and month (or day, year) ticks through the marks with labels above."""
    axis = {"x1": scale.x0, "y1": _STRIP_AXIS, "x2": scale.x1, "y2": _STRIP_AXIS}
    parts = [_tag("line", {**axis, "class": "bc-axis"})]
    for ordinal, text in _time_ticks(scale, 50.0):
        x = scale.x(ordinal)
        line = {"x1": x, "y1": 14.0, "x2": x, "y2": _STRIP_AXIS + 3, "class": "bc-grid"}
        parts.append(_tag("line", line))
        if x + 2 + _width(text, "tick") <= WIDTH:
            parts.append(_text(x + 2, 11, text, "tick"))
    return parts


def chronology_strip(
    entries: Sequence[Entry],
    title: str,
    *,
    key: str = "chronology",
    href: Href = local_href,
    label: Callable[[Entry], str] = entry_label,
) -> Md:
    """Dated facts on one time axis: a day as a tick, a month (or year) as a band as wide
    as the month, a range as a bar; coloured by kind; labelled below in staggered lanes.

    ``entries``: :func:`generator.timeline.chronology` entries (unresolved ones are left
    out). ``href(fact_id)`` gives each link's URL (default ``#<fact id>``); ``label(entry)``
    what to call it (default :func:`entry_label`); ``key``, a slug, keeps ids unique.
    """
    dated = [e for e in entries if e.when.resolved]
    if not dated:
        return _empty("chronology", key, title, "No dated facts.")
    scale = _strip_scale(dated)
    same_year = len({e.when.start.year for e in dated} | {e.when.end.year for e in dated}) == 1
    kinds = {kind: i % PALETTE_SIZE for i, kind in enumerate(sorted({e.kind for e in dated}))}
    lanes: list[list[XY]] = []
    body, bottom = [_hidden(_strip_axis(scale))], 0.0
    for entry in dated:
        mark, centre = _strip_mark(entry, scale, kinds[entry.kind])
        short = _truncate(f"{_short_date(entry.when, same_year)}: {label(entry)}", _STRIP_CHARS)
        text, y = _strip_label(short, centre, lanes)
        bottom = max(bottom, y)
        words = f"{entry.when.label()}: {label(entry)} ({entry.kind})"
        body.append(_link(href(entry.fact_id), words, mark + text))
    swatches = [(_swatch("dot", f"bc-event bc-c{i}"), kind) for kind, i in kinds.items()]
    legend, end = _legend(swatches, bottom + 22)
    listed = "; ".join(f"{e.when.label()}: {label(e)}" for e in dated)
    desc = f"{_plural(len(dated), 'dated fact')}, oldest first: {listed}."
    return _figure("chronology", key, (WIDTH, end + 6), (title, desc), [*body, legend], True)


# --- 4. schematic route map ----------------------------------------------------------------

_MAP_PAD_X, _MAP_PAD_Y, _MAP_MIN_H, _MAP_MAX_H, _MIN_GAP = 40.0, 26.0, 150.0, 320.0, 56.0
_MAP_NAME_CHARS = 34


@dataclass(frozen=True)
class Place:
    """A named place, coordinates in decimal degrees (north and east positive)."""

    id: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Leg:
    """One leg of a route between two places; optionally the phase (fact) it shows, its
    status (completed, ongoing, expected: expected is dashed) and a few words."""

    start: str
    end: str
    fact_id: str | None = None
    status: str = "completed"
    label: str | None = None


def _legs(route: Sequence[tuple[str, str] | Leg], places: Mapping[str, Place]) -> list[Leg]:
    legs = [leg if isinstance(leg, Leg) else Leg(leg[0], leg[1]) for leg in route]
    for place_id in (pid for leg in legs for pid in (leg.start, leg.end)):
        if place_id not in places:
            raise ValueError(f"route names an unknown place {place_id!r}")
    return legs


def _project(places: Sequence[Place]) -> dict[str, XY]:
    """Equirectangular: x = lon·cos(mean lat), y = −lat; fitted into the width."""
    mid = math.radians(sum(p.lat for p in places) / len(places))
    raw = {p.id: (p.lon * math.cos(mid), -p.lat) for p in places}
    xs, ys = [x for x, _ in raw.values()], [y for _, y in raw.values()]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    room_x, room_y = WIDTH - 2 * _MAP_PAD_X, _MAP_MAX_H - 2 * _MAP_PAD_Y
    scale = min(room_x / max(span_x, 1e-9), room_y / max(span_y, 1e-9), 40.0)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {k: (WIDTH / 2 + (x - cx) * scale, (y - cy) * scale) for k, (x, y) in raw.items()}


def _push(a: list[float], b: list[float]) -> bool:
    """Move two dots apart to _MIN_GAP if closer (straight down if they coincide)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    dist = math.hypot(dx, dy)
    if dist >= _MIN_GAP:
        return False
    ux, uy = (dx / dist, dy / dist) if dist > 0.01 else (0.0, 1.0)
    push = (_MIN_GAP - dist) / 2 + 0.05
    a[0], a[1], b[0], b[1] = a[0] - ux * push, a[1] - uy * push, b[0] + ux * push, b[1] + uy * push
    for p in (a, b):
        p[0] = min(max(p[0], _MAP_PAD_X), WIDTH - _MAP_PAD_X)
    return True


def _spread(xy: Mapping[str, XY]) -> tuple[dict[str, XY], float]:
    """Dots closer than the eye can tell apart are nudged (a schematic, and the desc says
    so); then placed from the top padding down. Returns the positions and the height."""
    pos = {k: list(xy[k]) for k in sorted(xy)}
    ids = list(pos)
    for _ in range(50):
        pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
        if not [pair for pair in pairs if _push(pos[pair[0]], pos[pair[1]])]:
            break
    top, bottom = min(p[1] for p in pos.values()), max(p[1] for p in pos.values())
    height = max(bottom - top + 2 * _MAP_PAD_Y, _MAP_MIN_H)
    shift = (height - (bottom - top)) / 2 - top
    return {k: (round(p[0], 1), round(p[1] + shift, 1)) for k, p in pos.items()}, height


def _curve(a: XY, b: XY) -> tuple[XY, XY, XY]:
    """A gently bent leg from a to b, stopping short of both dots: (start, control, end)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = max(math.hypot(dx, dy), 0.01)
    ux, uy = dx / length, dy / length
    bend = min(length * 0.15, 36.0)
    control = ((a[0] + b[0]) / 2 + uy * bend, (a[1] + b[1]) / 2 - ux * bend)
    return (a[0] + ux * 9, a[1] + uy * 9), control, (b[0] - ux * 10, b[1] - uy * 10)


def _on_curve(curve: tuple[XY, XY, XY], t: float) -> XY:
    (x0, y0), (x1, y1), (x2, y2) = curve
    u = 1 - t
    return (u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2)


def _badge_at(curve: tuple[XY, XY, XY]) -> XY:
    """Where a leg's number goes: beside the curve's middle, on the outside of the bend."""
    (x0, y0), _, (x2, y2) = curve
    mx, my = _on_curve(curve, 0.5)
    length = max(math.hypot(x2 - x0, y2 - y0), 0.01)
    return mx + (y2 - y0) / length * 10, my - (x2 - x0) / length * 10


def _leg_svg(index: int, leg: Leg, xy: Mapping[str, XY], marker: str) -> str:
    curve = _curve(xy[leg.start], xy[leg.end])
    (sx, sy), (cx, cy), (ex, ey) = curve
    d = f"M{_n(sx)} {_n(sy)}Q{_n(cx)} {_n(cy)} {_n(ex)} {_n(ey)}"
    cls = "bc-leg bc-leg-expected" if leg.status == "expected" else "bc-leg"
    path = _tag("path", {"d": d, "class": cls, "marker-end": f"url(#{marker})"})
    bx, by = _badge_at(curve)
    badge = _tag("circle", {"cx": bx, "cy": by, "r": 7.5, "class": "bc-badge"})
    return path + badge + _text(bx, by + 3.5, str(index), "badge", "middle")


def _obstacles(legs: Sequence[Leg], xy: Mapping[str, XY]) -> list[Box]:
    """Dots, leg curves (sampled) and number badges: what a place name should not cover."""
    boxes = [(x - 6, y - 6, x + 6, y + 6) for x, y in xy.values()]
    for leg in legs:
        curve = _curve(xy[leg.start], xy[leg.end])
        boxes += [
            (x - 4, y - 4, x + 4, y + 4) for x, y in (_on_curve(curve, t / 8) for t in range(9))
        ]
        bx, by = _badge_at(curve)
        boxes.append((bx - 9, by - 9, bx + 9, by + 9))
    return boxes


def _place_labels(
    places: Sequence[Place], xy: Mapping[str, XY], obstacles: list[Box], height: float
) -> list[str]:
    """Each name (shortened if long) where it covers the fewest names, dots, legs and
    badges; a name that fits nowhere is slid inside the picture."""
    parts = []
    for place in sorted(places, key=lambda p: (-p.lat, p.id)):
        name = _truncate(place.name, _MAP_NAME_CHARS)
        x, y = xy[place.id]
        spots = [
            (x + 9, y + 4, "start"),
            (x - 9, y + 4, "end"),
            (x, y - 10, "middle"),
            (x, y + 19, "middle"),
            (x + 7, y - 8, "start"),
            (x - 7, y - 8, "end"),
            (x + 7, y + 16, "start"),
            (x - 7, y + 16, "end"),
        ]
        boxes = [_text_box(sx, sy, name, "name", a) for sx, sy, a in spots]
        costs = [_label_cost(box, obstacles, height - 2) for box in boxes]
        best = costs.index(min(costs))
        sx, sy, anchor = spots[best]
        slide = max(0.0, 2 - boxes[best][0]) - max(0.0, boxes[best][2] - (WIDTH - 2))
        box = boxes[best]
        obstacles.append((box[0] + slide, box[1], box[2] + slide, box[3]))
        parts.append(_text(sx + slide, sy, name, "name", anchor, "bc-halo"))
    return parts


def _label_cost(box: Box, obstacles: Sequence[Box], bottom: float) -> float:
    """0 for a free spot inside the picture; 1 per overlap; 100 and more if it sticks out."""
    out = max(0.0, 2 - box[0]) + max(0.0, box[2] - (WIDTH - 2))
    out += max(0.0, 2 - box[1]) + max(0.0, box[3] - bottom)
    return (100.0 + out if out else 0.0) + sum(_overlap(box, other) for other in obstacles)


def _arrow_marker(marker: str) -> str:
    head = _tag("path", {"d": "M0 0L10 5L0 10Z", "class": "bc-arrowhead"})
    attrs = {"id": marker, "viewBox": "0 0 10 10", "refX": 8, "refY": 5}
    attrs |= {"markerWidth": 7, "markerHeight": 7, "orient": "auto"}
    return "<defs>" + _tag("marker", attrs, head) + "</defs>"


def _leg_words(index: int, leg: Leg, places: Mapping[str, Place]) -> str:
    detail = f"{leg.label}, {leg.status}" if leg.label else leg.status
    return f"{index}. {places[leg.start].name} to {places[leg.end].name} ({detail})"


def _coordinates(place: Place) -> str:
    lat = f"{abs(place.lat):.1f}° {'N' if place.lat >= 0 else 'S'}"
    lon = f"{abs(place.lon):.1f}° {'E' if place.lon >= 0 else 'W'}"
    return f"{place.name} ({lat}, {lon})"


def _map_desc(places: Sequence[Place], legs: Sequence[Leg], by_id: Mapping[str, Place]) -> str:
    listed = "; ".join(_coordinates(p) for p in sorted(places, key=lambda p: p.id))
    steps = "; ".join(_leg_words(i, leg, by_id) for i, leg in enumerate(legs, start=1))
    return (
        "Schematic map, not to scale, without coastlines or borders: each place is drawn "
        "from its latitude and longitude (equirectangular projection), and places too close "
        f"to tell apart are pushed apart. Places: {listed}. Route: {steps or 'none'}."
    )


def route_map(
    places: Sequence[Place],
    route: Sequence[tuple[str, str] | Leg],
    *,
    key: str = "route",
    title: str = "Route of the deployment (schematic map)",
    href: Href = local_href,
) -> Md:
    """A schematic map: places as labelled dots, projected equirectangularly and fitted to
    their bounding box, and the route as numbered arrows from place to place in order.

    ``route`` holds (from place id, to place id) pairs, or :class:`Leg` for a leg that
    links to its phase (``href(fact_id)``, default ``#<fact id>``) and is dashed when
    expected. ``key``, a slug, keeps the SVG's ids unique on the page. No tiles, no data.
    """
    by_id = {place.id: place for place in places}
    legs = _legs(route, by_id)
    if not places:
        return _empty("map", key, title, "No places recorded.")
    xy, height = _spread(_project(places))
    marker = f"bc-map-{key}-arrow"
    body = [_arrow_marker(marker)]
    for i, leg in enumerate(legs, start=1):
        svg = _leg_svg(i, leg, xy, marker)
        words = _leg_words(i, leg, by_id)
        fact_id = leg.fact_id
        body.append(_link(href(fact_id), words, svg) if fact_id is not None else _hidden([svg]))
    dots = [
        _tag("circle", {"cx": x, "cy": y, "r": 4.5, "class": "bc-place"}) for x, y in xy.values()
    ]
    note = "schematic, not to scale"
    obstacles = [*_obstacles(legs, xy), _text_box(WIDTH - 4, height - 6, note, "tick", "end")]
    names = _place_labels(places, xy, obstacles, height)
    body.append(_hidden([*dots, *names, _text(WIDTH - 4, height - 6, note, "tick", "end")]))
    links = any(leg.fact_id is not None for leg in legs)
    return _figure(
        "map", key, (WIDTH, height), (title, _map_desc(places, legs, by_id)), body, links
    )


# --- styles --------------------------------------------------------------------------------

_LIGHT = ("#0072b2", "#c2410c", "#047857", "#9d4edd", "#be185d", "#7a6500", "#0e7490", "#4338ca")
_DARK = ("#56b4e9", "#f97316", "#34d399", "#c4a0ff", "#f472b6", "#facc15", "#22d3ee", "#a5b4fc")


def _generated_css() -> str:
    """Font sizes from :data:`FONT`; the palette, light and slate (dark)."""
    fonts = "".join(f".bc-svg .bc-{k} {{ font-size: {_n(v)}px; }}\n" for k, v in FONT.items())
    light = "".join(f".bc-c{i} {{ --bc-c: {c}; }}\n" for i, c in enumerate(_LIGHT))
    dark = "".join(
        f"[data-md-color-scheme=slate] .bc-c{i} {{ --bc-c: {c}; }}\n" for i, c in enumerate(_DARK)
    )
    return fonts + light + dark


CHART_CSS = """/* Charts (generator/charts.py): static SVG. Every colour is a Material palette
   variable or a --bc-* below, so the light (default) and dark (slate) schemes both read well; each
   palette colour has 4.5:1 contrast or more against its scheme's background. */
.briefing-chart { margin: 1.2em 0; max-width: 100%; }
.briefing-chart svg { display: block; max-width: 100%; height: auto; }
.bc-svg {
  --bc-fg: var(--md-default-fg-color, #222);
  --bc-muted: var(--md-default-fg-color--light, #666);
  --bc-faint: var(--md-default-fg-color--lightest, #ddd);
  --bc-bg: var(--md-default-bg-color, #fff);
  --bc-ok: #047857; --bc-warn: #b45309; --bc-route: #c2410c; --bc-c: var(--bc-muted);
  font-family: var(--md-text-font-family, sans-serif);
}
[data-md-color-scheme=slate] .bc-svg { --bc-ok: #34d399; --bc-warn: #fbbf24; --bc-route: #f97316; }
.bc-svg text { fill: var(--bc-fg); }
.bc-svg .bc-tick, .bc-svg .bc-muted { fill: var(--bc-muted); }
.bc-svg .bc-status { font-weight: 700; }
.bc-svg .bc-badge { font-weight: 700; }
.bc-svg .bc-halo {
  paint-order: stroke; stroke: var(--bc-bg); stroke-width: 3px; stroke-linejoin: round;
}
.bc-axis { stroke: var(--bc-muted); stroke-width: 1; }
.bc-grid { stroke: var(--bc-faint); stroke-width: 1; }
.bc-link:hover .bc-mark, .bc-link:focus .bc-mark, .bc-link:hover .bc-step { stroke-width: 3.5; }
.bc-link:hover text, .bc-link:focus text { text-decoration: underline; }
.bc-link:focus-visible {
  outline: 2px solid var(--md-accent-fg-color, #526cfe); outline-offset: 2px;
}
/* estimates: colour = originator; hollow = claim undated; diamond, dashed = projected */
.bc-mark { fill: var(--bc-c); stroke: var(--bc-c); stroke-width: 2; }
.bc-mark.bc-key { --bc-c: var(--bc-muted); }
.bc-mark.bc-hollow { fill: var(--bc-bg); }
.bc-mark.bc-projected { fill-opacity: .35; stroke-dasharray: 4 2.5; }
.bc-mark.bc-projected.bc-hollow { fill-opacity: 1; }
/* treaty tracker: done = filled circle with a tick; pending = half-filled diamond;
   expected = empty dashed square; each also says so in words */
.bc-step { stroke-width: 2.5; }
.bc-done { fill: var(--bc-ok); stroke: var(--bc-ok); }
.bc-tick-mark {
  fill: none; stroke: var(--bc-bg); stroke-width: 2.5;
  stroke-linecap: round; stroke-linejoin: round;
}
.bc-pending { fill: none; stroke: var(--bc-warn); }
.bc-half { fill: var(--bc-warn); }
.bc-expected { fill: none; stroke: var(--bc-muted); stroke-dasharray: 4 3; }
.bc-track { stroke-width: 3; }
.bc-track-done { stroke: var(--bc-ok); }
.bc-track-todo { stroke: var(--bc-muted); stroke-dasharray: 5 4; stroke-width: 2; }
.bc-svg .bc-status-done { fill: var(--bc-ok); }
.bc-svg .bc-status-pending { fill: var(--bc-warn); }
.bc-svg .bc-status-expected { fill: var(--bc-muted); }
/* chronology strip: colour = kind; tick = a day, band = a month or year, bar = a range */
.bc-event { fill: var(--bc-c); }
.bc-event.bc-band { fill-opacity: .3; stroke: var(--bc-c); stroke-width: 1; }
.bc-leader { stroke: var(--bc-faint); stroke-width: 1; }
/* route map */
.bc-place { fill: var(--bc-fg); }
.bc-leg { fill: none; stroke: var(--bc-route); stroke-width: 2; }
.bc-leg-expected { stroke-dasharray: 5 4; }
.bc-arrowhead { fill: var(--bc-route); }
circle.bc-badge { fill: var(--bc-bg); stroke: var(--bc-route); stroke-width: 1.5; }
@media print {
  .bc-svg { --bc-fg: #000; --bc-muted: #444; --bc-faint: #bbb; --bc-bg: #fff; }
}
""" + _generated_css()
