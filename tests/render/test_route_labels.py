"""The route map's place names are never crossed by a leg or an arrowhead (issue 15: the
route arrow crossed a place label).

The geometry is read back from the SVG, not from the builder: each leg's path
(``M x y Q cx cy ex ey``) is cut into short straight pieces, its arrowhead is rebuilt
from the marker (``refX``, ``markerWidth`` in stroke widths, the leg's stroke width from
the charts' CSS), and each name's box is the builders' text estimate. A name's box must
not meet any piece, grown by half the stroke width."""

from __future__ import annotations

import math
import random
import re
import xml.etree.ElementTree as ET

import pytest

from generator.facts.content import Content
from generator.facts.developments import Developments
from generator.pipeline import load
from generator.render import charts, figures
from generator.render.charts.svg import Box, text_box
from tests.conftest import REPORT_CONTENT

SVG = f"{{{charts.SVG_NS}}}"
XY = tuple[float, float]
Segment = tuple[XY, XY]
PIECES = 64
HALF_STROKE = 1.0


def _stroke_width() -> float:
    found = re.search(r"\.bc-leg \{[^}]*stroke-width: ([\d.]+)", charts.CHART_CSS)
    assert found, "the charts' CSS gives legs a stroke width"
    return float(found.group(1))


def _parse(chart: str) -> ET.Element:
    figure = ET.fromstring(chart)
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    return svg


def _quadratic(d: str) -> tuple[XY, XY, XY]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    assert re.fullmatch(r"M[-\d. ]+Q[-\d. ]+", d) and len(numbers) == 6, d
    x0, y0, x1, y1, x2, y2 = numbers
    return (x0, y0), (x1, y1), (x2, y2)


def _point(curve: tuple[XY, XY, XY], t: float) -> XY:
    (x0, y0), (x1, y1), (x2, y2) = curve
    u = 1 - t
    return (u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2)


def _head(svg: ET.Element, curve: tuple[XY, XY, XY]) -> list[XY]:
    """The arrowhead's corners, as Chromium draws the marker at the path's end."""
    marker = svg.find(f".//{SVG}marker")
    assert marker is not None and marker.get("orient") == "auto"
    ref_x, ref_y = float(marker.get("refX", "0")), float(marker.get("refY", "0"))
    scale = float(marker.get("markerWidth", "3")) * _stroke_width() / 10  # viewBox 0 0 10 10
    head = marker.find(f"{SVG}path")
    assert head is not None and head.get("d") == "M0 0L10 5L0 10Z"
    _, (cx, cy), (ex, ey) = curve
    angle = math.atan2(ey - cy, ex - cx)  # the path's direction at its end
    corners = []
    for mx, my in ((0.0, 0.0), (10.0, 5.0), (0.0, 10.0)):
        lx, ly = (mx - ref_x) * scale, (my - ref_y) * scale
        corners.append(
            (
                ex + lx * math.cos(angle) - ly * math.sin(angle),
                ey + lx * math.sin(angle) + ly * math.cos(angle),
            )
        )
    return corners


def leg_pieces(svg: ET.Element) -> list[Segment]:
    """Every leg as straight pieces, and every arrowhead's three edges."""
    pieces: list[Segment] = []
    for path in svg.iter(f"{SVG}path"):
        if "bc-leg" not in path.get("class", "").split():
            continue
        curve = _quadratic(path.get("d", ""))
        points = [_point(curve, i / PIECES) for i in range(PIECES + 1)]
        pieces += list(zip(points, points[1:], strict=False))
        head = _head(svg, curve)
        pieces += [(head[i], head[(i + 1) % 3]) for i in range(3)]
    return pieces


def name_boxes(svg: ET.Element) -> list[tuple[str, Box]]:
    boxes = []
    for text in svg.iter(f"{SVG}text"):
        if "bc-name" in text.get("class", "").split():
            x, y = float(text.get("x", "0")), float(text.get("y", "0"))
            anchor = text.get("text-anchor", "start")
            boxes.append((text.text or "", text_box(x, y, text.text or "", "name", anchor)))
    return boxes


def meets(box: Box, piece: Segment, margin: float) -> bool:
    """Whether a straight piece comes within ``margin`` of a box: an end inside, or the
    piece crossing one of the box's edges."""
    x0, y0, x1, y1 = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
    (ax, ay), (bx, by) = piece
    if any(x0 <= px <= x1 and y0 <= py <= y1 for px, py in piece):
        return True

    def side(p: XY, q: XY, r: XY) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    for c, d in zip(corners, corners[1:] + corners[:1], strict=True):
        s1, s2 = side((ax, ay), (bx, by), c), side((ax, ay), (bx, by), d)
        s3, s4 = side(c, d, (ax, ay)), side(c, d, (bx, by))
        if s1 * s2 <= 0 and s3 * s4 <= 0:
            return True
    return False


def leader_lines(svg: ET.Element) -> list[Segment]:
    """The lines from a dot to a name set further away (where none fits beside it)."""
    return [
        (
            (float(line.get("x1", "0")), float(line.get("y1", "0"))),
            (float(line.get("x2", "0")), float(line.get("y2", "0"))),
        )
        for line in svg.iter(f"{SVG}line")
        if "bc-leader" in line.get("class", "").split()
    ]


def crossed_names(chart: str) -> list[str]:
    """The names a leg, an arrowhead or a leader line crosses."""
    svg = _parse(chart)
    pieces = leg_pieces(svg)
    assert pieces, "the map draws no leg"
    leaders = leader_lines(svg)
    return [
        name
        for name, box in name_boxes(svg)
        if any(meets(box, p, HALF_STROKE) for p in pieces)
        or any(meets(box, line, 0.5) for line in leaders)
    ]


def test_the_test_sees_a_crossing() -> None:
    box = (0.0, 0.0, 20.0, 10.0)
    assert meets(box, ((-5.0, 5.0), (25.0, 5.0)), 0)  # straight through
    assert meets(box, ((5.0, 5.0), (6.0, 6.0)), 0)  # inside
    assert meets(box, ((10.0, -0.5), (30.0, -0.5)), 1)  # grazes within the margin
    assert not meets(box, ((-5.0, -5.0), (25.0, -5.0)), 1)
    assert not meets(box, ((25.0, -5.0), (35.0, 15.0)), 1)


def test_no_name_is_crossed_on_the_example_map() -> None:
    content: Content = load(REPORT_CONTENT)
    record = Developments(content)
    maps = [figures.route(content, record, d) for d in content.deployments if d.route]
    assert maps and all(maps)
    for chart in maps:
        assert crossed_names(chart) == []


NAMES = [
    "Kell",
    "Vladivostok",
    "Eastern Russia (training)",
    "Kursk region",
    "Ussuriysk",
    "Khabarovsk",
    "Training grounds, eastern Russia",
    "Blagoveshchensk",
    "Port",
    "Sergeyevka firing range",
]


def _crowded(seed: int) -> tuple[list[charts.Place], list[charts.Leg]]:
    """Five to seven places in a few degrees (pushed apart, so close together on the map)
    and a route through all of them in a random order, some legs back and forth."""
    rng = random.Random(seed)
    count = rng.randint(5, 7)
    places = [
        charts.Place(
            f"p{i}", NAMES[(seed + i) % len(NAMES)], rng.uniform(40, 46), rng.uniform(128, 136)
        )
        for i in range(count)
    ]
    order = [p.id for p in places]
    rng.shuffle(order)
    legs = [
        charts.Leg(a, b, f"f{i}", "completed", claimant=rng.choice(["A", "B"]))
        for i, (a, b) in enumerate(zip(order, order[1:], strict=False))
    ]
    return places, legs


@pytest.mark.parametrize("seed", range(40))
def test_no_name_is_crossed_on_a_crowded_map(seed: int) -> None:
    places, legs = _crowded(seed)
    assert crossed_names(charts.route_map(places, legs, key=f"crowded-{seed}")) == []


def test_a_name_beside_a_long_leg_moves_off_it() -> None:
    """The example's case: a long leg leaving a dot whose name sits to its left."""
    places = [
        charts.Place("east", "Eastern Russia (training)", 48.5, 135.0),
        charts.Place("west", "Kursk region", 51.7, 36.2),
        charts.Place("port", "Vladivostok", 43.1, 131.9),
    ]
    legs = [charts.Leg("port", "east", "a"), charts.Leg("east", "west", "b", claimant="X")]
    assert crossed_names(charts.route_map(places, legs)) == []
