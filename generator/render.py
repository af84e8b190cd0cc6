"""Validated facts -> Markdown pages, through one Jinja template per page kind.

Templates write Markdown. Fact text is data: it is passed to templates as values, never
compiled, and every ``{{ }}`` output is escaped (see :mod:`markdown_text`) unless a helper
below produced it as :class:`Md`. A user's override folder is searched first, so one
template can be replaced without copying the rest.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .content import Content
from .dates import When
from .markdown_text import Md, attribute, escape, finalize
from .model import SLUG_PATTERN, Actor, Estimate, Reaction
from .timeline import chronology

DEFAULT_TEMPLATES = next(
    (
        p
        for p in (Path(__file__).parent / "_templates", Path(__file__).parent.parent / "templates")
        if p.is_dir()
    ),
    Path(__file__).parent.parent / "templates",
)

COUNTS_LABEL = {
    "sent": "sent",
    "training": "in training",
    "front": "deployed to the front",
    "present": "present",
    "projected": "projected total",
}
_SLUG = re.compile(SLUG_PATTERN)
QUALIFIER_LABEL = {"exact": "", "about": "about ", "at-least": "at least ", "up-to": "up to "}


@dataclass
class Page:
    """One generated page: where it goes, its title, its Markdown, and the facts it shows."""

    path: str
    title: str
    markdown: str
    section: str = ""
    facts: set[str] = field(default_factory=set)


def slug(value: str) -> Md:
    """An id, checked to be a slug, for anchors and attribute lists."""
    if not _SLUG.match(value):
        raise ValueError(f"not a slug: {value!r}")
    return Md(value)


def figure(estimate: Estimate) -> str:
    """'at least 3,000', 'about 12,000', '1,500–3,000': the figure as claimed."""
    if estimate.value is not None:
        number = f"{estimate.value:,}"
    else:
        number = f"{estimate.low:,}–{estimate.high:,}"
    return QUALIFIER_LABEL[estimate.qualifier] + number


def spread(estimates: list[Estimate]) -> dict[str, Any]:
    """The lowest and highest claimed figures, projections kept apart; nothing is merged."""
    current = [e for e in estimates if e.counts != "projected"]
    projected = [e for e in estimates if e.counts == "projected"]

    def low(e: Estimate) -> int:
        return e.value if e.value is not None else (e.low or 0)

    def high(e: Estimate) -> int:
        return e.value if e.value is not None else (e.high or 0)

    def claimed(e: Estimate) -> tuple[str, str]:
        return _date_key(e.claimed)

    result: dict[str, Any] = {"projected": sorted(projected, key=lambda e: (high(e), e.id))}
    if current:
        # Ties go to the earliest claim, so the figure shown is the one first made.
        result["lowest"] = min(current, key=lambda e: (low(e), claimed(e), e.id))
        result["highest"] = min(current, key=lambda e: (-high(e), claimed(e), e.id))
    return result


def _date_key(when: When | None) -> tuple[str, str]:
    if when is None or not when.resolved:
        return ("9999", "")
    return (when.start.isoformat(), when.end.isoformat())


class PageHelpers:
    """What a template may call to link and cite; everything it returns is Markdown."""

    def __init__(self, renderer: Renderer, content: Content, path: str) -> None:
        self.renderer = renderer
        self.content = content
        self.path = path
        self.facts: set[str] = set()
        self.refs: dict[str, int] = {}

    def url(self, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(self.path) or ".")

    def anchor(self, fact_id: str, prefix: str = "") -> Md:
        """A permalink target for a fact shown on this page."""
        self.facts.add(fact_id)
        return Md(f'<a id="{prefix}{slug(fact_id)}"></a>')

    def ref(self, fact_id: str) -> Md:
        """A numbered reference to a fact where it is shown: '[1]'."""
        number = self.refs.setdefault(fact_id, len(self.refs) + 1)
        page = self.renderer.fact_page.get(fact_id, "sources.md")
        title = attribute(self.renderer.fact_title(fact_id))
        self.facts.add(fact_id)
        return Md(f'[[{number}]]({self.url(page)}#{slug(fact_id)} "{title}")')

    def page_title(self, fact_id: str) -> str:
        """Title of the page that shows a fact."""
        return self.renderer.page_titles[self.renderer.fact_page[fact_id]]

    def cite(self, record: Any) -> Md:
        """A citation marker for a fact, linking to its evidence on the Sources page."""
        fact_id = record.id
        document = self.content.document(record.document)
        number = self.renderer.document_number[document.id]
        title = attribute(f"{document.title} ({document.published.label()})")
        self.facts.add(fact_id)
        return Md(f'[[S{number}]]({self.url("sources.md")}#ev-{fact_id} "{title}")')

    def link(self, fact_id: str, text: str | None = None) -> Md:
        """A link to a fact where it is shown."""
        page = self.renderer.fact_page.get(fact_id, "sources.md")
        label = escape(text if text is not None else self.renderer.fact_title(fact_id))
        self.facts.add(fact_id)
        return Md(f"[{label}]({self.url(page)}#{fact_id})")

    def actor(self, actor_id: str | None, fallback: str = "the report") -> Md:
        """An actor's name, linking to its entry on the Sources page."""
        if actor_id is None:
            return Md(f"_{escape(fallback)}_")
        actor: Actor = self.content.actor(actor_id)
        return Md(f"[{escape(actor.name)}]({self.url('sources.md')}#{actor_id})")

    def who(self, record: Any) -> Md:
        """Originator, and speaker where there is one: 'US NSC (John Kirby)'."""
        text = self.actor(getattr(record, "originator", None))
        speaker = getattr(record, "speaker", None)
        return Md(f"{text} ({self.actor(speaker)})") if speaker else text

    def when(self, when: When | None, fallback: str = "not stated") -> Md:
        """A resolved date in a fixed format, with the source's words beside it."""
        if when is None:
            return Md(f"_{escape(fallback)}_")
        label = escape(when.label())
        if when.text:
            label = Md(
                f"{label} (“{escape(when.text)}”)" if when.resolved else f"“{escape(when.text)}”"
            )
        return Md(label)

    def figure(self, estimate: Estimate) -> Md:
        return escape(figure(estimate))


class Renderer:
    """Renders every page of a briefing from a Jinja template per page kind."""

    def __init__(self, overrides: Path | None = None) -> None:
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
        self.env.filters["md"] = escape
        self.env.filters["slug"] = slug
        self.env.globals.update(counts_label=COUNTS_LABEL)
        self.fact_page: dict[str, str] = {}
        self.page_titles: dict[str, str] = {}
        self.document_number: dict[str, int] = {}
        self.content: Content | None = None

    @property
    def _content(self) -> Content:
        assert self.content is not None, "render() sets the content"
        return self.content

    def fact_title(self, fact_id: str) -> str:
        record = self._content.ids[fact_id].record
        for name in ("title", "name", "summary", "text"):
            value = getattr(record, name, None)
            if isinstance(value, str):
                return value
        if isinstance(record, Estimate):
            return f"{figure(record)} {COUNTS_LABEL[record.counts]}"
        return fact_id

    def _index(self, content: Content) -> list[tuple[str, str, str, str, dict[str, Any]]]:
        """(template, path, title, section, context) for every page, in navigation order."""
        plan: list[tuple[str, str, str, str, dict[str, Any]]] = [
            ("home.md.j2", "index.md", "Home", "", {})
        ]
        for deployment in sorted(content.deployments, key=lambda d: d.id):
            plan.append(
                (
                    "deployment.md.j2",
                    f"deployments/{deployment.id}.md",
                    deployment.title,
                    "Troop deployments",
                    {"deployment": deployment},
                )
            )
        for treaty in sorted(content.treaties, key=lambda t: t.id):
            plan.append(
                (
                    "treaty.md.j2",
                    f"treaties/{treaty.id}.md",
                    treaty.title,
                    "Treaty status",
                    {"treaty": treaty},
                )
            )
        plan += [
            ("reactions.md.j2", "reactions.md", "International reactions", "", {}),
            ("chronology.md.j2", "chronology.md", "Chronology", "", {}),
            ("sources.md.j2", "sources.md", "Sources", "", {}),
        ]
        return plan

    def _locate(self, content: Content) -> None:
        """Which page shows each fact; numbers for documents (S1, S2... by date)."""
        self.fact_page = {}
        for deployment in content.deployments:
            page = f"deployments/{deployment.id}.md"
            self.fact_page[deployment.id] = page
            for child in (*deployment.route, *deployment.estimates, *deployment.notes):
                self.fact_page[child.id] = page
        for treaty in content.treaties:
            page = f"treaties/{treaty.id}.md"
            self.fact_page[treaty.id] = page
            signature = [treaty.signature] if treaty.signature else []
            for child in (*signature, *treaty.provisions, *treaty.stages):
                self.fact_page[child.id] = page
        for reaction in content.reactions:
            self.fact_page[reaction.id] = "reactions.md"
        for event in content.events:
            self.fact_page[event.id] = "chronology.md"
        for record in (*content.actors, *content.documents):
            self.fact_page[record.id] = "sources.md"
        ordered = sorted(content.documents, key=lambda d: (_date_key(d.published), d.id))
        self.document_number = {d.id: n for n, d in enumerate(ordered, start=1)}

    def render(self, content: Content) -> list[Page]:
        """Every page, in navigation order."""
        self.content = content
        self._locate(content)
        shared = {
            "briefing": content.briefing,
            "content": content,
            "deployments": sorted(content.deployments, key=lambda d: d.id),
            "treaties": sorted(content.treaties, key=lambda t: t.id),
            "reactions_by_actor": self._reactions_by_actor(content),
            "timeline": chronology(content),
            "spread": spread,
            "by_date": lambda items, attr: sorted(
                items, key=lambda r: (_date_key(getattr(r, attr, None)), r.id)
            ),
            "evidence": self._evidence(content),
            "originators": self._originators(content),
            "document_number": self.document_number,
        }
        pages = []
        plan = self._index(content)
        self.page_titles = {path: title for _, path, title, _, _ in plan}
        for template, path, title, section, extra in plan:
            helpers = PageHelpers(self, content, path)
            markdown = self.env.get_template(template).render(
                **shared, **extra, page=helpers, title=title
            )
            pages.append(Page(path, title, markdown, section, helpers.facts))
        return pages

    @staticmethod
    def _reactions_by_actor(content: Content) -> list[tuple[Actor, list[Reaction]]]:
        groups: dict[str, list[Reaction]] = {}
        for reaction in content.reactions:
            groups.setdefault(reaction.actor, []).append(reaction)
        return [
            (content.actor(actor_id), sorted(items, key=lambda r: (_date_key(r.when), r.id)))
            for actor_id, items in sorted(groups.items(), key=lambda kv: content.actor(kv[0]).name)
        ]

    def _evidence(self, content: Content) -> dict[str, list[tuple[str, Any]]]:
        """Document id -> [(fact id, record)] of every fact citing it, in file order."""
        cited: dict[str, list[tuple[str, Any]]] = {d.id: [] for d in content.documents}
        for fact_id, placed in content.ids.items():
            document = getattr(placed.record, "document", None)
            if document is not None:
                cited[document].append((fact_id, placed.record))
        return cited

    @staticmethod
    def _originators(content: Content) -> list[tuple[Actor, list[str]]]:
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


def navigation(pages: list[Page]) -> list[Any]:
    """MkDocs-style nav: top pages in order, section pages grouped under their section."""
    nav: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in pages:
        if page.section:
            if page.section not in sections:
                sections[page.section] = []
                nav.append({page.section: sections[page.section]})
            sections[page.section].append({page.title: page.path})
        else:
            nav.append({page.title: page.path})
    return nav
