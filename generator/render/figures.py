"""The charts of each page, from the validated facts: the bridge between content and SVG."""

from __future__ import annotations

from collections.abc import Callable

from generator.facts.content import Content
from generator.facts.model import Deployment, Treaty
from generator.render import charts
from generator.render.markdown_text import Md
from generator.render.timeline import chronology


def estimates(content: Content, deployment: Deployment) -> Md:
    """Every estimate of a deployment on a time axis, coloured by originator."""
    documents = {d.id: d for d in content.documents}
    actors = {a.id: a.short or a.name for a in content.actors}
    return charts.estimates_chart(deployment, documents, actors)


def tracker(treaty: Treaty) -> Md:
    """A treaty's stages as a horizontal track."""
    return charts.treaty_tracker(treaty)


def route(content: Content, deployment: Deployment) -> Md:
    """The deployment's route on a schematic map; empty when no phase names a place."""
    legs, here = [], deployment.starts_at
    for phase in deployment.route:
        if here and phase.arrives_at:
            legs.append(charts.Leg(here, phase.arrives_at, phase.id, phase.status, phase.name))
        here = phase.arrives_at or here
    if not legs:
        return Md("")
    used = {leg.start for leg in legs} | {leg.end for leg in legs}
    places = [charts.Place(p.id, p.name, p.lat, p.lon) for p in content.places if p.id in used]
    return charts.route_map(places, legs, key=deployment.id)


STRIP_LIMIT = 60
"""The home page's strip shows at most this many dated facts, the latest: its labels are
laid out in lanes (quadratic in facts), and thousands would not be readable anyway; the
Chronology page lists them all."""


def strip(content: Content, href: Callable[[str], str]) -> Md:
    """The dated facts (the latest :data:`STRIP_LIMIT`) on one time axis, for the home page."""
    dated = [entry for entry in chronology(content) if entry.when.resolved]
    if len(dated) <= STRIP_LIMIT:
        return charts.chronology_strip(dated, "Chronology of dated facts", href=href)
    title = f"Chronology: the latest {STRIP_LIMIT} of {len(dated)} dated facts"
    return charts.chronology_strip(dated[-STRIP_LIMIT:], title, href=href)
