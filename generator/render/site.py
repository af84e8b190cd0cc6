"""What one render plans its pages from: the chronology, each document's citing facts,
each actor's facts, how large sections split, the plan of pages and the site index."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.facts.citation_numbers import document_numbers
from generator.facts.content import Content
from generator.facts.developments import Developments
from generator.facts.editions import Editions
from generator.facts.model import Actor, ActorRole, Cited, Evidence, Phase, Stage
from generator.render.plan import Layout, Planned, fact_pages, layout, plan_pages
from generator.render.site_index import SiteIndex
from generator.render.timeline import Entry, chronology

LISTED_ROLES: frozenset[ActorRole] = frozenset(
    {"originator", "speaker", "actor", "body", "signatories"}
)
"""The roles that put a fact in its actor's list on the Sources page."""

TAG_ROLES: frozenset[ActorRole] = frozenset(
    {"originator", "actor", "speaker", "origin", "destination", "parties"}
)
"""The roles that tag a page with an actor (and the actor's country)."""


@dataclass(frozen=True)
class Passage:
    """A document's words about a fact first reported elsewhere: a further report of it, or
    a later status of a stage or phase (and its further reports)."""

    fact_id: str
    record: Cited
    document: str
    quote: str
    originator: str | None
    """Whose words they are, for a later status; None: as the fact's (a further report)."""
    status: str | None
    """The status, for a later status."""
    anchored: bool = True
    """Whether it carries the anchor ``ev-<fact>--<document>``: the first passage of a fact
    in a document does (two later statuses may come from one document)."""


@dataclass(frozen=True)
class Site:
    """The pages of one render and what they are planned from."""

    timeline: list[Entry]
    evidence: dict[str, list[tuple[str, Cited]]]
    """Document id -> (fact id, record) of every fact citing it, in file order."""
    layout: Layout
    originators: list[tuple[Actor, list[str]]]
    """Every actor, by name, with the facts that name it in one of :data:`LISTED_ROLES`."""
    plan: list[Planned]
    index: SiteIndex
    developments: Developments
    further: dict[str, list[Passage]]
    """Document id -> its further passages of facts first reported elsewhere."""
    editions: Editions
    """Every edition: the record at its cut-off, what changed since the previous one."""


def build_site(content: Content) -> Site:
    """The chronology, the evidence, the split, the plan of pages and the site index."""
    timeline = chronology(content)
    evidence = evidence_by_document(content)
    split = layout(content, timeline, evidence)
    originators = actors_with_facts(content)
    actor_facts = {actor.id: facts for actor, facts in originators}
    further = further_by_document(content)
    developments = Developments(content)
    editions = Editions(content, developments)
    plan = plan_pages(content, editions, split, evidence, actor_facts, further)
    index = site_index(content, split, plan, evidence)
    return Site(
        timeline, evidence, split, originators, plan, index, developments, further, editions
    )


def site_index(
    content: Content,
    split: Layout,
    plan: list[Planned],
    evidence: dict[str, list[tuple[str, Cited]]],
) -> SiteIndex:
    """Which page shows each fact, page titles, document numbers, evidence pages."""
    return SiteIndex(
        fact_page=fact_pages(content, split),
        page_titles={p.path: p.title for p in plan},
        document_number=document_numbers(content),
        evidence_page={
            fact_id: split.documents[document_id]
            for document_id, facts in evidence.items()
            if document_id in split.documents
            for fact_id, _ in facts
        },
        document_page=dict(split.documents),
    )


def evidence_by_document(content: Content) -> dict[str, list[tuple[str, Cited]]]:
    """Document id -> [(fact id, record)] of every fact citing it, in file order."""
    cited: dict[str, list[tuple[str, Cited]]] = {d.id: [] for d in content.documents}
    for fact_id, placed in content.ids.items():
        record = placed.record
        if isinstance(record, Evidence):
            cited[record.document].append((fact_id, record))
    return cited


def further_by_document(content: Content) -> dict[str, list[Passage]]:
    """Document id -> the further passages it gives of facts, in file order (see
    :class:`Passage`); their anchor on the Sources page is ``ev-<fact>--<document>``."""
    found: dict[str, list[Passage]] = {d.id: [] for d in content.documents}
    anchors: set[tuple[str, str]] = set()

    def add(passage: Passage) -> None:
        key = (passage.fact_id, passage.document)
        found[passage.document].append(replace(passage, anchored=key not in anchors))
        anchors.add(key)

    for fact_id, placed in content.ids.items():
        record = placed.record
        if not isinstance(record, Evidence):
            continue
        for citation in record.also_reported_in:
            add(Passage(fact_id, record, citation.document, citation.quote, None, None))
        for update in record.updates if isinstance(record, Stage | Phase) else ():
            for passage in update.citations:
                add(
                    Passage(
                        fact_id,
                        record,
                        passage.document,
                        passage.quote,
                        update.attributed_to,
                        update.status,
                    )
                )
    return found


def actors_with_facts(content: Content) -> list[tuple[Actor, list[str]]]:
    """Every actor, by name, with the facts it originated, spoke, did or took part in."""
    # A dict per actor: an ordered set, as a list's 'in' is slow for a prolific actor.
    facts: dict[str, dict[str, None]] = {actor.id: {} for actor in content.actors}
    for fact_id, placed in content.ids.items():
        for role, actor_id in placed.record.actor_roles:
            if role in LISTED_ROLES:
                facts[actor_id][fact_id] = None
    actors = sorted(content.actors, key=lambda a: (a.name.lower(), a.id))
    return [(actor, list(facts[actor.id])) for actor in actors]


def page_tags(content: Content, facts: Iterable[str]) -> list[str]:
    """Tags for a page: the actors its facts name, and their countries."""
    names: set[str] = set()
    for fact_id in facts:
        for role, actor_id in content.ids[fact_id].record.actor_roles:
            if role in TAG_ROLES:
                actor = content.actor(actor_id)
                names.add(actor.name)
                if actor.country:
                    names.add(content.actor(actor.country).name)
    return sorted(names)
