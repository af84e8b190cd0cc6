"""The SVG charts: well-formed, accessible, one mark per fact, escaped, deterministic.

Golden SVGs for the example deployment and treaty live in tests/golden/charts/; regenerate
them with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.model import Deployment, Estimate, Event, Stage, Treaty
from generator.pipeline import load
from generator.render import charts
from generator.render.charts.svg import overlap, text_box
from generator.render.timeline import Entry, chronology
from tests.conftest import REPORT_CONTENT, assert_golden

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "charts"
NS = {"svg": charts.SVG_NS}
NASTY = "<script>alert(1)</script> & \"quoted\" 'single' *not em* [x](y)"
EXAMPLE_PLACES = [
    charts.Place("pyongyang", "Pyongyang", 39.04, 125.76),
    charts.Place("vladivostok", "Vladivostok", 43.12, 131.89),
    charts.Place("training", "Training grounds, eastern Russia", 43.80, 131.95),
    charts.Place("kursk", "Kursk", 51.73, 36.19),
    charts.Place("moscow", "Moscow", 55.76, 37.62),
]
EXAMPLE_ROUTE: list[tuple[str, str] | charts.Leg] = [
    charts.Leg("pyongyang", "vladivostok", "sea-to-vladivostok", "completed", "by sea"),
    charts.Leg("vladivostok", "training", "training-eastern-russia", "ongoing"),
    charts.Leg("training", "kursk", "hur-arrival-kursk", "completed"),
    ("kursk", "moscow"),
]


@pytest.fixture(scope="module")
def treaty(content: Content) -> Treaty:
    return content.treaties[0]


def documents(content: Content) -> dict[str, object]:
    return {d.id: d for d in content.documents}


def actor_names(content: Content) -> dict[str, str]:
    return {a.id: a.short or a.name for a in content.actors}


def estimates_of(content: Content, deployment: Deployment) -> str:
    return charts.estimates_chart(deployment, documents(content), actor_names(content))


def parse(chart: str) -> ET.Element:
    """The <svg> inside the chart's <figure>; fails unless the whole string is well-formed."""
    figure = ET.fromstring(chart)
    assert figure.tag == "figure"
    assert "briefing-chart" in figure.get("class", "")
    svgs = figure.findall("svg:svg", NS)
    assert len(svgs) == 1
    return svgs[0]


def links(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(".//svg:a", NS)


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def shapes(link: ET.Element) -> list[ET.Element]:
    tags = {f"{{{charts.SVG_NS}}}{t}" for t in ("circle", "rect", "path")}
    return [child for child in link if child.tag in tags]


def text_of(svg: ET.Element, tag: str) -> str:
    element = svg.find(f"svg:{tag}", NS)
    assert element is not None and element.text
    return element.text


def label_boxes(svg: ET.Element, cls: str) -> list[tuple[str, charts.Box]]:
    """Estimated boxes of every text of a class, as the builders estimate them."""
    boxes = []
    for text in svg.iter(f"{{{charts.SVG_NS}}}text"):
        if cls in classes(text):
            kind = cls.removeprefix("bc-")
            anchor = text.get("text-anchor", "start")
            x, y = float(text.get("x", "0")), float(text.get("y", "0"))
            boxes.append((text.text or "", text_box(x, y, text.text or "", kind, anchor)))
    return boxes


def assert_no_overlap(boxes: list[tuple[str, charts.Box]]) -> None:
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not overlap(box_a, box_b, 0.0), f"{a!r} overlaps {b!r}"


def assert_inside(svg: ET.Element, boxes: list[tuple[str, charts.Box]]) -> None:
    _, _, width, height = (float(v) for v in svg.get("viewBox", "").split())
    for text, (x0, y0, x1, y1) in boxes:
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, f"{text!r} sticks out"


def accessible(svg: ET.Element) -> None:
    """role, a title and a desc that the svg names as its label and description."""
    assert svg.get("role") in {"img", "group"}
    title, desc = svg.find("svg:title", NS), svg.find("svg:desc", NS)
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    assert svg.get("viewBox", "").startswith("0 0 ")
    if links(svg):
        assert svg.get("role") == "group", "role=img may not contain links (axe)"
    for link in links(svg):
        assert link.get("aria-label")
        tooltip = link.find("svg:title", NS)
        assert tooltip is not None and tooltip.text == link.get("aria-label")


def with_estimates(deployment: Deployment, *estimates: Estimate) -> Deployment:
    return deployment.model_copy(update={"estimates": list(estimates)})


def estimate(**fields: object) -> Estimate:
    base: dict[str, object] = {
        "id": "e1",
        "counts": "sent",
        "document": "report-2024-10-25",
        "quote": "q",
    }
    return Estimate.model_validate(base | fields)


# --- estimates chart ---------------------------------------------------------------------


def test_estimates_chart_title_and_desc_say_what_it_shows(
    content: Content, deployment: Deployment
) -> None:
    svg = parse(estimates_of(content, deployment))
    accessible(svg)
    assert text_of(svg, "title") == "Estimates of North Korean troops in Russia: 5 claims"
    desc = text_of(svg, "desc")
    assert desc.startswith("5 estimates of North Korean soldiers by 4 originators")
    assert "NSC: at least 3,000 present, 23 Oct 2024." in desc
    assert "South Korea: about 12,000 projected total, claim undated, reported 25 Oct 2024" in desc


def test_estimates_chart_has_one_linked_mark_per_estimate(
    content: Content, deployment: Deployment
) -> None:
    svg = parse(estimates_of(content, deployment))
    marks = links(svg)
    assert len(marks) == len(deployment.estimates)
    assert [m.get("href") for m in marks] == [f"#{e.id}" for e in deployment.estimates]
    for mark in marks:
        assert len(shapes(mark)) == 1
        assert "bc-mark" in classes(shapes(mark)[0])
    kirby = marks[[e.id for e in deployment.estimates].index("kirby-3000-east")]
    assert kirby.get("aria-label") == "NSC: at least 3,000 present, 23 Oct 2024"


def test_projection_is_a_dashed_diamond_labelled_projected(
    content: Content, deployment: Deployment
) -> None:
    svg = parse(estimates_of(content, deployment))
    by_id = {m.get("href"): m for m in links(svg)}
    seoul = by_id["#seoul-12000-projected"]
    shape = shapes(seoul)[0]
    assert shape.tag.endswith("path") and "bc-projected" in classes(shape)
    assert [t.text for t in seoul.findall("svg:text", NS)] == ["about 12,000 projected total"]
    for href, mark in by_id.items():
        if href != "#seoul-12000-projected":
            assert "bc-projected" not in classes(shapes(mark)[0])


def test_undated_claims_are_hollow_at_their_fallback_date(
    content: Content, deployment: Deployment
) -> None:
    svg = parse(estimates_of(content, deployment))
    hollow = {m.get("href") for m in links(svg) if "bc-hollow" in classes(shapes(m)[0])}
    assert hollow == {"#us-3000-training", "#seoul-12000-projected"}
    period = estimate(
        value=10,
        as_of={"from": "2024-10-01", "to": "2024-10-20"},
        originator="kr-nis",
    )
    chart = charts.estimates_chart(with_estimates(deployment, period), documents(content))
    label = links(parse(chart))[0].get("aria-label")
    assert label == "kr-nis: 10 sent, claim undated, describes 1–20 Oct 2024"


def test_a_range_is_drawn_as_a_bar_from_low_to_high(
    content: Content, deployment: Deployment
) -> None:
    ranged = estimate(low=1000, high=3000, claimed="2024-10-20", originator="kr-nis")
    point = estimate(id="e2", value=6000, claimed="2024-10-21", originator="us-nsc")
    chart = charts.estimates_chart(with_estimates(deployment, ranged, point), documents(content))
    svg = parse(chart)
    bar = shapes(links(svg)[0])[0]
    assert bar.tag.endswith("rect") and "bc-range" in classes(bar)
    # y axis: 0 at y=200, 6,000 at y=24 (ticks 0..6,000); 1,000..3,000 is 29.3..88 units up.
    assert float(bar.get("y", "0")) == pytest.approx(200 - 3000 / 6000 * 176, abs=0.1)
    assert float(bar.get("height", "0")) == pytest.approx(2000 / 6000 * 176, abs=0.2)
    assert links(svg)[0].get("aria-label") == "kr-nis: 1,000–3,000 sent, 20 Oct 2024"


def test_colours_follow_originators_with_a_legend(content: Content, deployment: Deployment) -> None:
    chart = estimates_of(content, deployment)
    svg = parse(chart)
    colour = {m.get("href"): classes(shapes(m)[0]) for m in links(svg)}
    # Each originator's colour is its own (tests/render/test_estimates_chart.py): NIS's two
    # figures share one; the legend lists the originators in id order, then the keys.
    nis = {c for c in colour["#nis-1500-sent"] if c.startswith("bc-c")}
    assert len(nis) == 1 and nis <= colour["#nis-1500-more-sent"]
    legend = [t.text for t in svg.iter(f"{{{charts.SVG_NS}}}text") if "bc-legend" in classes(t)]
    assert legend[:4] == ["NIS", "South Korea", "U.S. authorities", "NSC"]
    assert "dashed: projected" in legend and "hollow: claim undated" in legend


def test_y_axis_has_round_ticks_with_thousands_separators(
    content: Content, deployment: Deployment
) -> None:
    svg = parse(estimates_of(content, deployment))
    ticks = [t.text for t in svg.iter(f"{{{charts.SVG_NS}}}text") if t.get("text-anchor") == "end"]
    assert ticks[:5] == ["0", "3,000", "6,000", "9,000", "12,000"]


def test_estimate_labels_neither_overlap_nor_stick_out(
    content: Content, deployment: Deployment
) -> None:
    svg = parse(estimates_of(content, deployment))
    boxes = label_boxes(svg, "bc-label") + label_boxes(svg, "bc-badge")
    assert len(boxes) == len(deployment.estimates)  # a label, or a number listed in a key
    assert_no_overlap(boxes)
    assert_inside(svg, boxes)


# --- treaty tracker ----------------------------------------------------------------------


def test_treaty_tracker_has_the_signature_then_each_stage(treaty: Treaty) -> None:
    svg = parse(charts.treaty_tracker(treaty))
    accessible(svg)
    steps = links(svg)
    assert treaty.signature is not None
    expected = [f"#{treaty.signature.id}", *(f"#{s.id}" for s in treaty.stages)]
    assert [s.get("href") for s in steps] == expected
    desc = text_of(svg, "desc")
    assert desc.startswith("3 steps, 2 done: 1. Signature in Pyongyang: done, Jun 2024;")
    for stage in treaty.stages:
        assert stage.name in desc
    assert "3. Ratification by the Federation Council: pending, date not stated." in desc
    assert text_of(svg, "title") == f"Treaty tracker: {treaty.title}"


def test_statuses_differ_by_shape_fill_and_word(treaty: Treaty) -> None:
    stages = [
        Stage(id="s1", name="One", status="done", document="d", quote="q"),
        Stage(id="s2", name="Two", status="pending", document="d", quote="q"),
        Stage(id="s3", name="Three", status="expected", document="d", quote="q"),
    ]
    svg = parse(
        charts.treaty_tracker(treaty.model_copy(update={"signature": None, "stages": stages}))
    )
    seen = {}
    for step in links(svg):
        marker = [s for s in shapes(step) if "bc-step" in classes(s)]
        words = [t.text for t in step.findall("svg:text", NS) if "bc-status" in classes(t)]
        seen[step.get("href")] = (marker[0].tag.split("}")[1], words[0], len(shapes(step)))
    assert seen == {
        "#s1": ("circle", "done", 2),  # filled circle and its tick
        "#s2": ("path", "pending", 2),  # diamond outline and its filled lower half
        "#s3": ("rect", "expected", 1),  # empty dashed square
    }


def test_long_stage_names_wrap_and_many_stages_take_rows(treaty: Treaty) -> None:
    stages = [
        Stage(
            id=f"s{i}",
            name="Ratification by the Federation Council " * 2,
            status="expected",
            document="d",
            quote="q",
        )
        for i in range(6)
    ]
    svg = parse(charts.treaty_tracker(treaty.model_copy(update={"stages": stages})))
    assert len(links(svg)) == 7
    boxes = label_boxes(svg, "bc-name")
    assert_no_overlap(boxes)
    assert_inside(svg, boxes)
    assert any(text.endswith("…") for text, _ in boxes)


# --- chronology strip --------------------------------------------------------------------


def test_chronology_strip_marks_every_dated_entry(content: Content) -> None:
    entries = chronology(content)
    svg = parse(charts.chronology_strip(entries, "What happened when"))
    accessible(svg)
    assert text_of(svg, "title") == "What happened when"
    assert text_of(svg, "desc").startswith(f"{len(entries)} dated facts, oldest first: Jun 2024:")
    assert [a.get("href") for a in links(svg)] == [f"#{e.fact_id}" for e in entries]
    by_id = {a.get("href"): shapes(a)[0] for a in links(svg)}
    assert "bc-band" in classes(by_id["#putin-kim-signature"])  # month precision
    assert "bc-day" in classes(by_id["#duma-approval"])


def test_a_month_is_a_band_as_wide_as_the_month(content: Content) -> None:
    entries = chronology(content)
    svg = parse(charts.chronology_strip(entries, "t"))
    by_id = {a.get("href"): shapes(a)[0] for a in links(svg)}
    june, august = by_id["#putin-kim-signature"], by_id["#ukraine-kursk-offensive"]
    assert float(june.get("width", "0")) / float(august.get("width", "0")) == pytest.approx(
        30 / 31, abs=0.01
    )


def fifteen_entries() -> list[Entry]:
    entries = []
    start = dt.date(2024, 6, 3)
    for i in range(15):
        day = start + dt.timedelta(days=i * 9 if i < 8 else 63 + i)
        when = When(date=day.isoformat()) if i % 4 else When(date=f"{day:%Y-%m}")
        if i == 5:
            when = When.model_validate({"from": day.isoformat(), "to": "2024-08-30"})
        event = Event(
            id=f"event-{i}",
            title=f"Something fairly long happened, number {i}",
            when=when,
            document="d",
            quote="q",
        )
        entries.append(Entry(when, event.id, "event" if i % 3 else "treaty", event))
    return sorted(entries, key=lambda e: (e.when.start, e.when.end, e.fact_id))


def test_chronology_labels_do_not_overlap_with_fifteen_entries() -> None:
    svg = parse(charts.chronology_strip(fifteen_entries(), "t", key="home"))
    assert len(links(svg)) == 15
    boxes = label_boxes(svg, "bc-label")
    # Every entry has its key line, in full: a long one wraps onto a second line.
    assert len(boxes) >= 15
    texts = " ".join(text for text, _ in boxes)
    assert all(re.search(rf"number {i}\b", texts) for i in range(15))
    assert_no_overlap(boxes)
    assert_inside(svg, boxes)
    span = [s for a in links(svg) for s in shapes(a) if "bc-span" in classes(s)]
    assert len(span) == 1  # the range


def test_chronology_links_use_the_given_urls(content: Content) -> None:
    def href(fact_id: str) -> str:
        return f"../page/#{fact_id}"

    svg = parse(charts.chronology_strip(chronology(content), "t", href=href))
    assert all(a.get("href", "").startswith("../page/#") for a in links(svg))


# --- route map ---------------------------------------------------------------------------


def test_route_map_draws_places_and_numbered_legs() -> None:
    svg = parse(charts.route_map(EXAMPLE_PLACES, EXAMPLE_ROUTE))
    accessible(svg)
    dots = [c for c in svg.iter(f"{{{charts.SVG_NS}}}circle") if "bc-place" in classes(c)]
    assert len(dots) == len(EXAMPLE_PLACES)
    legs = [p for p in svg.iter(f"{{{charts.SVG_NS}}}path") if "bc-leg" in classes(p)]
    assert len(legs) == len(EXAMPLE_ROUTE)
    assert all(leg.get("marker-end") == "url(#bc-map-route-arrow)" for leg in legs)
    assert [a.get("href") for a in links(svg)] == [
        "#sea-to-vladivostok",
        "#training-eastern-russia",
        "#hur-arrival-kursk",
    ]
    desc = text_of(svg, "desc")
    assert desc.startswith("Schematic map, not to scale")
    assert "Kursk (51.7° N, 36.2° E)" in desc
    assert "1. Pyongyang to Vladivostok (by sea, completed)" in desc


def test_route_map_projection_keeps_the_geography() -> None:
    svg = parse(charts.route_map(EXAMPLE_PLACES, []))
    assert svg.get("role") == "img"  # nothing to link to
    dots = [c for c in svg.iter(f"{{{charts.SVG_NS}}}circle") if "bc-place" in classes(c)]
    xy = {
        p.id: (float(d.get("cx", "0")), float(d.get("cy", "0")))
        for p, d in zip(sorted(EXAMPLE_PLACES, key=lambda p: p.id), dots, strict=True)
    }
    assert xy["moscow"][0] < xy["pyongyang"][0]  # west is left
    assert xy["moscow"][1] < xy["kursk"][1] < xy["pyongyang"][1]  # north is up
    for (a, pa), (b, pb) in itertools.combinations(xy.items(), 2):
        assert ((pa[0] - pb[0]) ** 2 + (pa[1] - pb[1]) ** 2) ** 0.5 >= 40, (a, b)
    boxes = label_boxes(svg, "bc-name")
    assert_no_overlap(boxes)
    assert_inside(svg, boxes)


def test_route_map_refuses_an_unknown_place() -> None:
    with pytest.raises(ValueError, match="unknown place 'atlantis'"):
        charts.route_map(EXAMPLE_PLACES, [("kursk", "atlantis")])


def test_expected_legs_are_dashed() -> None:
    route = [charts.Leg("kursk", "moscow", "p", "expected")]
    svg = parse(charts.route_map(EXAMPLE_PLACES, route))
    legs = [p for p in svg.iter(f"{{{charts.SVG_NS}}}path") if "bc-leg" in classes(p)]
    assert "bc-leg-expected" in classes(legs[0])


# --- escaping, determinism, Markdown, styles ---------------------------------------------


def test_fact_text_is_escaped_and_still_parses(content: Content, deployment: Deployment) -> None:
    nasty_deployment = deployment.model_copy(update={"force": NASTY})
    # Titles may not hold '<' or '>' (the model refuses them); the charts escape regardless.
    stage = Stage.model_construct(id="s1", name=NASTY, status="pending", when=None)
    treaty = Treaty(id="t", title="A treaty", parties=["russia"], stages=[stage])
    event = Event.model_construct(id="e", title=NASTY, when=When(date="2024-10-01"))
    built = [
        charts.estimates_chart(nasty_deployment, documents(content), {"kr-nis": NASTY}),
        charts.treaty_tracker(treaty),
        charts.chronology_strip([Entry(event.when, "e", "event", event)], NASTY),
        charts.route_map([charts.Place("p", NASTY, 1.0, 2.0)], []),
    ]
    for chart in built:
        assert "<script" not in chart and "&lt;script&gt;" in chart
        assert "&quot;quoted&quot;" in chart and "&#x27;single&#x27;" in chart
        svg = parse(chart)
        every_text = " ".join(svg.itertext())
        assert "<script>alert(1)</script> & \"quoted\" 'single' *not em* [x](y)" in every_text


def test_the_same_facts_give_the_same_svg(content: Content, treaty: Treaty) -> None:
    def build() -> list[str]:
        deployment = load(REPORT_CONTENT).deployments[0]
        return [
            estimates_of(content, deployment),
            charts.treaty_tracker(treaty),
            charts.chronology_strip(chronology(content), "t"),
            charts.route_map(EXAMPLE_PLACES, EXAMPLE_ROUTE),
        ]

    first, second = build(), build()
    assert first == second
    for chart in first:
        assert not re.search(r"\d\.\d\d", chart), "numbers have at most one decimal"


def test_markdown_passes_the_chart_through_untouched(
    content: Content, deployment: Deployment
) -> None:
    chart = charts.estimates_chart(
        deployment.model_copy(update={"force": NASTY}), documents(content)
    )
    page = f"# Page\n\nBefore.\n\n{chart}\n\nAfter.\n"
    md = markdown.Markdown(extensions=["attr_list", "tables", "admonition", "toc"])
    html = md.convert(page)
    assert chart in html
    assert "<p><figure" not in html and "<em>" not in html


def test_chart_ids_are_derived_from_fact_ids(content: Content, deployment: Deployment) -> None:
    svg = parse(estimates_of(content, deployment))
    title = svg.find("svg:title", NS)
    assert title is not None and title.get("id") == "bc-estimates-dprk-troops-in-russia-title"
    with pytest.raises(ValueError, match="slug"):
        charts.chronology_strip([], "t", key="Not A Slug")


def test_every_styling_class_is_in_the_css(content: Content, treaty: Treaty) -> None:
    built = [
        estimates_of(content, content.deployments[0]),
        charts.treaty_tracker(treaty),
        charts.chronology_strip(chronology(content), "t"),
        charts.route_map(EXAMPLE_PLACES, EXAMPLE_ROUTE),
    ]
    used = {c for chart in built for c in re.findall(r"\bbc-[a-z0-9-]+", chart)}
    hooks = {"bc-estimates", "bc-treaty", "bc-chronology", "bc-map", "bc-range", "bc-day"}
    hooks |= {"bc-span", "bc-label"}
    ids = {c for c in used if c.endswith(("-title", "-desc", "-arrow"))}
    for cls in sorted(used - hooks - ids):
        assert f".{cls}" in charts.CHART_CSS, cls
    assert "[data-md-color-scheme=slate]" in charts.CHART_CSS
    assert "<" not in charts.CHART_CSS


def test_charts_import_neither_mkdocs_nor_click() -> None:
    check = (
        "import sys, generator.render.charts\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'click')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True)
    assert result.returncode == 0, result.stderr


# --- golden ------------------------------------------------------------------------------


def golden_cases() -> dict[str, str]:
    content = load(REPORT_CONTENT)
    deployment, treaty = content.deployments[0], content.treaties[0]
    return {
        f"estimates-{deployment.id}.svg": estimates_of(content, deployment),
        f"treaty-{treaty.id}.svg": charts.treaty_tracker(treaty),
    }


@pytest.mark.parametrize("name", sorted(golden_cases()))
def test_chart_matches_golden(name: str) -> None:
    chart = golden_cases()[name]
    svg = chart[chart.index("<svg") : chart.index("</svg>") + len("</svg>")] + "\n"
    assert_golden(GOLDEN / name, svg)


def test_committed_chart_css_is_the_generated_one() -> None:
    """The plugin's charts.css is CHART_CSS written out (by `make golden`), never edited."""
    path = Path(__file__).resolve().parents[2] / "generator" / "plugin" / "assets" / "charts.css"
    header = (
        "/* Generated from generator/render/charts/css.py CHART_CSS by make golden;"
        " do not edit. */\n"
    )
    assert_golden(path, header + charts.CHART_CSS)
