"""The estimates chart's styles and labels: each originator's colour and shape come from its
id (stable when others are added, distinct within a chart, legible in both schemes and to
colour-blind readers); a label is drawn only where it is unambiguously its mark's, and every
mark without one is numbered and listed in a key under the chart."""

from __future__ import annotations

import itertools
import math
import random
import re
import xml.etree.ElementTree as ET

import pytest

from generator.facts.content import Content
from generator.facts.model import Deployment, Estimate
from generator.pipeline import load
from generator.render import charts
from generator.render.charts.css import BACKGROUNDS, PALETTE_SIZE, PALETTES, luminance
from generator.render.charts.estimates import SHAPES, Style, gap, originator_styles, shape_mark
from generator.render.charts.svg import overlap, text_box
from tests.conftest import REPORT_CONTENT
from tests.render.test_charts import (
    actor_names,
    classes,
    documents,
    estimate,
    links,
    parse,
    with_estimates,
)

SVG = f"{{{charts.SVG_NS}}}"
MARK_TAGS = {f"{SVG}circle", f"{SVG}rect", f"{SVG}path"}


def chart_of(content: Content, deployment: Deployment) -> ET.Element:
    return parse(charts.estimates_chart(deployment, documents(content), actor_names(content)))


# --- reading the SVG back ----------------------------------------------------------------


def corners(element: ET.Element) -> list[tuple[float, float]]:
    """A mark's outline points (a circle's bounding square)."""
    if element.tag == f"{SVG}circle":
        cx, cy, r = (float(element.get(k, "0")) for k in ("cx", "cy", "r"))
        return [(cx - r, cy - r), (cx + r, cy + r)]
    if element.tag == f"{SVG}rect":
        x, y = float(element.get("x", "0")), float(element.get("y", "0"))
        w, h = float(element.get("width", "0")), float(element.get("height", "0"))
        return [(x, y), (x + w, y + h)]
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", element.get("d", ""))]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def box_of(elements: list[ET.Element]) -> charts.Box:
    """The box the marks cover, with their 2-unit outline."""
    points = [p for e in elements for p in corners(e)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)


def shape_name(element: ET.Element) -> str:
    """Which of SHAPES a mark is, from its outline scaled to a unit box."""
    if element.tag == f"{SVG}circle":
        return "circle"

    def signature(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        size = max(max(xs) - min(xs), max(ys) - min(ys))
        return tuple((round((x - cx) / size, 1), round((y - cy) / size, 1)) for x, y in points)

    seen = signature(corners(element))
    for name in SHAPES[1:]:
        drawn = ET.fromstring(shape_mark(name, 0.0, 0.0, 5.0, "x")[0])
        if signature(corners(drawn)) == seen:
            return name
    raise AssertionError(f"not a known shape: {element.get('d')}")


def colour_of(element: ET.Element) -> str:
    (colour,) = [c for c in classes(element) if re.fullmatch(r"bc-c\d+", c)]
    return colour


def own_marks(link: ET.Element) -> list[ET.Element]:
    return [child for child in link if child.tag in MARK_TAGS]


def style_mark(link: ET.Element) -> ET.Element:
    """The mark that carries the originator's shape (a range's: the one on its bar)."""
    (mark,) = [m for m in own_marks(link) if "bc-range" not in classes(m)]
    return mark


def styles_in(svg: ET.Element, deployment: Deployment) -> dict[str, tuple[str, str]]:
    """originator -> (colour class, shape) as drawn; the same on each of its marks."""
    originator = {f"#{e.id}": e.originator or "" for e in deployment.estimates}
    drawn: dict[str, set[tuple[str, str]]] = {}
    for link in links(svg):
        mark = style_mark(link)
        drawn.setdefault(originator[link.get("href", "")], set()).add(
            (colour_of(mark), shape_name(mark))
        )
    assert all(len(looks) == 1 for looks in drawn.values()), drawn
    return {o: next(iter(looks)) for o, looks in drawn.items()}


def decoration(svg: ET.Element) -> tuple[ET.Element, ET.Element | None]:
    """The legend and the number key (None if every mark has a label): the hidden groups
    after the axes."""
    groups = svg.findall(f"{SVG}g")
    assert len(groups) in (2, 3)
    return groups[1], groups[2] if len(groups) == 3 else None


def legend_styles(svg: ET.Element) -> dict[str, tuple[str, str]]:
    """Legend words -> (colour class, shape) of the originators' samples."""
    found = {}
    for group in decoration(svg)[0].iter(f"{SVG}g"):
        sample = [c for c in group if c.tag in MARK_TAGS]
        words = [c.text for c in group if c.tag == f"{SVG}text"]
        if (
            len(sample) == 1
            and words
            and "bc-key" not in classes(sample[0])
            and any(re.fullmatch(r"bc-c\d+", c) for c in classes(sample[0]))
        ):
            found[" ".join(w or "" for w in words)] = (
                colour_of(sample[0]),
                shape_name(sample[0]),
            )
    return found


def texts(link: ET.Element) -> list[tuple[ET.Element, str]]:
    """A mark's label or number, with its text kind."""
    found = []
    for text in link.findall(f"{SVG}text"):
        kinds = [k for k in ("label", "badge") if f"bc-{k}" in classes(text)]
        assert len(kinds) == 1
        found.append((text, kinds[0]))
    return found


def text_box_of(text: ET.Element, kind: str) -> charts.Box:
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    return text_box(x, y, text.text or "", kind, text.get("text-anchor", "start"))


def key_entries(svg: ET.Element) -> list[str]:
    """The number key under the chart: each entry's lines joined."""
    entries: list[str] = []
    key = decoration(svg)[1]
    for group in key.findall(f"{SVG}g") if key is not None else []:
        words = [c.text or "" for c in group if c.tag == f"{SVG}text"]
        sample = [c for c in group if c.tag in MARK_TAGS]
        if sample and words and "bc-key" not in classes(sample[0]):
            entries.append(" ".join(words))
    return entries


def assert_labels_unambiguous(svg: ET.Element) -> None:
    """Every label (or number) is nearer its own mark than any other, overlaps no other
    mark or label, and lies inside the chart; every mark is labelled or in the key."""
    marks = {link.get("href", ""): box_of(own_marks(link)) for link in links(svg)}
    labels = [
        (link.get("href", ""), text, text_box_of(text, kind))
        for link in links(svg)
        for text, kind in texts(link)
    ]
    _, _, width, height = (float(v) for v in svg.get("viewBox", "").split())
    for href, text, box in labels:
        assert box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
        own = gap(box, marks[href])
        for other, mark in marks.items():
            if other != href:
                assert own < gap(box, mark), f"{text.text!r} ({href}) is as near {other}"
                assert not overlap(box, mark, 0.0), f"{text.text!r} ({href}) on {other}"
        for other, other_text, other_box in labels:
            if other != href:
                assert not overlap(box, other_box, 0.0), f"{text.text!r} on {other_text.text!r}"
    entries = key_entries(svg)
    unlabelled = [link for link in links(svg) if all(k != "label" for _, k in texts(link))]
    assert len(entries) == len(unlabelled)
    for link in unlabelled:
        words = link.get("aria-label", "")
        numbers = [t.text for t, _ in texts(link)]
        assert len(numbers) <= 1
        prefix = f"{numbers[0]}. " if numbers else ""
        matches = [e for e in entries if identifies(e, prefix, words)]
        assert len(matches) >= 1, f"{words!r} is neither labelled nor in the key"


def identifies(entry: str, prefix: str, words: str) -> bool:
    """Whether a key entry names a mark: its number (if drawn), then the mark's words
    (cut with '…' after two lines at most, but never before 60 characters)."""
    if not entry.startswith(prefix) or (not prefix and re.match(r"\d+\. ", entry)):
        return False
    said = entry.removeprefix(prefix).removesuffix("…")
    return words.startswith(said) and len(said) >= min(len(words), 60)


# --- building charts ---------------------------------------------------------------------


def claimant_estimates(ids: list[str], day: str = "2024-10-20") -> list[Estimate]:
    return [
        estimate(id=f"x-{i}", value=1000 * (i + 1), claimed=day, originator=o)
        for i, o in enumerate(ids)
    ]


UPDATES = [
    # (id, originator, fields): a dozen more figures after updates, crowding the example's
    ("nis-2000-oct-23", "kr-nis", {"value": 2000, "claimed": "2024-10-23"}),
    ("nsc-3000-oct-24", "us-nsc", {"value": 3000, "claimed": "2024-10-24", "counts": "present"}),
    ("hur-2600-oct-24", "ua-hur", {"value": 2600, "claimed": "2024-10-24"}),
    ("hur-11000-oct-25", "ua-hur", {"value": 11000, "claimed": "2024-10-25"}),
    ("nis-10000-oct-25", "kr-nis", {"value": 10000, "claimed": "2024-10-25"}),
    ("pentagon-range", "us-authorities", {"low": 2000, "high": 4000, "claimed": "2024-10-23"}),
    ("nato-3000", "nato", {"value": 3000, "claimed": "2024-10-25", "counts": "present"}),
    ("seoul-11000", "south-korea", {"value": 11000, "claimed": "2024-10-24"}),
    ("nis-1500-oct-24", "kr-nis", {"value": 1500, "claimed": "2024-10-24"}),
]


def updated(deployment: Deployment) -> Deployment:
    more = [estimate(id=i, originator=o, **fields) for i, o, fields in UPDATES]
    return with_estimates(deployment, *deployment.estimates, *more)


def crowded(seed: int) -> Deployment:
    """12 to 20 figures by 3 to 9 claimants on a few neighbouring days, some ranges, some
    undated (the report's date) or projected: as a deployment looks after many updates."""
    rng = random.Random(seed)
    owners = [f"claimant-{rng.randrange(10**6)}" for _ in range(rng.randint(3, 9))]
    made = []
    for i in range(rng.randint(12, 20)):
        fields: dict[str, object] = {"id": f"f{i}", "originator": rng.choice(owners)}
        if rng.random() < 0.8:
            fields["claimed"] = f"2024-10-{rng.randint(16, 24)}"
        fields["counts"] = rng.choice(["sent", "present", "training", "projected"])
        low = rng.choice([500, 1000, 1500, 2000, 3000, 3000, 5000, 8000, 10000, 12000])
        if rng.random() < 0.2:
            fields |= {"low": low, "high": low + rng.choice([500, 2000, 5000])}
        else:
            fields["value"] = low
        made.append(estimate(**fields))
    base = load(REPORT_CONTENT).deployments[0]
    return with_estimates(base, *made)


# --- (a) a claimant's style is its own ---------------------------------------------------


def test_adding_a_claimant_leaves_the_others_styles(
    content: Content, deployment: Deployment
) -> None:
    before = styles_in(chart_of(content, deployment), deployment)
    assert len(before) == 4
    for newcomer in ["ua-hur", "nato", "aaa-first-by-id", "zz-last", "kremlin"]:
        grown = with_estimates(
            deployment,
            *deployment.estimates,
            estimate(id="new-one", value=4000, claimed="2024-10-21", originator=newcomer),
        )
        after = styles_in(chart_of(content, grown), grown)
        assert {o: after[o] for o in before} == before, newcomer
        assert after[newcomer] not in before.values()


def test_styles_change_only_for_the_one_claimant_a_newcomer_collides_with() -> None:
    """Over many newcomers, an existing claimant's style changes only when the newcomer's
    own style is exactly its style and the newcomer sorts first (then that claimant alone
    moves); removing the newcomer gives every style back."""
    existing = ["kr-nis", "south-korea", "us-authorities", "us-nsc", "ua-hur", "", "nato"]
    before = originator_styles(existing)
    own = {o: originator_styles([o])[o] for o in existing}
    changed = 0
    for i in range(500):
        newcomer = f"claimant-{i}"
        after = originator_styles([*existing, newcomer])
        moved = [o for o in existing if after[o] != before[o]]
        if moved:
            changed += 1
            assert len(moved) == 1
            assert (
                newcomer < moved[0] and originator_styles([newcomer])[newcomer] == before[moved[0]]
            )
        assert originator_styles(existing) == before
        assert {o: originator_styles([o])[o] for o in existing} == own
    assert changed < 500 * len(existing) / 48 * 1.5  # about 1 newcomer in 7 takes one's style
    for i in range(200):  # a newcomer that sorts after all of them moves none
        newcomer = f"zz-claimant-{i}"
        after = originator_styles([*existing, newcomer])
        assert {o: after[o] for o in existing} == before


def test_a_collision_moves_only_the_later_id() -> None:
    by_style: dict[Style, list[str]] = {}
    for i in range(200):
        name = f"id-{i:03d}"
        by_style.setdefault(originator_styles([name])[name], []).append(name)
    first, second = next(names[:2] for names in by_style.values() if len(names) > 1)
    third = next(
        names[0] for style, names in by_style.items() if style != originator_styles([first])[first]
    )
    styles = originator_styles([second, third, first])
    assert styles[first] == originator_styles([first])[first]
    assert styles[third] == originator_styles([third])[third]
    assert styles[second] != styles[first]
    assert styles == originator_styles([first, second, third])  # order given does not matter


# --- (b) every two claimants of a chart differ -------------------------------------------


def test_the_examples_claimants_differ_and_the_legend_shows_their_marks(
    content: Content, deployment: Deployment
) -> None:
    svg = chart_of(content, deployment)
    drawn = styles_in(svg, deployment)
    assert len(set(drawn.values())) == len(drawn)
    names = actor_names(content)
    legend = legend_styles(svg)
    for originator, look in drawn.items():
        assert legend[names.get(originator, originator)] == look


def test_eight_or_more_claimants_all_differ(content: Content, deployment: Deployment) -> None:
    ids = ["kr-nis", "south-korea", "us-authorities", "us-nsc", "ua-hur", "nato", "eu"]
    ids += ["kremlin", "pentagon", "gchq", "mossad", "dgse"]
    big = with_estimates(deployment, *claimant_estimates(ids))
    svg = chart_of(content, big)
    drawn = styles_in(svg, big)
    assert len(drawn) == len(ids)
    assert len(set(drawn.values())) == len(ids)
    names = actor_names(content)
    assert legend_styles(svg) == {names.get(o, o): drawn[o] for o in ids}
    rng = random.Random(15)
    for _ in range(300):
        many = [f"actor-{rng.randrange(10**6)}" for _ in range(rng.randint(8, 48))]
        styles = originator_styles(many)
        assert len(set(styles.values())) == len(set(many))


def test_a_projection_and_a_range_keep_their_claimants_shape(
    content: Content, deployment: Deployment
) -> None:
    grown = updated(deployment)
    svg = chart_of(content, grown)
    drawn = styles_in(svg, grown)  # one look per originator, projections and ranges too
    by_href = {link.get("href"): link for link in links(svg)}
    projected = style_mark(by_href["#seoul-12000-projected"])
    assert "bc-projected" in classes(projected)
    assert (colour_of(projected), shape_name(projected)) == drawn["south-korea"]
    ranged = own_marks(by_href["#pentagon-range"])
    assert ranged[0].tag == f"{SVG}rect" and "bc-range" in classes(ranged[0])
    assert shape_name(ranged[1]) == drawn["us-authorities"][1]
    assert "bc-projected" not in classes(style_mark(by_href["#kirby-3000-east"]))


# --- (c) labels sit on their own mark, or the mark is numbered ---------------------------


def test_after_updates_every_label_is_its_marks_and_every_mark_identifiable(
    content: Content, deployment: Deployment
) -> None:
    grown = updated(deployment)
    assert len(grown.estimates) >= 12
    svg = chart_of(content, grown)
    assert len(links(svg)) == len(grown.estimates)
    assert_labels_unambiguous(svg)
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text
    for link in links(svg):
        assert f"{link.get('aria-label')}." in desc.text


def test_the_examples_unlabelled_mark_is_numbered_in_a_key(
    content: Content, deployment: Deployment
) -> None:
    svg = chart_of(content, deployment)
    assert_labels_unambiguous(svg)
    unlabelled = [link for link in links(svg) if not any(k == "label" for _, k in texts(link))]
    entries = key_entries(svg)
    for number, link in enumerate(unlabelled, 1):
        assert [t.text for t, k in texts(link)] == [str(number)]
        assert f"{number}. {link.get('aria-label')}" in [" ".join(e.split()) for e in entries]


@pytest.mark.parametrize("seed", range(40))
def test_crowded_charts_never_label_the_wrong_mark(content: Content, seed: int) -> None:
    busy = crowded(seed)
    svg = chart_of(content, busy)
    assert len(links(svg)) == len(busy.estimates)
    assert_labels_unambiguous(svg)
    styles = styles_in(svg, busy)
    assert len(set(styles.values())) == len(styles)


# --- (d) the palette reads on both backgrounds, and to colour-blind readers -------------


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_palette_colour_has_3_to_1_contrast_on_its_background() -> None:
    assert len(PALETTES) == len(BACKGROUNDS) == 2
    for palette, background in zip(PALETTES, BACKGROUNDS, strict=True):
        assert len(palette) == PALETTE_SIZE
        for colour in palette:
            assert contrast(colour, background) >= 3.0, (colour, background)
    light, dark = PALETTES
    for i in range(PALETTE_SIZE):
        assert f".bc-c{i} {{ --bc-c: {light[i]}; --bc-ink: " in charts.CHART_CSS
        assert f"[data-md-color-scheme=slate] .bc-c{i} {{ --bc-c: {dark[i]}; " in charts.CHART_CSS


def test_text_on_a_palette_colour_has_4_5_to_1_contrast() -> None:
    inks = dict(re.findall(r"--bc-c: (#[0-9a-f]{6}); --bc-ink: (#[0-9a-f]{6});", charts.CHART_CSS))
    assert len(inks) == 2 * PALETTE_SIZE - len(set(PALETTES[0]) & set(PALETTES[1]))
    for colour, text in inks.items():
        assert contrast(colour, text) >= 4.5, (colour, text)


# Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB.
CVD = {
    "typical": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def lab(colour: str, vision: str) -> tuple[float, float, float]:
    """CIE L*a*b* of a colour as seen with a kind of colour vision."""

    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]
    seen = [
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in CVD[vision]
    ]
    x = (0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]) / 0.9505
    y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2]
    z = (0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]) / 1.089

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


@pytest.mark.parametrize("vision", sorted(CVD))
def test_palette_colours_stay_apart_for_colour_blind_readers(vision: str) -> None:
    """Every two colours of a scheme differ by a Delta E (CIE76) of 10 or more, seen with
    typical vision or each full dichromacy (shapes tell apart what colours may not)."""
    for palette in PALETTES:
        for a, b in itertools.combinations(palette, 2):
            assert math.dist(lab(a, vision), lab(b, vision)) >= 10.0, (vision, a, b)


def test_shapes_and_colours_are_keyed_on_ids_only() -> None:
    """The style of an id is the same in any company, across runs (no hash() salt)."""
    style = originator_styles(["kr-nis"])["kr-nis"]
    assert 0 <= style.colour < PALETTE_SIZE and style.shape in SHAPES
    assert originator_styles(["a", "kr-nis", "b"])["kr-nis"] == style
    assert originator_styles([f"z{i}" for i in range(10)] + ["kr-nis"])["kr-nis"] == style
