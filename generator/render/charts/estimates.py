"""The estimates chart: each estimate of a deployment as a mark at its date and value, in
its originator's colour and shape, labelled where a label is unambiguously its own (else
numbered, with a key under the chart), linked to its table row.

An originator's style (a palette colour and a shape) comes from a hash of its id, so it is
the same on every chart and build, whoever else is drawn; only when two originators of one
deployment would get the same colour and shape does the later id move on (to the next free
style), leaving every other originator's style as it was.

One chart per measure (soldiers and displaced people never share an axis): the axis is
labelled with the measure's unit. Figures given only in words, with no interval, are not
drawn; nor are superseded or corrected ones (they are left out, not muted: the desc says
how many, and the table beside the chart keeps every one, marked)."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from generator.facts.model import Deployment, Document, Estimate
from generator.facts.vocabulary import Vocabulary
from generator.render.charts.css import PALETTE_SIZE
from generator.render.charts.scales import TimeScale, day_domain, nice_step, time_ticks
from generator.render.charts.svg import (
    WIDTH,
    Box,
    chart_figure,
    empty_chart,
    flow_legend,
    hidden,
    link,
    local_href,
    num,
    overlap,
    path_data,
    swatch,
    tag,
    text_box,
    text_line,
    text_width,
    wrap,
)
from generator.render.charts.words import plural, when_label
from generator.render.labels import charted, figure
from generator.render.markdown_text import Md

_EST_LEFT, _EST_TOP, _EST_RIGHT, _EST_BOTTOM = 44.0, 24.0, WIDTH - 6, 200.0
_UNDATED_W = 52.0
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "plus")
"""The originators' mark shapes (a projection is its originator's shape, dashed)."""
_STYLES = PALETTE_SIZE * len(SHAPES)
_MARK_SIZE, _PROJECTED_SIZE, _RANGE_SIZE, _SWATCH_SIZE = 5.5, 6.5, 4.5, 4.5
_UNAMBIGUOUS = 3.0
"""How much nearer than any other mark a label must be to its own mark (viewBox units)."""
# Per text kind: how far below a mark's middle a label's baseline sits (to centre it beside
# the mark), and how far below the mark's bottom (to sit just under it).
_BESIDE = MappingProxyType({"label": 4.0, "badge": 3.5})
_UNDER = MappingProxyType({"label": 12.0, "badge": 11.0})


@dataclass(frozen=True)
class Style:
    """An originator's look: a palette colour (CSS class ``bc-c<colour>``) and a shape."""

    colour: int
    shape: str


def _style(index: int) -> Style:
    return Style(index % PALETTE_SIZE, SHAPES[index // PALETTE_SIZE % len(SHAPES)])


def _hashed(originator: str) -> int:
    """The originator's own style index: from its id alone (sha256, never Python's hash())."""
    digest = hashlib.sha256(originator.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % _STYLES


def originator_styles(originators: Iterable[str]) -> dict[str, Style]:
    """Each originator's colour and shape, from a hash of its id. Where two would look the
    same, the later id (in sorted order) takes the next free style after its own; so adding
    or removing an originator changes no other's style unless it takes that exact style."""
    styles: dict[str, Style] = {}
    for originator in sorted(set(originators)):
        index = _hashed(originator)
        taken = set(styles.values())
        for step in range(_STYLES if len(taken) < _STYLES else 0):
            if _style(index + step) not in taken:
                index += step
                break
        styles[originator] = _style(index)
    return styles


@dataclass(frozen=True)
class _Point:
    """One estimate placed: the day it is drawn at, why that day, and its style."""

    estimate: Estimate
    day: dt.date | None
    basis: str  # claimed, as-of, reported or undated
    style: Style
    counted: str
    """What it counts, as pages say it ('sent', 'projected total')."""
    projected: bool
    """A projection (its kind of count says so), never a current figure."""


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
    """Originator ids, sorted ('' for the document's own voice): the legend's order."""
    return sorted({e.originator or "" for e in estimates})


def _who(originator: str, actors: Mapping[str, str]) -> str:
    return actors.get(originator, originator) if originator else "the report"


def _date_words(point: _Point) -> str:
    if point.basis == "claimed":
        return when_label(point.estimate.claimed)
    if point.basis == "as-of":
        return f"claim undated, describes {when_label(point.estimate.as_of)}"
    if point.basis == "reported" and point.day is not None:
        return f"claim undated, reported {point.day.day} {point.day:%b %Y}"
    return "date not stated"


def figure_text(estimate: Estimate) -> str:
    """The figure as a chart labels it: never 'another' (the table says which figure comes on
    top of which); words kept, with the interval they are read as."""
    return figure(estimate, another=False)


def _estimate_words(point: _Point, actors: Mapping[str, str]) -> str:
    """'<originator>: <figure> <counts>, <date>': tooltip, accessible name, desc line.
    (Scope and hedge are in the table beside the chart.)"""
    estimate = point.estimate
    what = f"{figure_text(estimate)} {point.counted}"
    return f"{_who(estimate.originator or '', actors)}: {what}, {_date_words(point)}"


def _y_ticks(estimates: Sequence[Estimate]) -> list[int]:
    top = max(e.value if e.value is not None else e.high or 0 for e in estimates)
    step = nice_step(float(top))
    return list(range(0, (math.ceil(max(top, 1) / step) + 1) * step, step))


def _estimate_points(
    deployment: Deployment,
    estimates: Sequence[Estimate],
    documents: Mapping[str, Document],
    vocabulary: Vocabulary,
) -> list[_Point]:
    # Styles are resolved over every originator of the deployment: the same on each chart.
    styles = originator_styles(e.originator or "" for e in [*deployment.estimates, *estimates])
    points = []
    for estimate in estimates:
        day, basis = _placement(estimate, documents)
        style = styles[estimate.originator or ""]
        counted = vocabulary.label("counts", estimate.counts)
        projected = vocabulary.projection(estimate.counts)
        points.append(_Point(estimate, day, basis, style, counted, projected))
    return points


def _point_x(points: Sequence[_Point], scale: TimeScale, undated_x: float) -> dict[str, float]:
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


def _mark_classes(point: _Point, *, bar: bool = False) -> str:
    classes = ["bc-mark", f"bc-c{point.style.colour}"]
    if point.projected:
        classes.append("bc-projected")
    if point.basis != "claimed":
        classes.append("bc-hollow")
    if bar:
        classes.append("bc-range")
    return " ".join(classes)


def _outline(shape: str, x: float, y: float, size: float) -> list[tuple[float, float]]:
    """The corners of a polygon shape of about the area of a circle of radius ``size``."""
    if shape == "square":
        h = size * 0.9
        return [(x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h)]
    if shape == "diamond":
        h = size * 1.25
        return [(x, y - h), (x + h, y), (x, y + h), (x - h, y)]
    if shape in ("triangle", "triangle-down"):
        w, up, down = size * 1.25, size * 1.2, size * 0.95
        if shape == "triangle-down":
            return [(x - w, y - down), (x + w, y - down), (x, y + up)]
        return [(x, y - up), (x + w, y + down), (x - w, y + down)]
    a, b = size * 0.42, size * 1.15  # plus: arms ``a`` either side of the centre, ``b`` long
    return [
        (x - a, y - b), (x + a, y - b), (x + a, y - a), (x + b, y - a), (x + b, y + a),
        (x + a, y + a), (x + a, y + b), (x - a, y + b), (x - a, y + a), (x - b, y + a),
        (x - b, y - a), (x - a, y - a),
    ]  # fmt: skip


def shape_mark(shape: str, x: float, y: float, size: float, cls: str) -> tuple[str, Box]:
    """A mark of one of :data:`SHAPES` centred on (x, y), and the box it covers with its
    outline."""
    if shape == "circle":
        mark = tag("circle", {"cx": x, "cy": y, "r": size, "class": cls})
        return mark, (x - size - 1, y - size - 1, x + size + 1, y + size + 1)
    corners = _outline(shape, x, y, size)
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    box = (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)
    return tag("path", {"d": path_data(corners), "class": cls}), box


def _mark_shape(point: _Point, x: float, y_of: Callable[[float], float]) -> tuple[str, Box]:
    """The mark (the originator's shape; a range: a bar from low to high with the shape at
    its middle; a projection: the shape larger, dashed) and the box it covers."""
    estimate, cls, shape = point.estimate, _mark_classes(point), point.style.shape
    if estimate.value is None:
        top, bottom = y_of(estimate.high or 0), y_of(estimate.low or 0)
        bottom = max(bottom, top + 4)
        bar = {"x": x - 1.5, "y": top, "width": 3.0, "height": bottom - top}
        rect = tag("rect", {**bar, "class": _mark_classes(point, bar=True)})
        middle, box = shape_mark(shape, x, (top + bottom) / 2, _RANGE_SIZE, cls)
        return rect + middle, (box[0], min(top - 1, box[1]), box[2], max(bottom + 1, box[3]))
    size = _PROJECTED_SIZE if point.projected else _MARK_SIZE
    return shape_mark(shape, x, y_of(estimate.value), size, cls)


def _mark_label(point: _Point) -> str:
    """'1,500 sent', 'about 12,000 projected total': what the mark is, beside it."""
    return f"{figure_text(point.estimate)} {point.counted}"


def gap(a: Box, b: Box) -> float:
    """The distance between two boxes (0 where they touch or overlap)."""
    dx = max(0.0, a[0] - b[2], b[0] - a[2])
    dy = max(0.0, a[1] - b[3], b[1] - a[3])
    return math.hypot(dx, dy)


def _place_label(
    text: str, kind: str, own: Box, marks: Sequence[Box], labels: Sequence[Box]
) -> tuple[str, Box] | None:
    """A label right of its mark, else left, above, below or at a corner; only where it is
    unambiguously its mark's: inside the plot, clear of every other mark and label, and
    nearer its own mark than any other by :data:`_UNAMBIGUOUS`. None where no spot is."""
    cy, cx = (own[1] + own[3]) / 2 + _BESIDE[kind], (own[0] + own[2]) / 2
    spots = [
        (own[2] + 3, cy, "start"),
        (own[0] - 3, cy, "end"),
        (cx, own[1] - 4, "middle"),
        (cx, own[3] + _UNDER[kind], "middle"),
        (own[2], own[1] - 4, "end"),
        (own[2], own[3] + _UNDER[kind], "end"),
        (own[0], own[1] - 4, "start"),
        (own[0], own[3] + _UNDER[kind], "start"),
    ]
    others = [m for m in marks if m != own]
    for x, y, anchor in spots:
        box = text_box(x, y, text, kind, anchor)
        inside = box[0] >= _EST_LEFT + 2 and box[2] <= WIDTH - 2
        inside = inside and box[1] >= _EST_TOP - 12 and box[3] <= _EST_BOTTOM - 1
        if not inside or overlap(box, own, 0.0):
            continue
        if any(overlap(box, other) or overlap(other, box) for other in [*others, *labels]):
            continue
        if all(gap(box, own) + _UNAMBIGUOUS <= gap(box, other) for other in others):
            return text_line(x, y, text, kind, anchor, "bc-halo"), box
    return None


@dataclass(frozen=True)
class _Marks:
    """The marks drawn (each in its link) and the points without a label, with the number
    each is shown by (None where not even a number had room: the key still lists it)."""

    links: list[str]
    keyed: list[tuple[_Point, int | None]]


def _estimate_marks(
    points: Sequence[_Point],
    xs: Mapping[str, float],
    y_of: Callable[[float], float],
    actors: Mapping[str, str],
) -> _Marks:
    """Each mark with its label, in a link to the table row; projections labelled first.
    A mark whose label has no unambiguous spot gets a number beside it, in date order."""
    shapes = {p.estimate.id: _mark_shape(p, xs[p.estimate.id], y_of) for p in points}
    marks = [box for _, box in shapes.values()]
    taken: list[Box] = []
    labels: dict[str, str] = {}
    for point in sorted(points, key=lambda p: (not p.projected, p.estimate.id)):
        placed = _place_label(
            _mark_label(point), "label", shapes[point.estimate.id][1], marks, taken
        )
        if placed is not None:
            labels[point.estimate.id] = placed[0]
            taken.append(placed[1])
    unlabelled = [p for p in points if p.estimate.id not in labels]
    unlabelled.sort(key=lambda p: (xs[p.estimate.id], -shapes[p.estimate.id][1][1], p.estimate.id))
    keyed: list[tuple[_Point, int | None]] = []
    number = 0
    for point in unlabelled:
        placed = _place_label(str(number + 1), "badge", shapes[point.estimate.id][1], marks, taken)
        if placed is not None:
            number += 1
            labels[point.estimate.id] = placed[0]
            taken.append(placed[1])
        keyed.append((point, number if placed is not None else None))
    links = []
    for point in points:
        fact_id = point.estimate.id
        body = shapes[fact_id][0] + labels.get(fact_id, "")
        links.append(link(local_href(fact_id), _estimate_words(point, actors), body))
    return _Marks(links, keyed)


def _estimate_axes(
    ticks: Sequence[int],
    y_of: Callable[[float], float],
    scale: TimeScale | None,
    right: float,
    unit: str,
) -> list[str]:
    """The unit, grid lines with thousands-separated values, and the time axis below."""
    parts = [text_line(4, 11, unit, "tick")]
    for value in ticks:
        y = y_of(value)
        line = {"x1": _EST_LEFT, "y1": y, "x2": right, "y2": y, "class": "bc-grid"}
        parts.append(
            tag("line", line) + text_line(_EST_LEFT - 5, y + 4, f"{value:,}", "tick", "end")
        )
    axis = {"x1": _EST_LEFT, "y1": _EST_BOTTOM, "x2": right, "y2": _EST_BOTTOM, "class": "bc-axis"}
    parts.append(tag("line", axis))
    return parts + (_date_ticks(scale) if scale is not None else [])


def _date_ticks(scale: TimeScale) -> list[str]:
    """Ticks under the estimates' time axis, each label centred where it fits."""
    parts = []
    for ordinal, label in time_ticks(scale, 50.0):
        x = scale.x(ordinal)
        tick = {"x1": x, "y1": _EST_BOTTOM, "x2": x, "y2": _EST_BOTTOM + 4, "class": "bc-axis"}
        parts.append(tag("line", tick))
        if text_width(label, "tick") / 2 <= min(x, WIDTH - x):
            parts.append(text_line(x, _EST_BOTTOM + 16, label, "tick", "middle"))
    return parts


def _swatch(point: _Point | None, style: Style, extra: str = "") -> str:
    """A legend's sample: the originator's shape in its colour (a point's: hollow, dashed
    as its mark is)."""
    cls = _mark_classes(point) if point is not None else f"bc-mark bc-c{style.colour}{extra}"
    return shape_mark(style.shape, 0.0, 0.0, _SWATCH_SIZE, cls)[0]


def _estimate_legend(points: Sequence[_Point], actors: Mapping[str, str]) -> list[tuple[str, str]]:
    """Originators by colour and shape, then what fill and outline mean (only those drawn)."""
    styles = {p.estimate.originator or "": p.style for p in points}
    items = [
        (_swatch(None, styles[o]), _who(o, actors))
        for o in _originators([p.estimate for p in points])
    ]
    key = "bc-mark bc-key"
    circle = Style(0, "circle")
    keys = [
        ("filled: dated by the claim", any(p.basis == "claimed" for p in points), ""),
        ("hollow: claim undated", any(p.basis != "claimed" for p in points), " bc-hollow"),
        ("dashed: projected", any(p.projected for p in points), " bc-projected"),
    ]
    items += [
        (shape_mark(circle.shape, 0.0, 0.0, _SWATCH_SIZE, key + c)[0], words)
        for words, drawn, c in keys
        if drawn
    ]
    if any(p.estimate.value is None for p in points):
        items.append((swatch("bar", key + " bc-range"), "low–high range"))
    return items


_KEY_CHARS = int((WIDTH - 8 - 20) / text_width("x", "legend"))


def _number_key(
    keyed: Sequence[tuple[_Point, int | None]], actors: Mapping[str, str], top: float
) -> tuple[str, float]:
    """The points drawn without a label, one a row from ``top``: the mark's sample, its
    number on the chart (where it had room) and what it is, in at most two lines; returns
    the markup and the bottom y."""
    parts, y = [], top
    for point, number in keyed:
        words = _estimate_words(point, actors)
        lines = wrap(f"{number}. {words}" if number is not None else words, _KEY_CHARS, 2)
        parts.append(f'<g transform="translate(8 {num(y)})">{_swatch(point, point.style)}')
        parts += [text_line(12, 4 + 15 * i, line, "legend") for i, line in enumerate(lines)]
        parts.append("</g>")
        y += 15 * len(lines) + 4
    return hidden(parts), y - 8


def _estimate_desc(
    what: str,
    points: Sequence[_Point],
    actors: Mapping[str, str],
    left_out: Sequence[str],
    keyed: Sequence[tuple[_Point, int | None]] = (),
) -> str:
    originators = plural(len(_originators([p.estimate for p in points])), "originator")
    head = (
        f"{plural(len(points), 'estimate')} of {what} by {originators}, each "
        "drawn at the date of the claim in its originator's colour and shape; a claim "
        "without a date is drawn hollow at the start of the period it describes, else at "
        "the date the document reported it; projections have a dashed outline; ranges are "
        "bars from low to high."
    )
    if keyed:
        head += (
            f" {plural(len(keyed), 'mark')} without room for a label "
            f"{'is' if len(keyed) == 1 else 'are'} listed under the chart, numbered where "
            "there is room."
        )
    words = (f"{_estimate_words(p, actors)}." for p in points)
    return " ".join([head, *words, *left_out])


@dataclass(frozen=True)
class Axis:
    """What one chart's figures count: the measure's id (a slug), name and unit."""

    id: str
    name: str
    unit: str


def _left_out(replaced: Collection[str], every: Sequence[Estimate]) -> list[str]:
    """Why figures of the measure are not drawn, in words for the desc."""
    words_only = [e for e in every if e.id not in replaced and not charted(e)]
    out = [e for e in every if e.id in replaced]
    notes = []
    if out:
        notes.append(
            f"Not drawn: {plural(len(out), 'superseded or corrected figure')} "
            "(in the table, marked)."
        )
    if words_only:
        notes.append(
            f"Not drawn: {plural(len(words_only), 'figure')} given only in words "
            f"({', '.join(figure_text(e) for e in words_only)})."
        )
    return notes


def estimates_chart(
    deployment: Deployment,
    documents: Mapping[str, Document],
    actors: Mapping[str, str] | None = None,
    *,
    axis: Axis | None = None,
    estimates: Sequence[Estimate] | None = None,
    replaced: Collection[str] = frozenset(),
    vocabulary: Vocabulary | None = None,
) -> Md:
    """Each estimate as a dot (value) or a low–high bar (range): x = date, y = the figure,
    in the unit of ``axis`` (default: the deployment's force).

    ``estimates`` are those of one measure (default: all the deployment's); of them, the
    ids in ``replaced`` (superseded or corrected) and figures given only in words are not
    drawn. x is the claim's ``claimed`` date, else the start of ``as_of``, else the
    document's ``published`` date (those two drawn hollow). ``documents`` maps document id
    -> Document; ``actors`` maps actor id -> the name to show (default: the id). Colours
    and shapes are the originators' own (:func:`originator_styles`). Marks link to
    ``#<estimate id>`` (the table's rows). With an ``axis``, the chart's key is
    ``<deployment>-<axis id>``.
    What a figure counts, and whether it is a projection, is the ``vocabulary``'s
    (default: the built-in terms).
    """
    vocabulary = vocabulary or Vocabulary.of()
    every = list(deployment.estimates if estimates is None else estimates)
    shown = [e for e in every if e.id not in replaced and charted(e)]
    key = f"{deployment.id}-{axis.id}" if axis is not None else deployment.id
    unit = axis.unit if axis is not None else deployment.force
    named = f"{deployment.title}, {axis.name}" if axis is not None else deployment.title
    title = f"Estimates of {named}: {plural(len(shown), 'claim')}"
    if not shown:
        message = "No estimates recorded." if not every else "No figure to draw."
        return empty_chart("estimates", key, title, message)
    actors = actors or {}
    points = _estimate_points(deployment, shown, documents, vocabulary)
    days = [p.day for p in points if p.day is not None]
    right = _EST_RIGHT - (_UNDATED_W if len(days) < len(points) else 0)
    scale = TimeScale(*day_domain(days), _EST_LEFT + 8, right - 8) if days else None
    ticks = _y_ticks(shown)

    def y_of(value: float) -> float:
        return _EST_BOTTOM - value / ticks[-1] * (_EST_BOTTOM - _EST_TOP)

    axes = _estimate_axes(ticks, y_of, scale, right, unit)
    if len(days) < len(points):
        axes.append(
            text_line(right + _UNDATED_W / 2, _EST_BOTTOM + 16, "undated", "tick", "middle")
        )
    fallback = TimeScale(0, 1, _EST_LEFT, right)
    xs = _point_x(points, scale or fallback, right + _UNDATED_W / 2)
    marks = _estimate_marks(points, xs, y_of, actors)
    legend, bottom = flow_legend(_estimate_legend(points, actors), _EST_BOTTOM + 38)
    body = [hidden(axes), *marks.links, legend]
    if marks.keyed:
        numbered, bottom = _number_key(marks.keyed, actors, bottom + 12)
        body.append(numbered)
    what = unit if axis is None or axis.name.lower() == unit.lower() else f"{axis.name} ({unit})"
    desc = _estimate_desc(what, points, actors, _left_out(replaced, every), marks.keyed)
    return chart_figure("estimates", key, (WIDTH, bottom + 6), (title, desc), body, links=True)
