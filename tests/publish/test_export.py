"""data/briefing.json: every fact with its id, type, fields, citations, relations both ways
and where it is shown, valid against the published data/briefing.schema.json."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.facts.content import Content
from generator.facts.model import Evidence
from generator.publish.export import EXPORT_PATH, SCHEMA_PATH, TYPES
from generator.render.site import build_site
from tests.publish.helpers import EXAMPLE, EXERCISE, SITE_URL, loaded, publish

FOLDERS = {"example": EXAMPLE, "exercise": EXERCISE}


@pytest.fixture(scope="module", params=sorted(FOLDERS))
def content(request: pytest.FixtureRequest) -> Content:
    return loaded(FOLDERS[request.param])


@pytest.fixture(scope="module")
def exercise() -> Content:
    return loaded(EXERCISE)


def _exported(content: Content, site_url: str | None = None) -> tuple[Any, Any]:
    files = publish(content, site_url=site_url)
    return json.loads(files[EXPORT_PATH].text), json.loads(files[SCHEMA_PATH].text)


def _validator(schema: Any) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("site_url", [None, SITE_URL])
def test_the_export_validates_against_its_published_schema(
    content: Content, site_url: str | None
) -> None:
    export, schema = _exported(content, site_url)
    _validator(schema).validate(export)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "briefing data export"
    assert schema["description"].startswith("Every fact of a briefing")
    if site_url:
        assert schema["$id"] == SITE_URL + "data/briefing.schema.json"
        assert export["$schema"] == schema["$id"]
        assert export["site_url"] == SITE_URL
    else:
        assert export["$schema"] == schema["$id"] == "briefing.schema.json"
        assert export["site_url"] is None


def test_every_fact_is_in_it_once_with_its_type(content: Content) -> None:
    export, _ = _exported(content)
    ids = [fact["id"] for fact in export["facts"]]
    assert ids == sorted(content.ids)
    for fact in export["facts"]:
        assert fact["type"] == TYPES[type(content.ids[fact["id"]].record)]
        assert "id" not in fact["fields"]


def test_every_kind_of_record_has_a_type() -> None:
    from typing import get_args

    from generator.facts.model import IndexedRecord

    assert set(get_args(IndexedRecord)) == set(TYPES)


def test_parts_are_facts_of_their_own_named_by_id(exercise: Content) -> None:
    facts = {fact["id"]: fact for fact in _exported(exercise)[0]["facts"]}
    deployment = facts["arland-marines-in-borvia"]
    estimates = deployment["fields"]["estimates"]
    assert estimates and all(isinstance(e, str) for e in estimates)
    assert all(facts[e]["part_of"] == "arland-marines-in-borvia" for e in estimates)
    treaty = facts["kell-harbour-agreement"]
    signature = treaty["fields"]["signature"]
    assert isinstance(signature, str)
    assert facts[signature]["type"] == "signature"
    assert facts[signature]["part_of"] == "kell-harbour-agreement"
    assert facts["kell-harbour-agreement"]["part_of"] is None


def test_relations_appear_at_both_ends(content: Content) -> None:
    facts = {fact["id"]: fact for fact in _exported(content)[0]["facts"]}
    stated = 0
    for fact in facts.values():
        for relation in fact["relations"]:
            assert fact["id"] in (relation["source_ref"], relation["target_ref"])
            assert relation in facts[relation["source_ref"]]["relations"]
            assert relation in facts[relation["target_ref"]]["relations"]
            stated += relation["source_ref"] == fact["id"]
    written = sum(len(getattr(p.record, "relations", ())) for p in content.ids.values())
    assert stated == written


def test_the_exercise_relations_and_what_stays_current(exercise: Content) -> None:
    facts = {fact["id"]: fact for fact in _exported(exercise)[0]["facts"]}
    supersedes = {"type": "supersedes", "source_ref": "con-1200-in-kell"}
    assert {**supersedes, "target_ref": "con-hundreds-in-kell"} in facts["con-hundreds-in-kell"][
        "relations"
    ]
    assert facts["con-hundreds-in-kell"]["current"] is False
    assert facts["con-1200-in-kell"]["current"] is True
    types = {r["type"] for fact in facts.values() for r in fact["relations"]}
    assert types == {"supersedes", "corrects", "disputes"}


def test_citations_carry_the_document_its_number_and_the_words(content: Content) -> None:
    index = build_site(content).index
    facts = {fact["id"]: fact for fact in _exported(content)[0]["facts"]}
    for fact_id, placed in content.ids.items():
        record = placed.record
        citations = facts[fact_id]["citations"]
        if not isinstance(record, Evidence):
            assert citations == []
            continue
        first = citations[0]
        assert (first["document"], first["quote"]) == (record.document, record.quote)
        for citation in citations:
            assert citation["number"] == index.document_number[citation["document"]]
            assert citation["url"] == content.document(citation["document"]).url
        documents = [c["document"] for c in citations]
        assert set(documents) >= {c.document for c in record.citations}
    for document in content.documents:
        assert facts[document.id]["fields"]["number"] == index.document_number[document.id]


def test_a_fact_reported_by_several_documents_cites_each(exercise: Content) -> None:
    facts = {fact["id"]: fact for fact in _exported(exercise)[0]["facts"]}
    several = [f for f in facts.values() if len({c["document"] for c in f["citations"]}) > 1]
    assert "con-hundreds-in-kell" in {f["id"] for f in several}
    # A stage's later status cites its own document too.
    assembly = facts["assembly-approval"]
    assert [c["document"] for c in assembly["citations"]][:2] == ["bulletin-1", "bulletin-2"]


def test_where_each_fact_is_shown_and_its_permalink(content: Content) -> None:
    export, _ = _exported(content)
    facts = {fact["id"]: fact for fact in export["facts"]}
    index = build_site(content).index
    for fact_id, fact in facts.items():
        page = index.fact_page[fact_id]
        assert fact["permalink"] == f"id/{fact_id}/"
        expected = ("./" if page == "index.md" else page.removesuffix(".md") + "/") + "#"
        assert fact["shown_at"] == expected + fact_id


def test_editions_with_their_takeaways_and_pages(exercise: Content) -> None:
    editions = _exported(exercise)[0]["editions"]
    assert [e["id"] for e in editions] == [e.id for e in exercise.editions]
    last = editions[-1]
    assert last["url"] == f"editions/{exercise.edition.id}/"
    assert last["title"] == f"Edition {exercise.edition.date.label()}"
    assert last["date"] == exercise.edition.date.start.isoformat()
    assert last["takeaways"][0]["cites"] == list(exercise.edition.takeaways[0].cites)


def test_the_export_is_byte_identical_for_the_same_content(tmp_path: Path) -> None:
    first = publish(loaded(EXERCISE), site_url=SITE_URL)
    second = publish(loaded(EXERCISE), site_url=SITE_URL)
    assert first[EXPORT_PATH].text == second[EXPORT_PATH].text
    assert first[SCHEMA_PATH].text == second[SCHEMA_PATH].text


def _drop_id(export: Any) -> None:
    del export["facts"][0]["id"]


def _unknown_type(export: Any) -> None:
    export["facts"][0]["type"] = "rumour"


def _bad_relation(export: Any) -> None:
    fact = next(f for f in export["facts"] if f["relations"])
    fact["relations"][0]["type"] = "replaces"


def _citation_number_zero(export: Any) -> None:
    fact = next(f for f in export["facts"] if f["citations"])
    fact["citations"][0]["number"] = 0


def _extra_key(export: Any) -> None:
    export["facts"][0]["confidence"] = "high"


def _bad_date(export: Any) -> None:
    export["editions"][0]["date"] = "25 Oct 2030"


def _id_not_a_slug(export: Any) -> None:
    export["facts"][0]["id"] = "Not A Slug"


@pytest.mark.parametrize(
    "breaks",
    [_drop_id, _unknown_type, _bad_relation, _citation_number_zero, _extra_key, _bad_date]
    + [_id_not_a_slug],
)
def test_a_broken_export_fails_validation(exercise: Content, breaks: Callable[[Any], None]) -> None:
    export, schema = _exported(exercise)
    broken = copy.deepcopy(export)
    breaks(broken)
    with pytest.raises(jsonschema.ValidationError):
        _validator(schema).validate(broken)
