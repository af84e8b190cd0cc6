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
            {
                "title": "Marenlandic police officers in Ostavia",
                "date": "2031-05-02",
                "cutoff": "2031-05-02",
            }
        ],
    )
    editions: list[Edition] = Field(
        default_factory=list,
        description="The briefing's dated editions, each with its data cut-off and takeaways; "
        "the latest is the home page. One file per edition is easiest to start from.",
        examples=[
            [
                {
                    "id": "2031-05-02",
                    "date": "2031-05-02",
                    "cutoff": "2031-05-02",
                    "takeaways": [
                        {"text": "Parliament approved the act.", "cites": ["parliament-approval"]}
                    ],
                }
            ]
        ],
    )
    documents: list[Document] = Field(
        default_factory=list,
        description="The documents that reported the facts (the sources).",
        examples=[[{"id": "bulletin-1", "title": "LANTERN bulletin 1", "published": "2031-05-02"}]],
    )
    actors: list[Actor] = Field(
        default_factory=list,
        description="States, organisations, people and groups that claim, react or sign.",
        examples=[
            [
                {
                    "id": "marenland-interior",
                    "name": "Marenland's interior ministry",
                    "kind": "organisation",
                }
            ]
        ],
    )
    deployments: list[Deployment] = Field(
        default_factory=list,
        description="Forces sent somewhere: route, phases and every estimate of their size.",
        examples=[
            [
                {
                    "id": "lantern-mission",
                    "title": "Police support mission to Ostavia",
                    "force": "Marenlandic police officers",
                    "origin": "marenland",
                    "destination": "ostavia",
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
                    "id": "police-cooperation-agreement",
                    "title": "Police cooperation agreement",
                    "parties": ["marenland", "ostavia"],
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
                    "id": "ostavia-confirms",
                    "actor": "ostavia-interior",
                    "kind": "confirmation",
                    "summary": "Confirmed the mission.",
                    "responds_to": ["lantern-mission"],
                    "document": "bulletin-1",
                    "quote": "Ostavia's interior ministry confirmed",
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
                    "id": "residents-leave",
                    "title": "Residents leave their homes in Port Averly",
                    "when": "2031-04",
                    "document": "bulletin-1",
                    "quote": "Residents left their homes in Port Averly in April.",
                }
            ]
        ],
    )
    glossary: list[GlossaryEntry] = Field(
        default_factory=list,
        description="Abbreviations shown as tooltips wherever they appear.",
        examples=[[{"term": "ORN", "meaning": "Ostavian Relief Network"}]],
    )
    measures: list[Measure] = Field(
        default_factory=list,
        description="What figures count, each with its unit: declared once, named by "
        "estimates and deployments with 'measure'.",
        examples=[[{"id": "officers", "name": "Police officers", "unit": "officers"}]],
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
                    "id": "port-averly",
                    "name": "Port Averly",
                    "lat": 38.5,
                    "lon": 23.0,
                    "basis": "approximate city centre",
                }
            ]
        ],
    )
