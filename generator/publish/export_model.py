"""The shape of ``data/briefing.json``: typed dictionaries, from which the published JSON
Schema is generated (pydantic) and against which mypy checks the code that builds the export,
so the data, the code and the schema cannot drift apart.

Modelled on STIX 2.1 where it fits: a citation is an ``external_reference`` (the document,
its number, the passage, its URL), a relation a ``relationship`` (type, source_ref,
target_ref), an edition a ``report`` whose takeaways cite facts.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, JsonValue, TypeAdapter, with_config
from typing_extensions import TypedDict  # pydantic needs it before Python 3.12

from generator.facts.model import SLUG_PATTERN, Relation

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_CLOSED = ConfigDict(extra="forbid")

FactType = Literal[
    "actor",
    "document",
    "place",
    "measure",
    "deployment",
    "phase",
    "estimate",
    "note",
    "treaty",
    "signature",
    "provision",
    "stage",
    "reaction",
    "event",
    "assessment",
]
IdText = Annotated[str, Field(pattern=SLUG_PATTERN, description="A stable id.")]
Day = Annotated[str, Field(json_schema_extra={"format": "date"}, description="YYYY-MM-DD.")]


@with_config(_CLOSED)
class Reference(TypedDict):
    """A document that reports the fact, with its words (a STIX ``external_reference``)."""

    document: Annotated[str, Field(pattern=SLUG_PATTERN, description="The document's id.")]
    number: Annotated[int, Field(ge=1, description="Its citation number: cited as S<number>.")]
    quote: Annotated[str, Field(description="The passage of the document, verbatim.")]
    url: Annotated[str | None, Field(description="Where to read the document, if known.")]


@with_config(_CLOSED)
class Relationship(TypedDict):
    """One claim bearing on another (a STIX ``relationship``): ``source_ref`` supersedes,
    corrects or disputes ``target_ref``. It appears on both facts."""

    type: Annotated[Relation, Field(description="supersedes, corrects or disputes.")]
    source_ref: Annotated[str, Field(pattern=SLUG_PATTERN, description="The claim stating it.")]
    target_ref: Annotated[str, Field(pattern=SLUG_PATTERN, description="The claim it bears on.")]


@with_config(_CLOSED)
class Fact(TypedDict):
    """One record with an id: a claim, a stage, an actor, a document..."""

    id: Annotated[str, Field(pattern=SLUG_PATTERN, description="Its stable id: never changes.")]
    type: Annotated[FactType, Field(description="What kind of record it is.")]
    fields: Annotated[
        dict[str, JsonValue],
        Field(
            description="The record as validated, in the shape of its fact file (see the "
            "editors' schema, facts.schema.json), without its id; parts that are facts of "
            "their own (a deployment's estimates, a treaty's stages) by id; a document's "
            "'number' is its citation number, written or assigned."
        ),
    ]
    part_of: Annotated[
        str | None,
        Field(pattern=SLUG_PATTERN, description="The deployment or treaty it is part of."),
    ]
    citations: Annotated[
        list[Reference],
        Field(
            description="Every document that reports it, the first first, then those giving "
            "a later status (a stage's or a phase's updates); empty for a record that cites "
            "nothing (an actor, a document, a place)."
        ),
    ]
    relations: Annotated[
        list[Relationship],
        Field(description="Every relation it states of other claims and others state of it."),
    ]
    current: Annotated[
        bool, Field(description="Neither superseded nor corrected (a disputed one stays).")
    ]
    shown_at: Annotated[
        str | None,
        Field(
            description="The page and anchor showing it now, relative to the site's root "
            "(null: on no page). It moves when pages split; 'permalink' does not."
        ),
    ]
    permalink: Annotated[
        str | None,
        Field(
            description="Its permanent URL, relative to the site's root: a page leading to "
            "wherever it is shown now (null: on no page)."
        ),
    ]


@with_config(_CLOSED)
class Takeaway(TypedDict):
    """A key takeaway of an edition and the facts it rests on."""

    text: str
    cites: Annotated[list[IdText], Field(description="Ids of the facts it cites.")]


@with_config(_CLOSED)
class EditionEntry(TypedDict):
    """One dated edition (a STIX ``report``): what the briefing said as of its cut-off."""

    id: Annotated[str, Field(pattern=SLUG_PATTERN, description="Its stable id, in its URL.")]
    title: Annotated[str, Field(description="'Edition 25 Oct 2024'.")]
    date: Day
    cutoff: Annotated[
        str,
        Field(
            json_schema_extra={"format": "date"},
            description="Data cut-off: the facts of documents published by then.",
        ),
    ]
    summary: str | None
    takeaways: list[Takeaway]
    assessments: Annotated[
        list[IdText], Field(description="Ids of its own judgements (facts of type assessment).")
    ]
    url: Annotated[str, Field(description="Its page, relative to the site's root.")]


@with_config(_CLOSED)
class BriefingEntry(TypedDict):
    """What the briefing is about."""

    title: str
    summary: str | None


# A key that is no Python name ("$schema"): the functional form.
Export = TypedDict(
    "Export",
    {
        "$schema": Annotated[str, Field(description="This file's JSON Schema.")],
        "site_url": Annotated[
            str | None,
            Field(
                description="The site's URL, against which the relative URLs here resolve "
                "(null: not configured; they resolve against the site's root, the folder "
                "above data/)."
            ),
        ],
        "briefing": BriefingEntry,
        "editions": Annotated[
            list[EditionEntry], Field(description="Oldest first; the last is on Home.")
        ],
        "facts": Annotated[list[Fact], Field(description="Every fact, by id.")],
    },
)
"""The whole briefing as data: every fact, its citations and relations, its editions."""
with_config(_CLOSED)(Export)  # sets its pydantic config (additionalProperties: false)


def export_schema(schema_id: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :data:`Export`, with its ``$id``."""
    schema = TypeAdapter(Export).json_schema()
    return {
        "$schema": DRAFT,
        "$id": schema_id,
        "title": "briefing data export",
        "description": "Every fact of a briefing with its stable id, type, fields, citations "
        "(documents and their words), relations (both ways), where it is shown and its "
        "permalink; the briefing and its dated editions. Relative URLs resolve against the "
        "site's root.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_text(schema_id: str) -> str:
    """The schema as the site publishes it."""
    return json.dumps(export_schema(schema_id), indent=2, ensure_ascii=False) + "\n"
