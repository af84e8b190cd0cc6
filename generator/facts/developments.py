"""How the record develops: relations between claims, status histories, running totals,
and which figures may be compared. Derived from the validated content, never written.

Nothing here merges or drops a claim: a superseded or corrected claim is still on the
record, and is only no longer *current*; a disputed one stays current beside its dispute.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.facts.content import Content
from generator.facts.dates import When
from generator.facts.model import (
    Citation,
    Cited,
    Claim,
    Counts,
    Deployment,
    Estimate,
    Evidence,
    Measure,
    Phase,
    PhaseUpdate,
    Relation,
    Stage,
    StageUpdate,
)

INVERSE: dict[Relation, str] = {
    "supersedes": "superseded by",
    "corrects": "corrected by",
    "disputes": "disputed by",
}
"""How a relation reads from the other end."""


@dataclass(frozen=True)
class Link:
    """One relation on the record: ``source`` (the claim stating it) ``relation`` ``target``."""

    relation: Relation
    source: str
    target: str


@dataclass(frozen=True)
class StatusClaim:
    """One status of a stage or phase, as one document gives it."""

    status: str
    when: When | None
    """When the status took effect, if the document says."""
    document: str
    quote: str
    originator: str | None
    as_of: When
    """The date of the document that says so."""


@dataclass(frozen=True)
class Total:
    """A figure and those it comes on top of ('another 1,500'), added up: 3,000 in all."""

    parts: tuple[Estimate, ...]
    """Oldest first; the last is the latest figure."""
    low: int
    high: int

    @property
    def value(self) -> int | None:
        return self.low if self.low == self.high else None


@dataclass(frozen=True)
class Standing:
    """A claimant's latest current figure in a comparison, with its running total."""

    estimate: Estimate
    total: Total | None
    """Set when the figure adds to earlier ones of the claimant."""


@dataclass(frozen=True)
class Comparison:
    """Figures that may be set beside each other: one measure, one kind of count, one scope."""

    measure: Measure
    counts: Counts
    scope: str | None
    standings: tuple[Standing, ...]
    """Each claimant's latest current figure, in the order the claims were made."""


def said_on(record: Evidence, published: Callable[[str], When | None]) -> When | None:
    """When a claim was made: its resolved ``claimed`` date, else the date ``published``
    gives its first document (None: neither is known)."""
    claimed = record.claimed if isinstance(record, Estimate) else None
    if claimed is not None and claimed.resolved:
        return claimed
    return published(record.document)


def _published(content: Content, document_id: str) -> When | None:
    published = content.document(document_id).published
    return published if published.resolved else None


def _said_on(content: Content, record: Evidence) -> tuple[dt.date, dt.date]:
    """Sort key: when a claim was made (see :func:`said_on`); unknown last."""
    when = said_on(record, lambda document_id: _published(content, document_id))
    return (when.start, when.end) if when is not None else (dt.date.max, dt.date.max)


def appearances(content: Content) -> dict[str, dt.date | None]:
    """Cited fact id -> the day its first document was published (its first day, for a
    vaguer date; None: the document gives no date, so no cut-off includes it)."""
    days: dict[str, dt.date | None] = {}
    for document in content.documents:
        days[document.id] = document.published.start if document.published.resolved else None
    return {
        fact_id: days[placed.record.document]
        for fact_id, placed in content.ids.items()
        if isinstance(placed.record, Cited)
    }


@dataclass
class Developments:
    """The relations on the record, both ways, and what follows from them: on the whole
    record, or (:meth:`at`) on the record as it stood at a data cut-off."""

    content: Content
    links: list[Link] = field(default_factory=list)
    stated: dict[str, list[Link]] = field(default_factory=dict)
    """Fact id -> the relations it states of others."""
    received: dict[str, list[Link]] = field(default_factory=dict)
    """Fact id -> the relations others state of it."""
    appeared: dict[str, dt.date | None] = field(default_factory=dict)
    """Cited fact id -> when it was first reported (:func:`appearances`)."""
    cutoff: dt.date | None = None
    """The data cut-off this view stands at; None: the whole record."""

    def __post_init__(self) -> None:
        self.appeared = appearances(self.content)
        for placed in self.content.ids.values():
            record = placed.record
            if not isinstance(record, Claim):
                continue
            for relation, target in record.relations:
                link = Link(relation, record.id, target)
                self.links.append(link)
                self.stated.setdefault(record.id, []).append(link)
                self.received.setdefault(target, []).append(link)

    def at(self, cutoff: dt.date | None) -> Developments:
        """The record as it stood at ``cutoff``: only facts, further reports, statuses and
        relations of documents published by then (sharing this one's tables)."""
        view = copy.copy(self)
        view.cutoff = cutoff
        return view

    def said(self, record: Evidence) -> When | None:
        """When a claim was made (:func:`said_on`, from this content's documents)."""
        return said_on(record, lambda document_id: _published(self.content, document_id))

    def known(self, fact_id: str) -> bool:
        """Whether a fact had been reported by the cut-off (any fact, on the whole record;
        a record that cites no document, always)."""
        if self.cutoff is None or fact_id not in self.appeared:
            return True
        day = self.appeared[fact_id]
        return day is not None and day <= self.cutoff

    def document_known(self, document_id: str) -> bool:
        """Whether a document had been published by the cut-off."""
        if self.cutoff is None:
            return True
        published = self.content.document(document_id).published
        return published.resolved and published.start <= self.cutoff

    def citations(self, record: Evidence) -> list[Citation]:
        """A fact's citations of documents published by the cut-off, its first one first."""
        return [c for c in record.citations if self.document_known(c.document)]

    def of(self, fact_id: str) -> list[tuple[str, str]]:
        """Every relation touching a fact, as (how it reads from this fact, other id):
        ('supersedes', x), ('corrected by', y), ... the stated ones first."""
        if not self.known(fact_id):
            return []
        out: list[tuple[str, str]] = [
            (link.relation, link.target) for link in self.stated.get(fact_id, [])
        ]
        out += [
            (INVERSE[link.relation], link.source)
            for link in self.received.get(fact_id, [])
            if self.known(link.source)
        ]
        return out

    def replaced_by(self, fact_id: str) -> list[Link]:
        """The claims that supersede or correct this one."""
        return [
            link
            for link in self.received.get(fact_id, [])
            if link.relation in ("supersedes", "corrects") and self.known(link.source)
        ]

    def is_current(self, fact_id: str) -> bool:
        """Neither superseded nor corrected (a disputed claim stays current)."""
        return not self.replaced_by(fact_id)

    def reported_by(self, record: Evidence) -> int:
        """How many documents report a fact."""
        return len({citation.document for citation in self.citations(record)})

    def measure(self, deployment: Deployment, estimate: Estimate) -> Measure:
        """What the figure counts: its own measure, its deployment's, or the force."""
        measure_id = estimate.measure or deployment.measure
        if measure_id is not None:
            record = self.content.ids[measure_id].record
            assert isinstance(record, Measure)
            return record
        # Not written by an editor: the force's words are text, not a title, and stay so.
        force = deployment.force
        return Measure.model_construct(id=f"{deployment.id}-force", name=force, unit=force)

    def total(self, estimate: Estimate) -> Total | None:
        """The running total of a figure that adds to earlier ones; None if it adds to
        none, or if one in the chain gives no number."""
        if estimate.adds_to is None:
            return None
        parts: list[Estimate] = []
        current: Estimate | None = estimate
        while current is not None and current not in parts:
            parts.append(current)
            target = self.content.ids.get(current.adds_to) if current.adds_to else None
            current = target.record if target and isinstance(target.record, Estimate) else None
        lows = [p.value if p.value is not None else p.low for p in parts]
        highs = [p.value if p.value is not None else p.high for p in parts]
        if any(v is None for v in (*lows, *highs)):
            return None
        return Total(
            tuple(reversed(parts)),
            sum(v for v in lows if v is not None),
            sum(v for v in highs if v is not None),
        )

    def comparisons(self, deployment: Deployment) -> list[Comparison]:
        """The deployment's figures in groups that may be compared: each claimant's latest
        current figure (a figure another of its figures adds to is in that one's total);
        by measure (as first met), kind of count (in the order of the 'counts' vocabulary: the
        built-in sent, in training, at the front, present, projected, then the content's),
        then scope."""
        estimates = [e for e in deployment.estimates if self.known(e.id)]
        counts_order = self.content.vocabulary.ids("counts")
        added_to = {e.adds_to for e in estimates if e.adds_to and self.is_current(e.id)}
        groups: dict[tuple[str, Counts, str | None], dict[str | None, Estimate]] = {}
        measures: dict[str, Measure] = {}
        for estimate in self.in_said_order(estimates):
            if not self.is_current(estimate.id) or estimate.id in added_to:
                continue
            measure = self.measure(deployment, estimate)
            measures[measure.id] = measure
            key = (measure.id, estimate.counts, scope_key(estimate))
            groups.setdefault(key, {})[estimate.attributed_to] = estimate
        found = []
        measure_order = list(measures)
        ordered = sorted(
            groups.items(),
            key=lambda item: (
                measure_order.index(item[0][0]),
                counts_order.index(item[0][1]),
                item[0][2] or "",
            ),
        )
        for (measure_id, counts, _), latest in ordered:
            chosen = sorted(latest.values(), key=lambda e: (_said_on(self.content, e), e.id))
            first = chosen[0]
            found.append(
                Comparison(
                    measures[measure_id],
                    counts,
                    first.scope,
                    tuple(Standing(e, self.total(e)) for e in chosen),
                )
            )
        return found

    def in_said_order(self, estimates: list[Estimate]) -> list[Estimate]:
        """Estimates in the order they were claimed: by ``claimed``, else by the date of the
        document that first reported them; then by id."""
        return sorted(estimates, key=lambda e: (_said_on(self.content, e), e.id))

    def updates(self, step: Stage | Phase) -> list[StageUpdate | PhaseUpdate]:
        """A step's later statuses, of documents published by the cut-off."""
        return [u for u in step.updates if self.document_known(u.document)]

    def history(self, step: Stage | Phase) -> list[StatusClaim]:
        """Each status of a step as its documents give it, in the order reported."""
        first = StatusClaim(
            step.status,
            step.when,
            step.document,
            step.quote,
            step.attributed_to,
            self.content.document(step.document).published,
        )
        later = [
            StatusClaim(
                update.status,
                update.when,
                update.document,
                update.quote,
                update.attributed_to,
                self.content.document(update.document).published,
            )
            for update in self.updates(step)
        ]
        return [first, *later]

    def status(self, step: Stage | Phase) -> str:
        """The current status: the latest document's."""
        updates = self.updates(step)
        return updates[-1].status if updates else step.status


def scope_key(estimate: Estimate) -> str | None:
    """What a figure's scope compares as: its place, else its words folded; None: unstated."""
    if estimate.scope_place is not None:
        return f"place:{estimate.scope_place}"
    if estimate.scope is not None:
        return " ".join(estimate.scope.casefold().split())
    return None
