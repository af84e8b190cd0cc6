"""Errors of consistency between records that validated: each at the field that is wrong.

- ``adds_to`` that names its own estimate, or goes round in a cycle;
- ``responds_to`` that names its own reaction;
- treaty stages dated out of their order (the signature first);
- a claim dated after the document that reports it: an estimate's ``claimed``, a reaction,
  a signature, a stage ``done`` or a phase ``completed`` (one still to come may be later);
- an id that is also an anchor the Sources page makes (``ev-`` and a cited fact's id);
- a glossary term defined twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.errors import Problem
from generator.facts.content import Placed
from generator.facts.dates import When
from generator.facts.loader import FactFile, Loc
from generator.facts.model import (
    Actor,
    Document,
    Estimate,
    Evidence,
    Measure,
    Phase,
    Place,
    Reaction,
    Signature,
    Stage,
    Treaty,
)
from generator.facts.vocabulary import Vocabulary

EVIDENCE_ANCHOR = "ev-"
"""The Sources page's anchor of a cited fact's evidence is this and the fact's id."""


@dataclass(frozen=True)
class Facts:
    """The records that validated, their index and files: what each check reads."""

    records: list[Placed]
    ids: dict[str, Placed]
    files: dict[str, FactFile]
    vocabulary: Vocabulary = field(default_factory=Vocabulary.of)

    def error(self, placed: Placed, field: Loc, message: str, hint: str) -> Problem:
        """A problem at ``field`` of the record ``placed`` (at its id for ``()``)."""
        if not field:
            return Problem(placed.path, placed.line, placed.column, message, hint)
        line, column = self.files[placed.path].place((*placed.loc, *field))
        return Problem(placed.path, line, column, message, hint)

    def of(self, kind: type) -> Iterator[Placed]:
        return (p for p in self.records if isinstance(p.record, kind))


def _self_references(facts: Facts) -> Iterator[Problem]:
    for placed in facts.of(Estimate):
        estimate = placed.record
        assert isinstance(estimate, Estimate)
        if estimate.adds_to == estimate.id:
            yield facts.error(
                placed,
                ("adds_to",),
                f"estimate '{estimate.id}' adds to itself",
                "'adds_to' names an earlier estimate this figure comes on top of; remove it, "
                "or name that one",
            )
    for placed in facts.of(Reaction):
        reaction = placed.record
        assert isinstance(reaction, Reaction)
        for index, fact_id in enumerate(reaction.responds_to):
            if fact_id == reaction.id:
                yield facts.error(
                    placed,
                    ("responds_to", index),
                    f"reaction '{reaction.id}' responds to itself",
                    f"'responds_to' names the facts it answers; remove '{fact_id}'",
                )


def _adds_to_cycles(facts: Facts) -> Iterator[Problem]:
    """Each cycle of ``adds_to`` (of two estimates or more), once, at its first estimate."""
    seen: set[str] = set()
    for placed in sorted(facts.of(Estimate), key=lambda p: (p.path, p.line, p.column)):
        trail: list[str] = []
        current: str | None = placed.record.id
        while current is not None and current not in seen and current not in trail:
            trail.append(current)
            target = facts.ids.get(current)
            step = target.record.adds_to if target and isinstance(target.record, Estimate) else None
            current = step if step != current else None
        seen.update(trail)
        if current is None or current not in trail or len(trail) - trail.index(current) < 2:
            continue
        cycle = trail[trail.index(current) :]
        first = min((facts.ids[i] for i in cycle), key=lambda p: (p.path, p.line, p.column))
        at = cycle.index(first.record.id)
        shown = " -> ".join([*cycle[at:], *cycle[:at], first.record.id])
        yield facts.error(
            first,
            ("adds_to",),
            f"'adds_to' goes round in a cycle: {shown}",
            "each figure comes on top of an earlier one: remove 'adds_to' from the earliest",
        )


def _dated(when: When | None) -> When | None:
    return when if when is not None and when.resolved else None


def _stage_order(facts: Facts) -> Iterator[Problem]:
    """A stage dated before one listed earlier (the signature is the first stage)."""
    for placed in facts.of(Treaty):
        treaty = placed.record
        assert isinstance(treaty, Treaty)
        steps: list[Signature | Stage] = [treaty.signature] if treaty.signature else []
        latest: Signature | Stage | None = None
        for step in [*steps, *treaty.stages]:
            when = _dated(step.when)
            if when is None:
                continue
            before = _dated(latest.when) if latest is not None else None
            if latest is not None and before is not None and when.end < before.start:
                where = facts.ids.get(step.id)
                if where is not None and where.record == step:
                    what = "the signature" if isinstance(latest, Signature) else "stage"
                    yield facts.error(
                        where,
                        ("when",),
                        f"stage '{step.id}' is dated {when.label()}, before {what} "
                        f"'{latest.id}' ({before.label()}), listed before it",
                        "list the stages in the order they happen, the signature first; "
                        "or correct a date",
                    )
            if before is None or when.start > before.start:
                latest = step


def _claim_date(record: object, vocabulary: Vocabulary) -> tuple[str, str, When | None] | None:
    """A claim's kind, date field and date, if a document cannot report it as later."""
    if isinstance(record, Estimate):
        return "estimate", "claimed", record.claimed
    if isinstance(record, Reaction):
        return "reaction", "when", record.when
    if isinstance(record, Signature):
        return "signature", "when", record.when
    if isinstance(record, Stage) and vocabulary.progress("stage_statuses", record.status) == "done":
        return "stage", "when", record.when
    if isinstance(record, Phase) and vocabulary.progress("phase_statuses", record.status) == "done":
        return "phase", "when", record.when
    return None


def _after_document(facts: Facts) -> Iterator[Problem]:
    for placed in facts.of(Evidence):
        found = _claim_date(placed.record, facts.vocabulary)
        if found is None or not isinstance(placed.record, Evidence):
            continue
        document = facts.ids.get(placed.record.document)
        if document is None or not isinstance(document.record, Document):
            continue
        kind, field, when = found
        dated, published = _dated(when), _dated(document.record.published)
        if dated is None or published is None or dated.start <= published.end:
            continue
        still = " or, if it is still to come, its status" if kind in ("stage", "phase") else ""
        yield facts.error(
            placed,
            (field,),
            f"{kind} '{placed.record.id}' is dated {dated.label()} ('{field}'), after its "
            f"document '{document.record.id}' of {published.label()}",
            f"a document reports only what happened by its date: correct the date{still}, "
            "or cite the document that reports it",
        )


def _anchors(facts: Facts) -> Iterator[Problem]:
    """An actor, document, place or measure whose id is the Sources page's anchor of a fact's
    evidence (``ev-`` and the fact's id): the page would hold the id twice."""
    for placed in facts.records:
        record_id = placed.record.id
        if not isinstance(placed.record, (Actor, Document, Place, Measure)):
            continue
        fact = facts.ids.get(record_id.removeprefix(EVIDENCE_ANCHOR))
        if record_id.startswith(EVIDENCE_ANCHOR) and fact and isinstance(fact.record, Evidence):
            yield facts.error(
                placed,
                (),
                f"id '{record_id}' would repeat the anchor the Sources page gives the evidence "
                f"of fact '{fact.record.id}'",
                f"pick an id that does not start with '{EVIDENCE_ANCHOR}'",
            )


def _glossary(files: dict[str, FactFile]) -> Iterator[Problem]:
    """A term defined twice (read from the files, so a file with other problems counts)."""
    first: dict[str, tuple[str, int, int]] = {}
    for fact_file in files.values():
        entries = fact_file.data.get("glossary") if isinstance(fact_file.data, dict) else None
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            term = entry.get("term") if isinstance(entry, dict) else None
            if not isinstance(term, str):
                continue
            line, column = fact_file.place(("glossary", index, "term"))
            if term not in first:
                first[term] = (fact_file.path, line, column)
                continue
            path, at_line, at_column = first[term]
            yield Problem(
                fact_file.path,
                line,
                column,
                f"term '{term}' is already defined at {path}:{at_line}:{at_column}",
                "keep one definition per term: a page shows one meaning for it",
            )


def consistency_problems(facts: Facts) -> list[Problem]:
    """Every error of consistency between the records that validated."""
    checks = (_self_references, _adds_to_cycles, _stage_order, _after_document)
    found = [problem for check in checks for problem in check(facts)]
    return found + list(_anchors(facts)) + list(_glossary(facts.files))
