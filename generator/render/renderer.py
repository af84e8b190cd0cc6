"""Validated facts -> Markdown pages, through one Jinja template per page kind.

Templates write Markdown. Fact text is data: it is passed to templates as values, never
compiled, and every ``{{ }}`` output is escaped (see :mod:`markdown_text`) unless a helper
in :mod:`page_helpers` produced it as Markdown. A user's override folder is searched
first, so one template can be replaced without copying the rest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2

from generator.facts.content import Content
from generator.facts.model import (
    CREDIBILITY_MEANING,
    LIKELIHOOD,
    RELIABILITY_MEANING,
    Actor,
    Estimate,
    Reaction,
)
from generator.render.guide import editor_guide
from generator.render.labels import (
    COUNTS_LABEL,
    KIND_LABEL,
    by_date,
    date_key,
    field_of,
    originator_of,
    slug,
)
from generator.render.markdown_text import Md, attribute, escape, finalize
from generator.render.memo import CONSTANTS, Memo, shared_digest
from generator.render.navigation import navigation
from generator.render.page_helpers import PageHelpers, SiteIndex
from generator.render.plan import HOME_HEADLINES, Page, Planned, fact_pages, layout, plan_pages
from generator.render.timeline import chronology

_PACKAGE = Path(__file__).resolve().parents[1]
DEFAULT_TEMPLATES = next(
    (p for p in (_PACKAGE / "_templates", _PACKAGE.parent / "templates") if p.is_dir()),
    _PACKAGE.parent / "templates",
)
"""The built-in templates: inside the installed package, or the repository's folder."""


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


def _page_tags(content: Content, facts: set[str]) -> list[str]:
    """Tags for a page: the actors its facts name, and their countries."""
    names: set[str] = set()
    for fact_id in facts:
        record = content.ids[fact_id].record
        for role in ("originator", "actor", "speaker", "origin", "destination", "parties"):
            value = field_of(record, role)
            for actor_id in value if isinstance(value, list) else [value]:
                if isinstance(actor_id, str):
                    actor = content.actor(actor_id)
                    names.add(actor.name)
                    if actor.country:
                        names.add(content.actor(actor.country).name)
    return sorted(names)


class Renderer:
    """Renders every page of a briefing from a Jinja template per page kind."""

    def __init__(
        self,
        overrides: Path | None = None,
        *,
        directory_urls: bool = True,
        memo: Memo | None = None,
    ) -> None:
        self.directory_urls = directory_urls
        self.memo = memo
        """Reuses pages whose inputs did not change since the last render (`mkdocs serve`)."""
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
        originators = _actors_with_facts(content)
        actor_facts = {actor.id: facts for actor, facts in originators}
        plan = plan_pages(content, split, evidence, actor_facts)
        ordered = sorted(content.documents, key=lambda d: (date_key(d.published), d.id))
        index = SiteIndex(
            fact_page=fact_pages(content, split),
            page_titles={p.path: p.title for p in plan},
            document_number={d.id: n for n, d in enumerate(ordered, start=1)},
            evidence_page={
                fact_id: split.documents[document_id]
                for document_id, facts in evidence.items()
                if document_id in split.documents
                for fact_id, _ in facts
            },
        )
        deployments = sorted(content.deployments, key=lambda d: d.id)
        headlines = _headlines(deployments)
        shown = {d.id for d in headlines}
        shared = {
            "briefing": content.briefing,
            "content": content,
            "deployments": deployments,
            "headlines": headlines,
            "other_deployments": [d for d in deployments if d.id not in shown],
            "treaties": sorted(content.treaties, key=lambda t: t.id),
            "reactions_by_actor": _reactions_by_actor(content),
            "timeline": timeline,
            "evidence": evidence,
            "months": [(m, split.month_page(m), len(e)) for m, e in split.months.items()],
            "evidence_pages": split.documents,
            "originators": originators,
            "actor_pages": split.actors,
            "document_number": index.document_number,
            "glossary": sorted(content.glossary, key=lambda g: g.term),
            "guide": editor_guide(),
        }
        shared_key = shared_digest(content, index) if self.memo is not None else ""
        templates: dict[tuple[str, frozenset[str]], str | None] = {}
        pages = []
        for planned in plan:
            key = self._memo_key(planned, shared_key, templates, content)
            stored = self.memo.lookup(key, content) if key is not None and self.memo else None
            if stored is not None:
                pages.append(
                    Page(
                        planned.path,
                        planned.title,
                        stored.markdown,
                        planned.section,
                        set(stored.facts),
                    )
                )
                continue
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
            if key is not None and self.memo and not helpers.reads_everything:
                self.memo.store(key, content, markdown, helpers.facts)
        if self.memo is not None:
            self.memo.finish()
        return pages

    def _memo_key(
        self,
        planned: Planned,
        shared_key: str,
        templates: dict[tuple[str, frozenset[str]], str | None],
        content: Content,
    ) -> str | None:
        """The page's memo key, or None: not memoising, or the page may read unkeyed facts."""
        if self.memo is None:
            return None
        allowed = CONSTANTS | frozenset(planned.context)
        names = (planned.template, "_footer.md.j2")
        if (planned.template, allowed) not in templates:
            templates[planned.template, allowed] = self.memo.template_digest(
                self.env, names, allowed
            )
        digest = templates[planned.template, allowed]
        if digest is None:
            return None
        return self.memo.page_key(shared_key, digest, planned, self.directory_urls, content)


def _headlines(deployments: list[Any]) -> list[Any]:
    """The deployments whose headline figures Home shows: all of a small briefing's; of a
    large one, those with the latest claims (then by id), in id order."""
    if len(deployments) <= HOME_HEADLINES:
        return deployments

    def latest(deployment: Any) -> tuple[str, str]:
        dated = [date_key(e.claimed) for e in deployment.estimates if e.claimed is not None]
        return max((d for d in dated if d[0] != "9999"), default=("", ""))

    recent = sorted(deployments, key=lambda d: (latest(d), d.id), reverse=True)
    chosen = {d.id for d in recent[:HOME_HEADLINES]}
    return [d for d in deployments if d.id in chosen]


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
        document = field_of(placed.record, "document")
        if document is not None:
            cited[document].append((fact_id, placed.record))
    return cited


def _actors_with_facts(content: Content) -> list[tuple[Actor, list[str]]]:
    """Every actor, by name, with the facts it originated, spoke, did or took part in."""
    facts: dict[str, list[str]] = {actor.id: [] for actor in content.actors}
    roles = ("originator", "speaker", "actor", "body", "signatories")
    for fact_id, placed in content.ids.items():
        for role in roles:
            value = field_of(placed.record, role)
            for actor_id in value if isinstance(value, list) else [value]:
                if isinstance(actor_id, str) and fact_id not in facts[actor_id]:
                    facts[actor_id].append(fact_id)
    actors = sorted(content.actors, key=lambda a: (a.name.lower(), a.id))
    return [(actor, facts[actor.id]) for actor in actors]


__all__ = ["Page", "Planned", "Renderer", "navigation", "originator_of", "spread"]
