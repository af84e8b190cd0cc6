"""Deployments: forces sent somewhere, with their route and every claimed figure."""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal

from pydantic import Field

from generator.facts.dates import When
from generator.facts.model.base import ActorRole, Indexed
from generator.facts.model.claims import Claim
from generator.facts.model.fields import Count, PageId, Ref, RefList, Term, Text, Title, term_of
from generator.facts.model.updates import Update

Counts = Term
Qualifier = Literal["exact", "about", "at-least", "more-than", "up-to", "fewer-than"]
PhaseStatus = Term

QUALIFIER_LABEL: MappingProxyType[str, str] = MappingProxyType(
    {
        "exact": "",
        "about": "about ",
        "at-least": "at least ",
        "more-than": "more than ",
        "up-to": "up to ",
        "fewer-than": "fewer than ",
    }
)
"""How a qualifier reads before a figure ('at least ')."""


class Estimate(Claim):
    """A claimed figure: a value or a low/high range, what it counts, and as of when."""

    value: Count | None = Field(None, description="The figure, if one number.", examples=[5000])
    low: Count | None = Field(None, description="Low end of a range.", examples=[200])
    high: Count | None = Field(None, description="High end of a range.", examples=[999])
    qualifier: Qualifier = Field(
        "exact",
        description="exact, about, at-least, more-than, up-to or fewer-than, as the source "
        "words it.",
        examples=["at-least"],
    )
    words: Text | None = Field(
        None,
        description="The source's words for a figure it gives without an exact number "
        "('hundreds', 'several thousand'), kept verbatim beside the interval they are read as "
        "('low'/'high', with 'rule'). Words alone, with no interval, are shown but not charted.",
        examples=["hundreds"],
    )
    rule: Text | None = Field(
        None,
        description="How 'words' were read as an interval: shown to readers beside it.",
        examples=["hundreds read as 200 to 999"],
    )
    hedge: Text | None = Field(
        None,
        description="The source's words of uncertainty, verbatim ('We suspect', 'may'): "
        "shown wherever the figure is.",
        examples=["We suspect"],
    )
    measure: Ref | None = Field(
        None,
        description="Id of the measure the figure counts in (see 'measures'); default: the "
        "deployment's.",
        examples=["officers"],
    )
    scope: Text | None = Field(
        None,
        description="Where the figure applies, in the source's words ('in the capital', "
        "'in the whole country'). Figures of different scopes are not compared.",
        examples=["in Port Averly"],
    )
    scope_place: Ref | None = Field(
        None,
        description="Id of the place the figure applies to, when it is one of 'places'.",
        examples=["port-averly"],
    )
    counts: Counts = Field(
        json_schema_extra=term_of("counts"),
        description="What the figure counts of its measure: a term of the 'counts' vocabulary "
        "(built in: sent, training, front, present, projected: a projected total, never "
        "current strength), or one the content declares under 'vocabulary: counts:'.",
        examples=["sent"],
    )
    as_of: When | None = Field(
        None,
        description="The date or period the figure describes, if the source says.",
        examples=[
            {
                "text": "between early and mid-May",
                "from": "2031-05-01",
                "to": "2031-05-20",
                "rule": "early = days 1-10 and mid = days 11-20 of May 2031",
            }
        ],
    )
    claimed: When | None = Field(
        None,
        description="When the originator made the claim.",
        examples=[
            {
                "text": "on Wednesday",
                "date": "2031-04-30",
                "rule": "the Wednesday before the bulletin of Friday 2031-05-02",
            }
        ],
    )
    adds_to: Ref | None = Field(
        None,
        description="Id of an earlier estimate this figure comes on top of ('another 1,500').",
        examples=["interior-40-sent"],
    )

    @property
    def dated(self) -> When | None:
        return self.claimed


class PhaseUpdate(Update):
    """A later status of a route phase."""

    status: PhaseStatus = Field(
        json_schema_extra=term_of("phase_statuses"),
        description="A phase status (built in: completed, ongoing, expected; or one the content "
        "declares under 'vocabulary: phase_statuses:'), as this document gives it.",
        examples=["completed"],
    )


class Phase(Claim):
    """One step of a deployment's route, in order."""

    name: Title = Field(
        description="What happens in this phase.",
        examples=["Advance team to Port Averly"],
    )
    status: PhaseStatus = Field(
        json_schema_extra=term_of("phase_statuses"),
        description="A phase status (built in: completed, ongoing, expected; or one the content "
        "declares under 'vocabulary: phase_statuses:'), as the first document claims.",
        examples=["completed"],
    )
    when: When | None = Field(
        None,
        description="When, if the source says.",
        examples=[{"text": "on Wednesday", "date": "2031-04-30"}],
    )
    arrives_at: Ref | None = Field(
        None,
        description="Id of the place this phase ends at (for the map).",
        examples=["port-averly"],
    )
    updates: list[PhaseUpdate] = Field(
        default_factory=list,
        description="Later statuses, each as a later document gives it; the latest is the "
        "current one, and the history is shown.",
        examples=[
            [
                {
                    "status": "completed",
                    "when": "2031-05-09",
                    "document": "bulletin-2",
                    "quote": "The officers have completed their training.",
                }
            ]
        ],
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
        examples=["Marenland has yet to determine how long the officers will stay in Ostavia."],
    )

    @property
    def caption(self) -> str:
        return self.text


class Deployment(Indexed):
    """A force sent somewhere: its route and phases, and every estimate of its size."""

    id: PageId
    title: Title = Field(
        description="The deployment's page title.", examples=["Police support mission to Ostavia"]
    )
    force: Text = Field(
        description="What force.", examples=["Marenlandic and Calder police officers"]
    )
    origin: RefList = Field(
        min_length=1,
        description="Id of the actor sending the force, or a list of them when several do.",
        examples=["marenland", ["marenland", "calder-isles"]],
    )
    destination: Ref = Field(description="Id of the actor receiving it.", examples=["ostavia"])
    starts_at: Ref | None = Field(
        None,
        description="Id of the place the route starts from (for the map).",
        examples=["marenland-coast"],
    )
    measure: Ref | None = Field(
        None,
        description="Id of the measure its estimates count in, unless an estimate says "
        "otherwise (see 'measures'). Without one, figures count the 'force'.",
        examples=["officers"],
    )
    summary: Text | None = Field(
        None,
        description="One paragraph of context, the briefing's words.",
        examples=[
            "Marenland and the Calder Isles send police officers to Ostavia; an advance "
            "team has reached Port Averly."
        ],
    )
    route: list[Phase] = Field(
        default_factory=list,
        description="The phases, in order.",
        examples=[
            [
                {
                    "id": "advance-team",
                    "name": "Advance team to Port Averly",
                    "status": "completed",
                    "document": "bulletin-1",
                    "quote": "An advance team of officers has already reached Port Averly",
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
                    "id": "interior-40-sent",
                    "value": 40,
                    "counts": "sent",
                    "claimed": "2031-04-30",
                    "originator": "marenland-interior",
                    "document": "bulletin-1",
                    "quote": "The interior ministry reported an advance team of 40 officers",
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
                    "id": "stay-undetermined",
                    "text": "How long the officers will stay is not yet determined.",
                    "document": "bulletin-1",
                    "quote": "it has yet to be determined",
                }
            ]
        ],
    )

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        origins: tuple[tuple[ActorRole, str], ...] = tuple(("origin", o) for o in self.origin)
        return (*origins, ("destination", self.destination))

    @property
    def caption(self) -> str:
        return self.title
