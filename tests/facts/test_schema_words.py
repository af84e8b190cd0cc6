"""The editors' schema holds no word of the example situation and no military word: it is
shipped to every new briefing (`briefing init`) and shown to editors of any situation, so
its descriptions and examples come from a neutral, fictional scenario."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.facts.schema import DRAFTS, fact_file_schema, schema_text
from tests.example_words import FORBIDDEN


def _texts(node: Any, path: str = "") -> list[tuple[str, str]]:
    """Every (path, text) of the schema: its keys (property names) and its strings."""
    if isinstance(node, dict):
        found = []
        for key, value in node.items():
            found.append((f"{path}/{key}", str(key)))
            found += _texts(value, f"{path}/{key}")
        return found
    if isinstance(node, list):
        return [t for i, item in enumerate(node) for t in _texts(item, f"{path}/{i}")]
    return [(path, str(node))] if isinstance(node, str) else []


def _example_words(schema: dict[str, Any]) -> list[str]:
    return [
        f"{where}: {match.group(0)} ({text[:80]})"
        for where, text in _texts(schema)
        for match in FORBIDDEN.finditer(text)
    ]


def test_the_generated_schema_has_no_example_word() -> None:
    assert _example_words(fact_file_schema()) == []


@pytest.mark.parametrize("draft", DRAFTS)
def test_the_written_schema_has_no_example_word(draft: str) -> None:
    text = schema_text(draft)
    assert FORBIDDEN.findall(text) == []
    assert _example_words(json.loads(text)) == []


def test_the_check_would_see_an_example_word() -> None:
    planted = {"properties": {"force": {"examples": ["North Korean soldiers"]}}}
    assert _example_words(planted) == [
        "/properties/force/examples/0: Korea (North Korean soldiers)",
        "/properties/force/examples/0: soldier (North Korean soldiers)",
    ]
