"""Editions are well formed: there is one to show, each is dated on or after its cut-off,
cut-offs follow each other, ids are unique, and a briefing writes its one edition either in
itself or under ``editions:``, not both. What is current at a cut-off is :mod:`advisories`'."""

from __future__ import annotations

from collections.abc import Iterator

from generator.errors import Problem
from generator.facts.content import EditionPlace
from generator.facts.loader import FactFile, Loc
from generator.facts.model import Briefing, Edition, FactFileModel

_OWN = ("date", "cutoff", "takeaways", "assessments")
"""What a briefing of one edition writes of that edition in itself."""


def _at(fact_file: FactFile, loc: Loc, message: str, hint: str, key: bool = False) -> Problem:
    line, column = fact_file.place(loc, key=key)
    return Problem(fact_file.path, line, column, message, hint)


def edition_problems(
    models: list[tuple[FactFile, FactFileModel]], briefing: tuple[FactFile, Briefing] | None
) -> Iterator[Problem]:
    """Every problem of the editions of the files that validated (``briefing``: the one
    briefing, if exactly one was found)."""
    editions: list[tuple[FactFile, Loc, Edition]] = [
        (fact_file, ("editions", index), edition)
        for fact_file, model in models
        for index, edition in enumerate(model.editions)
    ]
    if briefing is not None:
        yield from _briefing_edition(briefing, bool(editions), editions[0][0] if editions else None)
    first: dict[str, tuple[FactFile, Loc]] = {}
    for fact_file, loc, edition in editions:
        yield from _dates(fact_file, loc, edition)
        if edition.id in first:
            where, _ = first[edition.id]
            line, column = where.place((*first[edition.id][1], "id"))
            yield _at(
                fact_file,
                (*loc, "id"),
                f"edition id '{edition.id}' is already used at {where.path}:{line}:{column}",
                "each edition has its own id (it is the edition's URL): pick another",
            )
        else:
            first[edition.id] = (fact_file, loc)
    yield from _cutoffs_follow(editions)


def _briefing_edition(
    briefing: tuple[FactFile, Briefing], has_editions: bool, editions_file: FactFile | None
) -> Iterator[Problem]:
    fact_file, record = briefing
    written = [name for name in _OWN if name in record.model_fields_set]
    if has_editions and written:
        assert editions_file is not None
        yield _at(
            fact_file,
            ("briefing", written[0]),
            f"the briefing writes '{written[0]}' of an edition, and 'editions:' are written "
            f"too (in {editions_file.path})",
            "move its date, cutoff, takeaways and assessments into an edition under "
            "'editions:' (each edition has its own), and delete them from 'briefing:'",
            key=True,
        )
        return
    if has_editions:
        return
    if record.date is None or record.cutoff is None:
        missing = "date" if record.date is None else "cutoff"
        yield _at(
            fact_file,
            ("briefing",),
            f"the briefing has no edition: its '{missing}' is missing and no 'editions:' "
            "are written",
            "give the briefing a 'date' and a 'cutoff', or write its editions under "
            "'editions:' (each with id, date, cutoff and takeaways)",
            key=True,
        )
        return
    yield from _dates(fact_file, ("briefing",), record.edition)


def _dates(fact_file: FactFile, loc: Loc, edition: Edition | None) -> Iterator[Problem]:
    if edition is None:
        return
    for name in ("date", "cutoff"):
        when = getattr(edition, name)
        if not when.resolved:
            yield _at(
                fact_file,
                (*loc, name),
                f"the edition's {name} “{when.text}” gives no date",
                "an edition's date and cut-off are days: write them as YYYY-MM-DD",
            )
            return
    if edition.date.end < edition.cutoff.end:
        yield _at(
            fact_file,
            (*loc, "date"),
            f"edition '{edition.id}' is dated {edition.date.label()}, before its data cut-off "
            f"{edition.cutoff.label()}",
            "an edition cannot include what was reported after its own date: move the cut-off "
            "back to the edition's date or before, or date the edition later",
        )


def _cutoffs_follow(editions: list[tuple[FactFile, Loc, Edition]]) -> Iterator[Problem]:
    """In date order, each edition's cut-off is after the previous one's."""
    dated = [e for e in editions if e[2].date.resolved and e[2].cutoff.resolved]
    dated.sort(key=lambda e: (e[2].date.start, e[2].cutoff.start, e[2].id))
    for (_, _, before), (fact_file, loc, edition) in zip(dated, dated[1:], strict=False):
        if edition.cutoff.end <= before.cutoff.end:
            yield _at(
                fact_file,
                (*loc, "cutoff"),
                f"edition '{edition.id}' has cut-off {edition.cutoff.label()}, not after that "
                f"of the edition before it, '{before.id}' ({before.cutoff.label()})",
                "a later edition's cut-off is later: it adds what was reported since",
            )


def edition_places(
    models: list[tuple[FactFile, FactFileModel]], briefing: tuple[FactFile, Briefing] | None
) -> dict[str, EditionPlace]:
    """Edition id -> where it was written: the edition, its id and cut-off, and each
    takeaway's and assessment's text and ``cites`` entries (what currency warnings point at)."""
    found: dict[str, EditionPlace] = {}
    for fact_file, model in models:
        for index, edition in enumerate(model.editions):
            found.setdefault(edition.id, _written(fact_file, ("editions", index), edition))
    own = briefing[1].edition if briefing is not None else None
    if not found and briefing is not None and own is not None:
        found[own.id] = _written(briefing[0], ("briefing",), own)
    return found


def _written(fact_file: FactFile, loc: Loc, edition: Edition) -> EditionPlace:
    parts: list[Loc] = [(), ("id",), ("cutoff",)]
    for name in ("takeaways", "assessments"):
        for index, item in enumerate(getattr(edition, name)):
            parts += [(name, index), (name, index, "text")]
            parts += [(name, index, "cites", k) for k in range(len(item.cites))]
    return EditionPlace(fact_file.path, {part: fact_file.place((*loc, *part)) for part in parts})
