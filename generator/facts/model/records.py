"""The other fact records: reactions, events, places, the glossary and the briefing."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from generator.facts.dates import When
from generator.facts.model.base import ActorRole, Indexed, Record
from generator.facts.model.claims import Claim
from generator.facts.model.fields import Id, Ref, Term, Text, Title, term_of
from generator.facts.model.grades import Assessment

ReactionKind = Term


class Reaction(Claim):
    """How an actor reacted: typed, dated where the source says, with its words."""

    actor: Ref = Field(description="Id of the actor who reacted.", examples=["ostavia-interior"])
    kind: ReactionKind = Field(
        json_schema_extra=term_of("reaction_kinds"),
        description="A reaction kind (built in: statement, confirmation, non-denial, denial, "
        "summons, call-for-sanctions, sanctions, resolution; or one the content declares under "
        "'vocabulary: reaction_kinds:').",
        examples=["summons"],
    )
    when: When | None = Field(
        None,
        description="When the actor reacted, if the source says.",
        examples=[{"text": "on Wednesday", "date": "2031-04-30"}],
    )
    summary: Text = Field(
        description="What the actor did or said, in one line.",
        examples=["Summoned the Marenlandic ambassador in response to the reports."],
    )
    diplomat: Text | None = Field(
        None,
        description="For a summons: the diplomat's rank, as given.",
        examples=["Marenlandic ambassador"],
    )
    responds_to: list[Ref] = Field(
        default_factory=list,
        description="Ids of the facts it answers.",
        examples=[["lantern-mission"]],
    )
    about: Text | None = Field(
        None,
        description="What it is about, in a few words, when 'responds_to' names no fact "
        "that says it. A confirmation, denial or non-denial must say what it is about.",
        examples=["reports of officers already in Port Averly"],
    )

    @property
    def attributed_to(self) -> str | None:
        return self.originator or self.actor

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        return (*super().actor_roles, ("actor", self.actor))

    @property
    def dated(self) -> When | None:
        return self.when

    @property
    def caption(self) -> str:
        return self.summary


class Event(Claim):
    """Any other dated happening."""

    title: Title = Field(
        description="What happened, in one line.",
        examples=["Residents leave their homes in Port Averly"],
    )
    when: When | None = Field(
        None,
        description="When it happened, if the source says.",
        examples=[{"text": "in April", "date": "2031-04"}],
    )

    @property
    def dated(self) -> When | None:
        return self.when

    @property
    def caption(self) -> str:
        return self.title


class Takeaway(Record):
    """A key judgement of the briefing, citing the facts behind it."""

    text: Text = Field(
        description="The takeaway, in the briefing's words.",
        examples=["Estimates conflict; they are shown side by side."],
    )
    cites: list[Ref] = Field(
        min_length=1,
        description="Ids of the facts it rests on.",
        examples=[["relief-displaced-7000", "interior-displaced-4000"]],
    )


class GlossaryEntry(Record):
    """An abbreviation readers see as a tooltip wherever it appears."""

    term: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]{1,15}$")] = Field(
        description="The abbreviation as it appears in text.", examples=["ORN"]
    )
    meaning: Title = Field(description="What it stands for.", examples=["Ostavian Relief Network"])


class Place(Indexed):
    """A place on the schematic map. Coordinates are approximate and for the map only."""

    id: Id
    name: Title = Field(description="Name as the map shows it.", examples=["Port Averly"])
    lat: float = Field(ge=-90, le=90, description="Latitude, decimal degrees.", examples=[38.5])
    lon: float = Field(ge=-180, le=180, description="Longitude, decimal degrees.", examples=[23.0])
    basis: Text = Field(
        description="Where the coordinates come from and how precise they are.",
        examples=["approximate city centre, for the schematic map only"],
    )

    @property
    def caption(self) -> str:
        return self.name


TAKEAWAYS_EXAMPLE = [
    {"text": "Estimates conflict.", "cites": ["relief-displaced-7000", "interior-displaced-4000"]}
]
ASSESSMENTS_EXAMPLE = [
    {
        "id": "main-contingent-likely",
        "text": "The main contingent of officers will likely leave once the act is in force.",
        "likelihood": "likely",
        "confidence": "moderate",
        "cites": ["main-contingent"],
    }
]
"""The schema's examples of an edition's takeaways and assessments (an edition's, or a
briefing's own one)."""


class Edition(Record):
    """One dated edition of the briefing: what it said on its date, from the facts reported
    by its data cut-off (a document counts from its publication date). What changed since
    the previous edition is computed from the facts, never written."""

    id: Id = Field(
        description="The edition's id, in its URL (editions/<id>/): never change it once "
        "published.",
        examples=["2031-05-02"],
    )
    date: When = Field(description="Date of this edition.", examples=["2031-05-02"])
    cutoff: When = Field(
        description="Data cut-off: the edition shows the facts of documents published on or "
        "before it.",
        examples=["2031-05-02"],
    )
    summary: Text | None = Field(
        None,
        description="One paragraph on this edition, shown above its takeaways.",
        examples=["The High Court suspended the act; the main contingent waits."],
    )
    takeaways: list[Takeaway] = Field(
        default_factory=list,
        description="Key takeaways of this edition, in order, each citing the facts behind it.",
        examples=[TAKEAWAYS_EXAMPLE],
    )
    assessments: list[Assessment] = Field(
        default_factory=list,
        description="This edition's own judgements, in ICD 203 words.",
        examples=[ASSESSMENTS_EXAMPLE],
    )


class Briefing(Record):
    """The briefing: its title and summary, and, for a briefing of one edition, that
    edition's date, cut-off, takeaways and assessments (with several, each is under
    ``editions:``)."""

    title: Title = Field(
        description="The briefing's title, shown on every page.",
        examples=["Marenlandic police officers in Ostavia"],
    )
    date: When | None = Field(
        None,
        description="Date of its one edition, when it has no 'editions:'.",
        examples=["2031-05-02"],
    )
    cutoff: When | None = Field(
        None,
        description="Data cut-off of its one edition, when it has no 'editions:'.",
        examples=["2031-05-02"],
    )
    summary: Text | None = Field(
        None,
        description="One paragraph on what the briefing covers, shown on the home page.",
        examples=[
            "A police support mission sent by Marenland and the Calder Isles to Ostavia, "
            "approved by a parliament and challenged in court."
        ],
    )
    stale_after: int = Field(
        30,
        ge=1,
        description="Days: a headline figure claimed longer than this before an edition's "
        "cut-off is shown with its age, and 'briefing validate' warns of it.",
        examples=[30],
    )
    takeaways: list[Takeaway] = Field(
        default_factory=list,
        description="Key takeaways of its one edition, when it has no 'editions:'.",
        examples=[TAKEAWAYS_EXAMPLE],
    )
    assessments: list[Assessment] = Field(
        default_factory=list,
        description="The judgements of its one edition, when it has no 'editions:'.",
        examples=[ASSESSMENTS_EXAMPLE],
    )

    @property
    def edition(self) -> Edition | None:
        """Its one edition, written in the briefing itself (id: its date); None without a
        date and a cut-off."""
        if self.date is None or self.cutoff is None:
            return None
        return Edition.model_construct(
            id=self.date.start.isoformat(),
            date=self.date,
            cutoff=self.cutoff,
            summary=None,
            takeaways=self.takeaways,
            assessments=self.assessments,
        )
