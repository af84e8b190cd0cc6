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


def _leg_svg(index: int, leg: Leg, xy: Mapping[str, XY], marker: str, broken: bool) -> str:
    curve = _curve(xy[leg.start], xy[leg.end], 18.0 if broken else 9.0)
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
        name = truncate(place.name, _MAP_NAME_CHARS)
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
        boxes = [text_box(sx, sy, name, "name", a) for sx, sy, a in spots]
        costs = [_label_cost(box, obstacles, height - 2) for box in boxes]
        best = costs.index(min(costs))
        sx, sy, anchor = spots[best]
        slide = max(0.0, 2 - boxes[best][0]) - max(0.0, boxes[best][2] - (WIDTH - 2))
        box = boxes[best]
        obstacles.append((box[0] + slide, box[1], box[2] + slide, box[3]))
        parts.append(text_line(sx + slide, sy, name, "name", anchor, "bc-halo"))
    return parts


def _label_cost(box: Box, obstacles: Sequence[Box], bottom: float) -> float:
    """0 for a free spot inside the picture; 1 per overlap; 100 and more if it sticks out."""
    out = max(0.0, 2 - box[0]) + max(0.0, box[2] - (WIDTH - 2))
    out += max(0.0, 2 - box[1]) + max(0.0, box[3] - bottom)
    return (100.0 + out if out else 0.0) + sum(overlap(box, other) for other in obstacles)


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
    obstacles = [*_obstacles(legs, xy), text_box(WIDTH - 4, height - 6, note, "tick", "end")]
    names = _place_labels(places, xy, obstacles, height)
    body.append(hidden([*dots, *names, text_line(WIDTH - 4, height - 6, note, "tick", "end")]))
    links = any(leg.fact_id is not None for leg in legs)
    return chart_figure(
        "map", key, (WIDTH, height), (title, _map_desc(places, legs, by_id)), body, links
    )
