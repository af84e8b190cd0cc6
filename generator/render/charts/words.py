"""Facts in words for chart labels, tooltips and descriptions: figures, dates, counts."""

from __future__ import annotations

from generator.facts.dates import When
from generator.facts.model import Estimate
from generator.render.labels import figure


def figure_text(estimate: Estimate) -> str:
    """The figure as a chart labels it: never 'another' (chart labels are short; the table
    beside the chart says which figure comes on top of which)."""
    return figure(estimate, another=False)


def when_label(when: When | None) -> str:
    """A date as a chart shows it: its label, the source's words when unresolved, or
    'date not stated'."""
    if when is None:
        return "date not stated"
    if not when.resolved and when.text:
        return f"“{when.text}”"
    return when.label()


def short_date(when: When, same_year: bool) -> str:
    """'23 Oct', 'Jun', '1–20 Oct' when the year goes without saying; else the full label."""
    if not same_year or when.precision == "year":
        return when.label()
    return when.label().replace(f" {when.end.year}", "")


def plural(count: int, word: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{count} {word}{'' if count == 1 else 's'}"
