"""The chronology strip: dated facts on one time axis, coloured by kind, labelled below
in staggered lanes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

from generator.facts.model import Estimate, Phase, Signature
from generator.facts.vocabulary import Vocabulary
from generator.render.charts.css import PALETTE_SIZE
from generator.render.charts.scales import TimeScale, time_ticks
from generator.render.charts.svg import (
    WIDTH,
    XY,
    Href,
    chart_figure,
    empty_chart,
    flow_legend,
    hidden,
    link,
    local_href,
    swatch,
    tag,
    text_line,
    text_width,
    truncate,
)
from generator.render.charts.words import figure_text, plural, short_date
from generator.render.markdown_text import Md
from generator.render.timeline import Dating, Entry

_STRIP_AXIS, _STRIP_LANE0, _LANE_H, _STRIP_CHARS = 38.0, 58.0, 16.0, 30


_SHORT_PREFIX: Mapping[Dating, str] = MappingProxyType(
    {"happened": "", "said": "said ", "describes": "as of ", "status": "", "reported": "as of "}
)
"""What a date is, before it, in a strip label: 'said 18 Oct: 1,500 sent'."""


def entry_label(entry: Entry, vocabulary: Vocabulary | None = None) -> str:
    """What a chronology entry is, in a few words: its title, name, summary or figure; a
    stage's or phase's with its status then ('Approval by the State Duma: done'), in the
    ``vocabulary``'s words (default: the built-in terms)."""
    record = entry.record
    vocabulary = vocabulary or Vocabulary.of()
    if entry.status is not None and record.caption is not None:
        statuses = "phase_statuses" if isinstance(record, Phase) else "stage_statuses"
        return f"{record.caption}: {vocabulary.label(statuses, entry.status)}"
    if record.caption is not None:
        return record.caption
    if isinstance(record, Estimate):
        return f"{figure_text(record)} {vocabulary.label('counts', record.counts)}"
    if isinstance(record, Signature):
        return f"Signature in {record.place}" if record.place else "Signature"
    return entry.fact_id


def entry_words(entry: Entry, label: Callable[[Entry], str] = entry_label) -> str:
    """An entry in words, with what its date is: 'said on 18 Oct 2024: 1,500 sent'; an
    estimate that describes another time says so ('; describes 1–20 Oct 2024')."""
    words = f"{entry.prefix}{entry.when.label()}: {label(entry)}"
    record = entry.record
    if entry.dating == "said" and isinstance(record, Estimate) and record.as_of is not None:
        described = record.as_of.label() if record.as_of.resolved else record.as_of.text
        words += f"; describes {described}" if described else ""
    return words


def _strip_scale(entries: Sequence[Entry]) -> TimeScale:
    lo = float(min(e.when.start.toordinal() for e in entries))
    hi = float(max(e.when.end.toordinal() for e in entries) + 1)
    pad = max(1.0, (hi - lo) * 0.02) + max(0.0, 7 - (hi - lo)) / 2
    return TimeScale(lo - pad, hi + pad, 8.0, WIDTH - 8.0)


def _strip_mark(entry: Entry, scale: TimeScale, colour: int) -> tuple[str, float]:
    """A day as a tick, a month or year as a band, a range as a bar; (svg, centre x)."""
    when = entry.when
    x0, x1 = scale.x(when.start.toordinal()), scale.x(when.end.toordinal() + 1)
    centre, cls = (x0 + x1) / 2, f"bc-event bc-c{colour}"
    if when.precision == "day" or x1 - x0 < 3:
        tick = {"x": centre - 1.5, "y": _STRIP_AXIS - 20, "width": 3.0, "height": 20.0}
        return tag("rect", {**tick, "class": cls + " bc-day"}), centre
    if when.precision == "range":
        bar = {"x": x0, "y": _STRIP_AXIS - 14, "width": x1 - x0, "height": 8.0, "rx": 2.0}
        return tag("rect", {**bar, "class": cls + " bc-span"}), centre
    band = {"x": x0, "y": _STRIP_AXIS - 20, "width": x1 - x0, "height": 20.0}
    return tag("rect", {**band, "class": cls + " bc-band"}), centre


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
    width = text_width(text, "label")
    if centre - 3 + width <= WIDTH - 4:
        anchor, x, span = "start", centre - 3, (centre - 3, centre - 3 + width)
    elif centre + 3 - width >= 4:
        anchor, x, span = "end", centre + 3, (centre + 3 - width, centre + 3)
    else:
        anchor, x, span = "start", 4.0, (4.0, 4.0 + width)
    y = _STRIP_LANE0 + _lane_for(span, lanes) * _LANE_H
    leader = {"x1": centre, "y1": _STRIP_AXIS, "x2": centre, "y2": y - 10, "class": "bc-leader"}
    return tag("line", leader) + text_line(x, y, text, "label", anchor, "bc-halo"), y


def _strip_axis(scale: TimeScale) -> list[str]:
    """The axis line, and month (or day, year) ticks through the marks with labels above."""
    axis = {"x1": scale.x0, "y1": _STRIP_AXIS, "x2": scale.x1, "y2": _STRIP_AXIS}
    parts = [tag("line", {**axis, "class": "bc-axis"})]
    for ordinal, text in time_ticks(scale, 50.0):
        x = scale.x(ordinal)
        line = {"x1": x, "y1": 14.0, "x2": x, "y2": _STRIP_AXIS + 3, "class": "bc-grid"}
        parts.append(tag("line", line))
        if x + 2 + text_width(text, "tick") <= WIDTH:
            parts.append(text_line(x + 2, 11, text, "tick"))
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
        return empty_chart("chronology", key, title, "No dated facts.")
    scale = _strip_scale(dated)
    same_year = len({e.when.start.year for e in dated} | {e.when.end.year for e in dated}) == 1
    kinds = {kind: i % PALETTE_SIZE for i, kind in enumerate(sorted({e.kind for e in dated}))}
    lanes: list[list[XY]] = []
    body, bottom = [hidden(_strip_axis(scale))], 0.0
    for entry in dated:
        mark, centre = _strip_mark(entry, scale, kinds[entry.kind])
        date = _SHORT_PREFIX[entry.dating] + short_date(entry.when, same_year)
        short = truncate(f"{date}: {label(entry)}", _STRIP_CHARS)
        text, y = _strip_label(short, centre, lanes)
        bottom = max(bottom, y)
        words = f"{entry_words(entry, label)} ({entry.kind})"
        body.append(link(href(entry.fact_id), words, mark + text))
    swatches = [(swatch("dot", f"bc-event bc-c{i}"), kind) for kind, i in kinds.items()]
    legend, end = flow_legend(swatches, bottom + 22)
    listed = "; ".join(entry_words(e, label) for e in dated)
    desc = f"{plural(len(dated), 'dated fact')}, oldest first: {listed}."
    return chart_figure("chronology", key, (WIDTH, end + 6), (title, desc), [*body, legend], True)
