"""Claims and what they rest on (evidence, documents, actors), and the deployment claims."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.facts.dates import When
from generator.facts.model.base import Record
from generator.facts.model.fields import Count, Id, PageId, Ref, Text, Title, Url
from generator.facts.model.grades import Credibility, Reliability


class Evidence(Record):
    """Where a fact comes from: the document that reported it and its exact words."""

    document: Ref = Field(
        description="Id of the document that reported this.", examples=["report-2024-10-25"]
    )
    quote: Text = Field(
        description="The passage of the document that supports this fact, copied verbatim.",
        examples=["Seoul estimates that Pyongyang may send a total of about 12,000 soldiers."],
    )


class Claim(Evidence):
    """A fact as somebody claimed it: originator (who said it) apart from the document."""

    id: Id
    originator: Ref | None = Field(
        None,
        description="Id of the actor who made the claim. Leave out when the document states it "
        "in its own voice.",
        examples=["kr-nis"],
    )
    speaker: Ref | None = Field(
        None,
        description="Id of the person who voiced it for the originator.",
        examples=["john-kirby"],
    )
    credibility: Credibility = Field(
        "not graded",
        description="Admiralty credibility of this claim: 1 (confirmed by other sources) to 5 "
        "(improbable), 6 (cannot be judged), or 'not graded' when nothing gives a basis.",
        examples=["not graded", "2"],
    )


class Document(Record):
    """A published document that reports claims: a news report, a statement, a briefing."""

    id: Id
    title: Title = Field(
        description="The document's title as published.",
        examples=["North Korean soldiers reported in Russia's Kursk region"],
    )
    published: When = Field(description="Publication date.", examples=["2024-10-25"])
    publisher: Text | None = Field(
        None, description="Who published it, if the document says.", examples=["Reuters"]
    )
    url: Url | None = Field(
        None,
        description="Where to read it (https:, http: or mailto:).",
        examples=["https://example.org/reports/2024-10-25"],
    )
    archive: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*\.txt$",
        description="Path, under content/, of a plain-text copy of the document. When given, "
        "every quote citing the document must appear in it verbatim.",
        examples=["documents/report-2024-10-25.txt"],
    )


ActorKind = Literal["state", "organisation", "person", "group"]


class Actor(Record):
    """A state, organisation, person or group that claims, reacts or is a party."""

    id: Id
    name: Title = Field(
        description="Name as the briefing shows it.",
        examples=["South Korea's National Intelligence Service"],
    )
    kind: ActorKind = Field(
        description="state, organisation, person or group.", examples=["organisation"]
    )
    short: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = Field(
        None, description="Short name or abbreviation.", examples=["NIS"]
    )
    country: Ref | None = Field(
        None, description="Id of the state this actor belongs to.", examples=["south-korea"]
    )
    role: Text | None = Field(
        None,
        description="Role, as the source gives it.",
        examples=["spokesperson for the National Security Council"],
    )
    speaks_for: Ref | None = Field(
        None, description="Id of the actor this person speaks for.", examples=["us-nsc"]
    )
    reliability: Reliability = Field(
        "not graded",
        description="Admiralty reliability of this actor as a source: A (completely reliable) "
        "to E (unreliable), F (cannot be judged), or 'not graded'.",
        examples=["not graded", "B"],
    )


Counts = Literal["sent", "training", "front", "present", "projected"]
Qualifier = Literal["exact", "about", "at-least", "up-to"]


class Estimate(Claim):
    """A claimed figure: a value or a low/high range, what it counts, and as of when."""

    value: Count | None = Field(None, description="The figure, if one number.", examples=[1500])
    low: Count | None = Field(None, description="Low end of a range.", examples=[1500])
    high: Count | None = Field(None, description="High end of a range.", examples=[3000])
    qualifier: Qualifier = Field(
        "exact",
        description="exact, about, at-least or up-to, as the source words it.",
        examples=["at-least"],
    )
    counts: Counts = Field(
        description="What the figure counts: sent, training (in training), front (deployed to "
        "the front), present, or projected (a projected total, never current strength).",
        examples=["sent"],
    )
    as_of: When | None = Field(
        None,
        description="The date or period the figure describes, if the source says.",
        examples=[
            {
                "text": "between early and mid-October",
                "from": "2024-10-01",
                "to": "2024-10-20",
                "rule": "early = days 1-10 and mid = days 11-20 of October 2024",
            }
        ],
    )
    claimed: When | None = Field(
        None,
        description="When the originator made the claim.",
        examples=[
            {
                "text": "on Wednesday",
                "date": "2024-10-23",
                "rule": "the Wednesday before the report of Friday 2024-10-25",
            }
        ],
    )
    adds_to: Ref | None = Field(
        None,
        description="Id of an earlier estimate this figure comes on top of ('another 1,500').",
        examples=["nis-1500-sent"],
    )


class Phase(Claim):
    """One step of a deployment's route, in order."""

    name: Title = Field(
        description="What happens in this phase.",
        examples=["By sea from North Korea to Vladivostok"],
    )
    status: Literal["completed", "ongoing", "expected"] = Field(
        description="completed, ongoing or expected, as claimed.", examples=["completed"]
    )
    when: When | None = Field(
        None,
        description="When, if the source says.",
        examples=[{"text": "on Wednesday", "date": "2024-10-23"}],
    )
    arrives_at: Ref | None = Field(
        None, description="Id of the place this phase ends at (for the map).", examples=["kursk"]
    )


class Note(Claim):
    """Something the document says about a subject that is not a figure or a step."""

    text: Text = Field(
        description="The point, in the document's terms.",
        examples=["The US has yet to determine whether the soldiers will fight for Russia."],
    )


class Deployment(Record):
    """A force sent somewhere: its route and phases, and every estimate of its size."""

    id: PageId
    title: Title = Field(
        description="The deployment's page title.", examples=["North Korean troops in Russia"]
    )
    force: Text = Field(description="What force.", examples=["North Korean soldiers"])
    origin: Ref = Field(description="Id of the actor sending the force.", examples=["north-korea"])
    destination: Ref = Field(description="Id of the actor receiving it.", examples=["russia"])
    starts_at: Ref | None = Field(
        None,
        description="Id of the place the route starts from (for the map).",
        examples=["north-korea-place"],
    )
    summary: Text | None = Field(
        None,
        description="One paragraph of context, the briefing's words.",
        examples=["Reports that North Korean soldiers trained in eastern Russia reached Kursk."],
    )
    route: list[Phase] = Field(
        default_factory=list,
        description="The phases, in order.",
        examples=[
            [
                {
                    "id": "sea-to-vladivostok",
                    "name": "By sea from North Korea to Vladivostok",
                    "status": "completed",
                    "document": "report-2024-10-25",
                    "quote": "The troops traveled by sea from North Korea to Vladivostok",
                }
            ]
        ],
    )
    estimates: list[Estimate] = Field(
        default_factory=list,
        description="Every claimed figure.",
        examples=[
            [
                {
                    "id": "nis-1500-sent",
                    "value": 1500,
                    "counts": "sent",
                    "claimed": "2024-10-18",
                    "originator": "kr-nis",
                    "document": "report-2024-10-25",
                    "quote": "South Korea's intelligence agency reported a deployment of 1,500",
                }
            ]
        ],
    )
    notes: list[Note] = Field(
        default_factory=list,
        description="Other reported points.",
        examples=[
            [
                {
                    "id": "kirby-undetermined",
                    "text": "Whether the soldiers will fight is not yet determined.",
                    "document": "report-2024-10-25",
                    "quote": "it has yet to be determined",
                }
            ]
        ],
    )
