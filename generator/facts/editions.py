"""Editions: the record cut at each edition's data cut-off, and what changed between two
cuts. Computed from the facts, never written: an edition shows what documents published by
its cut-off reported, and its changes are the difference from the previous edition's cut.

A fact counts from the day its first document was published; a further report of it, or a
later status of a stage or phase, from the day of its own document.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.facts.content import Content
from generator.facts.developments import Developments, Link, Standing, scope_key
from generator.facts.model import (
    Citation,
    Cited,
    Deployment,
    Document,
    Edition,
    Estimate,
    Evidence,
    Phase,
    PhaseUpdate,
    Reaction,
    Stage,
    StageUpdate,
)


@dataclass(frozen=True)
class NewFigure:
    """A figure first reported since the previous edition, with the figures it may be set
    beside as they stood then (each claimant's latest current one: same measure, kind of
    count and scope)."""

    deployment: Deployment
    standing: Standing
    """The new figure (with its running total, if it adds to earlier ones)."""
    earlier: tuple[Standing, ...]


@dataclass(frozen=True)
class StatusMove:
    """A stage or phase whose status moved since the previous edition: from the status it
    had then to the one it has now, as the latest update since says."""

    step: Stage | Phase
    before: str
    after: str
    update: StageUpdate | PhaseUpdate


@dataclass(frozen=True)
class FurtherReport:
    """A fact reported earlier, reported again by a document published since."""

    record: Cited
    citation: Citation


@dataclass(frozen=True)
class Changes:
    """What changed between the previous edition's cut-off and this one's: every list
    holds only what documents published in between reported."""

    previous: Edition | None
    """None: the first edition, which changes nothing (its facts are all new)."""
    documents: tuple[Document, ...] = ()
    figures: tuple[NewFigure, ...] = ()
    reactions: tuple[Reaction, ...] = ()
    facts: tuple[Cited, ...] = ()
    """Other facts first reported since (events, stages, phases, notes, provisions...)."""
    relations: tuple[Link, ...] = ()
    """Claims superseded, corrected or disputed by claims reported since."""
    statuses: tuple[StatusMove, ...] = ()
    reports: tuple[FurtherReport, ...] = ()

    @property
    def empty(self) -> bool:
        parts = (self.documents, self.figures, self.reactions, self.facts, self.relations)
        return not any((*parts, self.statuses, self.reports))


@dataclass(frozen=True)
class Cut:
    """One edition, with its neighbours and the record as it stood at its cut-off."""

    edition: Edition
    previous: Edition | None
    next: Edition | None
    record: Developments
    known: int
    """How many cited facts it shows (reported by its cut-off)."""
    sources: int
    """How many documents were published by its cut-off."""


@dataclass
class Editions:
    """Every edition of a briefing, and what each one shows and changes."""

    content: Content
    developments: Developments
    _facts: list[tuple[dt.date, str]] = field(init=False, default_factory=list)
    _documents: list[tuple[dt.date, str]] = field(init=False, default_factory=list)
    _parents: dict[str, Deployment] = field(init=False, default_factory=dict)
    _passages: list[tuple[dt.date, str, str]] = field(init=False, default_factory=list)
    """(day, fact id, document id) of each further report and each later status."""
    _order: dict[str, int] = field(init=False, default_factory=dict)
    """Edition id -> its place in :attr:`all`."""
    _changes: dict[str, Changes] = field(init=False, default_factory=dict)
    """Edition id -> what changed in it, once worked out (the pages and the feed ask)."""

    def __post_init__(self) -> None:
        days = self.developments.appeared
        self._facts = sorted((day, fact_id) for fact_id, day in days.items() if day is not None)
        published = {
            d.id: d.published.start for d in self.content.documents if d.published.resolved
        }
        self._documents = sorted((day, document_id) for document_id, day in published.items())
        for deployment in self.content.deployments:
            for estimate in deployment.estimates:
                self._parents[estimate.id] = deployment
        for fact_id, placed in self.content.ids.items():
            record = placed.record
            if not isinstance(record, Evidence):
                continue
            later = [c.document for c in record.also_reported_in]
            if isinstance(record, Stage | Phase):
                later += [c.document for u in record.updates for c in u.citations]
            for document_id in dict.fromkeys(later):
                if document_id in published:
                    self._passages.append((published[document_id], fact_id, document_id))
        self._passages.sort()
        self._order = {edition.id: n for n, edition in enumerate(self.all)}

    @property
    def all(self) -> list[Edition]:
        return self.content.editions

    def cut(self, edition: Edition) -> Cut:
        """The edition, its neighbours and the record at its cut-off."""
        editions = self.all
        index = self._order[edition.id]
        day = edition.cutoff.end
        return Cut(
            edition,
            editions[index - 1] if index else None,
            editions[index + 1] if index + 1 < len(editions) else None,
            self.developments.at(day),
            bisect.bisect_right(self._facts, (day, "\uffff")),
            bisect.bisect_right(self._documents, (day, "\uffff")),
        )

    def after_latest(self) -> int:
        """How many cited facts were first reported after the latest edition's cut-off (or
        by a document with no date): shown on the pages, in no edition yet."""
        day = self.content.edition.cutoff.end
        dated = len(self._facts) - bisect.bisect_right(self._facts, (day, "\uffff"))
        undated = sum(1 for d in self.developments.appeared.values() if d is None)
        return dated + undated

    def _between(
        self, table: list[tuple[dt.date, str]], since: dt.date, until: dt.date
    ) -> list[str]:
        low = bisect.bisect_right(table, (since, "\uffff"))
        high = bisect.bisect_right(table, (until, "\uffff"))
        return [item for _, item in table[low:high]]

    def changes(self, edition: Edition) -> Changes:
        """What changed since the previous edition (the first edition: nothing)."""
        if edition.id not in self._changes:
            self._changes[edition.id] = self._changed(edition)
        return self._changes[edition.id]

    def _changed(self, edition: Edition) -> Changes:
        cut = self.cut(edition)
        if cut.previous is None:
            return Changes(None)
        since, until = cut.previous.cutoff.end, edition.cutoff.end
        before, now = self.developments.at(since), cut.record
        new_ids = self._between(self._facts, since, until)
        ids = self.content.ids
        relations = tuple(
            link for fact_id in new_ids for link in self.developments.stated.get(fact_id, [])
        )
        figures, reactions, facts = [], [], []
        for fact_id in new_ids:
            record = ids[fact_id].record
            if isinstance(record, Estimate) and fact_id in self._parents:
                deployment = self._parents[fact_id]
                standing = Standing(record, now.total(record))
                figures.append(NewFigure(deployment, standing, self._beside(before, record)))
            elif isinstance(record, Reaction):
                reactions.append(record)
            elif isinstance(record, Cited):
                facts.append(record)
        documents = tuple(
            self.content.document(d) for d in self._between(self._documents, since, until)
        )
        window = {d.id for d in documents}
        low = bisect.bisect_right(self._passages, (since, "\uffff", ""))
        high = bisect.bisect_right(self._passages, (until, "\uffff", ""))
        touched = [ids[f].record for f in dict.fromkeys(f for _, f, _ in self._passages[low:high])]
        known: list[Cited] = [r for r in touched if isinstance(r, Cited) and before.known(r.id)]
        return Changes(
            cut.previous,
            documents,
            tuple(figures),
            tuple(reactions),
            tuple(facts),
            relations,
            tuple(self._moves(before, now, window, known)),
            tuple(self._reports(before, window, known)),
        )

    def touched(self, changes: Changes) -> list[Deployment]:
        """The deployments whose figures changed: a new figure, or a relation to or from
        one of their figures; by id."""
        ids = {f.deployment.id for f in changes.figures}
        for link in changes.relations:
            for fact_id in (link.source, link.target):
                if fact_id in self._parents:
                    ids.add(self._parents[fact_id].id)
        return sorted((d for d in self.content.deployments if d.id in ids), key=lambda d: d.id)

    def _beside(self, before: Developments, estimate: Estimate) -> tuple[Standing, ...]:
        """The standings, at the previous cut, of the group the new figure belongs to."""
        deployment = self._parents[estimate.id]
        measure = before.measure(deployment, estimate).id
        for group in before.comparisons(deployment):
            same = (group.measure.id, group.counts) == (measure, estimate.counts)
            if same and scope_key(group.standings[0].estimate) == scope_key(estimate):
                return group.standings
        return ()

    def _moves(
        self, before: Developments, now: Developments, window: set[str], known: list[Cited]
    ) -> Iterator[StatusMove]:
        """Steps known at the previous cut with an update published since that moved them."""
        for step in known:
            if not isinstance(step, Stage | Phase):
                continue
            fresh = [u for u in now.updates(step) if u.document in window]
            if not fresh:
                continue
            was, is_now = before.status(step), now.status(step)
            if was != is_now:
                yield StatusMove(step, was, is_now, fresh[-1])

    @staticmethod
    def _reports(
        before: Developments, window: set[str], known: list[Cited]
    ) -> Iterator[FurtherReport]:
        """Facts known at the previous cut, reported again by a document published since:
        the fact itself, or a status of it that was known then."""
        for record in known:
            if not isinstance(record, Evidence):
                continue
            further = list(record.also_reported_in)
            for update in before.updates(record) if isinstance(record, Stage | Phase) else ():
                further += update.also_reported_in
            for citation in further:
                if citation.document in window:
                    yield FurtherReport(record, citation)
