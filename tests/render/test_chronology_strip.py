"""The chronology strip stays readable from the example's 11 facts to 100: a broken axis that
gives the latest facts the width, numbered marks with a key that says every fact in full
(never cut), nothing overlapping, a bounded height, and every fact a link."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import xml.etree.ElementTree as ET

import pytest

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.model import Event
from generator.pipeline import load
from generator.render import charts
from generator.render.charts.svg import Box, overlap, text_box
from generator.render.timeline import Entry, chronology
from tests.conftest import REPORT_CONTENT

NS = {"svg": charts.SVG_NS}
SVG = f"{{{charts.SVG_NS}}}"
KINDS = ["event", "estimate", "treaty", "deployment", "source", "reaction"]
WORDS = [
    "Ukraine",
    "Russia",
    "Kursk",
    "offensive",
    "counter-attack",
    "troops",
    "deployment",
    "reported",
    "sent",
    "training",
    "agreement",
    "signed",
    "ratified",
    "approval",
    "State",
    "Duma",
    "Federation",
    "Council",
    "intelligence",
    "agency",
    "says",
    "claims",
    "denies",
    "confirms",
    "North",
    "Korean",
    "soldiers",
    "eastern",
    "region",
    "front",
    "line",
]


@pytest.fixture(scope="module")
def content() -> Content:
    return load(REPORT_CONTENT)


def hundred_entries(count: int = 100) -> list[Entry]:
    """A chronology of ``count`` facts: months back to January, a few month-long and range
    dates, a dozen on two days, long titles (up to about 100 characters)."""
    rng = random.Random(15)
    entries = []
    for i in range(count):
        if i < count - 24:
            day = dt.date(2024, 1, 2) + dt.timedelta(days=rng.randrange(0, 270))
        else:  # the latest weeks: several facts a day
            day = dt.date(2024, 10, 1) + dt.timedelta(days=rng.choice([0, 3, 7, 8, 8, 9, 9, 9]))
        when = When(date=day.isoformat())
        if i % 11 == 0:
            when = When(date=f"{day:%Y-%m}")
        elif i % 13 == 0:
            end = day + dt.timedelta(days=rng.randrange(2, 20))
            when = When.model_validate({"from": day.isoformat(), "to": end.isoformat()})
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 15)))
        event = Event(id=f"fact-{i}", title=title, when=when, document="d", quote="q")
        entries.append(Entry(when, event.id, KINDS[i % len(KINDS)], event))
    return sorted(entries, key=lambda e: (e.when.start, e.when.end, e.fact_id))


def parse(chart: str) -> ET.Element:
    figure = ET.fromstring(chart)
    svg = figure.find("svg:svg", NS)
    assert svg is not None
    return svg


def size(svg: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in svg.get("viewBox", "").split())
    return width, height


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def text_boxes(svg: ET.Element) -> list[tuple[str, Box]]:
    """Every visible text's estimated box: key lines, tick labels, the note, the legend
    (inside its translated groups) and the numbers in the badges."""
    boxes = []

    def walk(element: ET.Element, dx: float, dy: float) -> None:
        for child in element:
            if child.tag == f"{SVG}g" and child.get("transform", "").startswith("translate("):
                x, y = child.get("transform", "")[10:-1].split()
                walk(child, dx + float(x), dy + float(y))
            elif child.tag == f"{SVG}text":
                kind = next(c.removeprefix("bc-") for c in classes(child) if c in KIND_CLASSES)
                x, y = float(child.get("x", "0")) + dx, float(child.get("y", "0")) + dy
                text = child.text or ""
                boxes.append((text, text_box(x, y, text, kind, child.get("text-anchor", "start"))))
            else:
                walk(child, dx, dy)

    walk(svg, 0.0, 0.0)
    return boxes


KIND_CLASSES = {f"bc-{kind}" for kind in charts.FONT}


def badges(svg: ET.Element) -> list[tuple[float, float, float]]:
    return [
        (float(c.get("cx", "0")), float(c.get("cy", "0")), float(c.get("r", "0")))
        for c in svg.iter(f"{SVG}circle")
        if "bc-num" in classes(c) and c.get("cx") is not None and float(c.get("cx", "0")) > 0
    ]


def fact_links(svg: ET.Element) -> list[ET.Element]:
    return [a for a in svg.iter(f"{SVG}a") if a.get("href", "").startswith("#")]


def key_text(link: ET.Element) -> str:
    """A fact's words in the key: its lines (the link's own texts), joined."""
    return " ".join(t.text or "" for t in link.findall("svg:text", NS))


def check_readable(svg: ET.Element) -> None:
    """No text cut, none overlapping another, all inside the viewBox; badges apart."""
    width, height = size(svg)
    boxes = text_boxes(svg)
    assert boxes
    for text, (x0, y0, x1, y1) in boxes:
        assert not text.endswith("…"), f"{text!r} is cut"
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, f"{text!r} sticks out"
    numbers = {text for text, _ in boxes if text.isdigit()}
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if a in numbers and b in numbers:
            continue  # the numbers sit in their badges: the badges are checked below
        assert not overlap(box_a, box_b, 0.0), f"{a!r} overlaps {b!r}"
    for (xa, ya, ra), (xb, yb, rb) in itertools.combinations(badges(svg), 2):
        assert math.hypot(xa - xb, ya - yb) >= ra + rb, "two badges overlap"
    for x, y, r in badges(svg):
        assert r <= x <= width - r and r <= y <= height - r


# --- the example ---------------------------------------------------------------------------


def test_the_example_numbers_every_fact_and_says_it_in_full(content: Content) -> None:
    entries = chronology(content)
    svg = parse(charts.chronology_strip(entries, "t"))
    check_readable(svg)
    links = fact_links(svg)
    assert [a.get("href") for a in links] == [f"#{e.fact_id}" for e in entries]
    words = {a.get("href"): key_text(a) for a in links}
    assert words["#ukraine-kursk-offensive"] == (
        "Aug: Ukraine launches a ground offensive in Russia's Kursk region"
    )
    assert words["#kirby-3000-east"] == "said 23 Oct: at least 3,000 present; describes 1–20 Oct"
    assert words["#us-3000-training"] == "as of 25 Oct: about 3,000 in training"
    assert words["#report-2024-10-25"].endswith("North Korean military personnel present.")
    numbers = [
        next(t.text for t in a.iter(f"{SVG}text") if "bc-num-text" in classes(t)) for a in links
    ]
    assert numbers == [str(n) for n in range(1, len(entries) + 1)]


def test_october_gets_the_width_and_empty_months_are_breaks(content: Content) -> None:
    svg = parse(charts.chronology_strip(chronology(content), "t"))
    width, _ = size(svg)
    by_id = {a.get("href", "")[1:]: a for a in fact_links(svg)}
    october = [e for e in chronology(content) if e.when.start.month == 10]
    assert len(october) == 8
    xs = [float(by_id[e.fact_id].find("svg:rect", NS).get("x", "0")) for e in october]  # type: ignore[union-attr]
    assert max(xs) - min(xs) >= width / 3
    breaks = [p for p in svg.iter(f"{SVG}path") if "bc-break" in classes(p)]
    assert len(breaks) >= 2 + 1  # July, and 1-17 October; and the legend's sample
    june = by_id["putin-kim-signature"].find("svg:rect", NS)
    assert june is not None and "bc-band" in classes(june)
    assert float(june.get("width", "0")) >= 20  # a month stays visibly a span
    ticks = [t.text for t in svg.iter(f"{SVG}text") if "bc-tick" in classes(t)]
    assert any("2024" in (t or "") for t in ticks)
    assert {"18 Oct", "25 Oct"} <= {(t or "").removesuffix(" 2024") for t in ticks}


def test_legend_swatches_are_the_size_of_the_badges(content: Content) -> None:
    svg = parse(charts.chronology_strip(chronology(content), "t"))
    legend = [c for c in svg.iter(f"{SVG}circle") if "bc-num" in classes(c) and c.get("cx") == "0"]
    assert len(legend) == len({e.kind for e in chronology(content)})
    assert all(float(c.get("r", "0")) >= 6 for c in legend)


# --- a hundred facts -----------------------------------------------------------------------


@pytest.mark.parametrize("count", [15, 23, 60, 100])
def test_many_facts_stay_readable_and_bounded(count: int) -> None:
    entries = hundred_entries(count)
    svg = parse(charts.chronology_strip(entries, "t", key="home"))
    check_readable(svg)
    _, height = size(svg)
    assert height <= 600
    links = fact_links(svg)
    assert [a.get("href") for a in links] == [f"#{e.fact_id}" for e in entries]
    for link in links:
        assert link.get("aria-label") and link.find("svg:title", NS) is not None
    numbered = [a for a in links if key_text(a)]
    assert 8 <= len(numbered) <= 20
    assert numbered == links[-len(numbered) :]  # the latest
    if len(numbered) < count:
        note = " ".join(t.text or "" for t in svg.iter(f"{SVG}text") if "bc-muted" in classes(t))
        assert f"{count - len(numbered)} earlier facts" in note


def test_the_earlier_facts_line_links_to_the_chronology() -> None:
    entries = hundred_entries()
    svg = parse(charts.chronology_strip(entries, "t", earlier_href="chronology/"))
    others = [a for a in svg.iter(f"{SVG}a") if a.get("href") == "chronology/"]
    assert len(others) == 1 and "earlier facts" in (others[0].get("aria-label") or "")


def test_the_latest_weeks_get_most_of_the_width() -> None:
    svg = parse(charts.chronology_strip(hundred_entries(), "t"))
    width, _ = size(svg)
    xs = [x for x, _, _ in badges(svg) if x > 0]
    numbered_xs = sorted({x for x in xs})
    assert numbered_xs[-1] - numbered_xs[0] >= width / 3


def test_a_day_is_never_a_band_nor_a_month_a_tick() -> None:
    svg = parse(charts.chronology_strip(hundred_entries(), "t"))
    for entry, link in zip(hundred_entries(), fact_links(svg), strict=True):
        mark = link.find("svg:rect", NS)
        assert mark is not None
        expected = {"day": "bc-day", "month": "bc-band", "range": "bc-span"}[entry.when.precision]
        assert expected in classes(mark), entry
        if expected != "bc-day":  # a span, however squeezed its stretch, is wider than a day
            assert float(mark.get("width", "0")) >= 5, entry
