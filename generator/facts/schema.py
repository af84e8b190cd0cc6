"""The JSON Schema of a fact file, for editors: generated from the model, never written twice.

Descriptions and examples come from the model's ``Field`` declarations. The loader keeps
every scalar as the text that was typed, but an editor's YAML parser types them: ``1500``
and ``2024`` are numbers there, ``2024-10-25`` is text (YAML 1.2). So the schema accepts
what an analyst would type: a number where the model takes free text (``article: 5``), and
a number where it takes a digit code (``credibility: 2``). Dates are the model's own
business (see :mod:`dates`).

What the schema cannot say, only ``briefing validate`` checks: ids unique across files,
references resolving, quotes found verbatim, figures coherent, weekdays matching dates.
"""

from __future__ import annotations

import json
from typing import Any

from generator.facts.model import FactFileModel

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "briefing fact file"
_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SUBSCHEMA = ("items", "not", "additionalProperties")
_SUBSCHEMA_MAPS = ("properties", "$defs")


def fact_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one fact file, as an editor should apply it."""
    document = FactFileModel.model_json_schema(by_alias=True)
    _walk(document)
    return {"$schema": DRAFT, "title": TITLE, **{k: v for k, v in document.items() if k != "title"}}


def schema_text() -> str:
    """The schema as the committed ``schema/facts.schema.json`` holds it."""
    return json.dumps(fact_file_schema(), indent=2, ensure_ascii=False) + "\n"


def _walk(node: dict[str, Any]) -> None:
    _as_typed(node)
    for key in _SUBSCHEMA_LISTS:
        for child in node.get(key, []):
            _walk(child)
    for key in _SUBSCHEMA:
        if isinstance(node.get(key), dict):
            _walk(node[key])
    for key in _SUBSCHEMA_MAPS:
        for child in node.get(key, {}).values():
            _walk(child)


def _as_typed(node: dict[str, Any]) -> None:
    """Widen one schema to what YAML typing makes of text the loader would accept."""
    if "enum" in node:
        codes = [int(v) for v in node["enum"] if isinstance(v, str) and v.isdigit()]
        if codes:
            node["enum"] = [*node["enum"], *codes]
            node["type"] = ["string", "integer"]
    elif node.get("type") == "string" and not {"pattern", "format", "const"} & node.keys():
        node["type"] = ["string", "number"]
