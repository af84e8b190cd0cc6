"""The other fact records: treaties, reactions, events, places, glossary and the briefing."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.facts.dates import When
from generator.facts.model.base import Record
from generator.facts.model.claims import Claim, Evidence
from generator.facts.model.fields import Id, PageId, Ref, Text, Title
from generator.facts.model.grades import Assessment


class Signature(Evidence):
    """Where, when and by whom a treaty was signed."""

    id: Id
    when: When = Field(
        description="When it was signed.",
        examples=[{"text": "in June", "date": "2024-06"}],
    )
    place: Text | None = Field(None, description="Where it was signed.", examples=["Pyongyang"])
    signatories: list[Ref] = Field(
        default_factory=list,
        description="Ids of the signing actors.",
        examples=[["vladimir-putin", "kim-jong-un"]],
    )


class Provision(Evidence):
    """A key provision, quoted as the source gives it."""

    id: Id
    text: Text = Field(
        description="The provision's words as the source quotes them.",
        examples=["immediate military aid"],
    )
    article: Text | None = Field(
        None, description="The article, where the source gives it.", examples=["Article 4"]
    )
    context: Text | None = Field(
        None,
        description="What the provision applies to.",
        examples=["in the event of an attack on North Korea or Russia"],
    )


class Stage(Claim):
    """One step towards a treaty's entry into force."""

    name: Title = Field(description="What this step is.", examples=["Approval by the State Duma"])
    body: Ref | None = Field(
        None, description="Id of the body that acts in this stage.", examples=["state-duma"]
    )
    status: Literal["done", "pending", "expected"] = Field(
        description="done, pending or expected, as reported.", examples=["pending"]
    )
    when: When | None = Field(
        None,
        description="When the step was taken or is expected, if the source says.",
        examples=[{"text": "on Thursday", "date": "2024-10-24"}],
    )
    vote: Text | None = Field(None, description="The vote as reported.", examples=["unanimous"])
    outlook: Text | None = Field(
        None, description="How the step is seen, as reported.", examples=["seen as a formality"]
    )


class Treaty(Record):
    """A treaty and its way into force, as a stage tracker."""

    id: PageId
    title: Title = Field(
        description="The treaty's name as the briefing shows it.",
        examples=["Russia–North Korea strategic partnership agreement"],
    )
    parties: list[Ref] = Field(
        min_length=1,
        description="Ids of the states or organisations party to it.",
        examples=[["russia", "north-korea"]],
    )
    signature: Signature | None = Field(
        None,
        description="The signature: the tracker's first stage.",
        examples=[
            {
                "id": "putin-kim-signature",
                "when": "2024-06",
                "place": "Pyongyang",
                "document": "report-2024-10-25",
                "quote": "The agreement was signed by Putin and North Korean leader Kim Jong Un",
            }
        ],
    )
    provisions: list[Provision] = Field(
        default_factory=list,
        description="Key provisions, quoted as the source gives them.",
        examples=[
            [
                {
                    "id": "immediate-military-aid",
                    "text": "immediate military aid",
                    "document": "report-2024-10-25",
                    "quote": 'the provision of "immediate military aid"',
                }
            ]
        ],
    )
    stages: list[Stage] = Field(
        default_factory=list,
        description="After signature, in order.",
        examples=[
            [
                {
                    "id": "federation-council-ratification",
                    "name": "Ratification by the Federation Council",
                    "status": "pending",
                    "document": "report-2024-10-25",
                    "quote": "The Russian Federation Council still needs to ratify it",
                }
            ]
        ],
    )


ReactionKind = Literal[
    "statement",
    "confirmation",
    "non-denial",
    "denial",
    "summons",
    "call-for-sanctions",
    "sanctions",
    "resolution",
]


class Reaction(Claim):
    """How an actor reacted: typed, dated where the source says, with its words."""

    actor: Ref = Field(description="Id of the actor who reacted.", examples=["nato"])
    kind: ReactionKind = Field(
        description="statement, confirmation, non-denial, denial, summons, call-for-sanctions, "
        "sanctions or resolution.",
        examples=["summons"],
    )
    when: When | None = Field(
        None,
        description="When the actor reacted, if the source says.",
        examples=[{"text": "on Wednesday", "date": "2024-10-23"}],
    )
    summary: Text = Field(
        description="What the actor did or said, in one line.",
        examples=["Summoned the North Korean ambassador in response to the reports."],
    )
    diplomat: Text | None = Field(
        None,
        description="For a summons: the diplomat's rank, as given.",
        examples=["North Korean ambassador"],
    )
    responds_to: list[Ref] = Field(
        default_factory=list,
        description="Ids of the facts it answers.",
        examples=[["dprk-troops-in-russia"]],
    )


class Event(Claim):
    """Any other dated happening."""

    title: Title = Field(
        description="What happened, in one line.",
        examples=["Russian forces counter-attack in Kursk"],
    )
    when: When | None = Field(
        None,
        description="When it happened, if the source says.",
        examples=[{"text": "in September", "date": "2024-09"}],
    )


class Takeaway(Record):
    """A key judgement of the briefing, citing the facts behind it."""

    text: Text = Field(
        description="The takeaway, in the briefing's words.",
        examples=["Estimates conflict; they are shown side by side."],
    )
    cites: list[Ref] = Field(
        min_length=1,
        description="Ids of the facts it rests on.",
        examples=[["nis-1500-sent", "kirby-3000-east"]],
    )


class GlossaryEntry(Record):
    """An abbreviation readers see as a tooltip wherever it appears."""

    term: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]{1,15}$")] = Field(
        description="The abbreviation as it appears in text.", examples=["NIS"]
    )
    meaning: Title = Field(
        description="What it stands for.", examples=["National Intelligence Service (South Korea)"]
    )


class Place(Record):
    """A place on the schematic map. Coordinates are approximate and for the map only."""

    id: Id
    name: Title = Field(description="Name as the map shows it.", examples=["Vladivostok"])
    lat: float = Field(ge=-90, le=90, description="Latitude, decimal degrees.", examples=[43.1])
    lon: float = Field(ge=-180, le=180, description="Longitude, decimal degrees.", examples=[131.9])
    basis: Text = Field(
        description="Where the coordinates come from and how precise they are.",
        examples=["approximate city centre, for the schematic map only"],
    )


class Briefing(Record):
    """The edition: title, date, data cut-off and key takeaways."""

    title: Title = Field(
        description="The briefing's title, shown on every page.",
        examples=["North Korean troops in Russia's Kursk region"],
    )
    date: When = Field(description="Date of this edition.", examples=["2024-10-25"])
    cutoff: When = Field(
        description="Data cut-off: nothing after this date is included.", examples=["2024-10-25"]
    )
    summary: Text | None = Field(
        None,
        description="One paragraph on what the briefing covers, shown on the home page.",
        examples=["Reports that North Korean soldiers trained in eastern Russia reached Kursk."],
    )
    takeaways: list[Takeaway] = Field(
        default_factory=list,
        description="Key takeaways, in order, each citing the facts behind it.",
        examples=[[{"text": "Estimates conflict.", "cites": ["nis-1500-sent", "kirby-3000-east"]}]],
    )
    assessments: list[Assessment] = Field(
        default_factory=list,
        description="The briefing's own judgements, in ICD 203 words.",
        examples=[
            [
                {
                    "id": "front-deployment-likely",
                    "text": "North Korean soldiers will likely be deployed to the front lines.",
                    "likelihood": "likely",
                    "confidence": "moderate",
                    "cites": ["nis-front-expected"],
                }
            ]
        ],
    )
