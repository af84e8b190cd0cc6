"""The editor's guide, read off the JSON Schema: it cannot drift from the model. Its
examples come from the briefing's own content (:func:`guide_examples`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from generator.facts.content import Content
from generator.facts.model.fields import VOCABULARY_KEY
from generator.facts.schema import fact_file_schema
from generator.facts.vocabulary import WHAT

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


@dataclass(frozen=True)
class Kind:
    """One record kind: its name, what it is, and its fields."""

    name: str
    description: str
    fields: list[Field]


def _accepts(node: dict[str, Any]) -> str:
    if VOCABULARY_KEY in node:
        return f"a {WHAT[node[VOCABULARY_KEY]]}"
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


EXAMPLE_CHARS = 160
"""A value longer than this, written in YAML on one line, is no example: the guide leaves
the cell empty rather than cut it."""
SAMPLED = 40
"""How many records of each kind the examples are looked for in (the first ones)."""


def _written(value: Any) -> str:
    """A value as an editor would write it in YAML, on one line."""
    if isinstance(value, str):
        return value
    text = yaml.safe_dump(value, default_flow_style=True, width=10_000, sort_keys=False)
    return str(text).strip().removesuffix("...").strip()


def _long(value: Any) -> bool:
    """Sure to be too long to be an example, without writing it as YAML: its JSON is more
    than four times the limit (YAML's flow style drops at most a scalar's two quotes)."""
    if isinstance(value, str):
        return len(value) > EXAMPLE_CHARS
    return len(json.dumps(value, ensure_ascii=False)) > 4 * EXAMPLE_CHARS


def guide_examples(content: Content) -> dict[tuple[str, str], str]:
    """(kind, field) -> an example from the briefing's own content: the value the first
    record of that kind that sets the field gives it (short values only). So the guide's
    examples are in the briefing's words, never another situation's."""
    found: dict[tuple[str, str], str] = {}
    seen: dict[str, int] = {}

    def visit(record: BaseModel) -> None:
        name = type(record).__name__
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > SAMPLED:
            return
        fields = type(record).model_fields
        # Only the fields with no example yet are dumped (the first records give most).
        pending = {
            field_name
            for field_name, info in fields.items()
            if field_name in record.model_fields_set
            and (name, info.serialization_alias or info.alias or field_name) not in found
        }
        if pending:
            dumped = record.model_dump(
                mode="json", by_alias=True, exclude_defaults=True, include=pending
            )
            for key, value in dumped.items():
                if (name, key) in found or value in (None, [], {}) or _long(value):
                    continue
                text = _written(value)
                if len(text) <= EXAMPLE_CHARS:
                    found[name, key] = text
        for field_name in type(record).model_fields:  # in declared order: the same every run
            if field_name not in record.model_fields_set:
                continue
            value = getattr(record, field_name)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, BaseModel):
                    visit(item)

    lists: list[list[Any]] = [[content.briefing], content.editions, content.documents]
    lists += [content.actors, content.deployments, content.treaties, content.reactions]
    lists += [content.events, content.glossary, content.measures, content.places]
    for records in lists:
        for record in records:
            visit(record)
    return found


def _kind(name: str, node: dict[str, Any]) -> Kind:
    forms = node.get("anyOf", []) if "properties" not in node else []
    mapping = next((form for form in forms if "properties" in form), None)
    if mapping is not None:
        # A record that may also be written short (a date as "2024-10-23"): the mapping's
        # fields, and the short forms said in its description.
        others = [form["description"] for form in forms if form is not mapping]
        short = " Or written short: " + " ".join(others) if others else ""
        kind = _kind(name, mapping)
        return Kind(name, kind.description + short, kind.fields)
    required = set(node.get("required", []))
    fields = [
        Field(key, key in required, _accepts(spec), spec.get("description", ""))
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
