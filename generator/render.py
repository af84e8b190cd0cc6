"""Validated facts -> Markdown pages, through one Jinja template per page kind.

Templates write Markdown. Fact text is data: it is passed to templates as values, never
compiled, and every ``{{ }}`` output is escaped (see :mod:`markdown_text`) unless a helper
in :mod:`page_helpers` produced it as Markdown. A user's override folder is searched
first, so one template can be replaced without copying the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .content import Content
from .guide import editor_guide
from .labels import COUNTS_LABEL, KIND_LABEL, date_key, originator_of, slug
from .markdown_text import Md, attribute, escape, finalize
from .model import CREDIBILITY_MEANING, LIKELIHOOD, RELIABILITY_MEANING, Actor, Estimate, Reaction
from .page_helpers import PageHelpers, SiteIndex
from .timeline import chronology

DEFAULT_TEMPLATES = next(
    (
        p
        for p in (Path(__file__).parent / "_templates", Path(__file__).parent.parent / "templates")
        if p.is_dir()
    ),
    Path(__file__).parent.parent / "templates",
)


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


def spread(estimates: list[Estimate]) -> dict[str, Any]:
    """The lowest and highest claimed figures, projections kept apart; nothing is merged."""
    current = [e for e in estimates if e.counts != "projected"]
    projected = [e for e in estimates if e.counts == "projected"]

    def low(e: Estimate) -> int:
        return e.value if e.value is not None else (e.low or 0)

    def high(e: Estimate) -> int:
        return e.value if e.value is not None else (e.high or 0)

    result: dict[str, Any] = {"projected": sorted(projected, key=lambda e: (high(e), e.id))}
    if current:
        # Ties go to the earliest claim, so the figure shown is the one first made.
        result["lowest"] = min(current, key=lambda e: (low(e), date_key(e.claimed), e.id))
        result["highest"] = min(current, key=lambda e: (-high(e), date_key(e.claimed), e.id))
    return result


def by_date(items: list[Any], attr: str) -> list[Any]:
    """Records sorted by a date field (undated last), then by id."""
    return sorted(items, key=lambda r: (date_key(getattr(r, attr, None)), r.id))


SPLIT_CHRONOLOGY = 200
"""More dated facts than this: the chronology is split into one page per month."""

SPLIT_SOURCES = 200
"""More cited facts than this: each document's evidence gets a page of its own."""


@dataclass(frozen=True)
class Layout:
    """Where the chronology's and the sources' facts go when a large briefing splits them."""

    months: dict[str, list[Any]] = field(default_factory=dict)
    """Month ('2024-10') -> its chronology entries, oldest first; empty: not split."""
    documents: dict[str, str] = field(default_factory=dict)
    """Document id -> the page of its evidence; empty: not split."""

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
    if sum(len(facts) for facts in evidence.values()) > SPLIT_SOURCES:
        # Never sources/index.md: with directory URLs that is where sources.md goes. A slug
        # never ends in "-", so "index-" is no other document's.
        documents = {d: f"sources/{'index-' if d == 'index' else slug(d)}.md" for d in evidence}
    return Layout(months, documents)


def _event_month(event: Any, split: Layout) -> str | None:
    """The month page an event is anchored on, or None (the chronology's own page)."""
    when = getattr(event, "when", None)
    if not split.months or when is None or not when.resolved:
        return None
    return when.start.strftime("%Y-%m")


def _plan(content: Content, split: Layout | None = None) -> list[Planned]:
    """Every page, in navigation order."""
    split = split or Layout()
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
                    {"document": document},
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


def _fact_pages(content: Content, split: Layout | None = None) -> dict[str, str]:
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


def _page_tags(content: Content, facts: set[str]) -> list[str]:
    """Tags for a page: the actors its facts name, and their countries."""
    names: set[str] = set()
    for fact_id in facts:
        record = content.ids[fact_id].record
        for role in ("originator", "actor", "speaker", "origin", "destination", "parties"):
            value = getattr(record, role, None)
            for actor_id in value if isinstance(value, list) else [value]:
                if isinstance(actor_id, str):
                    actor = content.actor(actor_id)
                    names.add(actor.name)
                    if actor.country:
                        names.add(content.actor(actor.country).name)
    return sorted(names)


class Renderer:
    """Renders every page of a briefing from a Jinja template per page kind."""

    def __init__(self, overrides: Path | None = None, *, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls
        loaders: list[jinja2.BaseLoader] = []
        if overrides is not None:
            loaders.append(jinja2.FileSystemLoader(str(overrides)))
        loaders.append(jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            finalize=finalize,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(md=escape, slug=slug, attr=lambda text: Md(attribute(text)))
        self.env.globals.update(
            counts_label=COUNTS_LABEL,
            kind_label=KIND_LABEL,
            likelihood_ranges=LIKELIHOOD,
            reliability_meaning=RELIABILITY_MEANING,
            credibility_meaning=CREDIBILITY_MEANING,
            spread=spread,
            by_date=by_date,
        )

    def render(self, content: Content) -> list[Page]:
        """Every page, in navigation order."""
        timeline = chronology(content)
        evidence = _evidence(content)
        split = layout(content, timeline, evidence)
        plan = _plan(content, split)
        ordered = sorted(content.documents, key=lambda d: (date_key(d.published), d.id))
        index = SiteIndex(
            fact_page=_fact_pages(content, split),
            page_titles={p.path: p.title for p in plan},
            document_number={d.id: n for n, d in enumerate(ordered, start=1)},
            evidence_page={
                fact_id: split.documents[document_id]
                for document_id, facts in evidence.items()
                if document_id in split.documents
                for fact_id, _ in facts
            },
        )
        shared = {
            "briefing": content.briefing,
            "content": content,
            "deployments": sorted(content.deployments, key=lambda d: d.id),
            "treaties": sorted(content.treaties, key=lambda t: t.id),
            "reactions_by_actor": _reactions_by_actor(content),
            "timeline": timeline,
            "evidence": evidence,
            "months": [(m, split.month_page(m), len(e)) for m, e in split.months.items()],
            "evidence_pages": split.documents,
            "originators": _actors_with_facts(content),
            "document_number": index.document_number,
            "glossary": sorted(content.glossary, key=lambda g: g.term),
            "guide": editor_guide(),
        }
        pages = []
        for planned in plan:
            helpers = PageHelpers(content, index, planned.path, self.directory_urls)
            context = {**shared, **planned.context, "page": helpers, "title": planned.title}
            body = self.env.get_template(planned.template).render(context)
            body += self.env.get_template("_footer.md.j2").render(context)
            markdown = (
                _front_matter(content, planned, helpers.facts)
                + body
                + _abbreviations(shared["glossary"])
            )
            pages.append(
                Page(planned.path, planned.title, markdown, planned.section, helpers.facts)
            )
        return pages


def _front_matter(content: Content, planned: Planned, facts: set[str]) -> str:
    if planned.template not in ("deployment.md.j2", "treaty.md.j2", "reactions.md.j2"):
        return ""
    meta = {"tags": _page_tags(content, facts)}
    # JSON is YAML: every value is quoted, so no fact text is read as YAML syntax.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _abbreviations(glossary: list[Any]) -> str:
    if not glossary:
        return ""
    lines = [f"*[{entry.term}]: {' '.join(entry.meaning.split())}" for entry in glossary]
    return "\n" + "\n".join(lines) + "\n"


def _reactions_by_actor(content: Content) -> list[tuple[Actor, list[Reaction]]]:
    groups: dict[str, list[Reaction]] = {}
    for reaction in content.reactions:
        groups.setdefault(reaction.actor, []).append(reaction)
    return [
        (content.actor(actor_id), by_date(items, "when"))
        for actor_id, items in sorted(groups.items(), key=lambda kv: content.actor(kv[0]).name)
    ]


def _evidence(content: Content) -> dict[str, list[tuple[str, Any]]]:
    """Document id -> [(fact id, record)] of every fact citing it, in file order."""
    cited: dict[str, list[tuple[str, Any]]] = {d.id: [] for d in content.documents}
    for fact_id, placed in content.ids.items():
        document = getattr(placed.record, "document", None)
        if document is not None:
            cited[document].append((fact_id, placed.record))
    return cited


def _actors_with_facts(content: Content) -> list[tuple[Actor, list[str]]]:
    """Every actor, by name, with the facts it originated, spoke, did or took part in."""
    facts: dict[str, list[str]] = {actor.id: [] for actor in content.actors}
    roles = ("originator", "speaker", "actor", "body", "signatories")
    for fact_id, placed in content.ids.items():
        for role in roles:
            value = getattr(placed.record, role, None)
            for actor_id in value if isinstance(value, list) else [value]:
                if isinstance(actor_id, str) and fact_id not in facts[actor_id]:
                    facts[actor_id].append(fact_id)
    actors = sorted(content.actors, key=lambda a: (a.name.lower(), a.id))
    return [(actor, facts[actor.id]) for actor in actors]


NAV_GROUP = 50
"""Most pages a nav section lists directly; a larger one is split into groups of at most this
many, so with ``navigation.prune`` a page renders only its own group (bounded work per page)."""

NAV_GROUPS_TITLE = "By title"
"""The one sub-section holding a large section's groups (Material shows a tab's direct
sub-sections expanded; only groups one level deeper are pruned)."""


def navigation(pages: list[Page]) -> list[Any]:
    """MkDocs-style nav: top pages in order, section pages grouped under their section.

    A section of more than :data:`NAV_GROUP` pages lists them by title in groups labelled
    with the range of titles each holds ("Deployment 0001 – Deployment 0050")."""
    nav: list[Any] = []
    sections: dict[str, list[Page]] = {}
    for page in pages:
        if page.section:
            if page.section not in sections:
                sections[page.section] = []
                nav.append(page.section)
            sections[page.section].append(page)
        else:
            nav.append({page.title: page.path})
    return [
        item if isinstance(item, dict) else {item: _section_nav(item, sections[item])}
        for item in nav
    ]


def _section_nav(section: str, pages: list[Page]) -> list[Any]:
    if len(pages) <= NAV_GROUP:
        return [{page.title: page.path} for page in pages]
    # A first page named as its section (Sources, Chronology) is its index: it stays first.
    top = [{pages[0].title: pages[0].path}] if pages[0].title == section else []
    ordered = sorted(pages[len(top) :], key=lambda p: (p.title.casefold(), p.title, p.path))
    count = -(-len(ordered) // NAV_GROUP)
    size = -(-len(ordered) // count)
    chunks = [ordered[i : i + size] for i in range(0, len(ordered), size)]
    groups: list[Any] = []
    used: set[str] = set()
    for n, chunk in enumerate(chunks):
        first, last = chunk[0].title, chunk[-1].title
        before = chunks[n - 1][-1].title if n else ""
        after = chunks[n + 1][0].title if n + 1 < len(chunks) else ""
        start = _guide_word(first, before, last)
        end = _guide_word(last, after, first)
        label = start if start == end else f"{start} – {_after_shared_words(end, start)}"
        while label in used:
            label += " (more)"
        used.add(label)
        groups.append({label: [{page.title: page.path} for page in chunk]})
    return [*top, {NAV_GROUPS_TITLE: groups}]


def _guide_word(title: str, *others: str) -> str:
    """The shortest start of ``title``, to the end of a word, that tells it from ``others``
    (as the guide words of a dictionary page)."""
    common = max(len(_common_prefix(title.casefold(), o.casefold())) for o in others)
    end = common + 1
    while end < len(title) and not title[end].isspace():
        end += 1
    return title[:end].rstrip(",:;.") or title


def _after_shared_words(text: str, other: str) -> str:
    """``text`` without the leading words it shares with ``other`` ("Deployment 0040")."""
    words, theirs = text.split(), other.split()
    n = 0
    while n < min(len(words), len(theirs)) - 1 and words[n] == theirs[n]:
        n += 1
    return " ".join(words[n:]) if n and n < len(words) else text


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


__all__ = ["Page", "Renderer", "navigation", "originator_of", "spread"]
