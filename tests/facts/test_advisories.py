"""generator.warnings: legal but suspicious facts, each placed at its record's id."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.facts.advisories import RULES, find_warnings, findings
from generator.pipeline import load

QUOTE = (
    "        document: report-2024-10-25\n"
    "        quote: The Russian Federation Council still needs to ratify it\n"
)
TREATY = (
    "treaties:\n  - id: x-treaty\n    title: T\n    parties: [russia]\n    stages:\n"
    "      - id: x-stage\n        name: Ratification\n        status: {status}\n{when}" + QUOTE
)
ESTIMATE = (
    "deployments:\n  - id: x-deployment\n    title: T\n    force: F\n"
    "    origin: north-korea\n    destination: russia\n    estimates:\n"
    "      - id: x-estimate\n        value: 3000\n        counts: training\n{dates}"
    "        document: report-2024-10-25\n"
    "        quote: around 3,000 North Korean soldiers are undergoing training\n"
)


def warnings_in(example_content: Path, write_content, text: str) -> list[str]:
    write_content({"extra.yaml": text})
    found = find_warnings(load(example_content, root=example_content.parent))
    return [p.format() for p in found if p.path == "content/extra.yaml"]


def test_example_warns_of_its_undated_projection(example_content: Path) -> None:
    found = findings(load(example_content, root=example_content.parent))
    assert [(rule, p.severity, p.message.split(":")[0]) for rule, p in found] == [
        ("undated-estimate", "warning", "estimate 'seoul-12000-projected' has no date"),
    ]
    assert all(p.path == "content/deployments/dprk-troops-in-russia.yaml" for _, p in found)


def test_uncited_document_is_placed_at_its_id(example_content: Path, write_content) -> None:
    text = "documents:\n  - id: x-doc\n    title: D\n    published: 2024-10-25\n    number: 2\n"
    assert warnings_in(example_content, write_content, text) == [
        "content/extra.yaml:2:9: warning: document 'x-doc' is cited by no fact "
        "(hint: cite it from a fact with 'document: x-doc', or delete it)"
    ]


@pytest.mark.parametrize(
    ("dates", "warned"),
    [
        ("", True),
        ("        claimed: {text: recently}\n", True),
        ("        claimed: 2024-10-23\n", False),
        ("        as_of: {text: in October, date: 2024-10}\n", False),
    ],
    ids=["no-dates", "words-only", "claimed", "as-of"],
)
def test_undated_estimate(example_content: Path, write_content, dates: str, warned: bool) -> None:
    shown = warnings_in(example_content, write_content, ESTIMATE.format(dates=dates))
    expected = (
        "content/extra.yaml:8:13: warning: estimate 'x-estimate' has no date: neither "
        "'claimed' nor 'as_of' gives one (hint: add 'claimed:' (when it was said) or "
        "'as_of:' (the period it counts), with the source's words in 'text')"
    )
    assert shown == ([expected] if warned else [])


@pytest.mark.parametrize(
    ("status", "when", "warned"),
    [
        ("pending", "2024-10-01", True),
        ("expected", "2024-09", True),
        ("pending", "2024-10-25", False),
        ("pending", "2024-11", False),
        ("done", "2024-10-01", False),
        ("pending", "", False),
    ],
)
def test_overdue_stage(
    example_content: Path, write_content, status: str, when: str, warned: bool
) -> None:
    line = f"        when: {when}\n" if when else ""
    shown = warnings_in(example_content, write_content, TREATY.format(status=status, when=line))
    if not warned:
        assert shown == []
        return
    assert len(shown) == 1
    assert shown[0].startswith(
        f"content/extra.yaml:6:13: warning: stage 'x-stage' is still '{status}' but dated "
    )
    assert shown[0].endswith(
        "before the latest edition's cut-off 25 Oct 2024 (hint: add its later status under "
        "'updates:' (done?), or correct its date)"
    )


def test_a_stage_whose_later_status_is_done_is_not_overdue(
    example_content: Path, write_content
) -> None:
    update = (
        "        updates:\n          - status: done\n            when: 2024-10-24\n"
        "            document: report-2024-10-25\n"
        "            quote: The Duma unanimously approved the treaty on Thursday\n"
    )
    text = TREATY.format(status="pending", when="        when: 2024-09\n") + update
    assert warnings_in(example_content, write_content, text) == []


def test_rules_have_unique_ids_and_summaries() -> None:
    assert len({rule.id for rule in RULES}) == len(RULES)
    assert all(rule.summary.endswith(".") for rule in RULES)
