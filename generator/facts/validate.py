"""Raw fact files -> one validated :class:`Content`, with every problem found at once.

Types and required fields come from the model; this module adds what a single record
cannot know: ids unique across files, every reference resolving, quotes found verbatim in
the archived document.
"""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, printable
from generator.facts.checks import check_content
from generator.facts.content import Content, Placed
from generator.facts.loader import FactFile, Loc
from generator.facts.model import SLUG_PATTERN, Briefing, FactFileModel


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated to the type that holds fields or items."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else annotation
    return annotation


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the mapping at ``loc`` in a fact file."""
    current: Any = FactFileModel
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
                continue
            return None
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {f.alias or name: f for name, f in current.model_fields.items()}
            if step not in fields:
                return None
            current = fields[step].annotation
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_names(model: type[BaseModel]) -> list[str]:
    """Known fields for a hint: 'id', then the model's own, then the inherited ones."""
    own = set(model.__annotations__)
    names = sorted(model.model_fields, key=lambda n: (n != "id", n not in own))
    return [model.model_fields[n].alias or n for n in names]


def _message(error: Any) -> tuple[str, str]:
    """A pydantic error -> (message, hint) in the editor's terms."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = str(loc[-1]) if loc else "file"
    value = error.get("input")
    shown = printable(str(value))[:80] if isinstance(value, str) else value
    if kind == "missing":
        return f"missing required field '{name}'", f"add '{name}:' here"
    if kind == "extra_forbidden":
        owner = _model_at(loc[:-1])
        known = _field_names(owner) if owner else []
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else ""
        if known:
            hint = (hint + " " if hint else "") + "known fields: " + ", ".join(known)
        return f"unknown field '{printable(name)}'", hint
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        # Name the first non-ASCII character: a Cyrillic 'е' or a combining accent looks
        # like its ASCII twin in the message.
        other = next((ch for ch in str(value) if not ch.isascii()), None)
        why = f": U+{ord(other):04X} is not an ASCII letter" if other else ""
        return (
            f"'{shown}' is not a valid id{why}",
            "use lowercase ASCII letters, digits and single hyphens, like 'kr-nis'",
        )
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"'{shown}' is not allowed for '{name}'", f"use one of {expected}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"'{name}' must be a mapping of fields, not {type(value).__name__}", ""
    if kind == "list_type":
        return f"'{name}' must be a list (lines starting with '- ')", ""
    if kind in ("int_parsing", "int_type"):
        if isinstance(value, str) and value.strip()[:1] == "0" and value.strip().isdigit():
            return (
                f"'{shown}' in '{name}' has a leading zero",
                "write it without, like 10: YAML 1.1 reads 010 as 8",
            )
        return f"'{shown}' in '{name}' is not a whole number", "write digits only, like 3000"
    if value is None:
        return f"'{name}' is empty", "write a value, or delete the line"
    if kind == "string_type":
        found = {"dict": "mapping", "list": "list"}.get(type(value).__name__, type(value).__name__)
        return f"'{name}' must be text, not a {found}", ""
    if kind == "blank":
        return f"'{name}' is only spaces", "write the text, or delete the line"
    if kind == "greater_than_equal":
        return f"'{name}' must be {error['ctx']['ge']} or more", ""
    if kind == "string_too_long":
        return f"'{name}' is longer than {error['ctx']['max_length']} characters", "shorten it"
    if kind == "string_pattern_mismatch" and name == "archive":
        return (
            f"'{shown}' is not a valid archive path",
            "a relative path inside the content folder ending in .txt, like documents/report.txt",
        )
    if kind == "string_pattern_mismatch":
        return f"'{shown}' is not a valid {name}", f"it must match {error['ctx']['pattern']}"
    if kind == "too_short" or kind == "string_too_short":
        return f"'{name}' must not be empty", ""
    text = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        text = text.removeprefix(prefix)
    return f"{name}: {printable(text)}", ""


def _model_problems(fact_file: FactFile, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        if error["type"] not in ("missing", "extra_forbidden"):
            # A shorthand (`published: 2024-02-30`) is checked as a field the editor never
            # wrote ('date'): name the field they did write.
            while len(loc) > 1 and isinstance(loc[-1], str) and loc not in fact_file.key_at:
                loc = loc[:-1]
            error = {**error, "loc": loc}
        message, hint = _message(error)
        line, column = fact_file.place(loc, key=error["type"] == "extra_forbidden")
        problems.append(Problem(fact_file.path, line, column, message, hint))
    return problems


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
        return None, _model_problems(fact_file, exc)


def _records(model: FactFileModel, fact_file: FactFile) -> list[Placed]:
    """Every record carrying an id in one file, with its place."""
    placed: list[Placed] = []

    def add(record: Any, loc: Loc) -> None:
        line, column = fact_file.place((*loc, "id"))
        placed.append(Placed(record, fact_file.path, line, column, loc))

    if model.briefing is not None:
        for index, assessment in enumerate(model.briefing.assessments):
            add(assessment, ("briefing", "assessments", index))
    for kind in _KINDS:
        for index, record in enumerate(getattr(model, kind)):
            loc: Loc = (kind, index)
            add(record, loc)
            if getattr(record, "signature", None) is not None:
                add(record.signature, (*loc, "signature"))
            for child_kind in ("route", "estimates", "notes", "provisions", "stages"):
                for child_index, child in enumerate(getattr(record, child_kind, [])):
                    add(child, (*loc, child_kind, child_index))
    return placed


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

    ids: dict[str, Placed] = {}
    briefings: list[tuple[FactFile, Briefing]] = []
    lists: dict[str, list[Any]] = {kind: [] for kind in _LISTS}
    for fact_file, model in models:
        if model.briefing is not None:
            briefings.append((fact_file, model.briefing))
        for kind in _LISTS:
            lists[kind].extend(getattr(model, kind))
        for placed in _records(model, fact_file):
            record_id = placed.record.id
            if record_id in ids:
                first = ids[record_id]
                problems.append(
                    Problem(
                        placed.path,
                        placed.line,
                        placed.column,
                        f"id '{record_id}' is already used at "
                        f"{first.path}:{first.line}:{first.column}",
                        "ids must be unique across all fact files; pick another",
                    )
                )
            else:
                ids[record_id] = placed

    if not briefings and not problems and complete:
        problems.append(
            Problem(
                shown_as,
                1,
                1,
                "no 'briefing:' found in any fact file",
                "add a briefing.yaml with title, date and cutoff",
            )
        )
    for fact_file, _ in briefings[1:]:
        line, column = fact_file.place(("briefing",), key=True)
        first = briefings[0][0].path
        problems.append(
            Problem(
                fact_file.path,
                line,
                column,
                f"a second 'briefing:' (the first is in {first})",
                "keep one briefing per content folder",
            )
        )
    if not briefings or len(briefings) > 1:
        return None, problems

    # Checks run on the files that parsed even when others did not, so one run shows every
    # problem; references are only checked when every file parsed (else they may point
    # into a broken file and the message would mislead).
    content = Content(briefing=briefings[0][1], ids=ids, **lists)
    found = check_content(
        content, content_dir, {f.path: f for f, _ in models}, references=complete and not problems
    )
    problems.extend(found)
    return (None if problems else content), problems
