"""A pydantic validation error, in the editor's terms: which field, what is wrong, a hint.

Each error is placed at the key or value the editor wrote (a shorthand's error at the field
they did write), with the known fields of the record for an unknown one.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, printable
from generator.facts.loader import FactFile, Loc
from generator.facts.model import SLUG_PATTERN, FactFileModel
from generator.facts.raw import unwrap

_URL_HINTS = MappingProxyType(
    {
        "host_mixed_scripts": "a look-alike of another site's address; check the link and "
        "write its host in one script",
        "host_punycode": "check the link: an 'xn--' label must be valid punycode",
    }
)


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the mapping at ``loc`` in a fact file."""
    current: Any = FactFileModel
    for step in loc:
        current = unwrap(current)
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
    current = unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_names(model: type[BaseModel]) -> list[str]:
    """Known fields for a hint: 'id', then the model's own, then the inherited ones."""
    own = set(model.__annotations__)
    names = sorted(model.model_fields, key=lambda n: (n != "id", n not in own))
    return [model.model_fields[n].alias or n for n in names]


def _message(error: Mapping[str, Any]) -> tuple[str, str]:
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
    return _value_message(error, name, value, shown)


def _value_message(
    error: Mapping[str, Any], name: str, value: object, shown: object
) -> tuple[str, str]:
    """A pydantic error about a value of the right shape -> (message, hint)."""
    kind = error["type"]
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
    if kind in _URL_HINTS:
        return f"{name}: {printable(str(error['msg']))}", _URL_HINTS[kind]
    text = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        text = text.removeprefix(prefix)
    return f"{name}: {printable(text)}", ""


def model_problems(fact_file: FactFile, exc: ValidationError) -> list[Problem]:
    """Every error of a fact file's validation, as a problem at its place in the file."""
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
