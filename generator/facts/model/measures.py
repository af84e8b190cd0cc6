"""Measures: what a figure counts and in which unit, declared once in content."""

from __future__ import annotations

from pydantic import Field

from generator.facts.model.base import Indexed
from generator.facts.model.fields import Id, Text, Title


class Measure(Indexed):
    """What figures count (people displaced, US dollars pledged, km² held, officers sent).

    Only figures of the same measure are drawn on one chart or compared with each other.
    """

    id: Id
    name: Title = Field(
        description="What is counted, as a heading: shown above the figures of this measure.",
        examples=["Police officers"],
    )
    unit: Text = Field(
        description="The unit a figure is written in, shown after it and on a chart's axis.",
        examples=["officers", "US dollars", "km²"],
    )

    @property
    def caption(self) -> str:
        return self.name
