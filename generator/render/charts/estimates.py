"""The estimates chart: each estimate of a deployment as a mark at its date and value,
coloured by originator, labelled where there is room, linked to its table row.

One chart per measure (soldiers and displaced people never share an axis): the axis is
labelled with the measure's unit. Figures given only in words, with no interval, are not
drawn; nor are superseded or corrected ones (they are left out, not muted: the desc says
how many, and the table beside the chart keeps every one, marked)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

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
    overlap,
    path_data,
    swatch,
    tag,
    text_box,
    text_line,
    text_width,
)
from generator.render.charts.words import plural, when_label
from generator.render.labels import charted, figure
from generator.render.markdown_text import Md

_EST_LEFT, _EST_TOP, _EST_RIGHT, _EST_BOTTOM = 44.0, 24.0, WIDTH - 6, 200.0
_UNDATED_W = 52.0


@dataclass(frozen=True)
class _Point:
    """One estimate placed: the day it is drawn at, why that day, and its colour."""

    estimate: Estimate
    day: dt.date | None
    basis: str  # claimed, as-of, reported or undated
    colour: int
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
    """Originator ids, sorted ('' for the document's own voice): the palette's order."""
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
    # Colours follow every originator of the deployment: the same on each measure's chart.
    colours = {o: i % PALETTE_SIZE for i, o in enumerate(_originators(deployment.estimates))}
    points = []
    for estimate in estimates:
        day, basis = _placement(estimate, documents)
        colour = colours[estimate.originator or ""]
        counted = vocabulary.label("counts", estimate.counts)
        projected = vocabulary.projection(estimate.counts)
        points.append(_Point(estimate, day, basis, colour, counted, projected))
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


def _mark_classes(point: _Point) -> str:
    classes = ["bc-mark", f"bc-c{point.colour}"]
    if point.projected:
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
        return tag("rect", {**bar, "class": cls}), (x - 4, top, x + 4, bottom)
    y = y_of(estimate.value)
    if point.projected:
        diamond = path_data([(x, y - 8), (x + 8, y), (x, y + 8), (x - 8, y)])
        return tag("path", {"d": diamond, "class": cls}), (x - 8, y - 8, x + 8, y + 8)
    return tag("circle", {"cx": x, "cy": y, "r": 5.5, "class": cls}), (x - 6, y - 6, x + 6, y + 6)


def _mark_label(point: _Point) -> str:
    """'1,500 sent', 'about 12,000 projected total': what the mark is, beside it."""
    return f"{figure_text(point.estimate)} {point.counted}"


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
        box = text_box(x, y, text, "label", anchor)
        inside = box[0] >= _EST_LEFT + 2 and box[2] <= WIDTH - 2
        inside = inside and box[1] >= _EST_TOP - 12 and box[3] <= _EST_BOTTOM - 1
        if inside and not any(overlap(box, other) for other in taken):
            return text_line(x, y, text, "label", anchor, "bc-halo"), box
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
    for point in sorted(points, key=lambda p: (not p.projected, p.estimate.id)):
        placed = _place_label(_mark_label(point), shapes[point.estimate.id][1], taken)
        if placed is not None:
            labels[point.estimate.id] = placed[0]
            taken.append(placed[1])
    marks = []
    for point in points:
        fact_id = point.estimate.id
        body = shapes[fact_id][0] + labels.get(fact_id, "")
        marks.append(link(local_href(fact_id), _estimate_words(point, actors), body))
    return marks


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


def _estimate_legend(points: Sequence[_Point], actors: Mapping[str, str]) -> list[tuple[str, str]]:
    """Originators by colour, then what the shapes mean (only those drawn)."""
    colours = {p.estimate.originator or "": p.colour for p in points}
    items = [
        (swatch("dot", f"bc-mark bc-c{colours[o]}"), _who(o, actors))
        for o in _originators([p.estimate for p in points])
    ]
    keys = [
        ("dot", "", "dated by the claim", any(p.basis == "claimed" for p in points)),
        ("dot", " bc-hollow", "claim undated", any(p.basis != "claimed" for p in points)),
        ("bar", " bc-range", "low–high range", any(p.estimate.value is None for p in points)),
        ("diamond", " bc-projected", "projected", any(p.projected for p in points)),
    ]
    items += [(swatch(s, "bc-mark bc-key" + c), words) for s, c, words, drawn in keys if drawn]
    return items


def _estimate_desc(
    what: str,
    points: Sequence[_Point],
    actors: Mapping[str, str],
    left_out: Sequence[str],
) -> str:
    originators = plural(len(_originators([p.estimate for p in points])), "originator")
    head = (
        f"{plural(len(points), 'estimate')} of {what} by {originators}, each "
        "drawn at the date of the claim; a claim without a date is drawn hollow at the start "
        "of the period it describes, else at the date the document reported it; projections "
        "are diamonds with a dashed outline; ranges are bars from low to high."
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
    follow the deployment's sorted originator ids. Marks link to ``#<estimate id>`` (the
    table's rows). With an ``axis``, the chart's key is ``<deployment>-<axis id>``.
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
    legend, bottom = flow_legend(_estimate_legend(points, actors), _EST_BOTTOM + 38)
    body = [hidden(axes), *_estimate_marks(points, xs, y_of, actors), legend]
    what = unit if axis is None or axis.name.lower() == unit.lower() else f"{axis.name} ({unit})"
    desc = _estimate_desc(what, points, actors, _left_out(replaced, every))
    return chart_figure("estimates", key, (WIDTH, bottom + 6), (title, desc), body, links=True)
