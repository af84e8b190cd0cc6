"""The JSON Schema of a fact file, for editors: generated from the model, never written twice.

Descriptions and examples come from the model's ``Field`` declarations. The loader keeps
every scalar as the text that was typed, but an editor's YAML parser types them: ``1500``
and ``2024`` are numbers there, ``2024-10-25`` is text (YAML 1.2). So the schema accepts
what an analyst would type: a number where the model takes free text (``article: 5``), and
a number where it takes a digit code (``credibility: 2``). Dates are the model's own
business (see :mod:`dates`).

What the schema cannot say, only ``briefing validate`` checks: ids unique across files,
references resolving, quotes found verbatim, figures coherent, weekdays matching dates.

The schema is written in draft 2020-12. :func:`draft_07` translates it for editors whose
validator reads only draft-07 (a draft-07 validator silently ignores 2020-12 keywords such
as ``dependentRequired``, so the editor would accept what ``validate`` refuses). Both are
committed under ``schema/`` and shipped in the wheel; their ``$id`` is their URL in the
project's repository.
"""

from __future__ import annotations

import json
from typing import Any

from generator.facts.model import FactFileModel

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
TITLE = "briefing fact file"
REPOSITORY = "https://github.com/mkdocs-briefing/mkdocs-briefing"
FILE = "schema/facts.schema.json"
FILE_07 = "schema/facts.draft-07.schema.json"
SCHEMA_ID = f"{REPOSITORY}/raw/main/{FILE}"
"""The schema's ``$id``: its URL on the repository's main branch (stable: it never moves)."""
SCHEMA_ID_07 = f"{REPOSITORY}/raw/main/{FILE_07}"
DRAFTS = ("2020-12", "7")
_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SUBSCHEMA = ("items", "not", "additionalProperties")
_SUBSCHEMA_MAPS = ("properties", "$defs")


def fact_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one fact file, as an editor should apply it."""
    document = FactFileModel.model_json_schema(by_alias=True)
    _walk(document)
    rest = {k: v for k, v in document.items() if k != "title"}
    return {"$schema": DRAFT, "$id": SCHEMA_ID, "title": TITLE, **rest}


def schema_text(draft: str = "2020-12") -> str:
    """The schema as the committed ``schema/facts.schema.json`` holds it (``draft="7"``:
    ``schema/facts.draft-07.schema.json``)."""
    if draft not in DRAFTS:
        raise ValueError(f"unknown draft {draft!r}; one of {', '.join(DRAFTS)}")
    schema = fact_file_schema()
    if draft == "7":
        schema = {**draft_07(schema), "$id": SCHEMA_ID_07}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


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


# Draft 2020-12 -> draft-07. Only schema positions are translated: the names under
# ``properties`` and the values of ``enum``, ``const``, ``examples`` and ``default`` are data.
_SCHEMA_KEYS = frozenset(
    {"items", "additionalItems", "additionalProperties", "not", "contains", "propertyNames"}
    | {"if", "then", "else"}
)
_SCHEMA_LIST_KEYS = frozenset({"allOf", "anyOf", "oneOf"})
_SCHEMA_MAP_KEYS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
_APPLICATORS = frozenset({"allOf", "anyOf", "oneOf", "$ref", "if", "dependentSchemas"})
"""Keywords through which other schemas evaluate properties or items of the same value."""
_DROPPED = frozenset({"$anchor", "$vocabulary", "minContains", "maxContains"})
_DROPPED |= {"contentSchema", "deprecated"}
"""2020-12 keywords draft-07 has no word for; leaving them out only accepts more, and
``briefing validate`` still refuses it."""
_UNTRANSLATABLE = frozenset({"$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"})


def draft_07(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` (draft 2020-12) as draft-07 says it, for editors that read only draft-07.

    ``$defs`` become ``definitions`` (and every ``$ref`` to them follows);
    ``dependentRequired`` and ``dependentSchemas`` become ``dependencies``; ``prefixItems``
    becomes an ``items`` array (and ``items`` beside it ``additionalItems``); a ``$ref``
    with other keywords beside it, which draft-07 would ignore, goes into an ``allOf``;
    ``unevaluatedProperties`` (``unevaluatedItems``) becomes ``additionalProperties``
    (``additionalItems``) where no other schema evaluates the same value, and is left out
    otherwise, as are the keywords of ``_DROPPED``. Raises ValueError on a dynamic
    reference, which has no draft-07 equivalent.
    """
    translated = _node_07(schema)
    translated["$schema"] = DRAFT_07
    return translated


def _node_07(node: Any) -> Any:
    if isinstance(node, bool):
        return node
    if not isinstance(node, dict):
        raise ValueError(f"not a schema: {node!r}")
    found = _UNTRANSLATABLE & node.keys()
    if found:
        raise ValueError(f"{sorted(found)[0]} has no draft-07 equivalent")
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED or key in ("unevaluatedProperties", "unevaluatedItems"):
            continue
        if key == "$defs":
            out["definitions"] = {**out.get("definitions", {}), **_map_07(value)}
        elif key == "$ref":
            out[key] = _ref_07(value)
        elif key in ("dependentRequired", "dependentSchemas"):
            translated = value if key == "dependentRequired" else _map_07(value)
            out["dependencies"] = _dependencies(out.get("dependencies", {}), translated)
        elif key == "prefixItems":
            out["items"] = [_node_07(item) for item in value]
        elif key == "items" and "prefixItems" in node:
            out["additionalItems"] = _node_07(value)
        elif key in _SCHEMA_KEYS:
            out[key] = _node_07(value)
        elif key in _SCHEMA_LIST_KEYS:
            out[key] = [_node_07(item) for item in value]
        elif key in _SCHEMA_MAP_KEYS:
            out[key] = {**out.get(key, {}), **_map_07(value)}
        else:
            out[key] = value
    _unevaluated_07(node, out)
    if "$ref" in out and len(out) > 1:
        # Draft-07 ignores every keyword beside $ref (descriptions too): keep them in force.
        ref = {"$ref": out.pop("$ref")}
        out["allOf"] = [*out.get("allOf", []), ref]  # after any allOf: its indices stay
    return out


def _dependencies(known: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    """Draft-07's one ``dependencies``: a property named by both 2020-12 keywords needs both
    its properties and its schema."""
    merged = dict(known)
    for name, need in more.items():
        if name in merged:
            both = [
                v if isinstance(v, dict | bool) else {"required": v} for v in (merged[name], need)
            ]
            merged[name] = {"allOf": both}
        else:
            merged[name] = need
    return merged


def _map_07(value: dict[str, Any]) -> dict[str, Any]:
    return {name: _node_07(child) for name, child in value.items()}


def _ref_07(ref: str) -> str:
    """A reference into this document, along the translated paths."""
    if not ref.startswith("#/"):
        return ref  # the document itself, or another document: nothing moved there
    parts = ref.split("/")
    moved = {"prefixItems", "dependentSchemas", "dependentRequired"} & set(parts)
    if moved:
        raise ValueError(f"$ref {ref!r} points through {sorted(moved)[0]}, which draft-07 lacks")
    return "/".join("definitions" if part == "$defs" else part for part in parts)


def _unevaluated_07(node: dict[str, Any], out: dict[str, Any]) -> None:
    """``unevaluated*`` as ``additional*`` (``items``) where the two mean the same: no
    other schema evaluates the same value; else left out."""
    if _APPLICATORS & node.keys():
        return
    if "unevaluatedProperties" in node and "additionalProperties" not in node:
        out["additionalProperties"] = _node_07(node["unevaluatedProperties"])
    if "unevaluatedItems" in node and not {"items", "contains"} & node.keys():
        where = "additionalItems" if "prefixItems" in node else "items"
        out[where] = _node_07(node["unevaluatedItems"])
