"""The editor's guide, read off the JSON Schema: it cannot drift from the model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from generator.facts.schema import fact_file_schema

# Kinds in the order an editor meets them; nested records follow their parents.
ORDER = (
    "Briefing",
    "Takeaway",
    "Assessment",
    "Document",
    "Actor",
    "Deployment",
    "Estimate",
    "Phase",
    "Note",
    "Treaty",
    "Signature",
    "Provision",
    "Stage",
    "Reaction",
    "Event",
    "GlossaryEntry",
    "Place",
    "When",
)


@dataclass(frozen=True)
class Field:
    """One field of a record, as the guide shows it."""

    name: str
    required: bool
    accepts: str
    description: str
    example: str


@dataclass(frozen=True)
class Kind:
    """One record kind: its name, what it is, and its fields."""

    name: str
    description: str
    fields: list[Field]


def _accepts(node: dict[str, Any]) -> str:
    if "$ref" in node:
        return "a " + node["$ref"].rsplit("/", 1)[-1] + " record"
    if "enum" in node:
        return "one of: " + ", ".join(str(v) for v in dict.fromkeys(map(str, node["enum"])))
    if "anyOf" in node:
        options = [_accepts(o) for o in node["anyOf"] if o.get("type") != "null"]
        return " or ".join(dict.fromkeys(options))
    kind = node.get("type")
    if kind == "array":
        item = _accepts(node.get("items", {})).removeprefix("a ").removeprefix("an ")
        return "a list of " + (item + "s" if item.endswith(("record", "id")) else item)
    if "pattern" in node and "a-z0-9" in node["pattern"]:
        return "an id"
    if isinstance(kind, list):
        kind = kind[0]
    return {
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "object": "a mapping",
        "boolean": "yes or no",
    }.get(str(kind), "text")


def _example(node: dict[str, Any]) -> str:
    examples = node.get("examples") or []
    if not examples:
        return ""
    value = examples[0]
    if isinstance(value, str):
        return value
    # As an editor would write it in YAML, on one line.
    text = yaml.safe_dump(value, default_flow_style=True, width=10_000, sort_keys=False)
    return str(text).strip()


def _kind(name: str, node: dict[str, Any]) -> Kind:
    required = set(node.get("required", []))
    fields = [
        Field(key, key in required, _accepts(spec), spec.get("description", ""), _example(spec))
        for key, spec in node.get("properties", {}).items()
    ]
    fields.sort(key=lambda f: (f.name != "id", not f.required))
    return Kind(name, node.get("description", ""), fields)


def editor_guide() -> list[Kind]:
    """Every record kind with its fields, descriptions and examples, from the schema."""
    schema = fact_file_schema()
    definitions = schema["$defs"]
    names = [n for n in ORDER if n in definitions]
    names += sorted(set(definitions) - set(names))
    top = Kind("A fact file", schema.get("description", ""), _kind("file", schema).fields)
    return [top, *(_kind(name, definitions[name]) for name in names)]
