"""Problems as machines read them: a JSON list, or a SARIF 2.1.0 log for code hosts.

SARIF (Static Analysis Results Interchange Format, OASIS) is what GitHub code scanning and
other hosts read to annotate a pull request at ``file:line:column``.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from generator.errors import Problem, printable

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL = "briefing"
ERROR_RULE = "content-error"
ERROR_SUMMARY = "The facts break a rule of the model or of the checks; nothing is built."


def problem_record(problem: Problem) -> dict[str, Any]:
    """One problem as a JSON object; text made safe to print."""
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity,
        "message": printable(problem.message),
        "hint": printable(problem.hint),
    }


def problems_json(problems: list[Problem]) -> str:
    """``[{path, line, column, severity, message, hint}, ...]``, one object per problem."""
    return json.dumps([problem_record(p) for p in problems], indent=2, ensure_ascii=False)


def _uri(path: str) -> dict[str, str]:
    posix = PurePosixPath(path)
    if posix.is_absolute():
        return {"uri": "file://" + quote(posix.as_posix())}
    return {"uri": quote(posix.as_posix()), "uriBaseId": "%SRCROOT%"}


def _result(rule_id: str, index: int, problem: Problem) -> dict[str, Any]:
    text = printable(problem.message)
    if problem.hint:
        text += f" (hint: {printable(problem.hint)})"
    region = {"startLine": problem.line, "startColumn": problem.column}
    return {
        "ruleId": rule_id,
        "ruleIndex": index,
        "level": "warning" if problem.severity == "warning" else "error",
        "message": {"text": text},
        "locations": [
            {"physicalLocation": {"artifactLocation": _uri(problem.path), "region": region}}
        ],
    }


def _rule(rule_id: str, summary: str) -> dict[str, Any]:
    level = "error" if rule_id == ERROR_RULE else "warning"
    return {
        "id": rule_id,
        "shortDescription": {"text": summary},
        "defaultConfiguration": {"level": level},
    }


def sarif_log(
    results: list[tuple[str, Problem]], rules: dict[str, str], version: str
) -> dict[str, Any]:
    """A SARIF 2.1.0 log of one run; ``results`` pairs each problem with its rule id."""
    every_rule = {ERROR_RULE: ERROR_SUMMARY, **rules}
    order = list(every_rule)
    driver = {
        "name": TOOL,
        "version": version,
        "rules": [_rule(rule_id, summary) for rule_id, summary in every_rule.items()],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [_result(r, order.index(r), p) for r, p in results],
            }
        ],
    }
