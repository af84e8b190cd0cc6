"""The treaty tracker: a treaty's signature and stages as a track of steps, each marked
done, underway, open or halted (by its status's meaning) by shape, fill and word."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.facts.model import Document, Signature, Stage, StageUpdate, Treaty
from generator.facts.model.vocabulary import Progress
from generator.facts.vocabulary import Vocabulary
from generator.render.charts.svg import (
    XY,
    chart_figure,
    empty_chart,
    hidden,
    link,
    local_href,
    path_data,
    tag,
    text_line,
    wrap,
)
from generator.render.charts.words import plural, when_label
from generator.render.markdown_text import Md

_STATUSES = "stage_statuses"
_STEP_W, _STEPS_PER_ROW, _NAME_CHARS, _NAME_LINES = 120.0, 4, 17, 4


@dataclass(frozen=True)
class _Step:
    fact_id: str
    name: str
    status: str
    """The current status, as pages show it: the latest document's."""
    progress: Progress
    """What it means: done, underway, open or halted (the vocabulary's)."""
    date: str
    vote: str | None = None
    was: str = ""
    """The earlier statuses in words ('pending as of 1 Mar 2030'); empty: none."""
    colour: str | None = None
    """The status's own colour (the briefing's vocabulary), if it has one."""


def _status_words(
    claim: Stage | StageUpdate, documents: Mapping[str, Document] | None, vocabulary: Vocabulary
) -> str:
    """An earlier status in words: 'expected 6 Nov 2024' when it gives a date, else
    'pending as of 1 Mar 2030' (the date of the document that says so, when known)."""
    status = vocabulary.label(_STATUSES, claim.status)
    if claim.when is not None and claim.when.resolved:
        return f"{status} {claim.when.label()}"
    document = documents.get(claim.document) if documents is not None else None
    if document is not None and document.published.resolved:
        return f"{status} as of {document.published.label()}"
    return status


def _stage_step(
    stage: Stage, documents: Mapping[str, Document] | None, vocabulary: Vocabulary
) -> _Step:
    """A stage at its current status (its latest update's), its earlier ones in words."""
    latest_status = stage.updates[-1].status if stage.updates else stage.status
    status = vocabulary.label(_STATUSES, latest_status)
    progress = vocabulary.progress(_STATUSES, latest_status)
    known = vocabulary.terms[_STATUSES].get(latest_status)
    colour = known.colour if known is not None else None
    if not stage.updates:
        date = when_label(stage.when)
        return _Step(stage.id, stage.name, status, progress, date, stage.vote, colour=colour)
    latest = stage.updates[-1]
    earlier: list[Stage | StageUpdate] = [stage, *stage.updates[:-1]]
    was = ", then ".join(_status_words(claim, documents, vocabulary) for claim in earlier)
    when, date = latest.when, when_label(latest.when)
    document = documents.get(latest.document) if documents is not None else None
    if (when is None or not when.resolved) and document and document.published.resolved:
        date = f"as of {document.published.label()}"  # the document says it is so by then
    return _Step(stage.id, stage.name, status, progress, date, latest.vote, was, colour)


def _treaty_steps(
    treaty: Treaty, documents: Mapping[str, Document] | None, vocabulary: Vocabulary
) -> list[_Step]:
    """The signature (done) first, then each stage in order, at its current status."""
    steps = []
    signature: Signature | None = treaty.signature
    if signature is not None:
        name = f"Signature in {signature.place}" if signature.place else "Signature"
        signed = vocabulary.label(_STATUSES, "done")
        steps.append(_Step(signature.id, name, signed, "done", when_label(signature.when)))
    for stage in treaty.stages:
        steps.append(_stage_step(stage, documents, vocabulary))
    return steps


def _step_marker(progress: Progress, x: float, y: float, term: str = "") -> str:
    """done: filled circle with a tick; underway (pending): half-filled diamond; halted: a
    circle struck through; open (expected): dashed square. ``term`` ('bc-term '): drawn in
    the status's own colour."""
    if progress == "done":
        circle = tag("circle", {"cx": x, "cy": y, "r": 12.0, "class": term + "bc-step bc-done"})
        tick = path_data([(x - 5, y), (x - 1.5, y + 4), (x + 5.5, y - 4)], close=False)
        return circle + tag("path", {"d": tick, "class": "bc-tick-mark"})
    if progress == "halted":
        circle = tag("circle", {"cx": x, "cy": y, "r": 12.0, "class": term + "bc-step bc-halted"})
        cross = path_data([(x - 8.5, y + 8.5), (x + 8.5, y - 8.5)], close=False)
        return circle + tag("path", {"d": cross, "class": term + "bc-step bc-halted"})
    if progress == "underway":
        half = path_data([(x - 13, y), (x + 13, y), (x, y + 13)])
        outline = path_data([(x, y - 13), (x + 13, y), (x, y + 13), (x - 13, y)])
        return tag("path", {"d": half, "class": term + "bc-half"}) + tag(
            "path", {"d": outline, "class": term + "bc-step bc-pending"}
        )
    square = {"x": x - 10, "y": y - 10, "width": 20.0, "height": 20.0, "rx": 3.0}
    return tag("rect", {**square, "class": term + "bc-step bc-expected"})


def _step_body(step: _Step, x: float, y: float) -> str:
    """Marker, then under it: the status in words, the name, the date."""
    term = "bc-term " if step.colour else ""
    parts = [_step_marker(step.progress, x, y, term)]
    status_class = f"{term}bc-status-{step.progress}"
    parts.append(text_line(x, y + 31, step.status, "status", "middle", status_class))
    lines = wrap(step.name, _NAME_CHARS, _NAME_LINES)
    for i, line in enumerate(lines):
        parts.append(text_line(x, y + 48 + 15 * i, line, "name", "middle"))
    parts.append(text_line(x, y + 50 + 15 * len(lines), step.date, "name", "middle", "bc-muted"))
    if step.colour:
        return tag("g", {"style": f"--bc-term: {step.colour}"}, "".join(parts))
    return "".join(parts)


def _step_words(index: int, step: _Step) -> str:
    """'2. Approval by the Borvian Assembly: done, 7 Mar 2030, 61 to 40 (was pending as of
    1 Mar 2030)': the current status, its date and vote, then the earlier statuses."""
    vote = f", {step.vote}" if step.vote else ""
    was = f" (was {step.was})" if step.was else ""
    return f"{index}. {step.name}: {step.status}, {step.date}{vote}{was}"


def _track(steps: Sequence[_Step], centres: Sequence[XY]) -> list[str]:
    """Lines between steps of a row: solid into a done step, dashed into any other."""
    parts = []
    for i in range(1, len(steps)):
        (x0, y0), (x1, y1) = centres[i - 1], centres[i]
        if y0 == y1:
            done = steps[i].progress == "done"
            cls = "bc-track bc-track-done" if done else "bc-track bc-track-todo"
            line = {"x1": x0 + 16, "y1": y0, "x2": x1 - 16, "y2": y1, "class": cls}
            parts.append(tag("line", line))
    return parts


def treaty_tracker(
    treaty: Treaty,
    documents: Mapping[str, Document] | None = None,
    vocabulary: Vocabulary | None = None,
) -> Md:
    """The signature (if any), then each stage, as a horizontal track of steps.

    Each stage is one step at its current status, its latest update's (never one step per
    status); its tooltip and the description add the vote and the earlier statuses ('was
    pending as of 1 Mar 2030'), dated by ``documents`` (document id -> Document; without
    it, earlier statuses go undated unless they give a date).
    Statuses are the ``vocabulary``'s (default: the built-in terms), drawn by what they
    mean: done / underway / open / halted differ by shape (circle, diamond, square, circle
    struck through), fill (full, half, none and dashed) and the word under each marker; the
    name and date label follow. A halted step is never counted as done.
    Up to four steps a row. Each step links to ``#<stage id>`` (``#<signature id>``).
    """
    vocabulary = vocabulary or Vocabulary.of()
    steps = _treaty_steps(treaty, documents, vocabulary)
    process = vocabulary.label("processes", treaty.process)
    title = f"{process[:1].upper()}{process[1:]} tracker: {treaty.title}"
    if not steps:
        return empty_chart("treaty", treaty.id, title, "No signature or stages recorded.")
    cols = min(len(steps), _STEPS_PER_ROW)
    lines = max(len(wrap(s.name, _NAME_CHARS, _NAME_LINES)) for s in steps)
    row_h = 80.0 + 15 * lines
    width = max(cols, 3) * _STEP_W
    left = (width - cols * _STEP_W) / 2
    centres = [
        (left + (i % cols + 0.5) * _STEP_W, 20 + (i // cols) * row_h) for i in range(len(steps))
    ]
    body = [hidden(_track(steps, centres))]
    for i, (step, (x, y)) in enumerate(zip(steps, centres, strict=True), start=1):
        body.append(link(local_href(step.fact_id), _step_words(i, step), _step_body(step, x, y)))
    done = sum(step.progress == "done" for step in steps)
    listed = "; ".join(_step_words(i, s) for i, s in enumerate(steps, start=1))
    desc = f"{plural(len(steps), 'step')}, {done} done: {listed}."
    size = (width, math.ceil(len(steps) / cols) * row_h)
    return chart_figure("treaty", treaty.id, size, (title, desc), body, links=True)
