"""Which pages a briefing has, which template renders each, and which page shows each fact.

A small briefing has one Chronology and one Sources page; above the thresholds they split
(by month, by document) so an edit re-renders a bounded page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.facts.citation_numbers import document_numbers
from generator.facts.content import Content
from generator.facts.editions import Editions
from generator.facts.model import Deployment, Edition, Event, IndexedRecord
from generator.render.labels import by_date, date_key, slug
from generator.render.timeline import Entry


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
    """A page to render: template, path, title, nav section and its own context.

    The title's runs of whitespace (tabs, line breaks, two spaces) are one space: the theme
    writes ``<title>`` and the nav that way, so the page is called what it shows."""

    template: str
    path: str
    title: str
    section: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    as_of: dt.date | None = None
    """The data cut-off the page shows the record at (an edition's page); None: today's."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", " ".join(self.title.split()))


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

    months: dict[str, list[Entry]] = field(default_factory=dict)
    """Month ('2024-10') -> its chronology entries, oldest first; empty: not split."""
    documents: dict[str, str] = field(default_factory=dict)
    """Document id -> the page of its evidence; empty: not split."""
    actors: dict[str, str] = field(default_factory=dict)
    """Actor id -> the page listing the facts that name it; empty: not split."""

    @staticmethod
    def month_page(month: str) -> str:
        """The page of one month ('2024-10') of a split chronology."""
        return f"chronology/{month}.md"


def layout(
    content: Content, timeline: list[Entry], evidence: Mapping[str, Sequence[object]]
) -> Layout:
    """How to split the chronology and the sources: only when they are large, so a small
    briefing keeps one page of each (and an edit re-renders a bounded page of a large one)."""
    months: dict[str, list[Entry]] = {}
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


def _event_month(event: Event, split: Layout) -> str | None:
    """The month page an event is anchored on, or None (the chronology's own page)."""
    when = event.when
    if not split.months or when is None or not when.resolved:
        return None
    return when.start.strftime("%Y-%m")


def plan_pages(
    content: Content,
    editions: Editions,
    split: Layout | None = None,
    evidence: Mapping[str, Sequence[object]] | None = None,
    actor_facts: Mapping[str, list[str]] | None = None,
    further: Mapping[str, Sequence[object]] | None = None,
) -> list[Planned]:
    """Every page, in navigation order. A split page's context holds all it shows (each
    document's citing facts and further passages, each actor's facts), so it can be
    memoised (memo.py); so does an edition's page (its edition, its changes, the
    deployments whose figures it shows)."""
    split = split or Layout()
    latest = content.edition
    home = {"edition": latest, "changes": editions.changes(latest)}
    words = content.vocabulary.words
    about = words["about"]
    return [
        Planned("home.md.j2", "index.md", words["home"], context=home),
        *_edition_pages(content, editions),
        *_record_pages(content),
        Planned("reactions.md.j2", "reactions.md", words["reactions"]),
        *_chronology_pages(split, words["chronology"]),
        *_source_pages(content, split, evidence or {}, actor_facts or {}, further or {}),
        Planned("method.md.j2", "method.md", words["method"], about),
        Planned("guide.md.j2", "guide.md", words["guide"], about),
        Planned("tags.md.j2", "tags.md", words["tags"], about),
    ]


def edition_page(edition: Edition) -> str:
    """The page of one edition: its stable URL."""
    return f"editions/{_stem(edition.id)}.md"


def edition_title(edition: Edition, word: str = "Edition") -> str:
    """'Edition 2024-10-25': the date in ISO form, so titles sort as the editions follow;
    ``word`` is what the site calls an edition."""
    return f"{word} {edition.date.start.isoformat()}"


def _edition_pages(content: Content, editions: Editions) -> list[Planned]:
    """The list of editions, newest first, then a page per edition, oldest first."""
    cuts = [editions.cut(edition) for edition in content.editions]
    listed = [(c.edition, edition_page(c.edition), c.known, c.sources) for c in reversed(cuts)]
    words = content.vocabulary.words
    section = words["editions"]
    plan = [Planned("editions.md.j2", "editions.md", section, section, {"listed": listed})]
    for cut in cuts:
        edition = cut.edition
        changes = editions.changes(edition)
        if cut.previous is None:
            known = [d for d in content.deployments if cut.record.known(d.id)]
            shown = headlines(known, cut.record.known)
        else:
            shown = editions.touched(changes)
        context = {
            "edition": edition,
            "previous": cut.previous,
            "previous_page": edition_page(cut.previous) if cut.previous else None,
            "next": cut.next,
            "next_page": edition_page(cut.next) if cut.next else None,
            "changes": changes,
            "known": cut.known,
            "sources": cut.sources,
            "shown": shown,
        }
        plan.append(
            Planned(
                "edition.md.j2",
                edition_page(edition),
                edition_title(edition, words["edition"]),
                section,
                context,
                as_of=edition.cutoff.end,
            )
        )
    return plan


def headlines(
    deployments: list[Deployment], known: Callable[[str], bool] = lambda _: True
) -> list[Deployment]:
    """The deployments whose headline figures Home shows: all of a small briefing's; of a
    large one, those with the latest claims (of those ``known``, at an edition's cut-off),
    then by id, in id order."""
    deployments = sorted(deployments, key=lambda d: d.id)
    if len(deployments) <= HOME_HEADLINES:
        return deployments

    def latest(deployment: Deployment) -> tuple[str, str]:
        dated = [
            date_key(e.claimed)
            for e in deployment.estimates
            if e.claimed is not None and known(e.id)
        ]
        return max((d for d in dated if d[0] != "9999"), default=("", ""))

    recent = sorted(deployments, key=lambda d: (latest(d), d.id), reverse=True)
    chosen = {d.id for d in recent[:HOME_HEADLINES]}
    return [d for d in deployments if d.id in chosen]


def _record_pages(content: Content) -> list[Planned]:
    """A page per deployment, then per treaty, each by id."""
    plan = [
        Planned(
            "deployment.md.j2",
            f"deployments/{deployment.id}.md",
            deployment.title,
            content.vocabulary.words["deployments"],
            {"deployment": deployment},
        )
        for deployment in sorted(content.deployments, key=lambda d: d.id)
    ]
    plan += [
        Planned(
            "treaty.md.j2",
            f"treaties/{treaty.id}.md",
            treaty.title,
            content.vocabulary.words["processes"],
            {"treaty": treaty},
        )
        for treaty in sorted(content.treaties, key=lambda t: t.id)
    ]
    return plan


def _chronology_pages(split: Layout, name: str) -> list[Planned]:
    """One Chronology page (called ``name``), or an index and a page per month when split."""
    if not split.months:
        return [Planned("chronology.md.j2", "chronology.md", name)]
    plan = [Planned("chronology_index.md.j2", "chronology.md", name, name)]
    for month, entries in split.months.items():
        events = by_date([e.record for e in entries if isinstance(e.record, Event)], "when")
        plan.append(
            Planned(
                "chronology_month.md.j2",
                split.month_page(month),
                f"{name} {month}",
                name,
                {"month": month, "entries": entries, "events": events},
            )
        )
    return plan


def _source_pages(
    content: Content,
    split: Layout,
    evidence: Mapping[str, Sequence[object]],
    actor_facts: Mapping[str, list[str]],
    further: Mapping[str, Sequence[object]],
) -> list[Planned]:
    """One Sources page, or an index, a page per document and one per actor when split."""
    name = content.vocabulary.words["sources"]
    if not split.documents:
        return [Planned("sources.md.j2", "sources.md", name)]
    plan = [Planned("sources_index.md.j2", "sources.md", name, name)]
    numbers = document_numbers(content)  # document pages in citation order, as listed
    plan += [
        Planned(
            "sources_document.md.j2",
            split.documents[document.id],
            document.title,
            name,
            {
                "document": document,
                "facts": evidence.get(document.id, []),
                "further": further.get(document.id, []),
            },
        )
        for document in sorted(content.documents, key=lambda d: numbers[d.id])
    ]
    plan += [
        Planned(
            "sources_actor.md.j2",
            split.actors[actor.id],
            actor.name,
            name,
            {"actor": actor, "fact_ids": actor_facts.get(actor.id, [])},
        )
        for actor in sorted(content.actors, key=lambda a: a.id)
    ]
    return plan


def fact_pages(content: Content, split: Layout | None = None) -> dict[str, str]:
    """Which page shows each fact."""
    split = split or Layout()
    shown: list[tuple[str, list[IndexedRecord]]] = []
    for deployment in content.deployments:
        parts: list[IndexedRecord] = [
            deployment,
            *deployment.route,
            *deployment.estimates,
            *deployment.notes,
        ]
        shown.append((f"deployments/{deployment.id}.md", parts))
    for treaty in content.treaties:
        signature = [treaty.signature] if treaty.signature else []
        steps: list[IndexedRecord] = [treaty, *signature, *treaty.provisions, *treaty.stages]
        shown.append((f"treaties/{treaty.id}.md", steps))
    shown.append(("reactions.md", [*content.reactions]))
    where = {record.id: page for page, records in shown for record in records}
    for event in content.events:
        month = _event_month(event, split)
        where[event.id] = "chronology.md" if month is None else split.month_page(month)
    sources: list[IndexedRecord] = [
        *content.actors,
        *content.documents,
        *content.places,
        *content.measures,
    ]
    where.update({record.id: "sources.md" for record in sources})
    for edition in content.editions:
        where.update({a.id: edition_page(edition) for a in edition.assessments})
    return where
