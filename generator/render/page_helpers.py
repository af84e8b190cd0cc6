"""What a template may call on ``page``: links, citations, dates, grades. Returns Markdown.

One instance per page: it numbers that page's citations, collects them as endnotes and
records which facts the page shows (for permalinks and incremental rebuilds).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.developments import Developments, Standing
from generator.facts.model import (
    CREDIBILITY_MEANING,
    RELIABILITY_MEANING,
    Actor,
    Citation,
    Cited,
    Claim,
    Deployment,
    Estimate,
    Evidence,
    Phase,
    Stage,
    Treaty,
    Update,
)
from generator.render import figures, voices
from generator.render.labels import (
    fact_title,
    figure,
    scope_words,
    slug,
    total_figure,
)
from generator.render.markdown_text import Escaper, Md, attribute, quoted, quoted_text
from generator.render.site_index import SiteIndex


def _directory_url(path: str) -> str:
    """'deployments/x.md' -> 'deployments/x', 'index.md' -> '' (MkDocs' directory URLs)."""
    stem = path.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index")


@dataclass
class NoteFact:
    """One fact an endnote's passage is cited for."""

    fact_id: str
    record: Cited
    further: Citation | Update | None = None
    """Set when the passage is another document's than the record's first: one of its
    ``also_reported_in`` (in the record's voice) or a later status of it (in the update's)."""


@dataclass
class Note:
    """One endnote: a document's passage, its number on the page, the facts cited to it."""

    number: int
    document: str
    quote: str
    facts: list[NoteFact] = field(default_factory=list)


def passage_key(document: str, quote: str) -> tuple[str, str]:
    """What makes two citations one passage: the document and its words (spacing aside)."""
    return document, " ".join(quote.split())


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
    notes: dict[tuple[str, str], Note] = field(default_factory=dict)
    """The page's endnotes by passage (:func:`passage_key`): one per document's words."""
    shown: dict[tuple[str, str], tuple[str | None, str]] = field(default_factory=dict)
    """Passages the page quotes in its text (:meth:`passage`): where first (an anchor or
    None) and for which fact; their endnotes do not quote them again."""
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
            return figures.strip(self.content, self.href, self._site_url("chronology.md"))
        if kind == "tracker" and isinstance(record, Treaty):
            return figures.tracker(self.content, record)
        if kind in ("estimates", "route") and isinstance(record, Deployment):
            chart = figures.estimates if kind == "estimates" else figures.route
            return chart(self.content, self.record, record)
        if kind in ("estimates", "route", "tracker"):
            raise ValueError(f"a chart {kind!r} is not drawn of a {type(record).__name__}")
        raise ValueError(f"unknown chart {kind!r}")

    def page_title(self, fact_id: str) -> str:
        """Title of the page that shows a fact."""
        return self.index.page_titles[self.index.fact_page[fact_id]]

    def cite(self, record: Cited) -> Md:
        """A numbered citation: hover shows whose words they are, as :meth:`voice` says it
        ('According to NATO: “...”', 'The report, about Vladimir Putin: “...”'; an
        attribution of the editors' in short: 'Arland (attributed by the editors)'), and
        the words; the link leads to the fact's evidence on the Sources page; the number
        matches the page's endnote."""
        note = self._note(record, None)
        self.facts.add(record.id)
        tip = attribute(f"{self._voice_text(record, capital=True)}: {quoted_text(record.quote)}")
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

    def term(self, vocabulary: str, term_id: str) -> Md:
        """A term as readers see it: its label, marked with its colour when the briefing
        gives it one (a swatch beside it, so the colour never carries the meaning alone)."""
        entry = self.content.vocabulary.terms[vocabulary].get(term_id)
        label = self.escape(entry.label if entry is not None else term_id)
        if entry is None or entry.colour is None:
            return label
        swatch = f'<span class="bc-swatch" style="--bc-term: {entry.colour}"></span>'
        return Md(f"{swatch}{label}")

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
        """Who a fact is attributed to, and the speaker, to follow 'according to' or 'by':
        'US NSC (John Kirby)'; the document's own words about an actor: '_the report_
        (about Vladimir Putin)'; none: '_the report_'. An attribution the editors made
        says so, with their reason: 'US NSC (John Kirby), attributed by the editors
        (reason: ...)'."""
        names = self._attribution(record, linked=True)
        if names is None:
            return self.actor(None)
        if record.spoken_in == "narration":
            return Md(f"{self.actor(None)} (about {names}{self._editors(record, ';')})")
        return Md(f"{names}{self._editors(record, ',')}")

    def voice(self, record: Cited, capital: bool = False) -> Md:
        """Whose words a fact's quote is in, as its sources give it: 'in the words of
        Arland' (a direct quote), 'according to US NSC (John Kirby)' (reported speech),
        'the report, about Vladimir Putin' (the document's own words about the actor),
        'the report' (the document's own words). An attribution the editors made says so,
        with their reason: 'attributed by the editors to John Kirby (reason: ...)'."""
        text = self._voice(record, linked=True, short=False)
        return Md(text[:1].upper() + text[1:] if capital else text)

    def by_voice(
        self, actor_id: str, fact_ids: list[str]
    ) -> tuple[list[str], list[str], list[str]]:
        """An actor's facts: in its words, in words the editors attribute to it, and only
        about it (see :func:`voices.split_by_voice`)."""
        return voices.split_by_voice(self.content, actor_id, fact_ids)

    def _attribution(self, record: Cited, *, linked: bool) -> str | None:
        """'US NSC (John Kirby)': who the fact is attributed to, and the speaker; linked
        to their Sources entries, or plain text (for a tooltip); None: nobody."""
        actor_id = record.attributed_to
        if actor_id is None:
            return None
        speaker = record.speaker if isinstance(record, Claim) else None
        if linked:
            names = str(self.actor(actor_id))
            return f"{names} ({self.actor(speaker)})" if speaker else names
        names = self.content.actor(actor_id).name
        return f"{names} ({self.content.actor(speaker).name})" if speaker else names

    def _editors(self, record: Cited, lead: str) -> str:
        """', attributed by the editors (reason: ...)' for an attribution the editors
        made ('; ...' inside parentheses); empty for one the source makes."""
        reason = voices.editors_reason(record)
        if reason is None:
            return ""
        return f"{lead} attributed by the editors (reason: {self.escape(reason)})"

    def _voice(self, record: Cited, *, linked: bool, short: bool) -> str:
        """:meth:`voice`, linked Markdown or plain text; ``short``: an attribution of the
        editors' without its reason ('according to Arland (attributed by the editors)')."""
        reason = voices.editors_reason(record)
        shown = None if short or reason is None else self.escape(reason) if linked else reason
        return voices.phrase(record, self._attribution(record, linked=linked), shown)

    def _voice_text(self, record: Cited, *, capital: bool = False) -> str:
        """:meth:`voice` as plain text, short (a tooltip's), capitalised if asked."""
        text = self._voice(record, linked=False, short=True)
        return text[:1].upper() + text[1:] if capital else text

    def when(self, when: When | None, fallback: str = "not stated") -> Md:
        """A resolved date in a fixed format, with the source's words beside it."""
        if when is None:
            return Md(f"_{self.escape(fallback)}_")
        label = self.escape(when.label())
        if when.text:
            words = self.quoted(when.text)
            return Md(f"{label} ({words})" if when.resolved else words)
        return label

    def figure(self, estimate: Estimate) -> Md:
        """An estimate's figure, as claimed: 'at least 3,000'."""
        return self.escape(figure(estimate))

    def standing(self, standing: Standing, age: bool = True) -> Md:
        """One claimant's latest figure in a comparison (Home, the deployment page): the
        figure, or the running total with its parts; what it counts and where; the source's
        hedge; who claims it and when; a citation of each document of each part."""
        estimate = standing.estimate
        parts = standing.total.parts if standing.total else (estimate,)
        counted = self._counted(estimate, self.escape)
        if standing.total is not None:
            each = " and ".join(self.figure(part) for part in parts)
            head = f"{self.escape(total_figure(standing.total))} {counted} in all ({each})"
        else:
            head = f"{self.figure(estimate)} {counted}"
        hedges = dict.fromkeys(part.hedge for part in parts if part.hedge)
        hedge = "".join(f" ({self.quoted(h)})" for h in hedges if h)
        if estimate.claimed is not None and estimate.claimed.resolved:
            said = f"said {self.when(estimate.claimed)}"
        else:
            published = self.content.document(estimate.document).published
            said = f"reported {self.escape(published.label())}"
        cites = " ".join(self.cite_all(part) for part in parts)
        old = self._age(estimate) if age else ""
        return Md(f"{head}{hedge}, by {self.who(estimate)}, {said}{old} {cites}")

    def _counted(self, estimate: Estimate, escape: Callable[[str], str]) -> str:
        """What a figure counts and where, as the vocabulary says it: 'sent to Russia'."""
        where = scope_words(self.content, estimate)
        counts = self.content.vocabulary.label("counts", estimate.counts)
        return counts + (f" {escape(where)}" if where else "")

    def brief(self, standing: Standing, age: bool = True) -> Md:
        """One claimant's figure in a line, for a page that lists many (an edition's): the
        figure or running total linked to its row, who and when, and a short citation of
        each document of each part (:meth:`sources`); no endnotes."""
        estimate = standing.estimate
        parts = standing.total.parts if standing.total else (estimate,)
        counted = self._counted(estimate, str)
        if standing.total is not None:
            head = f"{total_figure(standing.total)} {counted} in all"
        else:
            head = f"{figure(estimate)} {counted}"
        hedges = dict.fromkeys(part.hedge for part in parts if part.hedge)
        hedge = "".join(f" ({self.quoted(h)})" for h in hedges if h)
        said = self.record.said(estimate)
        when = f", {self.escape(said.label())}" if said is not None else ""
        old = self._age(estimate) if age else ""
        sources = " ".join(self.sources(part) for part in parts)
        who = self._short(estimate.attributed_to)
        return Md(f"{self.link(estimate.id, head)}{hedge} by {who}{when}{old} {sources}")

    def _short(self, actor_id: str | None) -> str:
        """An actor's short name (or name), plain; '_the report_' for none."""
        if actor_id is None:
            return str(self.actor(None))
        actor = self.content.actor(actor_id)
        return str(self.escape(actor.short or actor.name))

    def sources(self, fact: Cited | str) -> Md:
        """A short citation of each document reporting a fact (a record, or its id) by the
        page's cut-off: 'S3', linking to that document's words about it on the Sources
        page; no endnote. For lines that list many facts (an edition's changes)."""
        record = self.content.ids[fact].record if isinstance(fact, str) else fact
        if not isinstance(record, Cited):
            raise ValueError(f"{record.id!r} is not a cited fact")
        self.facts.add(record.id)
        links = []
        for n, citation in enumerate(self.record.citations(record)):
            number = self.index.document_number[citation.document]
            if n == 0:
                target = f"{self.url(self.evidence(record.id))}#ev-{slug(record.id)}"
            else:
                target = self._further_target(record.id, citation.document)
            links.append(f"[S{number}]({target})")
        return Md(" ".join(links))

    def source(self, fact_id: str, document_id: str) -> Md:
        """A short citation of one document's passage about a fact (a later status, a
        further report): 'S2', linking to it on the Sources page; no endnote."""
        self.facts.add(fact_id)
        number = self.index.document_number[document_id]
        record = self.content.ids[fact_id].record
        if isinstance(record, Cited) and record.document == document_id:
            target = f"{self.url(self.evidence(fact_id))}#ev-{slug(fact_id)}"
        else:
            target = self._further_target(fact_id, document_id)
        return Md(f"[S{number}]({target})")

    def _age(self, estimate: Estimate) -> str:
        """', 41 days old at the cut-off' for a figure claimed longer
        before the cut-off (the page's edition's, else the latest) than the briefing's
        ``stale_after``; empty for a recent one or one of no known date."""
        cutoff = self.record.cutoff or self.content.edition.cutoff.end
        said = self.record.said(estimate)
        if said is None:
            return ""
        days = (cutoff - said.end).days
        if days <= self.content.briefing.stale_after:
            return ""
        return f", {days} days old at the cut-off"

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

    def cite_all(self, record: Cited) -> Md:
        """A numbered citation for each document reporting a fact: the first, then each of
        ``also_reported_in`` (each an endnote with that document's words)."""
        known = self.record.citations(record)[1:]  # of documents published by the cut-off
        parts = [self.cite(record), *(self.cite_further(record, c) for c in known)]
        return Md(" ".join(parts))

    def cite_further(self, record: Cited, further: Citation | Update) -> Md:
        """A numbered citation of another document's words about a fact: a further citation
        of it, or a later status of it; the link leads to that document on the Sources page."""
        note = self._note(record, further)
        self.facts.add(record.id)
        if isinstance(further, Update):  # a later status: the update's own voice
            said = further.attributed_to
            who = f"According to {self.content.actor(said).name}" if said else "The report"
        else:  # the same claim in another document: in the claim's voice
            who = self._voice_text(record, capital=True)
        tip = attribute(f"{who}: {quoted_text(further.quote)}")
        target = self._further_target(record.id, further.document)
        return Md(f'[[{note.number}]]({target} "{tip}"){{: .cite }}')

    def _further_target(self, fact_id: str, document_id: str) -> str:
        """The link to a further passage of a fact on its document's Sources entry (its
        anchor: ``ev-<fact>--<document>``; ids have single hyphens, so none is the same)."""
        page = self.index.document_page.get(document_id, "sources.md")
        return f"{self.url(page)}#ev-{slug(fact_id)}--{slug(document_id)}"

    def cite_passage(self, fact_id: str, document_id: str, quote: str) -> Md:
        """A numbered citation of one document's passage for a fact: its first document's
        (as :meth:`cite`), a later status of a stage or phase, or a further report of either;
        found by document and words, it is an endnote of its own with that document, those
        words and whose they are (the update's originator for a status; see
        :meth:`cite_further`). For an update, which has no id of its own."""
        record = self.content.ids[fact_id].record
        if not isinstance(record, Cited):
            raise ValueError(f"{fact_id!r} is not a cited fact")
        if (document_id, quote) == (record.document, record.quote):
            return self.cite(record)
        updates: list[Update] = list(record.updates) if isinstance(record, Stage | Phase) else []
        passage: Citation | Update = Citation(document=document_id, quote=quote)
        for update in updates:
            if (update.document, update.quote) == (document_id, quote):
                passage = update
                break
            if any((c.document, c.quote) == (document_id, quote) for c in update.citations):
                # A further report of the update: in the update's voice, with its words.
                change = {"document": document_id, "quote": quote, "also_reported_in": []}
                passage = update.model_copy(update=change)
                break
        return self.cite_further(record, passage)

    def _note(self, record: Cited, further: Citation | Update | None) -> Note:
        """The endnote of a fact's passage (its first document's, or ``further``): one per
        passage on the page, numbered in the order first cited, naming each fact cited to it."""
        passage = further or record
        key = passage_key(passage.document, passage.quote)
        note = self.notes.get(key)
        if note is None:
            note = self.notes[key] = Note(len(self.notes) + 1, passage.document, passage.quote)
        if all(cited.fact_id != record.id for cited in note.facts):
            note.facts.append(NoteFact(record.id, record, further))
        return note

    def quoted(self, text: str) -> Md:
        """Fact text in curly double quotes, its own double quotes nested as single ones:
        'the “Washington Post”' -> '“the ‘Washington Post’”'; escaped."""
        return quoted(text, self.escape)

    def quote(self, record: Cited, prefix: str = "") -> Md:
        """A fact's words in its first document, quoted where the page shows the fact (its
        anchor is ``prefix`` + the fact's slug); see :meth:`passage`."""
        return self.passage(record.document, record.quote, f"{prefix}{slug(record.id)}", record.id)

    def passage(
        self, document_id: str, words: str, anchor: str | None = None, fact_id: str = ""
    ) -> Md:
        """A document's words, quoted (:meth:`quoted`), once a page: the first time; after
        that, a pointer to where they were ('the same words as for [fact](#anchor)'). The
        page's endnote of the passage then does not quote it again."""
        key = passage_key(document_id, words)
        first = self.shown.get(key)
        if first is None:
            self.shown[key] = (anchor, fact_id)
            return self.quoted(words)
        where, first_fact = first
        if where is None or not first_fact:
            return Md("the same words as above")
        label = self.escape(fact_title(self.content, first_fact))
        return Md(f"the same words as for [{label}](#{where})")

    def _note_target(self, cited: NoteFact) -> str:
        """Where a note's fact leads: its passage's row on the Sources page."""
        if cited.further is None:
            return f"{self.url(self.evidence(cited.fact_id))}#ev-{slug(cited.fact_id)}"
        return self._further_target(cited.fact_id, cited.further.document)

    def _note_voice(self, cited: NoteFact, capital: bool) -> str:
        """Whose words a note's passage is for one of its facts (see :meth:`voice`)."""
        further = cited.further
        if isinstance(further, Update):
            said = further.attributed_to
            text = f"according to {self.actor(said)}" if said else "the report"
            return text[:1].upper() + text[1:] if capital else text
        return str(self.voice(cited.record, capital=capital))

    def _document_line(self, document_id: str) -> str:
        """'From [S1](...) (its title, 25 Oct 2024):', heading a document's endnotes."""
        document = self.content.document(document_id)
        number = self.index.document_number[document_id]
        page = self.index.document_page.get(document_id)
        target = self.url(page) if page else f"{self.url('sources.md')}#{slug(document_id)}"
        title = self.quoted(document.title)
        return f"From [S{number}]({target}) ({title}, {self.escape(document.published.label())}):"

    def _note_text(self, note: Note) -> str:
        """One endnote: whose words, the passage (unless the page quotes it already), and
        the facts it is cited for, each linking to the passage on the Sources page."""
        quoted_here = passage_key(note.document, note.quote) in self.shown
        facts = [
            (f"[{self.escape(fact_title(self.content, c.fact_id))}]({self._note_target(c)})", c)
            for c in note.facts
        ]
        voices = [self._note_voice(c, capital=True) for c in note.facts]
        words = "quoted above" if quoted_here else str(self.quoted(note.quote))
        if len(set(voices)) == 1:
            sep = ", " if quoted_here else ": "
            listed = "; ".join(link for link, _ in facts)
            return f"{voices[0]}{sep}{words} ({listed})"
        listed = "; ".join(f"{link}: {self._note_voice(c, capital=False)}" for link, c in facts)
        return f"{words[:1].upper()}{words[1:]} ({listed})"

    def endnotes(self) -> Md:
        """The page's citations as numbered endnotes (shown on screen and in print), one per
        passage, under the document they quote (once for each run of notes citing it), each
        saying whose words it quotes as :meth:`voice` does ('According to NATO: “...”') and
        naming the facts it is cited for."""
        if not self.notes:
            return Md("")
        lines = ["## Notes", ""]
        notes = sorted(self.notes.values(), key=lambda n: n.number)
        runs: list[list[Note]] = []
        for note in notes:
            if runs and runs[-1][0].document == note.document:
                runs[-1].append(note)
            else:
                runs.append([note])
        for run in runs:
            lines += [self._document_line(run[0].document), ""]
            if run[0].number == 1:
                lines += [f"{note.number}. {self._note_text(note)}" for note in run]
            else:  # Python-Markdown numbers every list from 1: the number, in HTML
                lines.append(f'<ol class="notes" start="{run[0].number}" markdown>')
                lines += [f"<li markdown>{self._note_text(note)}</li>" for note in run]
                lines.append("</ol>")
            lines.append("")
        return Md("\n".join(lines))
