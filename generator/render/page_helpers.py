"""What a template may call on ``page``: links, citations, dates, grades. Returns Markdown.

One instance per page: it numbers that page's citations, collects them as endnotes and
records which facts the page shows (for permalinks and incremental rebuilds).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import quote

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.developments import Developments
from generator.facts.model import (
    CREDIBILITY_MEANING,
    RELIABILITY_MEANING,
    Actor,
    Cited,
    Claim,
    Deployment,
    Estimate,
    Evidence,
    Treaty,
)
from generator.render import figures
from generator.render.labels import fact_title, figure, slug
from generator.render.markdown_text import Escaper, Md, attribute


def _directory_url(path: str) -> str:
    """'deployments/x.md' -> 'deployments/x', 'index.md' -> '' (MkDocs' directory URLs)."""
    stem = path.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index")


@dataclass
class SiteIndex:
    """Where each fact is shown and what each page is called; shared by every page."""

    fact_page: dict[str, str]
    page_titles: dict[str, str]
    document_number: dict[str, int]
    evidence_page: dict[str, str] = field(default_factory=dict)
    """Fact id -> the page of its document's evidence, when the sources are split."""
    links: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    """Links worked out so far, by (target, folder): every page links the same few pages,
    and ``posixpath.relpath`` is slow."""

    def relative(self, target: str, folder: str) -> str:
        """The link to page ``target`` from a page in ``folder`` ('.': the top)."""
        found = self.links.get((target, folder))
        if found is None:
            found = self.links[target, folder] = posixpath.relpath(target, folder)
        return found


@dataclass
class Note:
    """One endnote: a cited fact and its number on the page."""

    number: int
    fact_id: str
    record: Cited


@dataclass
class PageHelpers:
    """Helpers bound to one page (``path``, relative to the docs folder)."""

    content: Content
    index: SiteIndex
    path: str
    directory_urls: bool = True
    escape: Escaper = field(default_factory=Escaper)
    """Escapes fact text (one per render, shared by its pages)."""
    facts: set[str] = field(default_factory=set)
    notes: dict[str, Note] = field(default_factory=dict)
    developments: Developments | None = None
    """The relations between claims (None: built for this page alone, on first use)."""
    reads_everything: bool = False
    """Set by a helper that reads every fact (the chronology strip): never memoised."""
    folder: str = field(init=False)
    """The folder of this page ('.': the top), that its links start from."""

    def __post_init__(self) -> None:
        self.folder = posixpath.dirname(self.path) or "."
        if self.developments is None:
            self.developments = Developments(self.content)

    @property
    def record(self) -> Developments:
        """How the record develops: relations, totals, histories (see
        :mod:`generator.facts.developments`)."""
        assert self.developments is not None
        return self.developments

    def relations(self, fact_id: str) -> Md:
        """Every relation touching a fact, each linking the other claim: 'superseded by
        about 1,200 present (CON); disputed by ...'; empty if none."""
        parts = [f"{how} {self.link(other)}" for how, other in self.record.of(fact_id)]
        return Md("; ".join(parts))

    def reported_by(self, record: Evidence) -> Md:
        """'reported by 2 documents (S1, S3)' for a fact more than one document reports;
        empty for one."""
        documents = [c.document for c in record.citations]
        if len(set(documents)) < 2:
            return Md("")
        numbers = ", ".join(f"S{self.index.document_number[d]}" for d in dict.fromkeys(documents))
        return Md(f"reported by {len(set(documents))} documents ({numbers})")

    def url(self, target: str) -> str:
        """A link from this page to ``target`` (a page path)."""
        return self.index.relative(target, self.folder)

    def to(self, target: str, anchor: str = "") -> Md:
        """A link target, as Markdown: from this page to the generated page ``target``
        (and an anchor on it, a slug)."""
        return Md(self.url(target) + (f"#{slug(anchor)}" if anchor else ""))

    def anchor(self, fact_id: str, prefix: str = "") -> Md:
        """A permalink target for a fact shown on this page."""
        self.facts.add(fact_id)
        return Md(f'<a id="{prefix}{slug(fact_id)}"></a>')

    def href(self, fact_id: str) -> str:
        """The final URL of a fact from this page, for raw HTML (charts) that MkDocs does
        not rewrite: it depends on whether the site uses directory URLs."""
        return f"{self._site_url(self.index.fact_page[fact_id])}#{slug(fact_id)}"

    def _site_url(self, target: str) -> str:
        if not self.directory_urls:
            there = target.removesuffix(".md") + ".html"
            return posixpath.relpath(there, posixpath.dirname(self.path) or ".")
        here_dir, there = _directory_url(self.path), _directory_url(target)
        relative = posixpath.relpath(there or ".", here_dir or ".")
        return "./" if relative == "." else relative + "/"

    def chart(self, kind: str, record: Deployment | Treaty | None = None) -> Md:
        """A chart: 'estimates' or 'route' (of a deployment), 'tracker' (of a treaty),
        'strip' (every dated fact)."""
        if kind == "strip":
            self.reads_everything = True
            return figures.strip(self.content, self.href)
        if kind == "tracker" and isinstance(record, Treaty):
            return figures.tracker(record)
        if kind in ("estimates", "route") and isinstance(record, Deployment):
            chart = figures.estimates if kind == "estimates" else figures.route
            return chart(self.content, record)
        if kind in ("estimates", "route", "tracker"):
            raise ValueError(f"a chart {kind!r} is not drawn of a {type(record).__name__}")
        raise ValueError(f"unknown chart {kind!r}")

    def page_title(self, fact_id: str) -> str:
        """Title of the page that shows a fact."""
        return self.index.page_titles[self.index.fact_page[fact_id]]

    def cite(self, record: Cited) -> Md:
        """A numbered citation: hover shows who said it and the words; the link leads to
        the fact's evidence on the Sources page; the number matches the page's endnote."""
        note = self.notes.get(record.id)
        if note is None:
            note = self.notes[record.id] = Note(len(self.notes) + 1, record.id, record)
        self.facts.add(record.id)
        actor_id = record.attributed_to
        who = self.content.actor(actor_id).name if actor_id else ""
        tip = attribute(f"{who}: “{record.quote}”" if who else f"“{record.quote}”")
        target = f"{self.url(self.evidence(record.id))}#ev-{slug(record.id)}"
        return Md(f'[[{note.number}]]({target} "{tip}"){{: .cite }}')

    def evidence(self, fact_id: str) -> str:
        """The page where a cited fact's evidence is (Sources, or its document's page)."""
        return self.index.evidence_page.get(fact_id, "sources.md")

    def cites(self, fact_ids: list[str]) -> Md:
        """Citations for several facts, each with its own number."""
        parts = []
        for fact_id in fact_ids:
            record = self.content.ids[fact_id].record
            parts.append(self.cite(record) if isinstance(record, Evidence) else self.link(fact_id))
        return Md(" ".join(parts))

    def link(self, fact_id: str, text: str | None = None) -> Md:
        """A link to a fact where it is shown."""
        page = self.index.fact_page.get(fact_id, "sources.md")
        label = self.escape(text if text is not None else fact_title(self.content, fact_id))
        self.facts.add(fact_id)
        return Md(f"[{label}]({self.url(page)}#{slug(fact_id)})")

    def external(self, url: str) -> Md:
        """A link to a document's URL (already checked to be https:, http: or mailto:)."""
        target = quote(url, safe=":/?#[]@!$&'*+,;=%~-._")
        return Md(f"[{self.escape(url)}]({target.replace('(', '%28').replace(')', '%29')})")

    def actor(self, actor_id: str | None, fallback: str = "the report") -> Md:
        """An actor's name, linking to its entry on the Sources page."""
        if actor_id is None:
            return Md(f"_{self.escape(fallback)}_")
        actor: Actor = self.content.actor(actor_id)
        escape = self.escape
        # The short name (NIS, NSC) after the name: the glossary explains it on hover.
        short = f" ({escape(actor.short)})" if actor.short and actor.short not in actor.name else ""
        return Md(f"[{escape(actor.name)}{short}]({self.url('sources.md')}#{slug(actor_id)})")

    def who(self, record: Cited) -> Md:
        """Who a fact is attributed to, and the speaker: 'US NSC (John Kirby)'."""
        text = self.actor(record.attributed_to)
        speaker = record.speaker if isinstance(record, Claim) else None
        return Md(f"{text} ({self.actor(speaker)})") if speaker else text

    def when(self, when: When | None, fallback: str = "not stated") -> Md:
        """A resolved date in a fixed format, with the source's words beside it."""
        if when is None:
            return Md(f"_{self.escape(fallback)}_")
        label = self.escape(when.label())
        if when.text:
            words = f"“{self.escape(when.text)}”"
            return Md(f"{label} ({words})" if when.resolved else words)
        return label

    def figure(self, estimate: Estimate) -> Md:
        """An estimate's figure, as claimed: 'at least 3,000'."""
        return self.escape(figure(estimate))

    def grade(self, record: Cited) -> Md:
        """A badge: the source's reliability letter and the claim's credibility digit."""
        actor_id = record.attributed_to
        reliability = self.content.actor(actor_id).reliability if actor_id else "not graded"
        credibility = record.credibility if isinstance(record, Claim) else "not graded"
        tip = (
            f"Source reliability: {reliability} ({RELIABILITY_MEANING[reliability]}). "
            f"Claim credibility: {credibility} ({CREDIBILITY_MEANING[credibility]})."
        )
        if reliability == credibility == "not graded":
            text, css = "not graded", "grade grade--none"
        else:
            letter = reliability if len(reliability) == 1 else "?"
            digit = credibility if len(credibility) == 1 else "?"
            text, css = f"{letter}{digit}", "grade"
        return Md(f'<abbr class="{css}" title="{attribute(tip)}">{text}</abbr>')

    def endnotes(self) -> Md:
        """The page's citations as numbered endnotes (shown on screen and in print)."""
        if not self.notes:
            return Md("")
        lines = ["## Notes", ""]
        for note in self.notes.values():
            record = note.record
            document = self.content.document(record.document)
            number = self.index.document_number[document.id]
            source = (
                f"[S{number}, {self.escape(document.published.label())}]"
                f"({self.url(self.evidence(note.fact_id))}#ev-{slug(note.fact_id)})"
            )
            lines.append(
                f"{note.number}. {self.who(record)}: “{self.escape(record.quote)}” {source}"
            )
        lines.append("")
        return Md("\n".join(lines))
