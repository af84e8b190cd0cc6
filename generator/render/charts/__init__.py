"""Pictures of the facts: static SVG built at render time, no JavaScript, no network.

Every builder is a pure function of the facts and returns :class:`Md`: a ``<figure>``
holding one ``<svg>``. The figure matters: Python-Markdown passes a ``<figure>`` through
as a raw HTML block, whereas a bare ``<svg>`` would be wrapped in ``<p>`` and the text
inside it read as Markdown. The same facts always give the same string: fixed number
formatting, ids derived from fact ids or a given slug, nothing random. Fact text is
XML-escaped and made inert for Markdown by :func:`esc`. Colours and font sizes come from
:data:`CHART_CSS` (classes, Material's CSS variables), so light and dark schemes both work.

Each SVG has a ``<title>`` and a ``<desc>`` that states the data in words, and a viewBox
so it scales to the page width. A chart whose marks link to facts is ``role="group"``: a
``role="img"`` may not contain links (its children are presentational; axe-core reports
them as nested-interactive), so only a chart without links is ``role="img"``. Every link
has an ``aria-label`` and a ``<title>`` tooltip; axes, grid and legend are
``aria-hidden`` because the ``<desc>`` says what they show.
"""

from __future__ import annotations

from generator.render.charts.chronology import chronology_strip, entry_label
from generator.render.charts.css import CHART_CSS, PALETTE_SIZE
from generator.render.charts.estimates import estimates_chart
from generator.render.charts.route import Leg, Place, route_map
from generator.render.charts.svg import FONT, SCALE, SVG_NS, WIDTH, XY, Box, Href, esc, local_href
from generator.render.charts.treaty import treaty_tracker
from generator.render.charts.words import figure_text

__all__ = [
    "CHART_CSS",
    "FONT",
    "PALETTE_SIZE",
    "SCALE",
    "SVG_NS",
    "WIDTH",
    "XY",
    "Box",
    "Href",
    "Leg",
    "Place",
    "chronology_strip",
    "entry_label",
    "esc",
    "estimates_chart",
    "figure_text",
    "local_href",
    "route_map",
    "treaty_tracker",
]
