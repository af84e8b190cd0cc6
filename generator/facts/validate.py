"""Raw fact files -> one validated :class:`Content`, with every problem found at once.

Types and required fields come from the model; this module adds what a single record
cannot know: ids unique across files, every reference resolving (:mod:`references`), and
the checks across records (:mod:`checks`): quotes found verbatim in the archived document,
figures and dates coherent.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.errors import ContentError, Problem, display_path
from generator.facts.checks import check_content
from generator.facts.content import Content, Placed
from generator.facts.edition_checks import edition_places, edition_problems
from generator.facts.loader import FactFile, Loc, Parsing, load_content
from generator.facts.model import Briefing, FactFileModel, IndexedRecord
from generator.facts.model_errors import model_problems
from generator.facts.raw import all_records
from generator.facts.references import reference_problems
from generator.facts.salvage import parts_of, salvage
from generator.facts.terms import term_problems
from generator.facts.vocabulary import Vocabulary

_KINDS = (
    "documents",
    "actors",
    "deployments",
    "treaties",
    "reactions",
    "events",
    "places",
    "measures",
)
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


def _placed(fact_file: FactFile, records: list[tuple[Loc, IndexedRecord]]) -> list[Placed]:
    placed = []
    for loc, record in records:
        line, column = fact_file.place((*loc, "id"))
        placed.append(Placed(record, fact_file.path, line, column, loc))
    return placed


def _records(model: FactFileModel) -> list[tuple[Loc, IndexedRecord]]:
    """Every record carrying an id in one validated file, with its place."""
    found: list[tuple[Loc, IndexedRecord]] = []
    if model.briefing is not None:
        found += parts_of(model.briefing, ("briefing",))
    for index, edition in enumerate(model.editions):
        found += parts_of(edition, ("editions", index))
    for kind in _KINDS:
        records: list[IndexedRecord] = getattr(model, kind)
        for index, record in enumerate(records):
            found.append(((kind, index), record))
            found += parts_of(record, (kind, index))
    return found


def _index(records: list[Placed], problems: list[Problem]) -> dict[str, Placed]:
    """Every record with an id, by id; a problem for each id used twice."""
    ids: dict[str, Placed] = {}
    for placed in records:
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
                "add a briefing.yaml with its title, and its editions "
                "(each with id, date and cutoff)",
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


def _parsed(
    files: list[FactFile], problems: list[Problem]
) -> tuple[list[tuple[FactFile, FactFileModel]], list[Placed], list[tuple[FactFile, Briefing]]]:
    """Each file validated: the files that validate whole, every record with an id that
    validates (in a file that does not: on its own, see :mod:`salvage`), the briefings."""
    models: list[tuple[FactFile, FactFileModel]] = []
    placed: list[Placed] = []
    briefings: list[tuple[FactFile, Briefing]] = []
    for fact_file in files:
        model, found = _parse_file(fact_file)
        problems.extend(found)
        if model is not None:
            models.append((fact_file, model))
            placed += _placed(fact_file, _records(model))
            briefing = model.briefing
        else:
            salvaged = salvage(fact_file)
            placed += _placed(fact_file, salvaged.records)
            briefing = salvaged.briefing
        if briefing is not None:
            briefings.append((fact_file, briefing))
    return models, placed, briefings


def build_content(
    files: list[FactFile], content_dir: Path, *, complete: bool = True, shown_as: str = "content"
) -> tuple[Content | None, list[Problem]]:
    """Validate parsed files into one :class:`Content`; problems if anything is wrong.

    Every problem that can be known is reported in one run: references and the checks
    across records run on what did validate, even when other records or files did not.
    ``complete`` is false when some fact files could not be parsed: the others are still
    checked, but nothing is said that the missing files might answer (no briefing found,
    unknown references).
    """
    problems: list[Problem] = []
    models, placed, briefings = _parsed(files, problems)
    ids = _index(placed, problems)
    problems.extend(_briefing_problems(briefings, shown_as, complete and not problems))
    mappings = all_records(files)  # for the checks of references and of terms
    if complete:
        problems.extend(reference_problems(mappings))
    problems.extend(term_problems(files, mappings, complete=complete))
    vocabulary = Vocabulary.of(m.vocabulary for _, m in models if m.vocabulary is not None)
    briefing = briefings[0] if len(briefings) == 1 else None
    problems.extend(edition_problems(models, briefing))
    found = check_content(placed, ids, content_dir, {f.path: f for f in files}, vocabulary)
    problems.extend(found)
    if problems or briefing is None:
        return None, problems
    lists = {kind: [r for _, model in models for r in getattr(model, kind)] for kind in _LISTS}
    own = briefing[1].edition
    editions = [e for _, model in models for e in model.editions] or ([own] if own else [])
    editions.sort(key=lambda e: (e.date.start, e.cutoff.start, e.id))
    written = edition_places(models, briefing)
    return (
        Content(
            briefing=briefing[1],
            ids=ids,
            editions=editions,
            written=written,
            vocabulary=vocabulary,
            **lists,
        ),
        [],
    )


def load(content_dir: Path, root: Path | None = None, parsed: Parsing | None = None) -> Content:
    """Load and validate; raise :class:`ContentError` with every problem found.
    ``parsed`` keeps parses between loads (:class:`~generator.facts.parse_cache.ParseCache`)."""
    files, problems = load_content(content_dir, root, parsed)
    shown = display_path(content_dir, root)
    content, more = build_content(files, content_dir, complete=not problems, shown_as=shown)
    problems.extend(more)
    if problems or content is None:
        raise ContentError(problems)
    return content
