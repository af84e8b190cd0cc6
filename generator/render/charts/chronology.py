"""The chronology strip: dated facts on a broken time axis, coloured by kind. The latest
facts are numbered, in columns of badges under their marks, and a key below the axis gives
each in full (wrapped, never cut); earlier ones are marks without a number on a narrow
stretch of their own. Empty stretches of weeks are breaks (a zig-zag), so months that hold
one vague fact do not take the width from a week that holds many."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from generator.facts.dates import When
from generator.facts.model import Estimate, Phase, Signature
from generator.facts.vocabulary import Vocabulary
from generator.render.charts.css import PALETTE_SIZE
from generator.render.charts.scales import PiecewiseScale, TimeScale, time_ticks
from generator.render.charts.svg import (
    FONT,
    WIDTH,
    Box,
    Href,
    chart_figure,
    empty_chart,
    flow_legend,
    hidden,
    link,
    local_href,
    overlap,
    path_data,
    tag,
    text_box,
    text_line,
    wrap,
)
from generator.render.charts.words import figure_text, plural, short_date
from generator.render.markdown_text import Md
from generator.render.timeline import Dating, Entry

_AXIS, _LANE0, _LANE_H, _R, _STACK = 38.0, 56.0, 17.0, 7.0, 3
"""The axis line's y; the centre y of the first row of number badges; a row; a badge's
radius; at most this many badges one above another under a mark (more: side by side)."""
_X0, _X1 = 8.0, WIDTH - 8.0
_BREAK_W, _SEG_MIN, _DAY_MIN, _GAP_DAYS = 14.0, 28.0, 12.0, 7.0
"""A break's width; a stretch's least width, and a numbered day's in it; the least empty
days that make a break (doubled until the stretches fit)."""
_KEY_X, _LINE_H, _MARK_MIN = 28.0, 14.0, 5.0
_KEY_CHARS = math.floor((WIDTH - 4 - _KEY_X) / (FONT["label"] * 0.56))
_NUMBERED_MAX, _KEY_MAX_H, _HEIGHT_MAX = 20, 330.0, 580.0
"""At most this many facts are numbered, the latest; fewer when their key would be taller
than ``_KEY_MAX_H`` or the chart than ``_HEIGHT_MAX`` (viewBox units)."""
_CONTEXT_WEIGHT, _CONTEXT_SHARE = 0.3, 0.3
"""An earlier (unnumbered) fact weighs this much of a numbered one in the width; earlier
facts get at most this share of it (more only when their stretches need it)."""


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


@dataclass(frozen=True)
class _Stretch:
    """A stretch of the axis: days [lo, hi) (ordinals) drawn from x0 to x1, linearly."""

    lo: float
    hi: float
    x0: float
    x1: float


@dataclass(frozen=True)
class _Axis:
    """A broken time axis: its scale, its stretches, and between each two a break from x0
    to x1 (days left out), or where x0 == x1 only a change of scale."""

    scale: PiecewiseScale
    stretches: tuple[_Stretch, ...]
    breaks: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class _Strip:
    """The entries, oldest first, their spans (ordinals), those from ``first`` on
    numbered."""

    dated: Sequence[Entry]
    spans: Sequence[tuple[float, float]]
    first: int
    same_year: bool

    def starting(self, lo: float, hi: float, numbered: bool | None = None) -> list[int]:
        """The indexes of the entries starting in [lo, hi): numbered ones, unnumbered ones
        or (None) both."""
        return [
            i
            for i, (start, _) in enumerate(self.spans)
            if lo <= start < hi and (numbered is None or (i >= self.first) == numbered)
        ]


def _spans(entries: Sequence[Entry]) -> list[tuple[float, float]]:
    """The days each entry covers, as ordinals [start, end + 1)."""
    return [(float(e.when.start.toordinal()), float(e.when.end.toordinal() + 1)) for e in entries]


def _runs(spans: Sequence[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """The stretches of time that ``spans`` cover, joined where less than ``gap`` days apart."""
    runs: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if runs and lo - runs[-1][1] < gap:
            runs[-1] = (runs[-1][0], max(runs[-1][1], hi))
        else:
            runs.append((lo, hi))
    return runs


def _broken_axis(strip: _Strip) -> _Axis:
    """The axis: the numbered facts on stretches that share most of the width by how many
    facts each holds; the earlier ones on narrower stretches before them; a break wherever
    ``_GAP_DAYS`` or more days hold nothing (fewer breaks, at longer gaps, if they do not
    all fit)."""
    gap = _GAP_DAYS
    while True:
        axis = _try_axis(strip, gap, force=gap > 1e6)
        if axis is not None:
            return axis
        gap *= 2


def _try_axis(strip: _Strip, gap: float, force: bool) -> _Axis | None:
    """The axis with breaks at ``gap`` empty days or more; None if it does not fit."""
    split = strip.spans[strip.first][0]
    early = [(lo, min(hi, split)) for lo, hi in strip.spans[: strip.first] if lo < split]
    runs = [(lo, hi, True) for lo, hi in _runs(early, gap)]
    if runs and split - runs[-1][1] < gap:
        runs[-1] = (runs[-1][0], split, True)
    runs += [(lo, hi, False) for lo, hi in _runs(strip.spans[strip.first :], gap)]
    gaps = [b[0] > a[1] for a, b in itertools.pairwise(runs)]
    room = _X1 - _X0 - _BREAK_W * sum(gaps)
    mins, weights, vague = [], [], []
    for lo, hi, earlier in runs:
        numbered = strip.starting(lo, hi, True)
        days = {strip.spans[i][0] for i in numbered}
        mins.append(_SEG_MIN if earlier else max(_SEG_MIN, _DAY_MIN * len(days)))
        weights.append(len(numbered) + _CONTEXT_WEIGHT * len(strip.starting(lo, hi, False)))
        inside = [strip.dated[i].when.precision for i in strip.starting(lo, hi)]
        vague.append(bool(inside) and all(p in ("month", "year") for p in inside))
    if sum(mins) > room and not force:
        return None
    early_i = [i for i, run in enumerate(runs) if run[2]]
    late_i = [i for i, run in enumerate(runs) if not run[2]]
    share = 0.0
    if early_i:
        early_min, late_min = sum(mins[i] for i in early_i), sum(mins[i] for i in late_i)
        share = room * sum(weights[i] for i in early_i) / sum(weights)
        share = max(early_min, min(share, _CONTEXT_SHARE * room))
        share = max(min(share, room - late_min), 0.0)
    widths = [0.0] * len(runs)
    for group, total in ((early_i, share), (late_i, room - share)):
        _share_out(
            group,
            total,
            [(r[1] - r[0], mins[i], weights[i], vague[i]) for i, r in enumerate(runs)],
            widths,
        )
    knots: list[tuple[float, float]] = []
    stretches: list[_Stretch] = []
    x = _X0
    for index, ((lo, hi, _), width) in enumerate(zip(runs, widths, strict=True)):
        x += _BREAK_W if index and gaps[index - 1] else 0.0
        knots += [(lo, x), (hi, x + width)]
        stretches.append(_Stretch(lo, hi, x, x + width))
        x += width
    breaks = tuple((a.x1, b.x0) for a, b in itertools.pairwise(stretches))
    return _Axis(PiecewiseScale(tuple(knots)), tuple(stretches), breaks)


def _share_out(
    group: Sequence[int],
    total: float,
    runs: Sequence[tuple[float, float, float, bool]],
    widths: list[float],
) -> None:
    """Shares ``total`` among the stretches of ``group`` (days, least width, weight, vague):
    each its least width, the rest by weight; stretches that hold only months or years
    then share theirs by their days, so that a month is as wide as another."""
    if not group:
        return
    extra = total - sum(runs[i][1] for i in group)
    weight = sum(runs[i][2] for i in group)
    for i in group:
        share = runs[i][2] / weight if weight else 1 / len(group)
        widths[i] = runs[i][1] + max(extra, 0.0) * share
    vague = [i for i in group if runs[i][3]]
    if vague:
        per_day = sum(widths[i] for i in vague) / sum(runs[i][0] for i in vague)
        if all(per_day * runs[i][0] >= runs[i][1] for i in vague):
            for i in vague:
                widths[i] = per_day * runs[i][0]


def _mark(
    span: tuple[float, float], when: When, scale: PiecewiseScale, colour: int
) -> tuple[str, float]:
    """A day as a tick, a month or year as a band, a range as a bar, never narrower than
    ``_MARK_MIN`` (a long span on a squeezed stretch is still a span); (svg, centre x)."""
    x0, x1 = scale.x(span[0]), scale.x(span[1])
    centre, cls = (x0 + x1) / 2, f"bc-event bc-c{colour}"
    if when.precision == "day" or when.start == when.end:
        tick = {"x": centre - 1.5, "y": _AXIS - 20, "width": 3.0, "height": 20.0}
        return tag("rect", {**tick, "class": cls + " bc-day"}), centre
    if x1 - x0 < _MARK_MIN:
        x0 = min(max(centre - _MARK_MIN / 2, 0.0), WIDTH - _MARK_MIN)
        x1 = x0 + _MARK_MIN
    if when.precision == "range":
        bar = {"x": x0, "y": _AXIS - 14, "width": x1 - x0, "height": 8.0, "rx": 2.0}
        return tag("rect", {**bar, "class": cls + " bc-span"}), centre
    band = {"x": x0, "y": _AXIS - 20, "width": x1 - x0, "height": 20.0}
    return tag("rect", {**band, "class": cls + " bc-band"}), centre


def _badge(x: float, y: float, number: int, colour: int) -> str:
    """A numbered disc in the kind's colour, its number in that colour's ink."""
    disc = {"cx": x, "cy": y, "r": _R, "class": "bc-event bc-num"}
    number_text = text_line(x, y + 3.5, str(number), "badge", "middle", "bc-num-text")
    return tag("g", {"class": f"bc-c{colour}"}, tag("circle", disc) + number_text)


def _columns(centres: Sequence[float]) -> list[tuple[float, float]]:
    """Where each number badge goes (x, y): the badges of one mark's x in a block under it,
    down columns of ``_STACK``, each block in the first rows where it touches no other."""
    groups: dict[float, list[int]] = {}
    for index, centre in enumerate(centres):
        groups.setdefault(round(centre, 1), []).append(index)
    taken: list[tuple[float, float, int, int]] = []
    out = [(0.0, 0.0)] * len(centres)
    step = 2 * _R + 2
    for centre, members in sorted(groups.items()):
        rows, cols = min(len(members), _STACK), math.ceil(len(members) / _STACK)
        half = (cols - 1) * step / 2
        x = min(max(centre, _R + 2 + half), WIDTH - _R - 2 - half) - half
        a, b, row = x - _R - 1, x + half * 2 + _R + 1, 0
        while any(a < b1 and a1 < b and r0 < row + rows and row < r1 for a1, b1, r0, r1 in taken):
            row += 1
        taken.append((a, b, row, row + rows))
        for k, index in enumerate(members):
            out[index] = (x + k // _STACK * step, _LANE0 + (row + k % _STACK) * _LANE_H)
    return out


def _key_words(entry: Entry, label: Callable[[Entry], str], same_year: bool) -> str:
    """A numbered fact in the key, in full: 'said 23 Oct: at least 3,000 present;
    describes 1–20 Oct'."""
    words = f"{_SHORT_PREFIX[entry.dating]}{short_date(entry.when, same_year)}: {label(entry)}"
    record = entry.record
    if entry.dating == "said" and isinstance(record, Estimate) and record.as_of is not None:
        as_of = record.as_of
        year = entry.when.start.year
        short = same_year and as_of.start.year == as_of.end.year == year
        described = short_date(as_of, short) if as_of.resolved else as_of.text
        words += f"; describes {described}" if described else ""
    return words


def _key_lines(text: str) -> list[str]:
    """A key's text on lines that fit beside its badge; long words broken, nothing cut."""
    return wrap(text, _KEY_CHARS, len(text))


def _key_height(rows: Sequence[Sequence[str]]) -> float:
    return sum(len(lines) * _LINE_H + 4 for lines in rows)


_Tick = tuple[float, float, dt.date, str]
"""A tick: its x, its grid line's x, its day and what it marks ('day', 'month', 'year')."""


def _stretch_ticks(strip: _Strip, axis: _Axis, stretch: _Stretch) -> list[_Tick]:
    """A stretch's ticks: at the dates of its facts; months (or years) for a long one."""
    scale = axis.scale
    if stretch.hi - stretch.lo > 62:
        local = TimeScale(stretch.lo, stretch.hi - 0.5, stretch.x0, stretch.x1)
        ticks: list[_Tick] = []
        for ordinal, text in time_ticks(local, 44.0):
            day = dt.date.fromordinal(math.floor(ordinal))
            kind = "day" if ordinal % 1 else "year" if text.isdigit() else "month"
            ticks.append((local.x(ordinal), local.x(ordinal), day, kind))
        return ticks
    found: dict[tuple[dt.date, str], _Tick] = {}
    for index in strip.starting(stretch.lo, stretch.hi):
        when = strip.dated[index].when
        kind = when.precision if when.precision in ("month", "year") else "day"
        lo = strip.spans[index][0]
        x = scale.x(lo + 0.5) if kind == "day" else scale.x(lo)
        found.setdefault((when.start, kind), (x, x, when.start, kind))
    return sorted(found.values())


def _tick_label(tick: _Tick, with_year: bool) -> tuple[str, float, str]:
    """A tick's text, x and anchor: a day centred on it, a month or year after its line."""
    x, _, day, kind = tick
    year = f" {day.year}" if with_year else ""
    text = f"{day.day} {day:%b}{year}" if kind == "day" else f"{day:%b}{year}"
    text = str(day.year) if kind == "year" else text
    width = text_box(0, 0, text, "tick", "start")[2]
    if kind != "day":
        x, anchor = x + 2, "start"
    else:
        anchor = "middle"
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    if left < 2:
        return text, 2.0, "start"
    if left + width > WIDTH - 2:
        return text, WIDTH - 2, "end"
    return text, x, anchor


def _axis_parts(strip: _Strip, axis: _Axis) -> list[str]:
    """The axis line of each stretch, a zig-zag at each break, and ticks with labels above,
    as many as fit: each stretch's first and last first; each year on the first of its
    labels that has room for it."""
    parts = []
    for stretch in axis.stretches:
        line = {"x1": stretch.x0, "y1": _AXIS, "x2": stretch.x1, "y2": _AXIS, "class": "bc-axis"}
        parts.append(tag("line", line))
    for x0, x1 in axis.breaks:
        parts.append(_zigzag((x0 + x1) / 2, _AXIS))
    ranked: list[tuple[int, float, _Tick]] = []
    for stretch in axis.stretches:
        ticks = _stretch_ticks(strip, axis, stretch)
        for index, tick in enumerate(ticks):
            rank = 1 if index == 0 else 2 if index == len(ticks) - 1 else 3
            ranked.append((rank, tick[0], tick))
    placed: list[tuple[_Tick, str, float, str, Box]] = []
    for _, _, tick in sorted(ranked, key=lambda r: r[:2]):
        text, x, anchor = _tick_label(tick, False)
        box = text_box(x, 11, text, "tick", anchor)
        if not any(overlap(box, other[4], 4.0) for other in placed):
            placed.append((tick, text, x, anchor, box))
    placed.sort(key=lambda p: p[0][0])
    for year in dict.fromkeys(p[0][2].year for p in placed):
        if any(p[0][2].year == year and p[0][3] == "year" for p in placed):
            continue
        for index, (tick, *_) in enumerate(placed):
            if tick[2].year != year:
                continue
            text, x, anchor = _tick_label(tick, True)
            box = text_box(x, 11, text, "tick", anchor)
            others = placed[:index] + placed[index + 1 :]
            if not any(overlap(box, other[4], 4.0) for other in others):
                placed[index] = (tick, text, x, anchor, box)
                break
    for tick, text, x, anchor, _ in placed:
        grid = {"x1": tick[1], "y1": 14.0, "x2": tick[1], "y2": _AXIS + 3, "class": "bc-grid"}
        parts += [tag("line", grid), text_line(x, 11, text, "tick", anchor)]
    return parts


def _zigzag(x: float, y: float) -> str:
    """Two slanted strokes across the axis: time left out, or the scale changes, here."""
    left = path_data([(x - 5, y + 6), (x - 1, y - 6)], close=False)
    d = left + path_data([(x + 1, y + 6), (x + 5, y - 6)], close=False)
    return tag("path", {"d": d, "class": "bc-break"})


def _legend(
    kinds: Mapping[str, int], dated: Sequence[Entry], axis: _Axis, top: float
) -> tuple[str, float]:
    """Each kind's colour as the badge shows it, then what each shape of mark means."""
    items = [
        (tag("circle", {"cx": 0, "cy": 0, "r": _R, "class": f"bc-event bc-c{i} bc-num"}), kind)
        for kind, i in kinds.items()
    ]
    precisions = {e.when.precision for e in dated}
    day = {"x": -1.5, "y": -8.0, "width": 3.0, "height": 16.0, "class": "bc-event bc-day"}
    band = {"x": -7.0, "y": -7.0, "width": 14.0, "height": 14.0, "class": "bc-event bc-band"}
    bar = {
        "x": -7.0,
        "y": -3.0,
        "width": 14.0,
        "height": 6.0,
        "rx": 2.0,
        "class": "bc-event bc-span",
    }
    shapes = [
        (precisions & {"day", "range"}, tag("rect", day), "a day"),
        (precisions & {"month", "year"}, tag("rect", band), "a month or year (no day)"),
        (precisions & {"range"}, tag("rect", bar), "a range of days"),
        (
            set(axis.breaks),
            _zigzag(0, 0),
            "time left out" if any(a < b for a, b in axis.breaks) else "scale changes",
        ),
    ]
    items += [(sample, words) for used, sample, words in shapes if used]
    return flow_legend(items, top)


def chronology_strip(
    entries: Sequence[Entry],
    title: str,
    *,
    key: str = "chronology",
    href: Href = local_href,
    label: Callable[[Entry], str] = entry_label,
    earlier_href: str | None = None,
) -> Md:
    """Dated facts on a broken time axis: a day as a tick, a month (or year) as a band, a
    range as a bar; coloured by kind. The latest (up to 20, fewer if their key would be
    too tall) are numbered, each number in a badge under its mark and in a key below that
    says the fact in full; earlier ones are unnumbered marks on a narrow stretch, and a
    line says how many (a link to ``earlier_href``, the page that lists every fact, if
    given). Stretches of a week or more with no fact are left out (a zig-zag).

    ``entries``: :func:`generator.timeline.chronology` entries, oldest first (unresolved
    ones are left out). ``href(fact_id)`` gives each link's URL (default ``#<fact id>``);
    ``label(entry)`` what to call it (default :func:`entry_label`); ``key``, a slug,
    keeps ids unique.
    """
    dated = [e for e in entries if e.when.resolved]
    if not dated:
        return empty_chart("chronology", key, title, "No dated facts.")
    spans = _spans(dated)
    same_year = len({e.when.start.year for e in dated} | {e.when.end.year for e in dated}) == 1
    kinds = {kind: i % PALETTE_SIZE for i, kind in enumerate(sorted({e.kind for e in dated}))}
    texts = [_key_words(e, label, same_year) for e in dated]
    rows = [_key_lines(text) for text in texts]
    first = max(0, len(dated) - _NUMBERED_MAX)
    while first < len(dated) - 1 and _key_height(rows[first:]) > _KEY_MAX_H:
        first += 1
    while True:
        strip = _Strip(dated, spans, first, same_year)
        body, height = _drawn(strip, kinds, rows, href, label, earlier_href)
        if height <= _HEIGHT_MAX or first >= len(dated) - 1:
            break
        first += 1
    listed = "; ".join(entry_words(e, label) for e in dated)
    desc = f"{plural(len(dated), 'dated fact')}, oldest first: {listed}."
    return chart_figure("chronology", key, (WIDTH, height), (title, desc), body, True)


def _drawn(
    strip: _Strip,
    kinds: Mapping[str, int],
    rows: Sequence[Sequence[str]],
    href: Href,
    label: Callable[[Entry], str],
    earlier_href: str | None,
) -> tuple[list[str], float]:
    """The strip's parts and its height."""
    dated, first = strip.dated, strip.first
    axis = _broken_axis(strip)
    marks = [
        _mark(span, e.when, axis.scale, kinds[e.kind])
        for e, span in zip(dated, strip.spans, strict=True)
    ]
    badges = _columns([centre for _, centre in marks[first:]])
    leaders, seen = [], set()
    for (_, centre), (x, y) in zip(marks[first:], badges, strict=True):
        if round(centre, 1) in seen:
            continue
        seen.add(round(centre, 1))
        leader = {"x1": centre, "y1": _AXIS, "x2": x, "y2": y - _R, "class": "bc-leader"}
        leaders.append(tag("line", leader))
    y = max(y for _, y in badges) + _R + 20
    notes = []
    if first:
        note = (
            f"Marks without a number: {plural(first, 'earlier fact')}, each a link; "
            "the chronology lists every fact in full."
        )
        note_lines = [
            text_line(_X0, y + i * _LINE_H, line, "label", extra="bc-muted")
            for i, line in enumerate(wrap(note, _KEY_CHARS + 3, len(note)))
        ]
        y += len(note_lines) * _LINE_H + 6
        block = "".join(note_lines)
        notes.append(link(earlier_href, note, block) if earlier_href else block)
    body = [hidden(_axis_parts(strip, axis)), hidden(leaders), *notes]
    for index, entry in enumerate(dated):
        mark = marks[index][0]
        words = f"{entry_words(entry, label)} ({entry.kind})"
        if index < first:
            body.append(link(href(entry.fact_id), words, mark))
            continue
        number, colour = index - first + 1, kinds[entry.kind]
        badge = _badge(*badges[index - first], number, colour)
        key_badge = _badge(_X0 + _R, y - 4, number, colour)
        lines = rows[index]
        key_text = "".join(
            text_line(_KEY_X, y + i * _LINE_H, line, "label") for i, line in enumerate(lines)
        )
        y += len(lines) * _LINE_H + 4
        body.append(link(href(entry.fact_id), words, mark + badge + key_badge + key_text))
    legend, end = _legend(kinds, dated, axis, y + 12)
    body.append(legend)
    return body, end + 6
