"""The editor's guide page is generated from the schema: every kind, field and description."""

from __future__ import annotations

from pathlib import Path

from generator import generate
from generator.facts.schema import fact_file_schema
from generator.render.guide import editor_guide
from generator.render.markdown_text import escape
from tests.conftest import REPORT_CONTENT

ROOT = Path(__file__).resolve().parents[2]


def guide_sections() -> dict[str, str]:
    pages = {page.path: page for page in generate(REPORT_CONTENT, root=ROOT)}
    markdown = pages["guide.md"].markdown
    sections = {}
    for chunk in markdown.split("\n## ")[1:]:
        heading, _, body = chunk.partition("\n")
        sections[heading.strip()] = body
    return sections


def test_every_kind_and_field_of_the_schema_is_on_the_guide_page() -> None:
    definitions = fact_file_schema()["$defs"]
    sections = guide_sections()
    assert set(definitions) <= set(sections)
    for name, node in definitions.items():
        for field, spec in node.get("properties", {}).items():
            assert f"| **{escape(field)}** |" in sections[name], f"{name}.{field} missing"
            assert escape(spec["description"]) in sections[name], f"{name}.{field} text"


def test_required_fields_come_first_and_say_so() -> None:
    estimate = next(kind for kind in editor_guide() if kind.name == "Estimate")
    assert estimate.fields[0].name == "id"
    required = [f.name for f in estimate.fields if f.required]
    assert set(required) == {"id", "counts", "document", "quote"}
    assert [f.required for f in estimate.fields] == sorted(
        (f.required for f in estimate.fields), reverse=True
    )
    counts = next(f for f in estimate.fields if f.name == "counts")
    assert counts.accepts == "a kind of count"


def test_every_kind_has_fields_a_record_written_short_too() -> None:
    """A kind that may also be written short (a date as '2024-10-23') still lists the fields
    of its long form, and says the short forms: no empty table."""
    kinds = {kind.name: kind for kind in editor_guide()}
    assert all(kind.fields for kind in kinds.values()), [
        k for k, v in kinds.items() if not v.fields
    ]
    when = kinds["When"]
    assert [f.name for f in when.fields] == ["text", "date", "from", "to", "rule"]
    assert "Or written short: A day, month or year" in when.description
