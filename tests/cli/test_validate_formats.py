"""`briefing validate --format text|json|sarif`: output, exit codes 0 / 1 / 2, speed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from generator.facts.advisories import RULES, find_warnings
from generator.pipeline import load

# One file, three different mistakes: a bad id, a kind that does not exist, a misspelt key.
THREE_MISTAKES = """\
events:
  - id: Kursk_Offensive
    title: Ukraine's Kursk offensive
    document: report-2024-10-25
    quote: Russian forces counterattacked in September.
reactions:
  - id: nato-statement
    actor: nato
    kind: condemnation
    summary: NATO spoke.
    document: report-2024-10-25
    quote: NATO and U.S. Defense Secretary Lloyd Austin have also confirmed
    respond_to: [dprk-troops-in-russia]
"""
EXPECTED = [
    ("content/extra.yaml", 2, 9, "'Kursk_Offensive' is not a valid id"),
    ("content/extra.yaml", 9, 11, "unknown reaction kind 'condemnation'"),
    ("content/extra.yaml", 13, 5, "unknown field 'respond_to'"),
]


@pytest.fixture
def mistakes(example_content: Path, write_content) -> Path:
    return write_content({"extra.yaml": THREE_MISTAKES})


def test_text_lists_the_three_mistakes_and_exits_1(mistakes: Path, run) -> None:
    result = run("validate")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split(" (hint")[0] for line in lines[:-1]] == [
        f"{path}:{line}:{column}: error: {message}" for path, line, column, message in EXPECTED
    ]
    assert lines[-1] == "3 problems found; nothing was built."


def test_json_is_a_list_of_problems(mistakes: Path, run) -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.output)
    assert [(p["path"], p["line"], p["column"], p["message"]) for p in problems] == EXPECTED
    assert {p["severity"] for p in problems} == {"error"}
    keys = {"path", "line", "column", "severity", "message", "hint"}
    assert all(set(p) == keys for p in problems)
    assert problems[2]["hint"].startswith("did you mean 'responds_to'?")


def test_json_of_clean_content_lists_warnings_and_exits_0(example_content: Path, run) -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 0
    problems = json.loads(result.output)
    assert [p["severity"] for p in problems] == ["warning"]
    assert problems[0]["path"] == "content/deployments/dprk-troops-in-russia.yaml"


def _sarif(output: str) -> dict:
    log = json.loads(output)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "briefing"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == ["content-error", *(rule.id for rule in RULES)]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    return run


def test_sarif_results_have_level_message_and_place(mistakes: Path, run) -> None:
    result = run("validate", "--format", "sarif")
    assert result.exit_code == 1
    results = _sarif(result.output)["results"]
    assert len(results) == 3
    for found, (path, line, column, message) in zip(results, EXPECTED, strict=True):
        assert found["level"] == "error"
        assert found["ruleId"] == "content-error"
        assert found["message"]["text"].startswith(message)
        place = found["locations"][0]["physicalLocation"]
        assert place["artifactLocation"] == {"uri": path, "uriBaseId": "%SRCROOT%"}
        assert place["region"] == {"startLine": line, "startColumn": column}


def test_sarif_of_clean_content_has_warning_results(example_content: Path, run) -> None:
    result = run("validate", "--format", "sarif")
    assert result.exit_code == 0
    results = _sarif(result.output)["results"]
    assert [(r["level"], r["ruleId"]) for r in results] == [("warning", "undated-estimate")]


def test_bad_format_is_bad_usage(example_content: Path, run) -> None:
    result = run("validate", "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_validate_is_fast(example_content: Path) -> None:
    """Load, check and warn for the whole example: well under a second."""
    start = time.perf_counter()
    find_warnings(load(example_content))
    assert time.perf_counter() - start < 1.0
