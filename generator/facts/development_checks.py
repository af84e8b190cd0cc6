"""Errors in how claims develop, each at the field that is wrong:

- a relation (``supersedes``, ``corrects``, ``disputes``) naming its own claim, going round
  in a cycle, superseding another claimant's claim or a claim of another kind, or replacing
  a claim made after it;
- a further citation (``also_reported_in``) of a document already cited, or earlier than
  the first;
- a status update reported before the status it follows;
- a figure's words without the rule that reads them, or a rule without words; ``adds_to``
  across measures;
- a quote (``voice: quote``) or an inferred attribution with nobody to attribute it to;
- a confirmation, denial or non-denial that does not say what it is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.errors import Problem
from generator.facts.consistency import Facts
from generator.facts.content import Placed
from generator.facts.dates import When
from generator.facts.developments import said_on
from generator.facts.model import (
    Claim,
    Deployment,
    Document,
    Estimate,
    Evidence,
    Phase,
    PhaseUpdate,
    Reaction,
    Stage,
    StageUpdate,
)

_REPLACES = ("supersedes", "corrects")


def _published(facts: Facts, document_id: str) -> When | None:
    placed = facts.ids.get(document_id)
    if placed is None or not isinstance(placed.record, Document):
        return None
    return placed.record.published if placed.record.published.resolved else None


def _said_on(facts: Facts, record: Evidence) -> tuple[dt.date, dt.date] | None:
    when = said_on(record, lambda document_id: _published(facts, document_id))
    return (when.start, when.end) if when is not None else None


def _relations(facts: Facts) -> Iterator[Problem]:
    for placed in facts.of(Claim):
        claim = placed.record
        assert isinstance(claim, Claim)
        lists = {"supersedes": claim.supersedes, "corrects": claim.corrects}
        lists["disputes"] = claim.disputes
        for relation, targets in lists.items():
            for index, target_id in enumerate(targets):
                where = (relation, index) if len(targets) > 1 else (relation,)
                problem = _relation_problem(facts, claim, relation, target_id)
                if problem is not None:
                    yield facts.error(placed, where, *problem)


def _relation_problem(
    facts: Facts, claim: Claim, relation: str, target_id: str
) -> tuple[str, str] | None:
    if target_id == claim.id:
        return (
            f"claim '{claim.id}' {relation} itself",
            f"'{relation}' names another claim; remove '{target_id}'",
        )
    target = facts.ids.get(target_id)
    if target is None or not isinstance(target.record, Evidence):
        return None  # an unknown id: the references say so
    other = target.record
    if relation == "supersedes":
        if type(other) is not type(claim):
            return (
                f"{type(claim).__name__.lower()} '{claim.id}' supersedes "
                f"{type(other).__name__.lower()} '{target_id}', a claim of another kind",
                "a claim supersedes an earlier claim of its own kind (a figure an earlier "
                "figure); otherwise use 'corrects' or 'disputes'",
            )
        if other.attributed_to != claim.attributed_to:
            theirs = f"'{other.attributed_to}'" if other.attributed_to else "the document"
            return (
                f"claim '{claim.id}' supersedes '{target_id}', a claim by another claimant "
                f"({theirs})",
                "a claimant supersedes only its own earlier claim; for another's, use "
                "'corrects' or 'disputes'",
            )
    if relation in _REPLACES:
        made, made_before = _said_on(facts, claim), _said_on(facts, other)
        if made is not None and made_before is not None and made[1] < made_before[0]:
            return (
                f"claim '{claim.id}' {relation} '{target_id}', which was made later "
                f"({made_before[0].isoformat()}, this one {made[0].isoformat()})",
                f"a claim {relation} only an earlier one: swap them, or use 'disputes'",
            )
    return None


def _cycles(facts: Facts) -> Iterator[Problem]:
    """Each cycle of supersedes/corrects, once, at its first claim."""
    edges: dict[str, list[str]] = {}
    for placed in facts.of(Claim):
        claim = placed.record
        assert isinstance(claim, Claim)
        targets = [t for t in (*claim.supersedes, *claim.corrects) if t != claim.id]
        if targets:
            edges[claim.id] = targets
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        cycle = _cycle_from(start, edges)
        if cycle is None or frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        first = min((facts.ids[i] for i in cycle), key=lambda p: (p.path, p.line, p.column))
        at = cycle.index(first.record.id)
        shown = " -> ".join([*cycle[at:], *cycle[:at], first.record.id])
        yield facts.error(
            first,
            (),
            f"'supersedes'/'corrects' go round in a cycle: {shown}",
            "a claim replaces only earlier ones: remove the relation from the earliest",
        )


def _cycle_from(start: str, edges: dict[str, list[str]]) -> list[str] | None:
    trail: list[str] = [start]
    stack = [iter(edges.get(start, []))]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            trail.pop()
        elif step == start:
            return list(trail)
        elif step not in trail and step in edges:
            trail.append(step)
            stack.append(iter(edges[step]))
    return None


def _citations(facts: Facts) -> Iterator[Problem]:
    for placed in facts.of(Evidence):
        record = placed.record
        assert isinstance(record, Evidence)
        yield from _further_citations(facts, placed, record, ())
        if isinstance(record, (Stage, Phase)):
            for index, update in enumerate(record.updates):
                yield from _further_citations(facts, placed, update, ("updates", index))


def _further_citations(
    facts: Facts, placed: Placed, record: Evidence, at: tuple[str | int, ...]
) -> Iterator[Problem]:
    seen = {record.document}
    first = _published(facts, record.document)
    for index, citation in enumerate(record.also_reported_in):
        where = (*at, "also_reported_in", index, "document")
        if citation.document in seen:
            yield facts.error(
                placed,
                where,
                f"document '{citation.document}' is already cited for this fact",
                "cite each document once; keep the passage that says it best",
            )
        seen.add(citation.document)
        published = _published(facts, citation.document)
        if first is not None and published is not None and published.end < first.start:
            yield facts.error(
                placed,
                where,
                f"document '{citation.document}' ({published.label()}) is earlier than the "
                f"first document cited, '{record.document}' ({first.label()})",
                "put the earliest document in 'document' and 'quote', the later ones in "
                "'also_reported_in'",
            )


def _updates(facts: Facts) -> Iterator[Problem]:
    for placed in facts.of(Evidence):
        step = placed.record
        if not isinstance(step, (Stage, Phase)):
            continue
        previous, previous_id = _published(facts, step.document), step.document
        updates: list[StageUpdate | PhaseUpdate] = list(step.updates)
        for index, update in enumerate(updates):
            published = _published(facts, update.document)
            if published is None:
                continue
            if previous is not None and published.end < previous.start:
                yield facts.error(
                    placed,
                    ("updates", index, "document"),
                    f"this status of '{step.id}' comes from '{update.document}' "
                    f"({published.label()}), earlier than the status before it "
                    f"('{previous_id}', {previous.label()})",
                    "list the updates in the order their documents were published, after the "
                    "first status",
                )
            when = update.when if update.when is not None and update.when.resolved else None
            vocabulary = "stage_statuses" if isinstance(step, Stage) else "phase_statuses"
            settled = facts.vocabulary.progress(vocabulary, update.status) == "done"
            if settled and when is not None and when.start > published.end:
                yield facts.error(
                    placed,
                    ("updates", index, "when"),
                    f"'{step.id}' is {update.status} on {when.label()}, after the document "
                    f"'{update.document}' of {published.label()} that says so",
                    "a document reports only what happened by its date: correct the date or "
                    "the status",
                )
            previous, previous_id = published, update.document


def _figures(facts: Facts) -> Iterator[Problem]:
    for placed in facts.of(Deployment):
        deployment = placed.record
        assert isinstance(deployment, Deployment)
        by_id = {e.id: e for e in deployment.estimates}
        for estimate in deployment.estimates:
            where = facts.ids.get(estimate.id)
            if where is None or where.record is not estimate:
                continue
            yield from _words(facts, where, estimate)
            target = by_id.get(estimate.adds_to) if estimate.adds_to else None
            mine = estimate.measure or deployment.measure
            if target is not None and (target.measure or deployment.measure) != mine:
                yield facts.error(
                    where,
                    ("adds_to",),
                    f"estimate '{estimate.id}' adds to '{target.id}', which counts another measure",
                    "a figure adds only to one of the same measure",
                )


def _words(facts: Facts, placed: Placed, estimate: Estimate) -> Iterator[Problem]:
    numbered = estimate.value is not None or estimate.low is not None
    if estimate.words is not None and numbered and estimate.rule is None:
        yield facts.error(
            placed,
            ("words",),
            f"estimate '{estimate.id}' reads '{estimate.words}' as a figure without saying how",
            "add 'rule': how the words were read (e.g. 'hundreds read as 200 to 999')",
        )
    if estimate.rule is not None and estimate.words is None:
        yield facts.error(
            placed,
            ("rule",),
            f"estimate '{estimate.id}' has a 'rule' but no 'words' for it to read",
            "add 'words': the source's own words for the figure; or remove 'rule'",
        )


def _voices(facts: Facts) -> Iterator[Problem]:
    for placed in facts.of(Claim):
        claim = placed.record
        assert isinstance(claim, Claim)
        if claim.voice == "quote" and claim.attributed_to is None:
            yield facts.error(
                placed,
                ("voice",),
                f"claim '{claim.id}' is a quote of nobody",
                "a quote is someone's words: name the 'originator'; or say 'narration'",
            )
        if claim.inferred is not None and not claim.actor_roles:
            yield facts.error(
                placed,
                ("inferred",),
                f"claim '{claim.id}' gives a reason for an attribution it does not make",
                "'inferred' explains why the editors name the 'originator' or 'speaker': name "
                "one, or remove 'inferred'",
            )
        if (
            isinstance(claim, Reaction)
            and facts.vocabulary.needs_subject(claim.kind)
            and not claim.responds_to
            and claim.about is None
        ):
            yield facts.error(
                placed,
                ("kind",),
                f"{claim.kind} '{claim.id}' does not say what it is about",
                "name the fact it answers in 'responds_to', or say it in 'about'",
            )


def development_problems(facts: Facts) -> list[Problem]:
    """Every error in how the claims develop (see the module's text)."""
    checks = (_relations, _cycles, _citations, _updates, _figures, _voices)
    return [problem for check in checks for problem in check(facts)]
