"""The command's options: every kind's fields as options with help, and checks of the
values given (options that do not apply, values outside the choices, what is missing)."""

from __future__ import annotations

from collections.abc import Mapping

from generator.scaffold.exceptions import UsageProblem
from generator.scaffold.kinds import KINDS, FieldSpec, KindSpec


def _option_dests(field: FieldSpec) -> list[str]:
    if field.shape == "date":
        return [field.name, f"{field.name}_text", f"{field.name}_rule"]
    return [field.name]


def _helps(field: FieldSpec) -> list[tuple[str, str]]:
    """(dest, help) of the field's options: a date also has --NAME-text and --NAME-rule."""
    text = field.help
    if field.choices and not all(choice in text for choice in field.choices):
        text += f" ({', '.join(field.choices)})"
    if field.shape != "date":
        return [(field.name, text)]
    return [
        (field.name, f"{text} (YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO)"),
        (f"{field.name}_text", f"the source's words for that date (with {field.option})"),
        (f"{field.name}_rule", "how those words were resolved to the date"),
    ]


def options() -> list[tuple[str, str, bool]]:
    """Every field option of every kind, as (dest, help, multiple); help names kinds if needed."""
    helps: dict[str, dict[str, list[str]]] = {}
    multiple = {f.name for spec in KINDS.values() for f in spec.fields if f.shape == "refs"}
    for spec in KINDS.values():
        for field in spec.fields:
            for dest, text in _helps(field):
                helps.setdefault(dest, {}).setdefault(text, []).append(spec.name)
    found = []
    for dest, by_text in helps.items():
        if len(by_text) == 1:
            text = next(iter(by_text))
        else:
            text = "; ".join(f"{'/'.join(kinds)}: {t}" for t, kinds in by_text.items())
        found.append((dest, text, dest in multiple))
    return found


def given(value: object) -> bool:
    return value is not None and value != () and value != ""


def check_options(spec: KindSpec, values: Mapping[str, object]) -> None:
    """Refuse options that do not apply to the kind, and values outside a field's choices."""
    allowed = {dest for field in spec.fields for dest in _option_dests(field)}
    if spec.parent:
        allowed.add(spec.parent)
    for dest, value in values.items():
        if given(value) and dest not in allowed:
            option = "--" + dest.replace("_", "-")
            takes = ", ".join(f.option for f in spec.fields)
            article = "an" if spec.name[0] in "aeiou" else "a"
            raise UsageProblem(
                f"{option} does not apply to {article} {spec.name} (it takes {takes})"
            )
    for field in spec.fields:
        value = values.get(field.name)
        if field.choices and given(value) and value not in field.choices:
            raise UsageProblem(f"'{value}' is not one of: {', '.join(field.choices)}", field.option)


def missing(spec: KindSpec, values: Mapping[str, object]) -> list[FieldSpec]:
    """The required fields not given yet, in the order they are written."""
    return [
        field
        for field in spec.fields
        if field.required
        and not given(values.get(field.name))
        and not any(given(values.get(other)) for other in field.unless)
    ]
