"""Currency warnings: whether each edition says what was known at its data cut-off.

Validated facts in, warnings out (each a :class:`~generator.facts.advisories.Rule`'s check):

- a document published after the latest edition's cut-off (or undated): its facts show on
  the site's pages but in no edition;
- a takeaway or assessment citing a fact that, at its edition's cut-off, is superseded or
  corrected, or not yet reported;
- a takeaway carried over word for word from the previous edition though what it cites
  moved in between (a status, a claim superseded, corrected or disputed);
- a treaty stage or route phase still pending or expected, dated before the latest cut-off
  (its status as of then: a later status published after the cut-off does not count);
- a headline figure claimed more than ``stale_after`` days before the latest cut-off.

Whether the editions themselves are well formed is :mod:`edition_checks`' (errors).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from types import MappingProxyType

from generator.errors import Problem
from generator.facts.claim_warnings import warning
from generator.facts.content import Content
from generator.facts.developments import INVERSE, Developments, Standing
from generator.facts.loader import Loc
from generator.facts.model import (
    QUALIFIER_LABEL,
    Deployment,
    Edition,
    Evidence,
    Phase,
    Stage,
)

NOT_YET: MappingProxyType[type[Stage | Phase], tuple[str, ...]] = MappingProxyType(
    {Stage: ("underway", "open"), Phase: ("open",)}
)
"""What the status of a step means when it says the step has not happened yet (a stage
pending or expected, a phase expected: see the vocabularies' 'progress')."""
_STATUSES = MappingProxyType({Stage: "stage_statuses", Phase: "phase_statuses"})
_NEXT_EDITION = "start the next edition (see the editor's guide) with a cut-off on or after"


def _at(content: Content, edition: Edition, loc: Loc, message: str, hint: str) -> Problem:
    """A warning at a part of an edition, where it was written."""
    written = content.written.get(edition.id)
    path, line, column = written.at(loc) if written else ("content", 1, 1)
    return Problem(path, line, column, message, hint, severity="warning")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _citing(content: Content) -> dict[str, Counter[str]]:
    """Document id -> how many first reports, further reports and status updates cite it."""
    counts: dict[str, Counter[str]] = {}
    for placed in content.ids.values():
        record = placed.record
        if not isinstance(record, Evidence):
            continue
        evidence: list[tuple[Evidence, str]] = [(record, "first report")]
        if isinstance(record, Stage | Phase):
            evidence += [(update, "status update") for update in record.updates]
        for item, kind in evidence:
            counts.setdefault(item.document, Counter())[kind] += 1
            for citation in item.also_reported_in:
                counts.setdefault(citation.document, Counter())["further report"] += 1
    return counts


def _cited_by(counts: Counter[str]) -> str:
    """'5 facts cite it (4 first reports, 1 further report): they show ...'."""
    total = sum(counts.values())
    if not total:
        return "no fact cites it yet; it is listed on the Sources page but in no edition"
    kinds = ("first report", "further report", "status update")
    parts = ", ".join(_plural(counts[kind], kind) for kind in kinds if counts[kind])
    cite = "cites" if total == 1 else "cite"
    return (
        f"{_plural(total, 'fact')} {cite} it ({parts}): they show on the site's pages but in "
        "no edition"
    )


def documents_after_cutoff(content: Content) -> Iterator[Problem]:
    """A document published after the latest edition's cut-off, or with no date: what
    cites it shows on the site's pages but in no edition."""
    latest = content.edition
    day = latest.cutoff.end
    counts = _citing(content)
    for document in content.documents:
        published = document.published
        if published.resolved and published.start <= day:
            continue
        cited_by = _cited_by(counts.get(document.id, Counter()))
        if not published.resolved:
            yield warning(
                content,
                document.id,
                f"document '{document.id}' gives no publication date, so no edition's "
                f"cut-off includes it: {cited_by}",
                "give 'published' a date (YYYY-MM-DD; keep the source's words in 'text' "
                "beside 'date:')",
            )
            continue
        yield warning(
            content,
            document.id,
            f"document '{document.id}' was published {published.label()}, after the cut-off "
            f"of the latest edition '{latest.id}' ({latest.cutoff.label()}): {cited_by}",
            f"{_NEXT_EDITION} {published.start.isoformat()}",
        )


def _parts(edition: Edition) -> Iterator[tuple[str, Loc, str, list[str]]]:
    """Each takeaway and assessment of an edition: its name, place, text and cites."""
    for index, takeaway in enumerate(edition.takeaways):
        yield f"takeaway {index + 1}", ("takeaways", index), takeaway.text, takeaway.cites
    for index, assessment in enumerate(edition.assessments):
        name = f"assessment '{assessment.id}'"
        yield name, ("assessments", index), assessment.text, assessment.cites


def _not_current(
    content: Content, record: Developments, edition: Edition, fact_id: str, cites: list[str]
) -> tuple[str, str] | None:
    """Why a cited fact is not current at the edition's cut-off (``record``: the record as
    it stood then), and what to do; None if it is, or if the takeaway also cites what
    replaced it (it tells of the change)."""
    placed = content.ids.get(fact_id)
    cutoff = edition.cutoff.label()
    if placed is None:
        return None
    if not record.known(fact_id):
        assert isinstance(placed.record, Evidence)
        document = content.document(placed.record.document)
        if not document.published.resolved:
            return (
                f"whose document '{document.id}' gives no publication date, so no cut-off "
                "includes it",
                f"give document '{document.id}' a publication date, or cite another fact",
            )
        return (
            f"first reported {document.published.label()} (in '{document.id}'), after the "
            f"edition's cut-off {cutoff}",
            "cite only what was reported by the cut-off, or move this to an edition whose "
            f"cut-off is on or after {document.published.start.isoformat()}",
        )
    replaced = record.replaced_by(fact_id)
    if not replaced or any(link.source in cites for link in replaced):
        return None
    by = " and ".join(f"{INVERSE[link.relation]} '{link.source}'" for link in replaced)
    instead = " or ".join(f"'{link.source}'" for link in replaced)
    return (
        f"already {by} at the edition's cut-off {cutoff}",
        f"cite {instead} instead, and say what it says now (a takeaway about the change "
        "cites both)",
    )


def takeaways_not_current(content: Content) -> Iterator[Problem]:
    """A takeaway or assessment citing a fact that, at its own edition's cut-off, was
    superseded or corrected, or not yet reported."""
    developments = Developments(content)
    for edition in content.editions:
        record = developments.at(edition.cutoff.end)
        for name, loc, _, cites in _parts(edition):
            for index, fact_id in enumerate(cites):
                found = _not_current(content, record, edition, fact_id, cites)
                if found is not None:
                    why, hint = found
                    yield _at(
                        content,
                        edition,
                        (*loc, "cites", index),
                        f"{name} of edition '{edition.id}' cites '{fact_id}', {why}",
                        hint,
                    )


def _moved(
    content: Content, before: Developments, now: Developments, cites: list[str]
) -> list[str]:
    """What moved between two cuts among the facts a takeaway cites."""
    moved: list[str] = []
    for fact_id in dict.fromkeys(cites):
        placed = content.ids.get(fact_id)
        if placed is None or not before.known(fact_id):
            continue
        step = placed.record
        if isinstance(step, Stage | Phase):
            was, is_now = before.status(step), now.status(step)
            if was != is_now:
                kind = "stage" if isinstance(step, Stage) else "phase"
                moved.append(f"{kind} '{fact_id}' moved {was} -> {is_now}")
        for link in now.received.get(fact_id, []):
            if now.known(link.source) and not before.known(link.source):
                moved.append(f"'{fact_id}' was {INVERSE[link.relation]} '{link.source}'")
    return moved


def _same(text: str) -> str:
    return " ".join(text.split())


def takeaways_carried_over(content: Content) -> Iterator[Problem]:
    """A takeaway (or assessment) worded as one of the previous edition's, citing a fact
    whose status moved, or that was superseded, corrected or disputed, in between."""
    developments = Developments(content)
    editions = content.editions
    for previous, edition in zip(editions, editions[1:], strict=False):
        earlier = {_same(text) for _, _, text, _ in _parts(previous)}
        before = developments.at(previous.cutoff.end)
        now = developments.at(edition.cutoff.end)
        for name, loc, text, cites in _parts(edition):
            if _same(text) not in earlier:
                continue
            moved = _moved(content, before, now, cites)
            if moved:
                yield _at(
                    content,
                    edition,
                    (*loc, "text"),
                    f"{name} of edition '{edition.id}' is carried over unchanged from edition "
                    f"'{previous.id}', but {', and '.join(moved)} since",
                    "rewrite it for this edition: say what it says now, and cite what is current",
                )


def _step_hint(content: Content, record: Developments, step: Stage | Phase) -> str:
    later = [u for u in step.updates if not record.document_known(u.document)]
    if later:
        update = later[-1]
        published = content.document(update.document).published
        return (
            f"its later status '{update.status}' ('{update.document}', {published.label()}) "
            f"is after the cut-off: {_NEXT_EDITION} {published.start.isoformat()}"
        )
    vocabulary = content.vocabulary
    name = _STATUSES[type(step)]
    done = next((t for t in vocabulary.ids(name) if vocabulary.progress(name, t) == "done"), "")
    return f"add its later status under 'updates:' ({done}?), or correct its date"


def overdue_steps(content: Content) -> Iterator[Problem]:
    """A treaty stage still pending or expected, or a route phase still expected, by its
    status as of the latest edition's cut-off, and dated before that cut-off."""
    cutoff = content.edition.cutoff
    record = Developments(content).at(cutoff.end)
    for placed in content.ids.values():
        step = placed.record
        if not isinstance(step, Stage | Phase) or not record.known(step.id):
            continue
        updates = record.updates(step)
        latest = updates[-1] if updates else step
        when = latest.when
        progress = content.vocabulary.progress(_STATUSES[type(step)], latest.status)
        if progress not in NOT_YET[type(step)] or when is None or not when.resolved:
            continue
        if when.end < cutoff.start:
            kind = "stage" if isinstance(step, Stage) else "phase"
            yield warning(
                content,
                step.id,
                f"{kind} '{step.id}' is still '{latest.status}' but dated {when.label()}, "
                f"before the latest edition's cut-off {cutoff.label()}",
                _step_hint(content, record, step),
            )


def _figure(
    content: Content, record: Developments, deployment: Deployment, standing: Standing
) -> str:
    """'about 1,200 marines, present in Kell, by Coastal Observers Network'."""
    estimate = standing.estimate
    if estimate.value is not None:
        digits = f"{estimate.value:,}"
    elif estimate.low is not None and estimate.high is not None:
        digits = f"{estimate.low:,}–{estimate.high:,}"
    else:
        digits = ""
    digits = QUALIFIER_LABEL[estimate.qualifier] + ("another " if estimate.adds_to else "") + digits
    if estimate.words is not None:
        digits = f"“{estimate.words}”" + (f" ({digits})" if digits else "")
    unit = record.measure(deployment, estimate).unit
    scope = f" {estimate.scope}" if estimate.scope else ""
    total = standing.total
    if total is not None:
        low, high = f"{total.low:,}", f"{total.high:,}"
        scope += f"; {low if low == high else f'{low}–{high}'} in all"
    originator = estimate.attributed_to
    who = content.actor(originator).name if originator else "the document"
    counted = content.vocabulary.label("counts", estimate.counts)
    return f"{digits} {unit}, {counted}{scope}, by {who}"


def stale_figures(content: Content) -> Iterator[Problem]:
    """A headline figure (a claimant's latest current one, as of the latest edition's
    cut-off) claimed more than the briefing's ``stale_after`` days before that cut-off."""
    latest = content.edition
    day: dt.date = latest.cutoff.end
    limit = content.briefing.stale_after
    record = Developments(content).at(day)
    for deployment in content.deployments:
        for comparison in record.comparisons(deployment):
            for standing in comparison.standings:
                estimate = standing.estimate
                said = record.said(estimate)
                if said is None or (day - said.end).days <= limit:
                    continue
                yield warning(
                    content,
                    estimate.id,
                    f"figure '{estimate.id}' ({_figure(content, record, deployment, standing)}) is "
                    f"{(day - said.end).days} days old at the cut-off of edition "
                    f"'{latest.id}' ({latest.cutoff.label()}): claimed {said.label()}",
                    "find a newer figure, or raise 'stale_after' in briefing.yaml",
                )
