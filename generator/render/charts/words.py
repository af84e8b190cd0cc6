"""Facts in words for chart labels, tooltips and descriptions: figures, dates, counts."""

from __future__ import annotations

import functools

from generator.facts.dates import When
from generator.render.labels import figure

# Chart labels are short: the table beside the chart says which figure comes on top of which.
figure_text = functools.partial(figure, another=False)


def _when_label(when: When | None) -> str:
    if when is None:
        return "date not stated"
    if not when.resolved and when.text:
        return f"“{when.text}”"
    return when.label()


def _short_date(when: When, same_year: bool) -> str:
    """'23 Oct', 'Jun', '1–20 Oct' when the year goes without saying; else the full label."""
    if not same_year or when.precision == "year":
        return when.label()
    return when.label().replace(f" {when.end.year}", "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
