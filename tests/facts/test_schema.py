"""The editors' JSON Schema: generated from the model, committed, complete, and in step with
the validator on what an analyst would type in VS Code."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from generator.cli.commands import main
from generator.errors import ContentError
from generator.facts.schema import fact_file_schema, schema_text
from generator.pipeline import load
from tests.conftest import REPORT_CONTENT

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "schema" / "facts.schema.json"
SCHEMA = fact_file_schema()
VALIDATOR = Draft202012Validator(SCHEMA)
FACT_FILES = sorted(p for p in REPORT_CONTENT.rglob("*") if p.suffix in (".yaml", ".yml"))


def typed(text: str) -> Any:
    """YAML as an editor's language server sees it: typed, with dates as ISO text.

    PyYAML (YAML 1.1) turns an unquoted 2024-10-25 into a date; the YAML extension of VS Code
    (YAML 1.2) keeps it as the string '2024-10-25'. Numbers are numbers in both.
    """

    def iso(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: iso(item) for key, item in value.items()}
        if isinstance(value, list):
            return [iso(item) for item in value]
        return value

    return iso(yaml.safe_load(text))


def test_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), "run `make schema`"


def test_schema_out_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "schema" / "facts.schema.json"
    result = CliRunner().invoke(main, ["schema", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == schema_text()


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every object schema with properties: the root, each $def and each anyOf option."""
    found = [("<file>", schema)]
    for name, definition in schema["$defs"].items():
        for option in [definition, *definition.get("anyOf", [])]:
            if "properties" in option:
                found.append((name, option))
    return found


def test_every_field_has_a_description_and_an_example() -> None:
    missing = [
        f"{owner}.{name}: {key}"
        for owner, schema in _objects(SCHEMA)
        for name, field in schema["properties"].items()
        for key in ("description", "examples")
        if not field.get(key)
    ]
    assert missing == []


def test_every_example_is_valid_for_its_field() -> None:
    wrong = [
        f"{owner}.{name}: {example!r}"
        for owner, schema in _objects(SCHEMA)
        for name, field in schema["properties"].items()
        for example in field.get("examples", [])
        if not Draft202012Validator({**field, "$defs": SCHEMA["$defs"]}).is_valid(example)
    ]
    assert wrong == []


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_example_content_is_valid_against_the_schema(path: Path) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(typed(path.read_text(encoding="utf-8")))]
    assert errors == []


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_fact_files_name_the_schema_on_their_first_line(path: Path) -> None:
    relative = Path(os.path.relpath(COMMITTED, path.parent)).as_posix()
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={relative}"


def test_vscode_maps_the_content_folders_to_the_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    globs = settings["yaml.schemas"]["./schema/facts.schema.json"]
    assert {"content/*.yaml", "content/**/*.yaml"} <= set(globs)


QUOTE = "    document: report-2024-10-25\n    quote: Russian forces counterattacked in September.\n"
EVENT = "events:\n  - id: x-event\n    title: T\n" + QUOTE
ACTOR = "actors:\n  - id: x-ministry\n    name: X ministry\n    kind: organisation\n"
DEPLOYMENT = (
    "deployments:\n  - id: x-deployment\n    title: T\n    force: F\n"
    "    origin: north-korea\n    destination: russia\n    estimates:\n"
    "      - id: x-estimate\n        value: 1500\n        counts: sent\n"
    "        claimed: 2024-10-18\n        credibility: 2\n"
    "        document: report-2024-10-25\n"
    "        quote: South Korea's intelligence agency reported a deployment of 1,500\n"
)
TREATY = (
    "treaties:\n  - id: x-treaty\n    title: T\n    parties: [russia, north-korea]\n"
    "    provisions:\n      - id: x-provision\n        text: immediate military aid\n"
    "        article: 4\n        document: report-2024-10-25\n"
    "        quote: immediate military aid\n"
)

GOOD = {
    "minimal-actor": ACTOR,
    "event-with-day": EVENT.replace("title: T", "title: T\n    when: 2024-09-30"),
    "event-with-year-typed-as-a-number": EVENT.replace("title: T", "title: T\n    when: 2024"),
    "event-with-interval": EVENT.replace(
        "title: T", "title: T\n    when: {text: in September, from: 2024-09, to: 2024-09}"
    ),
    "estimate-numbers-and-digit-code": DEPLOYMENT,
    "estimate-value-quoted": DEPLOYMENT.replace("value: 1500", "value: '1500'"),
    "provision-article-typed-as-a-number": TREATY,
    "document-no-fact-cites": "documents:\n  - id: x-doc\n    title: D\n    published: 2024-10\n",
    "title-typed-as-a-number": EVENT.replace("title: T", "title: 1984"),
}

BAD = {
    "unknown-key": EVENT.replace("title: T", "titel: T"),
    "unknown-kind": EVENT.replace("events:", "event:"),
    # Not "wrong-enum" any more: a term ('kind: company') may be one the content declares
    # under 'vocabulary:', which the schema cannot see; `briefing validate` checks terms.
    "wrong-digit-code": DEPLOYMENT.replace("credibility: 2", "credibility: 7"),
    "missing-required": ACTOR.replace("    name: X ministry\n", ""),
    "bad-id-pattern": ACTOR.replace("x-ministry", "X_Ministry"),
    "id-with-double-hyphen": ACTOR.replace("x-ministry", "x--ministry"),
    "figure-with-comma": DEPLOYMENT.replace("value: 1500", "value: 1,500"),
    "negative-figure": DEPLOYMENT.replace("value: 1500", "value: -5"),
    "date-not-a-date": EVENT.replace("title: T", "title: T\n    when: 24 September"),
    "date-and-interval": EVENT.replace(
        "title: T", "title: T\n    when: {date: 2024-09, from: 2024-09, to: 2024-09}"
    ),
    "interval-without-end": EVENT.replace("title: T", "title: T\n    when: {from: 2024-09}"),
    "when-with-only-a-rule": EVENT.replace("title: T", "title: T\n    when: {rule: r}"),
    "empty-title": EVENT.replace("title: T", "title: ''"),
    "list-not-a-mapping": "- events\n",
    "kind-not-a-list": "events: none\n",
    "treaty-without-parties": TREATY.replace("[russia, north-korea]", "[]"),
}


def _validator_accepts(content: Path, write_content, text: str) -> bool:
    write_content({"extra.yaml": text})
    try:
        load(content)
    except ContentError as exc:
        assert {p.path for p in exc.problems} == {"content/extra.yaml"}, exc.report()
        return False
    return True


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("text", "good"),
    [(t, True) for t in GOOD.values()] + [(t, False) for t in BAD.values()],
    ids=[*GOOD, *BAD],
)
def test_schema_and_validator_agree(
    in_tmp: Path, example_content: Path, write_content, text: str, good: bool
) -> None:
    schema_accepts = VALIDATOR.is_valid(typed(text))
    assert schema_accepts is good
    assert _validator_accepts(example_content, write_content, text) is good
