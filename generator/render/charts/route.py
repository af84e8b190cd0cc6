"""The schematic route map: places as labelled dots from their coordinates, and the route
as numbered arrows between them.

A route is often pieced together from several sources. A leg claimed by another source than
the leg before it is not drawn as part of one confirmed path: it is dotted and starts
with a gap, and its label names who claims it."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.facts.model.vocabulary import Progress
from generator.facts.vocabulary import Vocabulary
from generator.render.charts.svg import (
    WIDTH,
    XY,
    Box,
    Href,
    chart_figure,
    empty_chart,
    hidden,
    link,
    local_href,
    num,
    overlap,
    tag,
    text_box,
    text_line,
    truncate,
)
from generator.render.markdown_text import Md

_MAP_PAD_X, _MAP_PAD_Y, _MAP_MIN_H, _MAP_MAX_H, _MIN_GAP = 40.0, 26.0, 150.0, 320.0, 56.0
_NAME_CHARS = (34, 18, 10)
"""How long a place's name may be on the map: whole up to 34 characters, shorter
where it finds no free spot (:func:`_place_labels`)."""
_LEG_STROKE = 2.0
"""A leg's stroke width (``.bc-leg`` in the charts' CSS): the arrowhead's unit."""
_HEAD_SIZE, _HEAD_REF = 7.0, 8.0
"""The arrowhead marker: markerWidth (in stroke widths) and refX (of its 10-unit box)."""
_CLEAR = 3.0
"""How far a name keeps from a leg: half the stroke, the name's halo and a little air."""
_FLAT = 24
"""Straight pieces a leg's curve is cut into to test it against names."""

Segment = tuple[XY, XY]


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
    status (completed, ongoing, expected: expected is dashed), a few words and who
    claims it (the name to show; None: not said)."""

    start: str
    end: str
    fact_id: str | None = None
    status: str = "completed"
    """The status as pages show it."""
    label: str | None = None
    claimant: str | None = None
    progress: Progress | None = None
    """What the status means (the vocabulary's; None: the built-in term's): an open leg is
    dashed, a halted one dotted red."""


def _breaks(legs: Sequence[Leg]) -> list[bool]:
    """For each leg, whether it is claimed by another source than the leg before it (a
    break in the path: no one source claims both)."""
    return [
        i > 0 and leg.claimant != legs[i - 1].claimant and leg.claimant is not None
        for i, leg in enumerate(legs)
    ]


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


def _curve(a: XY, b: XY, gap: float = 9.0) -> tuple[XY, XY, XY]:
    """A gently bent leg from a to b, stopping short of both dots (``gap`` units from a):
    (start, control, end)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = max(math.hypot(dx, dy), 0.01)
    ux, uy = dx / length, dy / length
    bend = min(length * 0.15, 36.0)
    control = ((a[0] + b[0]) / 2 + uy * bend, (a[1] + b[1]) / 2 - ux * bend)
    gap = min(gap, max(length / 3, 9.0))
    return (a[0] + ux * gap, a[1] + uy * gap), control, (b[0] - ux * 10, b[1] - uy * 10)


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


def _drawn(leg: Leg, xy: Mapping[str, XY], broken: bool) -> tuple[XY, XY, XY]:
    """The curve a leg is drawn as: a broken leg starts further from its dot."""
    return _curve(xy[leg.start], xy[leg.end], 18.0 if broken else 9.0)


def _arrowhead(curve: tuple[XY, XY, XY]) -> tuple[XY, XY, XY]:
    """The arrowhead's corners (tip, then the two of its base), as the marker draws it:
    along the curve's direction at its end, 7 stroke widths long and wide."""
    start, control, (ex, ey) = curve
    dx, dy = ex - control[0], ey - control[1]
    if math.hypot(dx, dy) < 0.01:
        dx, dy = ex - start[0], ey - start[1]
    length = max(math.hypot(dx, dy), 0.01)
    ux, uy = dx / length, dy / length
    unit = _HEAD_SIZE * _LEG_STROKE / 10
    tip = (ex + ux * (10 - _HEAD_REF) * unit, ey + uy * (10 - _HEAD_REF) * unit)
    bx, by = ex - ux * _HEAD_REF * unit, ey - uy * _HEAD_REF * unit
    half = 5 * unit
    return tip, (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)


def leg_segments(curve: tuple[XY, XY, XY]) -> list[Segment]:
    """A drawn leg as straight pieces: its curve, finely cut, and its arrowhead's edges."""
    points = [_on_curve(curve, t / _FLAT) for t in range(_FLAT + 1)]
    tip, left, right = _arrowhead(curve)
    head = [(tip, left), (left, right), (right, tip)]
    return [*zip(points, points[1:], strict=False), *head]


def crosses(box: Box, segment: Segment, margin: float = 0.0) -> bool:
    """Whether a straight piece passes through a box grown by ``margin`` (Liang–Barsky)."""
    (ax, ay), (bx, by) = segment
    x0, y0, x1, y1 = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
    dx, dy = bx - ax, by - ay
    low, high = 0.0, 1.0
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            low = max(low, r)
        else:
            high = min(high, r)
        if low > high:
            return False
    return True


def _leg_svg(index: int, leg: Leg, xy: Mapping[str, XY], marker: str, broken: bool) -> str:
    curve = _drawn(leg, xy, broken)
    (sx, sy), (cx, cy), (ex, ey) = curve
    d = f"M{num(sx)} {num(sy)}Q{num(cx)} {num(cy)} {num(ex)} {num(ey)}"
    progress = leg.progress or Vocabulary.of().progress("phase_statuses", leg.status)
    cls = {"open": "bc-leg bc-leg-expected", "halted": "bc-leg bc-leg-halted"}.get(
        progress, "bc-leg"
    )
    attrs: dict[str, str | float] = {"d": d, "class": cls, "marker-end": f"url(#{marker})"}
    if broken:
        # Dotted (a presentation attribute: the stylesheet's dashes of an expected leg win).
        attrs |= {"class": cls + " bc-leg-break", "stroke-dasharray": "1.5 4"}
        attrs["stroke-linecap"] = "round"
    path = tag("path", attrs)
    bx, by = _badge_at(curve)
    badge = tag("circle", {"cx": bx, "cy": by, "r": 7.5, "class": "bc-badge"})
    return path + badge + text_line(bx, by + 3.5, str(index), "badge", "middle")


def _obstacles(legs: Sequence[Leg], xy: Mapping[str, XY], broken: Sequence[bool]) -> list[Box]:
    """The number badges: what a place name should not cover, besides the dots (legs are
    kept clear of by :func:`crosses`)."""
    boxes = []
    for leg, gap in zip(legs, broken, strict=True):
        bx, by = _badge_at(_drawn(leg, xy, gap))
        boxes.append((bx - 9, by - 9, bx + 9, by + 9))
    return boxes


def _spots(x: float, y: float) -> list[tuple[float, float, str]]:
    """Where a name may go, the likeliest first: beside its dot, above, below, then a
    step further up or down (a name is never more than three lines from its dot)."""
    near = [
        (x + 9, y + 4, "start"),
        (x - 9, y + 4, "end"),
        (x, y - 10, "middle"),
        (x, y + 19, "middle"),
        (x + 7, y - 8, "start"),
        (x - 7, y - 8, "end"),
        (x + 7, y + 16, "start"),
        (x - 7, y + 16, "end"),
    ]
    beside = [
        (x + dx, y + dy, anchor)
        for dy in (-3, 11, -14, 22)
        for dx, anchor in ((9, "start"), (-9, "end"))
    ]
    far = [
        (x + dx, y + dy, anchor)
        for dy in (-20, 28, -32, 40)
        for dx, anchor in ((0, "middle"), (4, "start"), (-4, "end"), (12, "start"), (-12, "end"))
    ]
    return near + beside + far


def _ring(x: float, y: float) -> list[XY]:
    """Where a name may go, a leader line away from its dot, when no spot beside it is
    free: centres on rings round the dot, the nearest first."""
    return [
        (x + radius * math.cos(math.radians(angle)), y + radius * math.sin(math.radians(angle)))
        for radius in (36.0, 52.0, 68.0)
        for angle in range(0, 360, 30)
    ]


def _leader(dot: XY, box: Box) -> Segment:
    """A line from just outside the dot to just short of the name's box."""
    nx, ny = min(max(dot[0], box[0] - 2), box[2] + 2), min(max(dot[1], box[1] - 2), box[3] + 2)
    dx, dy = nx - dot[0], ny - dot[1]
    length = max(math.hypot(dx, dy), 0.01)
    return (dot[0] + dx / length * 10, dot[1] + dy / length * 10), (nx, ny)


def _place_labels(
    places: Sequence[Place],
    xy: Mapping[str, XY],
    obstacles: list[Box],
    lines: Sequence[Segment],
    height: float,
) -> list[str]:
    """Each name where no leg, arrowhead or leader line crosses it, no dot is under it and
    it covers the fewest names and badges; shortened (to 34 characters, then further where
    the full name finds no free spot near its dot: the Places table and the map's
    description give it whole); slid inside the picture where it would stick out. Where no
    spot beside its dot is free even so, the name goes further away, with a leader line to
    its dot."""
    dots = {place_id: (x - 6, y - 6, x + 6, y + 6) for place_id, (x, y) in xy.items()}
    names: list[str] = []
    leaders: list[Segment] = []  # drawn: no later name may cover one
    for place in sorted(places, key=lambda p: (-p.lat, p.id)):
        dot = xy[place.id]
        blocked = [*lines, *leaders]
        others = [d for other, d in dots.items() if other != place.id]
        # (cost, name, (x, y, anchor), box, leader): the likeliest spot, longest name first
        choices: list[tuple[float, str, tuple[float, float, str], Box, Segment | None]] = []
        for level, chars in enumerate(_NAME_CHARS):
            name = truncate(place.name, chars)
            if level and name == choices[-1][1]:
                break
            spots = [(*spot, False) for spot in _spots(*dot)]
            spots += [(cx, cy + 3.6, "middle", True) for cx, cy in _ring(*dot)]
            for rank, (sx, sy, anchor, away) in enumerate(spots):
                box = _slid(text_box(sx, sy, name, "name", anchor))
                cost = _label_cost(box, obstacles, blocked, height - 2) + level / 2 + rank / 1000
                cost += overlap(box, dots[place.id]) + 20.0 * sum(overlap(box, d) for d in others)
                leader = _leader(dot, box) if away else None
                if leader is not None:
                    cost += 1.5 + _leader_cost(leader, [*obstacles, *others], lines)
                choices.append((cost, name, (sx, sy, anchor), box, leader))
        _, name, (sx, sy, anchor), box, leader = min(choices, key=lambda choice: choice[0])
        obstacles.append(box)
        if leader is not None:
            leaders.append(leader)
        slide = box[0] - text_box(sx, sy, name, "name", anchor)[0]
        names.append(text_line(sx + slide, sy, name, "name", anchor, "bc-halo"))
    drawn = [
        tag("line", {"x1": a[0], "y1": a[1], "x2": b[0], "y2": b[1], "class": "bc-leader"})
        for a, b in leaders
    ]
    return drawn + names


def _leader_cost(leader: Segment, obstacles: Sequence[Box], lines: Sequence[Segment]) -> float:
    """1000 for each name, dot or badge a leader line crosses; 2 for each leg piece."""
    covered = sum(crosses(box, leader, 1.0) for box in obstacles)
    return 1000.0 * covered + 2.0 * sum(_meet(leader, line) for line in lines)


def _meet(a: Segment, b: Segment) -> bool:
    """Whether two straight pieces cross."""

    def side(p: XY, q: XY, r: XY) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(*a, b[0]) * side(*a, b[1]) < 0 and side(*b, a[0]) * side(*b, a[1]) < 0


def _slid(box: Box) -> Box:
    """A name's box moved sideways inside the picture (2 units from each edge), if it can."""
    slide = max(0.0, 2 - box[0]) - max(0.0, box[2] - (WIDTH - 2))
    return (box[0] + slide, box[1], box[2] + slide, box[3])


def _label_cost(
    box: Box, obstacles: Sequence[Box], lines: Sequence[Segment], bottom: float
) -> float:
    """0 for a free spot inside the picture; 1 per overlap; 100 and more if it sticks out,
    1000 for each leg or arrowhead piece through it."""
    out = max(0.0, 2 - box[0]) + max(0.0, box[2] - (WIDTH - 2))
    out += max(0.0, 2 - box[1]) + max(0.0, box[3] - bottom)
    crossed = sum(crosses(box, line, _CLEAR) for line in lines)
    return (
        1000.0 * crossed
        + (100.0 + out if out else 0.0)
        + sum(overlap(box, other) for other in obstacles)
    )


def _arrow_marker(marker: str) -> str:
    head = tag("path", {"d": "M0 0L10 5L0 10Z", "class": "bc-arrowhead"})
    attrs = {"id": marker, "viewBox": "0 0 10 10", "refX": 8, "refY": 5}
    attrs |= {"markerWidth": 7, "markerHeight": 7, "orient": "auto"}
    return "<defs>" + tag("marker", attrs, head) + "</defs>"


def _leg_words(index: int, leg: Leg, places: Mapping[str, Place], before: Leg | None = None) -> str:
    """'2. Kell to Kell (Arrival in Kell, completed; claimed by BMD, not by Arland, who
    claims step 1)': ``before`` is the leg before, when claimed by another source."""
    detail = f"{leg.label}, {leg.status}" if leg.label else leg.status
    if leg.claimant is not None:
        detail += f"; claimed by {leg.claimant}"
        if before is not None:
            other = before.claimant or "another source"
            detail += f", not by {other}, who claims step {index - 1}"
    return f"{index}. {places[leg.start].name} to {places[leg.end].name} ({detail})"


def _all_leg_words(legs: Sequence[Leg], places: Mapping[str, Place]) -> list[str]:
    broken = _breaks(legs)
    return [
        _leg_words(i, leg, places, legs[i - 2] if broken[i - 1] else None)
        for i, leg in enumerate(legs, start=1)
    ]


def _coordinates(place: Place) -> str:
    lat = f"{abs(place.lat):.1f}° {'N' if place.lat >= 0 else 'S'}"
    lon = f"{abs(place.lon):.1f}° {'E' if place.lon >= 0 else 'W'}"
    return f"{place.name} ({lat}, {lon})"


def _map_desc(places: Sequence[Place], legs: Sequence[Leg], by_id: Mapping[str, Place]) -> str:
    listed = "; ".join(_coordinates(p) for p in sorted(places, key=lambda p: p.id))
    steps = "; ".join(_all_leg_words(legs, by_id))
    pieced = (
        " A leg claimed by another source than the leg before it is dotted, with a gap where "
        "it starts: the route is pieced together from several sources, not one confirmed path."
        if any(_breaks(legs))
        else ""
    )
    return (
        "Schematic map, not to scale, without coastlines or borders: each place is drawn "
        "from its latitude and longitude (equirectangular projection), and places too close "
        f"to tell apart are pushed apart.{pieced} Places: {listed}. Route: {steps or 'none'}."
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
        return empty_chart("map", key, title, "No places recorded.")
    xy, height = _spread(_project(places))
    marker = f"bc-map-{key}-arrow"
    body = [_arrow_marker(marker)]
    broken = _breaks(legs)
    for i, (leg, words) in enumerate(zip(legs, _all_leg_words(legs, by_id), strict=True)):
        svg = _leg_svg(i + 1, leg, xy, marker, broken[i])
        fact_id = leg.fact_id
        body.append(link(href(fact_id), words, svg) if fact_id is not None else hidden([svg]))
    dots = [
        tag("circle", {"cx": x, "cy": y, "r": 4.5, "class": "bc-place"}) for x, y in xy.values()
    ]
    note = "schematic, not to scale" + ("; dotted: another source" if any(broken) else "")
    obstacles = [
        *_obstacles(legs, xy, broken),
        text_box(WIDTH - 4, height - 6, note, "tick", "end"),
    ]
    lines = [
        line
        for leg, gap in zip(legs, broken, strict=True)
        for line in leg_segments(_drawn(leg, xy, gap))
    ]
    names = _place_labels(places, xy, obstacles, lines, height)
    body.append(hidden([*dots, *names, text_line(WIDTH - 4, height - 6, note, "tick", "end")]))
    links = any(leg.fact_id is not None for leg in legs)
    return chart_figure(
        "map", key, (WIDTH, height), (title, _map_desc(places, legs, by_id)), body, links
    )
