"""Warnings: what is legal but suspicious. Validated facts in, warnings out; nothing else.

A warning never stops a build. Each one is placed at the id of the record it is about, and
belongs to a rule (its id names it in SARIF output, so code hosts can group them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from generator.errors import Problem
from generator.facts.citation_numbers import document_numbers
from generator.facts.claim_warnings import (
    events_after_documents,
    figures_not_quoted,
    speakers_for_others,
    warning,
)
from generator.facts.content import Content
from generator.facts.currency import (
    documents_after_cutoff,
    overdue_steps,
    stale_figures,
    takeaways_carried_over,
    takeaways_not_current,
)
from generator.facts.model import Estimate, Evidence, IndexedRecord

Kind = TypeVar("Kind", bound=IndexedRecord)


@dataclass(frozen=True)
class Rule:
    """One kind of warning: a stable id, what it means, and the check that finds it."""

    id: str
    summary: str
    check: Callable[[Content], Iterator[Problem]]


def _records(content: Content, kind: type[Kind]) -> Iterator[Kind]:
    return (p.record for p in content.ids.values() if isinstance(p.record, kind))


def uncited_documents(content: Content) -> Iterator[Problem]:
    """A document that no fact cites: a source the briefing does not use."""
    cited = {p.record.document for p in content.ids.values() if isinstance(p.record, Evidence)}
    for document in content.documents:
        if document.id not in cited:
            yield warning(
                content,
                document.id,
                f"document '{document.id}' is cited by no fact",
                f"cite it from a fact with 'document: {document.id}', or delete it",
            )


def unnumbered_documents(content: Content) -> Iterator[Problem]:
    """A document without a 'number': its citation number moves if a document is added
    before it in the written order."""
    numbers = document_numbers(content)
    for document in content.documents:
        if document.number is None:
            number = numbers[document.id]
            yield warning(
                content,
                document.id,
                f"document '{document.id}' has no 'number': it is cited as S{number} now, "
                "and that number moves if a document is added before it in the written order",
                f"write 'number: {number}' to fix it",
            )


def undated_estimates(content: Content) -> Iterator[Problem]:
    """An estimate whose 'claimed' and 'as_of' give no date: it cannot be placed in time."""
    for estimate in _records(content, Estimate):
        dates = [w for w in (estimate.claimed, estimate.as_of) if w is not None and w.resolved]
        if not dates:
            yield warning(
                content,
                estimate.id,
                f"estimate '{estimate.id}' has no date: neither 'claimed' nor 'as_of' gives one",
                "add 'claimed:' (when it was said) or 'as_of:' (the period it counts), "
                "with the source's words in 'text'",
            )


RULES: tuple[Rule, ...] = (
    Rule("uncited-document", "A document that no fact cites.", uncited_documents),
    Rule(
        "unnumbered-document",
        "A document without a 'number': its citation number may move.",
        unnumbered_documents,
    ),
    Rule(
        "undated-estimate",
        "An estimate with no date: neither 'claimed' nor 'as_of' resolves to one.",
        undated_estimates,
    ),
    Rule(
        "overdue-stage",
        "A treaty stage still pending or expected, or a route phase still expected, dated "
        "before the latest edition's cut-off (its status as of then).",
        overdue_steps,
    ),
    Rule(
        "after-cutoff",
        "A document published after the latest edition's cut-off, or undated: what cites "
        "it is in no edition.",
        documents_after_cutoff,
    ),
    Rule(
        "takeaway-not-current",
        "A takeaway or assessment citing a fact that, at its edition's cut-off, was "
        "superseded, corrected or not yet reported.",
        takeaways_not_current,
    ),
    Rule(
        "takeaway-carried-over",
        "A takeaway worded as one of the previous edition's, though what it cites moved in "
        "between.",
        takeaways_carried_over,
    ),
    Rule(
        "stale-figure",
        "A headline figure claimed more than 'stale_after' days before the latest cut-off.",
        stale_figures,
    ),
    Rule(
        "figure-not-in-quote",
        "An estimate whose figure its own quote does not give, in any usual spelling.",
        figures_not_quoted,
    ),
    Rule(
        "speaker-not-for-originator",
        "A claim whose speaker does not speak for the actor the claim is attributed to.",
        speakers_for_others,
    ),
    Rule(
        "event-after-document",
        "An event dated after the document that reports it.",
        events_after_documents,
    ),
)


def findings(content: Content) -> list[tuple[str, Problem]]:
    """Every warning with the id of its rule, in file, line and column order."""
    found = [(rule.id, problem) for rule in RULES for problem in rule.check(content)]
    return sorted(found, key=lambda item: item[1])


def find_warnings(content: Content) -> list[Problem]:
    """Every warning, in file, line and column order."""
    return [problem for _, problem in findings(content)]
