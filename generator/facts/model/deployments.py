"""Deployments: forces sent somewhere, with their route and every claimed figure."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.facts.dates import When
from generator.facts.model.base import ActorRole, Indexed
from generator.facts.model.claims import Claim
from generator.facts.model.fields import Count, PageId, Ref, Text, Title

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

    @property
    def dated(self) -> When | None:
        return self.claimed


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

    @property
    def dated(self) -> When | None:
        return self.when

    @property
    def caption(self) -> str:
        return self.name


class Note(Claim):
    """Something the document says about a subject that is not a figure or a step."""

    text: Text = Field(
        description="The point, in the document's terms.",
        examples=["The US has yet to determine whether the soldiers will fight for Russia."],
    )

    @property
    def caption(self) -> str:
        return self.text


class Deployment(Indexed):
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

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        return (("origin", self.origin), ("destination", self.destination))

    @property
    def caption(self) -> str:
        return self.title
