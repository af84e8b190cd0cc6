"""Raw fact files -> one validated :class:`Content`, with every problem found at once.

Types and required fields come from the model; this module adds what a single record
cannot know: ids unique across files, every reference resolving, quotes found verbatim in
the archived document.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from generator.errors import Problem
from generator.facts.checks import check_content
from generator.facts.content import Content, Placed
from generator.facts.loader import FactFile, Loc
from generator.facts.model import (
    Briefing,
    Deployment,
    FactFileModel,
    IndexedRecord,
    Treaty,
)
from generator.facts.model_errors import model_problems

_KINDS = ("documents", "actors", "deployments", "treaties", "reactions", "events", "places")
_LISTS = (*_KINDS, "glossary")


def _parse_file(fact_file: FactFile) -> tuple[FactFileModel | None, list[Problem]]:
    if fact_file.validated is None:
        fact_file.validated = _validate_file(fact_file)
    model, problems = fact_file.validated
    return model, list(problems)


def _validate_file(fact_file: FactFile) -> tuple[FactFileModel | None, list[Problem]]:
    if not isinstance(fact_file.data, dict):
        line, column = fact_file.place(())
        found = "a list" if isinstance(fact_file.data, list) else "plain text"
        return None, [
            Problem(
                fact_file.path,
                line,
                column,
                f"a fact file must be a mapping of kinds, not {found}",
                "start with a kind such as 'events:' or 'reactions:'",
            )
        ]
    try:
        return FactFileModel.model_validate(fact_file.data), []
    except ValidationError as exc:
        return None, model_problems(fact_file, exc)


def _parts(record: IndexedRecord) -> Iterator[tuple[Loc, IndexedRecord]]:
    """The records with an id inside a deployment or a treaty, with their place in it."""
    lists: dict[str, Sequence[IndexedRecord]] = {}
    if isinstance(record, Deployment):
        lists = {"route": record.route, "estimates": record.estimates, "notes": record.notes}
    elif isinstance(record, Treaty):
        if record.signature is not None:
            yield ("signature",), record.signature
        lists = {"provisions": record.provisions, "stages": record.stages}
    for kind, children in lists.items():
        for index, child in enumerate(children):
            yield (kind, index), child


def _records(model: FactFileModel, fact_file: FactFile) -> list[Placed]:
    """Every record carrying an id in one file, with its place."""
    placed: list[Placed] = []

    def add(record: IndexedRecord, loc: Loc) -> None:
        line, column = fact_file.place((*loc, "id"))
        placed.append(Placed(record, fact_file.path, line, column, loc))

    if model.briefing is not None:
        for index, assessment in enumerate(model.briefing.assessments):
            add(assessment, ("briefing", "assessments", index))
    for kind in _KINDS:
        records: list[IndexedRecord] = getattr(model, kind)
        for index, record in enumerate(records):
            add(record, (kind, index))
            for part_loc, part in _parts(record):
                add(part, (kind, index, *part_loc))
    return placed


def _index(
    models: list[tuple[FactFile, FactFileModel]], problems: list[Problem]
) -> dict[str, Placed]:
    """Every record with an id, by id; a problem for each id used twice."""
    ids: dict[str, Placed] = {}
    for fact_file, model in models:
        for placed in _records(model, fact_file):
            record_id = placed.record.id
            first = ids.get(record_id)
            if first is None:
                ids[record_id] = placed
                continue
            problems.append(
                Problem(
                    placed.path,
                    placed.line,
                    placed.column,
                    f"id '{record_id}' is already used at {first.path}:{first.line}:{first.column}",
                    "ids must be unique across all fact files; pick another",
                )
            )
    return ids


def _briefing_problems(
    briefings: list[tuple[FactFile, Briefing]], shown_as: str, say_missing: bool
) -> list[Problem]:
    """None for exactly one briefing; else that none was found (if ``say_missing``: every
    file parsed and nothing else is wrong), or where each one after the first is."""
    if not briefings and say_missing:
        return [
            Problem(
                shown_as,
                1,
                1,
                "no 'briefing:' found in any fact file",
                "add a briefing.yaml with title, date and cutoff",
            )
        ]
    problems = []
    for fact_file, _ in briefings[1:]:
        line, column = fact_file.place(("briefing",), key=True)
        problems.append(
            Problem(
                fact_file.path,
                line,
                column,
                f"a second 'briefing:' (the first is in {briefings[0][0].path})",
                "keep one briefing per content folder",
            )
        )
    return problems


def build_content(
    files: list[FactFile], content_dir: Path, *, complete: bool = True, shown_as: str = "content"
) -> tuple[Content | None, list[Problem]]:
    """Validate parsed files into one :class:`Content`; problems if anything is wrong.

    ``complete`` is false when some fact files could not be parsed: the others are still
    checked, but nothing is said that the missing files might answer (no briefing found,
    unknown references).
    """
    problems: list[Problem] = []
    models: list[tuple[FactFile, FactFileModel]] = []
    for fact_file in files:
        model, found = _parse_file(fact_file)
        problems.extend(found)
        if model is not None:
            models.append((fact_file, model))
    ids = _index(models, problems)
    briefings = [(f, model.briefing) for f, model in models if model.briefing is not None]
    problems.extend(_briefing_problems(briefings, shown_as, complete and not problems))
    if len(briefings) != 1:
        return None, problems

    # Checks run on the files that parsed even when others did not, so one run shows every
    # problem; references are only checked when every file parsed (else they may point
    # into a broken file and the message would mislead).
    lists = {kind: [r for _, model in models for r in getattr(model, kind)] for kind in _LISTS}
    content = Content(briefing=briefings[0][1], ids=ids, **lists)
    found = check_content(
        content, content_dir, {f.path: f for f, _ in models}, references=complete and not problems
    )
    problems.extend(found)
    return (None if problems else content), problems
