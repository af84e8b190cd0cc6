"""The typed fact records: what a fact file may say, each field documented where declared.

The unit is the *claim*: who originated it, which document reported it, when, about what,
with what value. Conflicting claims are all kept; nothing here ever merges them.

The records live in modules by what they own: ``fields`` (constrained field types),
``grades`` (Admiralty grades, ICD 203 assessments), ``claims`` (claims, their sources and
actors), ``deployments`` and ``treaties`` (each with its parts) and ``records`` (the rest);
every public name is importable from here. ``base`` holds the bases: every record kind with
an id is an :class:`Indexed`, and :data:`IndexedRecord` is the union of those kinds.
"""

from __future__ import annotations

from pydantic import Field

from generator.facts.model.base import ActorRole, Indexed, Record
from generator.facts.model.claims import (
    Actor,
    ActorKind,
    Citation,
    Claim,
    Document,
    Evidence,
    Relation,
    Voice,
)
from generator.facts.model.deployments import (
    QUALIFIER_LABEL,
    Counts,
    Deployment,
    Estimate,
    Note,
    Phase,
    PhaseStatus,
    PhaseUpdate,
    Qualifier,
)
from generator.facts.model.fields import (
    SLUG_MAX,
    SLUG_PATTERN,
    WINDOWS_RESERVED,
    Count,
    Id,
    PageId,
    Ref,
    RefList,
    Text,
    Title,
    Url,
)
from generator.facts.model.grades import (
    CREDIBILITY_MEANING,
    LIKELIHOOD,
    RELIABILITY_MEANING,
    Assessment,
    Confidence,
    Credibility,
    Likelihood,
    Reliability,
)
from generator.facts.model.measures import Measure
from generator.facts.model.records import (
    Briefing,
    Edition,
    Event,
    GlossaryEntry,
    Place,
    Reaction,
    ReactionKind,
    Takeaway,
)
from generator.facts.model.treaties import (
    Provision,
    Signature,
    Stage,
    StageStatus,
    StageUpdate,
    Treaty,
)
from generator.facts.model.updates import Update
from generator.facts.model.vocabulary import Vocabularies

__all__ = [
    "Vocabularies",
    "QUALIFIER_LABEL",
    "CREDIBILITY_MEANING",
    "LIKELIHOOD",
    "RELIABILITY_MEANING",
    "SLUG_MAX",
    "SLUG_PATTERN",
    "WINDOWS_RESERVED",
    "Actor",
    "ActorKind",
    "ActorRole",
    "Assessment",
    "Briefing",
    "Edition",
    "Citation",
    "Cited",
    "Claim",
    "Confidence",
    "Count",
    "Counts",
    "Credibility",
    "Deployment",
    "Document",
    "Estimate",
    "Event",
    "Evidence",
    "FactFileModel",
    "GlossaryEntry",
    "Id",
    "Indexed",
    "IndexedRecord",
    "Likelihood",
    "Measure",
    "Note",
    "PageId",
    "Phase",
    "PhaseStatus",
    "PhaseUpdate",
    "Place",
    "Provision",
    "Qualifier",
    "Reaction",
    "ReactionKind",
    "Record",
    "Ref",
    "RefList",
    "Relation",
    "Reliability",
    "Signature",
    "Stage",
    "StageStatus",
    "StageUpdate",
    "Takeaway",
    "Text",
    "Title",
    "Treaty",
    "Update",
    "Url",
    "Voice",
]

IndexedRecord = (
    Actor
    | Document
    | Place
    | Deployment
    | Phase
    | Estimate
    | Note
    | Treaty
    | Signature
    | Provision
    | Stage
    | Reaction
    | Event
    | Assessment
    | Measure
)
"""Every kind of record that has an id: what the content's index of ids holds."""

Cited = Claim | Signature | Provision
"""A record with an id that cites its evidence: a document and the words it quotes."""


class FactFileModel(Record):
    """What one fact file may hold. Split facts over files as you like."""

    briefing: Briefing | None = Field(
        None,
        description="The briefing: title and summary (and for one edition, its date, cut-off "
        "and takeaways). Exactly one file has it.",
        examples=[
            {"title": "North Korean troops in Russia", "date": "2024-10-25", "cutoff": "2024-10-25"}
        ],
    )
    editions: list[Edition] = Field(
        default_factory=list,
        description="The briefing's dated editions, each with its data cut-off and takeaways; "
        "the latest is the home page. One file per edition is easiest to start from.",
        examples=[
            [
                {
                    "id": "2024-10-25",
                    "date": "2024-10-25",
                    "cutoff": "2024-10-25",
                    "takeaways": [{"text": "Estimates conflict.", "cites": ["nis-1500-sent"]}],
                }
            ]
        ],
    )
    documents: list[Document] = Field(
        default_factory=list,
        description="The documents that reported the facts (the sources).",
        examples=[
            [{"id": "report-2024-10-25", "title": "Troops in Kursk", "published": "2024-10-25"}]
        ],
    )
    actors: list[Actor] = Field(
        default_factory=list,
        description="States, organisations, people and groups that claim, react or sign.",
        examples=[
            [{"id": "kr-nis", "name": "South Korea's intelligence agency", "kind": "organisation"}]
        ],
    )
    deployments: list[Deployment] = Field(
        default_factory=list,
        description="Forces sent somewhere: route, phases and every estimate of their size.",
        examples=[
            [
                {
                    "id": "dprk-troops-in-russia",
                    "title": "North Korean troops in Russia",
                    "force": "North Korean soldiers",
                    "origin": "north-korea",
                    "destination": "russia",
                }
            ]
        ],
    )
    treaties: list[Treaty] = Field(
        default_factory=list,
        description="Treaties, each a stage tracker: signature, provisions, later stages.",
        examples=[
            [
                {
                    "id": "russia-dprk-partnership",
                    "title": "Partnership agreement",
                    "parties": ["russia", "north-korea"],
                }
            ]
        ],
    )
    reactions: list[Reaction] = Field(
        default_factory=list,
        description="How actors reacted, each typed and with their words.",
        examples=[
            [
                {
                    "id": "nato-confirms",
                    "actor": "nato",
                    "kind": "confirmation",
                    "summary": "Confirmed the deployment.",
                    "document": "report-2024-10-25",
                    "quote": "NATO confirmed",
                }
            ]
        ],
    )
    events: list[Event] = Field(
        default_factory=list,
        description="Any other dated happenings.",
        examples=[
            [
                {
                    "id": "russia-counterattack",
                    "title": "Russian forces counter-attack",
                    "when": "2024-09",
                    "document": "report-2024-10-25",
                    "quote": "Russian forces counterattacked in September.",
                }
            ]
        ],
    )
    glossary: list[GlossaryEntry] = Field(
        default_factory=list,
        description="Abbreviations shown as tooltips wherever they appear.",
        examples=[[{"term": "NIS", "meaning": "National Intelligence Service (South Korea)"}]],
    )
    measures: list[Measure] = Field(
        default_factory=list,
        description="What figures count, each with its unit: declared once, named by "
        "estimates and deployments with 'measure'.",
        examples=[[{"id": "soldiers", "name": "Soldiers", "unit": "soldiers"}]],
    )
    vocabulary: Vocabularies | None = Field(
        None,
        description="Terms this briefing adds to the built-in vocabularies (reaction kinds, "
        "stage and phase statuses, actor kinds, what figures count, kinds of process), each "
        "with its label and colour; a built-in term's id declared again relabels it.",
        examples=[
            {
                "stage_statuses": [{"id": "suspended", "label": "suspended", "progress": "halted"}],
                "actor_kinds": [{"id": "court", "label": "court"}],
            }
        ],
    )
    places: list[Place] = Field(
        default_factory=list,
        description="Places on the schematic map, with approximate coordinates.",
        examples=[
            [
                {
                    "id": "vladivostok",
                    "name": "Vladivostok",
                    "lat": 43.1,
                    "lon": 131.9,
                    "basis": "approximate city centre",
                }
            ]
        ],
    )
