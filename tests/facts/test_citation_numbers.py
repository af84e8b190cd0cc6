"""Stable citation numbers: a document is cited as S<number>, its ``number`` fixed once
published; a document without one takes the numbers after the highest given, in the order
documents are written. Adding a document, whatever its date, moves no written number."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.facts.advisories import findings
from generator.facts.citation_numbers import document_numbers, next_free, numbered
from generator.pipeline import generate, load
from tests.conftest import REPORT_CONTENT

REPO = Path(__file__).resolve().parents[2]
EXERCISE = REPO / "tests" / "fixtures" / "exercise" / "content"

HEADING = re.compile(r"^### S(\d+): .* \{: #([a-z0-9-]+) \}$", re.MULTILINE)
"""A document's heading on the Sources page: its number and its id."""
CITATION = re.compile(r"^From \[S(\d+)\]\(([^)\s]+)\)", re.MULTILINE)
"""The document a page's endnotes quote: its number and where it links."""


def sources_order(pages: dict[str, str]) -> list[tuple[str, int]]:
    """(document id, number) as the Sources page lists them."""
    return [(doc_id, int(n)) for n, doc_id in HEADING.findall(pages["sources.md"])]


def citations(pages: dict[str, str]) -> set[tuple[str, int, str]]:
    """Every endnote source of every page: (page, number, evidence linked)."""
    return {
        (path, int(n), target)
        for path, text in pages.items()
        for n, target in CITATION.findall(text)
    }


def rendered(content_dir: Path) -> dict[str, str]:
    return {page.path: page.markdown for page in generate(content_dir, root=content_dir.parent)}


def earlier_document(doc_id: str, published: str, event_when: str) -> str:
    """A document dated before every other (no archive), and an event citing it, in a file
    written first (by path): numbered by date or by position, it would take S1."""
    return (
        "documents:\n"
        f"  - id: {doc_id}\n"
        "    title: An earlier report\n"
        f"    published: {published}\n"
        "events:\n"
        f"  - id: {doc_id}-event\n"
        "    title: Something earlier happened\n"
        f"    when: {event_when}\n"
        f"    document: {doc_id}\n"
        "    quote: Something happened before everything else.\n"
    )


@pytest.mark.parametrize(
    ("source", "published", "event_when"),
    [(REPORT_CONTENT, "2024-10-01", "2024-09"), (EXERCISE, "2030-02-01", "2030-01")],
    ids=["example", "exercise"],
)
def test_an_earlier_document_moves_no_existing_number(
    tmp_path: Path, source: Path, published: str, event_when: str
) -> None:
    content = tmp_path / "content"
    shutil.copytree(source, content)
    before = rendered(content)
    listed = dict(sources_order(before))
    assert listed and len(set(listed.values())) == len(listed)
    (content / "0-earlier.yaml").write_text(
        earlier_document("earlier-report", published, event_when), encoding="utf-8"
    )
    after = rendered(content)
    assert all(load(content).document(d).published.start.isoformat() > published for d in listed)
    numbers = dict(sources_order(after))
    assert {d: numbers[d] for d in listed} == listed  # no existing document renumbered
    assert numbers["earlier-report"] == max(listed.values()) + 1
    # Every citation of every page that was there before still names the same number.
    still = {c for c in citations(after) if c[0] in before}
    assert citations(before) and citations(before) <= still
    assert any(n == numbers["earlier-report"] for _, n, _ in citations(after))


def test_the_example_and_the_exercise_number_every_document() -> None:
    for source in (REPORT_CONTENT, EXERCISE):
        content = load(source, root=REPO)
        assert all(document.number is not None for document in content.documents)
        assert "unnumbered-document" not in {rule for rule, _ in findings(content)}


def test_two_documents_with_one_number_are_an_error(example_content: Path) -> None:
    (example_content / "extra.yaml").write_text(
        "documents:\n"
        "  - id: x-a\n    title: A\n    published: 2024-10-20\n    number: 3\n"
        "  - id: x-b\n    title: B\n    published: 2024-10-21\n    number: 1\n"
        "  - id: x-c\n    title: C\n    published: 2024-10-22\n    number: 3\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load(example_content, root=example_content.parent)
    # extra.yaml comes before sources.yaml: the report's 1 is the second written.
    assert [p.format() for p in info.value.problems] == [
        "content/extra.yaml:13:13: error: document 'x-c' has number 3, as 'x-a' does "
        "(content/extra.yaml:5) (hint: a number cites one document only: give the one not yet "
        "published the next free number, 'number: 4')",
        "content/sources.yaml:7:13: error: document 'report-2024-10-25' has number 1, as 'x-b' "
        "does (content/extra.yaml:9) (hint: a number cites one document only: give the one not "
        "yet published the next free number, 'number: 5')",
    ]


@pytest.mark.parametrize("number", ["0", "-1", "1.5", "two", "01"])
def test_a_number_is_a_positive_whole_number(example_content: Path, number: str) -> None:
    (example_content / "extra.yaml").write_text(
        f"documents:\n  - id: x-a\n    title: A\n    published: 2024-10-20\n    number: {number}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load(example_content, root=example_content.parent)
    assert [p.format().split(": error")[0] for p in info.value.problems] == [
        "content/extra.yaml:5:13"
    ]
    if number == "0":
        assert info.value.problems[0].message == "'number' must be 1 or more"


def test_unnumbered_documents_take_the_numbers_after_the_highest(
    example_content: Path,
) -> None:
    (example_content / "zz-later.yaml").write_text(
        "documents:\n"
        "  - id: x-unnumbered\n    title: U\n    published: 2024-10-21\n"
        "  - id: x-four\n    title: F\n    published: 2024-10-22\n    number: 4\n"
        "  - id: x-also-unnumbered\n    title: V\n    published: 2024-10-20\n",
        encoding="utf-8",
    )
    content = load(example_content, root=example_content.parent)
    assert document_numbers(content) == {
        "report-2024-10-25": 1,
        "x-unnumbered": 5,
        "x-four": 4,
        "x-also-unnumbered": 6,
    }
    found = [p.format() for rule, p in findings(content) if rule == "unnumbered-document"]
    assert found == [
        "content/zz-later.yaml:2:9: warning: document 'x-unnumbered' has no 'number': it is "
        "cited as S5 now, and that number moves if a document is added before it in the "
        "written order (hint: write 'number: 5' to fix it)",
        "content/zz-later.yaml:9:9: warning: document 'x-also-unnumbered' has no 'number': it "
        "is cited as S6 now, and that number moves if a document is added before it in the "
        "written order (hint: write 'number: 6' to fix it)",
    ]


def test_numbering_rules() -> None:
    assert numbered([("a", None), ("b", None)]) == {"a": 1, "b": 2}  # written order
    assert numbered([("a", None), ("b", 7), ("c", 2)]) == {"a": 8, "b": 7, "c": 2}
    assert numbered([]) == {}
    assert next_free([]) == 1
    assert next_free([3, 1, 8]) == 9


def test_sources_lists_documents_by_number(tmp_path: Path) -> None:
    """Neither by id, nor by date, nor as written: by number."""
    content = tmp_path / "content"
    shutil.copytree(REPORT_CONTENT, content)
    (content / "extra.yaml").write_text(
        "documents:\n"
        "  - id: aa-early\n    title: Early\n    published: 2024-10-01\n    number: 3\n"
        "  - id: bb-middle\n    title: Middle\n    published: 2024-10-10\n    number: 2\n"
        "events:\n"
        "  - id: aa-event\n    title: A\n    document: aa-early\n    quote: A.\n"
        "  - id: bb-event\n    title: B\n    document: bb-middle\n    quote: B.\n",
        encoding="utf-8",
    )
    pages = rendered(content)
    assert sources_order(pages) == [("report-2024-10-25", 1), ("bb-middle", 2), ("aa-early", 3)]


def test_split_sources_list_and_plan_documents_by_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.render import plan

    monkeypatch.setattr(plan, "SPLIT_SOURCES", 1)
    test_sources_lists_documents_by_number(tmp_path)
    pages = rendered(tmp_path / "content")
    assert [p for p in pages if p.startswith("sources/") and "actors" not in p] == [
        "sources/report-2024-10-25.md",
        "sources/bb-middle.md",
        "sources/aa-early.md",
    ]
    assert re.findall(r"^# S(\d+):", pages["sources/aa-early.md"], re.MULTILINE) == ["3"]
