"""Validated facts -> Markdown pages, through one Jinja template per page kind.

Templates write Markdown. Fact text is data: it is passed to templates as values, never
compiled, and every ``{{ }}`` output is escaped (see :mod:`markdown_text`) unless a helper
in :mod:`page_helpers` produced it as Markdown. A user's override folder is searched
first, so one template can be replaced without copying the rest.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.facts.content import Content
from generator.facts.developments import Developments
from generator.facts.model import (
    CREDIBILITY_MEANING,
    LIKELIHOOD,
    RELIABILITY_MEANING,
    GlossaryEntry,
)
from generator.render.guide import Kind, editor_guide, guide_examples
from generator.render.headings import separate_headings
from generator.render.labels import (
    by_date,
    charted,
    reading,
    slug,
)
from generator.render.markdown_text import Escaper, Md, attribute
from generator.render.memo import CONSTANTS, Memo, shared_digest
from generator.render.navigation import navigation
from generator.render.page_helpers import PageHelpers
from generator.render.plan import Page, Planned, headlines
from generator.render.reactions import reaction_context
from generator.render.site import Site, build_site, page_tags
from generator.render.site_index import SiteIndex

_PACKAGE = Path(__file__).resolve().parents[1]
DEFAULT_TEMPLATES = next(
    (p for p in (_PACKAGE / "_templates", _PACKAGE.parent / "templates") if p.is_dir()),
    _PACKAGE.parent / "templates",
)
"""The built-in templates: inside the installed package, or the repository's folder."""


@dataclass
class _Pass:
    """What every page of one render shares."""

    content: Content
    index: SiteIndex
    developments: Developments
    shared: dict[str, object]
    """The context every template gets (:func:`shared_context`)."""
    abbreviations: str
    """The glossary as abbreviations, the end of every page."""
    shared_key: str
    """The memo key of what any page may read ('' when not memoising)."""
    templates: dict[tuple[str, frozenset[str]], str | None] = field(default_factory=dict)
    """Templates' digests, by template and the names it may use (:meth:`Memo.template_digest`)."""


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
        self.escape = Escaper()
        """Escapes fact text in every template and helper; cleared after each render."""
        self.guide: list[Kind] | None = None
        """The editor's guide, from the schema: the same for every render, made once."""
        loaders: list[jinja2.BaseLoader] = []
        if overrides is not None:
            loaders.append(jinja2.FileSystemLoader(str(overrides)))
        loaders.append(jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            finalize=self.escape.finalize,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(md=self.escape, slug=slug, attr=lambda text: Md(attribute(text)))
        self.env.globals.update(
            likelihood_ranges=LIKELIHOOD,
            reliability_meaning=RELIABILITY_MEANING,
            credibility_meaning=CREDIBILITY_MEANING,
            reading=reading,
            charted=charted,
            by_date=by_date,
        )

    def render(self, content: Content, site: Site | None = None) -> list[Page]:
        """Every page, in navigation order (``site``: its plan and index, if made already)."""
        site = site if site is not None else build_site(content)
        if self.guide is None:
            self.guide = editor_guide()
        run = _Pass(
            content,
            site.index,
            site.developments,
            shared_context(content, site, self.guide),
            _abbreviations(content.glossary),
            shared_digest(content, site.index, site.developments) if self.memo else "",
        )
        # The tag index last: whether any page is tagged is known once the others are.
        last = [i for i, planned in enumerate(site.plan) if planned.template == TAG_INDEX]
        try:
            done = {
                i: self._page(run, planned)
                for i, planned in enumerate(site.plan)
                if planned.template != TAG_INDEX
            }
            # Front matter after the pages: a page's tags depend on the others' (shared_tags).
            tags = shared_tags(
                {
                    page.path: page_tags(content, page.facts)
                    for i, page in done.items()
                    if site.plan[i].template in TAGGED_TEMPLATES
                }
            )
            # Its own context says whether any page is tagged (no other page can read it).
            tagged = {"tagged": any(tags.values())}
            for i in last:
                planned = site.plan[i]
                indexed = dataclasses.replace(planned, context={**planned.context, **tagged})
                done[i] = self._page(run, indexed)
        finally:
            self.escape.clear()
        if self.memo is not None:
            self.memo.finish()
        pages = [done[i] for i in range(len(site.plan))]
        for planned, page in zip(site.plan, pages, strict=True):
            page.markdown = _front_matter(planned, tags.get(page.path, [])) + page.markdown
        return pages

    def _page(self, run: _Pass, planned: Planned) -> Page:
        """One page: its Markdown as last rendered while nothing it is made from changed,
        else rendered now (and kept, when memoising and it can be keyed)."""
        key = self._memo_key(planned, run)
        stored = self.memo.lookup(key, run.content) if key is not None and self.memo else None
        if stored is not None:
            markdown, facts = stored.markdown, set(stored.facts)
            return Page(planned.path, planned.title, markdown, planned.section, facts)
        developments = run.developments
        if planned.as_of is not None:
            developments = developments.at(planned.as_of)
        helpers = PageHelpers(
            run.content,
            run.index,
            planned.path,
            self.directory_urls,
            self.escape,
            developments=developments,
        )
        markdown = self._markdown(run, planned, helpers)
        if key is not None and self.memo and not helpers.reads_everything:
            self.memo.store(key, run.content, markdown, helpers.facts)
        return Page(planned.path, planned.title, markdown, planned.section, helpers.facts)

    def _markdown(self, run: _Pass, planned: Planned, helpers: PageHelpers) -> str:
        """The page's template and the footer, rendered, and the abbreviations (the front
        matter comes in :meth:`render`, once every page is rendered)."""
        context = {**run.shared, **planned.context, "page": helpers, "title": planned.title}
        body = self.env.get_template(planned.template).render(context)
        body += self.env.get_template("_footer.md.j2").render(context)
        return separate_headings(body + run.abbreviations)

    def _memo_key(self, planned: Planned, run: _Pass) -> str | None:
        """The page's memo key, or None: not memoising, or the page may read unkeyed facts."""
        if self.memo is None:
            return None
        allowed = CONSTANTS | frozenset(planned.context)
        names = (planned.template, "_footer.md.j2")
        if (planned.template, allowed) not in run.templates:
            run.templates[planned.template, allowed] = self.memo.template_digest(
                self.env, names, allowed
            )
        digest = run.templates[planned.template, allowed]
        if digest is None:
            return None
        return self.memo.page_key(run.shared_key, digest, planned, self.directory_urls, run.content)


def shared_context(content: Content, site: Site, guide: list[Kind]) -> dict[str, object]:
    """What every template may read besides its page's own context and ``page``."""
    deployments = sorted(content.deployments, key=lambda d: d.id)
    shown = headlines(deployments)
    chosen = {d.id for d in shown}
    vocabulary = content.vocabulary
    return {
        "briefing": content.briefing,
        "vocabulary": vocabulary,
        "words": vocabulary.words,
        "counts_label": vocabulary.labels("counts"),
        "edition": content.edition,
        "after_cutoff": site.editions.after_latest(),
        "content": content,
        "deployments": deployments,
        "headlines": shown,
        "other_deployments": [d for d in deployments if d.id not in chosen],
        "treaties": sorted(content.treaties, key=lambda t: t.id),
        **reaction_context(content, site.developments),
        "timeline": site.timeline,
        "evidence": site.evidence,
        "further_evidence": site.further,
        "months": [(m, site.layout.month_page(m), len(e)) for m, e in site.layout.months.items()],
        "evidence_pages": site.layout.documents,
        "originators": site.originators,
        "actor_pages": site.layout.actors,
        "document_number": site.index.document_number,
        "glossary": sorted(content.glossary, key=lambda g: g.term),
        "guide": guide,
        "guide_examples": guide_examples(content),
        "used_counts": {e.counts for d in content.deployments for e in d.estimates},
        "graded": any(
            getattr(p.record, "reliability", "not graded") != "not graded"
            or getattr(p.record, "credibility", "not graded") != "not graded"
            for p in content.ids.values()
        ),
    }


TAGGED_TEMPLATES = frozenset({"deployment.md.j2", "treaty.md.j2", "reactions.md.j2"})
"""The page kinds tagged with the actors and countries their facts name."""
TAG_INDEX = "tags.md.j2"
"""The tag index, rendered after the pages it lists, with ``tagged`` in its context."""


def shared_tags(tags: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Each page's tags (by path) that another page carries too. A tag only one page
    carries leads to a listing of that page alone: it adds nothing, and on a phone its
    chip pushes the page's content down (the example's deployment page had 10)."""
    count = Counter(tag for names in tags.values() for tag in set(names))
    return {path: [tag for tag in names if count[tag] > 1] for path, names in tags.items()}


def _front_matter(planned: Planned, tags: Sequence[str]) -> str:
    meta: dict[str, object]
    if planned.template == "edition.md.j2":
        # Out of the search index: each fact is found on its own page (and the latest
        # edition on Home), not once more in every edition that mentions it.
        meta = {"search": {"exclude": True}}
    elif planned.template in TAGGED_TEMPLATES and tags:
        meta = {"tags": list(tags)}
    else:
        return ""
    # JSON is YAML: every value is quoted, so no fact text is read as YAML syntax.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _abbreviations(glossary: Iterable[GlossaryEntry]) -> str:
    entries = sorted(glossary, key=lambda g: g.term)
    if not entries:
        return ""
    lines = [f"*[{entry.term}]: {' '.join(entry.meaning.split())}" for entry in entries]
    return "\n" + "\n".join(lines) + "\n"


__all__ = ["Page", "Planned", "Renderer", "navigation"]
