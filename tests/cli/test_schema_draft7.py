"""`briefing schema --draft 7`: the editors' schema for validators that read only draft-07.

A draft-07 validator ignores the 2020-12 keywords it does not know (``dependentRequired``,
``$defs``...), so an editor given the 2020-12 schema accepts what ``briefing validate``
refuses. The draft-07 variant says the same in draft-07's words: checked here against the
validator on the same cases as the 2020-12 schema, and on every fact file we ship.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator, Draft202012Validator, ValidationError

from generator.cli.commands import main
from generator.facts.schema import (
    DRAFT_07,
    FILE,
    FILE_07,
    REPOSITORY,
    SCHEMA_ID,
    SCHEMA_ID_07,
    draft_07,
    fact_file_schema,
    schema_text,
)
from tests.conftest import REPORT_CONTENT
from tests.facts.test_schema import BAD, GOOD, typed

REPO = Path(__file__).resolve().parents[2]
EXERCISE = REPO / "tests" / "fixtures" / "exercise" / "content"
SCHEMA = fact_file_schema()
SCHEMA_07 = json.loads(schema_text("7"))
VALIDATOR = Draft202012Validator(SCHEMA)
VALIDATOR_07 = Draft7Validator(SCHEMA_07)
FACT_FILES = sorted(
    p
    for folder in (EXERCISE, REPORT_CONTENT)
    for p in folder.rglob("*")
    if p.suffix in (".yaml", ".yml")
)
# Keywords draft-07 does not know: none may be left in a schema position.
NOT_07 = {"$defs", "dependentRequired", "dependentSchemas", "prefixItems"}
NOT_07 |= {"unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$anchor"}


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["schema", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_committed_draft_07_schema_is_the_generated_one() -> None:
    committed = (REPO / FILE_07).read_text(encoding="utf-8")
    assert committed == schema_text("7"), "run `make schema`"
    assert _run("--draft", "7") == committed


def test_draft_option_writes_either_draft(tmp_path: Path) -> None:
    target = tmp_path / "facts.draft-07.schema.json"
    assert _run("--draft", "7", "--out", str(target)) == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == schema_text("7")
    assert _run("--draft", "2020-12") == _run() == schema_text()


def test_an_unknown_draft_is_bad_usage() -> None:
    result = CliRunner().invoke(main, ["schema", "--draft", "4"])
    assert result.exit_code == 2
    assert "'4' is not one of '2020-12', '7'" in result.output


def test_both_schemas_have_their_own_stable_id_in_the_repository() -> None:
    assert SCHEMA["$id"] == SCHEMA_ID == f"{REPOSITORY}/raw/main/{FILE}"
    assert SCHEMA_07["$id"] == SCHEMA_ID_07 == f"{REPOSITORY}/raw/main/{FILE_07}"
    committed = json.loads((REPO / FILE).read_text(encoding="utf-8"))
    assert committed["$id"] == SCHEMA_ID


def _schema_positions(node: Any, path: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every subschema of a draft-07 schema, with its JSON pointer."""
    if not isinstance(node, dict):
        return []
    found = [(path, node)]
    for key in ("items", "additionalItems", "additionalProperties", "not", "contains"):
        if isinstance(node.get(key), dict):
            found += _schema_positions(node[key], f"{path}/{key}")
    for key in ("allOf", "anyOf", "oneOf", "items"):
        if isinstance(node.get(key), list):
            for i, child in enumerate(node[key]):
                found += _schema_positions(child, f"{path}/{key}/{i}")
    for key in ("properties", "patternProperties", "definitions", "dependencies"):
        for name, child in node.get(key, {}).items():
            found += _schema_positions(child, f"{path}/{key}/{name}")
    return found


def test_draft_07_schema_is_valid_and_says_nothing_in_2020_12() -> None:
    Draft7Validator.check_schema(SCHEMA_07)
    assert SCHEMA_07["$schema"] == DRAFT_07 == "http://json-schema.org/draft-07/schema#"
    positions = _schema_positions(SCHEMA_07)
    left = [f"{where}: {sorted(NOT_07 & node.keys())}" for where, node in positions]
    assert [entry for entry in left if not entry.endswith("[]")] == []
    refs = [node["$ref"] for _, node in positions if "$ref" in node]
    assert refs and all(ref.startswith("#/definitions/") for ref in refs)
    assert {ref.removeprefix("#/definitions/") for ref in refs} <= set(SCHEMA_07["definitions"])
    assert [where for where, node in positions if "$ref" in node and len(node) > 1] == []
    assert set(SCHEMA_07["definitions"]) == set(SCHEMA["$defs"])


def test_descriptions_beside_a_ref_are_kept_where_draft_07_reads_them() -> None:
    # 2020-12 reads keywords beside $ref; draft-07 ignores them, so they move into allOf.
    beside = [
        (where, node)
        for where, node in _schema_positions(draft_07(SCHEMA))
        if any("$ref" in part for part in node.get("allOf", []))
    ]
    assert beside, "the model has fields whose schema is a $ref with a description"
    assert all(node.get("description") for _, node in beside)


def _reasons(error: ValidationError) -> list[tuple[str, str]]:
    """Every error under ``error`` (the options of anyOf...), as (keyword, message)."""
    found = [(str(error.validator), error.message)]
    for child in error.context or []:
        found += _reasons(child)
    return found


INTERVAL_WITHOUT_END = ("          text: now\n          date: 2030-03-15\n", "from: 2030-03-15")


def test_what_validate_refuses_for_dependent_required_the_draft_07_schema_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXERCISE, tmp_path / "content")
    path = tmp_path / "content" / "deployments.yaml"
    text = path.read_text(encoding="utf-8")
    dated, interval = INTERVAL_WITHOUT_END
    assert text.count(dated) == 1
    text = text.replace(dated, dated.replace("date: 2030-03-15", interval))
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "content/deployments.yaml:89:11: error: as_of: an interval needs both 'from' and 'to'"
    )
    instance = typed(text)
    # The bug: a draft-07 validator given the 2020-12 schema skips dependentRequired.
    assert Draft7Validator(SCHEMA).is_valid(instance)
    assert not VALIDATOR.is_valid(instance)
    (error,) = VALIDATOR_07.iter_errors(instance)
    assert list(error.absolute_path)[-1] == "as_of"  # the estimate's as_of: When, or null
    assert ("dependencies", "'to' is a dependency of 'from'") in _reasons(error)


@pytest.mark.parametrize(
    ("text", "good"),
    [(t, True) for t in GOOD.values()] + [(t, False) for t in BAD.values()],
    ids=[*GOOD, *BAD],
)
def test_draft_07_schema_agrees_with_the_2020_12_one(text: str, good: bool) -> None:
    # tests/facts/test_schema.py proves the 2020-12 schema agrees with the validator on these.
    instance = typed(text)
    assert VALIDATOR_07.is_valid(instance) is VALIDATOR.is_valid(instance)


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_fact_file_we_ship_passes_both_schemas(path: Path) -> None:
    instance = typed(path.read_text(encoding="utf-8"))
    assert [e.message for e in VALIDATOR.iter_errors(instance)] == []
    assert [e.message for e in VALIDATOR_07.iter_errors(instance)] == []


def test_fact_files_are_found() -> None:
    assert {p.parent.name for p in FACT_FILES} >= {"content"}
    assert any(p.is_relative_to(EXERCISE) for p in FACT_FILES)


# The translation on its own, on schemas using what the model does not (yet) use: each is
# checked by validating the same instances with both drafts.
TRANSLATED = [
    (
        "prefix-items",
        {"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": False},
        [["a", 1], ["a"], [], ["a", "b"], ["a", 1, 2], [1]],
    ),
    (
        "unevaluated-properties-alone",
        {"properties": {"a": {"type": "integer"}}, "unevaluatedProperties": False},
        [{"a": 1}, {"a": "x"}, {"b": 1}, {}],
    ),
    (
        "unevaluated-items-after-prefix",
        {"prefixItems": [{"type": "string"}], "unevaluatedItems": {"type": "integer"}},
        [["a"], ["a", 1], ["a", "b"], [1]],
    ),
    (
        "dependent-required-and-schemas-on-one-property",
        {
            "dependentRequired": {"a": ["b"]},
            "dependentSchemas": {"a": {"properties": {"c": {"const": 1}}}},
        },
        [{"a": 1, "b": 1}, {"a": 1}, {"a": 1, "b": 1, "c": 2}, {"c": 2}],
    ),
    (
        "ref-with-a-sibling-keyword",
        {
            "$defs": {"n": {"type": "integer"}},
            "properties": {"x": {"$ref": "#/$defs/n", "minimum": 3}},
        },
        [{"x": 3}, {"x": 2}, {"x": "a"}],
    ),
]


@pytest.mark.parametrize(
    ("schema", "instances"), [(s, i) for _, s, i in TRANSLATED], ids=[n for n, _, _ in TRANSLATED]
)
def test_the_translation_means_the_same(schema: dict[str, Any], instances: list[Any]) -> None:
    translated = draft_07(schema)
    Draft7Validator.check_schema(translated)
    verdicts = [Draft202012Validator(schema).is_valid(i) for i in instances]
    assert [Draft7Validator(translated).is_valid(i) for i in instances] == verdicts
    assert True in verdicts and False in verdicts


def test_unevaluated_properties_beside_other_schemas_is_left_out() -> None:
    # allOf's properties count as evaluated in 2020-12; additionalProperties would refuse
    # them in draft-07, so the keyword goes (the schema accepts more, never less).
    schema = {"allOf": [{"properties": {"a": {}}}], "unevaluatedProperties": False}
    assert draft_07(schema) == {"allOf": [{"properties": {"a": {}}}], "$schema": DRAFT_07}


def test_data_is_never_translated() -> None:
    schema = {
        "properties": {"$defs": {"const": {"$ref": "#/$defs/x"}}, "prefixItems": {}},
        "examples": [{"dependentRequired": 1}],
    }
    translated = draft_07(schema)
    assert translated["properties"] == schema["properties"]
    assert translated["examples"] == schema["examples"]


def test_a_dynamic_reference_cannot_be_translated() -> None:
    with pytest.raises(ValueError, match=r"\$dynamicRef has no draft-07 equivalent"):
        draft_07({"items": {"$dynamicRef": "#node"}})
