"""The charts of each page, from the validated facts: the bridge between content and SVG."""

from __future__ import annotations

import functools
from collections.abc import Callable

from generator.facts.content import Content
from generator.facts.developments import Developments
from generator.facts.model import Deployment, Estimate, Measure, Treaty
from generator.render import charts
from generator.render.charts.estimates import Axis
from generator.render.markdown_text import Md
from generator.render.timeline import chronology


def estimates(content: Content, record: Developments, deployment: Deployment) -> Md:
    """The estimates of a deployment on a time axis, coloured by originator: one chart per
    measure (a figure of displaced people never on an axis of soldiers), each axis in its
    measure's unit. Superseded and corrected figures, and figures in words alone, are
    not drawn (the table keeps them)."""
    documents = {d.id: d for d in content.documents}
    actors = {a.id: a.short or a.name for a in content.actors}
    groups: dict[str, tuple[Measure, list[Estimate]]] = {}
    for estimate in deployment.estimates:
        measure = record.measure(deployment, estimate)
        groups.setdefault(measure.id, (measure, []))[1].append(estimate)
    if (
        len(groups) <= 1
        and deployment.measure is None
        and not any(e.measure for e in deployment.estimates)
    ):
        # No measure declared: the one chart of the force, as before measures existed.
        replaced = {e.id for e in deployment.estimates if not record.is_current(e.id)}
        return charts.estimates_chart(
            deployment, documents, actors, replaced=replaced, vocabulary=content.vocabulary
        )
    drawn = []
    for measure, members in groups.values():
        axis = Axis(measure.id, measure.name, measure.unit)
        replaced = {e.id for e in members if not record.is_current(e.id)}
        drawn.append(
            charts.estimates_chart(
                deployment,
                documents,
                actors,
                axis=axis,
                estimates=members,
                replaced=replaced,
                vocabulary=content.vocabulary,
            )
        )
    return Md("\n\n".join(drawn))


def tracker(content: Content, treaty: Treaty) -> Md:
    """A treaty's stages as a horizontal track, each at its current status."""
    documents = {d.id: d for d in content.documents}
    return charts.treaty_tracker(treaty, documents, content.vocabulary)


def route(content: Content, record: Developments, deployment: Deployment) -> Md:
    """The deployment's route on a schematic map; empty when no phase names a place. Each
    leg shows its phase's current status and who claims it (a leg claimed by another
    source than the one before is not drawn as one path with it)."""
    legs, here = [], deployment.starts_at
    for phase in deployment.route:
        if here and phase.arrives_at:
            actor_id = phase.attributed_to
            actor = content.actor(actor_id) if actor_id else None
            claimant = (actor.short or actor.name) if actor else "the report"
            status = record.status(phase)
            label = content.vocabulary.label("phase_statuses", status)
            progress = content.vocabulary.progress("phase_statuses", status)
            leg = charts.Leg(
                here, phase.arrives_at, phase.id, label, phase.name, claimant, progress
            )
            legs.append(leg)
        here = phase.arrives_at or here
    if not legs:
        return Md("")
    used = {leg.start for leg in legs} | {leg.end for leg in legs}
    places = [charts.Place(p.id, p.name, p.lat, p.lon) for p in content.places if p.id in used]
    title = f"Route of the {content.vocabulary.words['deployment']} (schematic map)"
    return charts.route_map(places, legs, key=deployment.id, title=title)


STRIP_LIMIT = 60
"""The home page's strip shows at most this many dated facts, the latest: its labels are
laid out in lanes (quadratic in facts), and thousands would not be readable anyway; the
Chronology page lists them all."""


def strip(content: Content, href: Callable[[str], str], chronology_url: str) -> Md:
    """The dated facts (the latest :data:`STRIP_LIMIT`) on one time axis, for the home page;
    ``chronology_url`` is the page that lists them all."""
    dated = [entry for entry in chronology(content) if entry.when.resolved]
    label = functools.partial(charts.entry_label, vocabulary=content.vocabulary)
    title = "Chronology of dated facts"
    if len(dated) > STRIP_LIMIT:
        title = f"Chronology: the latest {STRIP_LIMIT} of {len(dated)} dated facts"
    return charts.chronology_strip(
        dated[-STRIP_LIMIT:], title, href=href, label=label, earlier_href=chronology_url
    )
