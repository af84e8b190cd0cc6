"""Which pages a briefing has, which template renders each, and which page shows each fact.

A small briefing has one Chronology and one Sources page; above the thresholds they split
(by month, by document) so an edit re-renders a bounded page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.facts.content import Content
from generator.render.labels import by_date, slug


@dataclass
class Page:
    """One generated page: where it goes, its title, its Markdown, and the facts it shows."""

    path: str
    title: str
    markdown: str
    section: str = ""
    facts: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Planned:
    """A page to render: template, path, title, nav section and its own context."""

    template: str
    path: str
    title: str
    section: str = ""
    context: dict[str, Any] = field(default_factory=dict)


SPLIT_CHRONOLOGY = 200
"""More dated facts than this: the chronology is split into one page per month."""

SPLIT_SOURCES = 200
"""More cited facts than this: each document's evidence gets a page of its own, and so does
each actor's list of facts."""

HOME_HEADLINES = 20
"""More deployments than this: Home shows the headline figures of the ones with the latest
claims and links the others (every figure is still on its deployment's page)."""


@dataclass(frozen=True)
class Layout:
    """Where the chronology's and the sources' facts go when a large briefing splits them."""

    months: dict[str, list[Any]] = field(default_factory=dict)
    """Month ('2024-10') -> its chronology entries, oldest first; empty: not split."""
    documents: dict[str, str] = field(default_factory=dict)
    """Document id -> the page of its evidence; empty: not split."""
    actors: dict[str, str] = field(default_factory=dict)
    """Actor id -> the page listing the facts that name it; empty: not split."""

    @staticmethod
    def month_page(month: str) -> str:
        return f"chronology/{month}.md"


def layout(content: Content, timeline: list[Any], evidence: dict[str, list[Any]]) -> Layout:
    """How to split the chronology and the sources: only when they are large, so a small
    briefing keeps one page of each (and an edit re-renders a bounded page of a large one)."""
    months: dict[str, list[Any]] = {}
    if len(timeline) > SPLIT_CHRONOLOGY:
        for entry in timeline:
            months.setdefault(entry.when.start.strftime("%Y-%m"), []).append(entry)
    documents: dict[str, str] = {}
    actors: dict[str, str] = {}
    if sum(len(facts) for facts in evidence.values()) > SPLIT_SOURCES:
        documents = {d: f"sources/{_stem(d)}.md" for d in evidence}
        actors = {a.id: f"sources/actors/{_stem(a.id)}.md" for a in content.actors}
    return Layout(months, documents, actors)


def _stem(fact_id: str) -> str:
    """Never index.md: with directory URLs that is where the folder's own page goes. A slug
    never ends in "-", so "index-" is no other fact's."""
    return "index-" if fact_id == "index" else slug(fact_id)


def _event_month(event: Any, split: Layout) -> str | None:
    """The month page an event is anchored on, or None (the chronology's own page)."""
    when = getattr(event, "when", None)
    if not split.months or when is None or not when.resolved:
        return None
    return when.start.strftime("%Y-%m")


def plan_pages(
    content: Content,
    split: Layout | None = None,
    evidence: dict[str, list[Any]] | None = None,
    actor_facts: dict[str, list[str]] | None = None,
) -> list[Planned]:
    """Every page, in navigation order. A split page's context holds all it shows (each
    document's citing facts, each actor's facts), so it can be memoised (memo.py)."""
    split = split or Layout()
    evidence = evidence or {}
    actor_facts = actor_facts or {}
    plan = [Planned("home.md.j2", "index.md", "Home")]
    for deployment in sorted(content.deployments, key=lambda d: d.id):
        plan.append(
            Planned(
                "deployment.md.j2",
                f"deployments/{deployment.id}.md",
                deployment.title,
                "Troop deployments",
                {"deployment": deployment},
            )
        )
    for treaty in sorted(content.treaties, key=lambda t: t.id):
        plan.append(
            Planned(
                "treaty.md.j2",
                f"treaties/{treaty.id}.md",
                treaty.title,
                "Treaty status",
                {"treaty": treaty},
            )
        )
    plan.append(Planned("reactions.md.j2", "reactions.md", "International reactions"))
    if split.months:
        plan.append(Planned("chronology_index.md.j2", "chronology.md", "Chronology", "Chronology"))
        for month, entries in split.months.items():
            events = by_date([e.record for e in entries if e.kind == "event"], "when")
            plan.append(
                Planned(
                    "chronology_month.md.j2",
                    split.month_page(month),
                    f"Chronology {month}",
                    "Chronology",
                    {"month": month, "entries": entries, "events": events},
                )
            )
    else:
        plan.append(Planned("chronology.md.j2", "chronology.md", "Chronology"))
    if split.documents:
        plan.append(Planned("sources_index.md.j2", "sources.md", "Sources", "Sources"))
        for document in sorted(content.documents, key=lambda d: d.id):
            plan.append(
                Planned(
                    "sources_document.md.j2",
                    split.documents[document.id],
                    document.title,
                    "Sources",
                    {"document": document, "facts": evidence.get(document.id, [])},
                )
            )
        for actor in sorted(content.actors, key=lambda a: a.id):
            plan.append(
                Planned(
                    "sources_actor.md.j2",
                    split.actors[actor.id],
                    actor.name,
                    "Sources",
                    {"actor": actor, "fact_ids": actor_facts.get(actor.id, [])},
                )
            )
    else:
        plan.append(Planned("sources.md.j2", "sources.md", "Sources"))
    plan += [
        Planned("method.md.j2", "method.md", "Method", "About"),
        Planned("guide.md.j2", "guide.md", "Editor's guide", "About"),
        Planned("tags.md.j2", "tags.md", "Tags", "About"),
    ]
    return plan


def fact_pages(content: Content, split: Layout | None = None) -> dict[str, str]:
    """Which page shows each fact."""
    split = split or Layout()
    where: dict[str, str] = {}
    for deployment in content.deployments:
        page = f"deployments/{deployment.id}.md"
        for record in (deployment, *deployment.route, *deployment.estimates, *deployment.notes):
            where[record.id] = page
    for treaty in content.treaties:
        page = f"treaties/{treaty.id}.md"
        signature = [treaty.signature] if treaty.signature else []
        for record in (treaty, *signature, *treaty.provisions, *treaty.stages):
            where[record.id] = page
    where.update({r.id: "reactions.md" for r in content.reactions})
    for event in content.events:
        month = _event_month(event, split)
        where[event.id] = "chronology.md" if month is None else split.month_page(month)
    where.update({r.id: "sources.md" for r in (*content.actors, *content.documents)})
    where.update({p.id: "sources.md" for p in content.places})
    where.update({a.id: "index.md" for a in content.briefing.assessments})
    return where
