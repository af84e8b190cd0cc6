"""The typed fact records: what a fact file may say, each field documented where declared.

The unit is the *claim*: who originated it, which document reported it, when, about what,
with what value. Conflicting claims are all kept; nothing here ever merges them.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from .dates import When

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX = 64

Id = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX),
    Field(
        description="Stable id: lowercase ASCII letters, digits and single hyphens. "
        "Never change it once published.",
        examples=["nis-1500-sent"],
    ),
]
Ref = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=5000)]


def _no_angle_brackets(value: str) -> str:
    if "<" in value or ">" in value:
        raise ValueError("may not contain '<' or '>' (page titles reach HTML unescaped)")
    return value


def _digits(value: object) -> object:
    if isinstance(value, str) and not value.strip().isdigit():
        # Same error type as pydantic's own, so the message is the same for '1.0' and 'many'.
        raise PydanticCustomError("int_parsing", "not a whole number")
    return value


Count = Annotated[int, BeforeValidator(_digits), Field(ge=0)]


Title = Annotated[
    str, StringConstraints(min_length=1, max_length=200), AfterValidator(_no_angle_brackets)
]

_SAFE_URL = re.compile(r"^(https?://[^\s<>\"]+|mailto:[^\s<>\"]+)$", re.IGNORECASE)


def _safe_url(value: str) -> str:
    if not _SAFE_URL.match(value.strip()):
        raise ValueError("a URL must start with https://, http:// or mailto: and hold no spaces")
    return value.strip()


Url = Annotated[str, AfterValidator(_safe_url)]


class Record(BaseModel):
    """Base of every record: frozen, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=False)


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


class Document(Record):
    """A published document that reports claims: a news report, a statement, a briefing."""

    id: Id
    title: Title = Field(description="The document's title as published.")
    published: When = Field(description="Publication date.", examples=["2024-10-25"])
    publisher: Text | None = Field(None, description="Who published it, if the document says.")
    url: Url | None = Field(None, description="Where to read it (https:, http: or mailto:).")
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
    kind: ActorKind = Field(description="state, organisation, person or group.")
    short: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = Field(
        None, description="Short name or abbreviation.", examples=["NIS"]
    )
    country: Ref | None = Field(None, description="Id of the state this actor belongs to.")
    role: Text | None = Field(
        None,
        description="Role, as the source gives it.",
        examples=["spokesperson for the National Security Council"],
    )
    speaks_for: Ref | None = Field(None, description="Id of the actor this person speaks for.")


Counts = Literal["sent", "training", "front", "present", "projected"]
Qualifier = Literal["exact", "about", "at-least", "up-to"]


class Estimate(Claim):
    """A claimed figure: a value or a low/high range, what it counts, and as of when."""

    value: Count | None = Field(None, description="The figure, if one number.", examples=[1500])
    low: Count | None = Field(None, description="Low end of a range.")
    high: Count | None = Field(None, description="High end of a range.")
    qualifier: Qualifier = Field(
        "exact", description="exact, about, at-least or up-to, as the source words it."
    )
    counts: Counts = Field(
        description="What the figure counts: sent, training (in training), front (deployed to "
        "the front), present, or projected (a projected total, never current strength)."
    )
    as_of: When | None = Field(
        None, description="The date or period the figure describes, if the source says."
    )
    claimed: When | None = Field(None, description="When the originator made the claim.")
    adds_to: Ref | None = Field(
        None, description="Id of an earlier estimate this figure comes on top of ('another 1,500')."
    )


class Phase(Claim):
    """One step of a deployment's route, in order."""

    name: Title = Field(
        description="What happens in this phase.",
        examples=["By sea from North Korea to Vladivostok"],
    )
    status: Literal["completed", "ongoing", "expected"] = Field(
        description="completed, ongoing or expected, as claimed."
    )
    when: When | None = Field(None, description="When, if the source says.")


class Note(Claim):
    """Something the document says about a subject that is not a figure or a step."""

    text: Text = Field(description="The point, in the document's terms.")


class Deployment(Record):
    """A force sent somewhere: its route and phases, and every estimate of its size."""

    id: Id
    title: Title
    force: Text = Field(description="What force.", examples=["North Korean soldiers"])
    origin: Ref = Field(description="Id of the actor sending the force.", examples=["north-korea"])
    destination: Ref = Field(description="Id of the actor receiving it.", examples=["russia"])
    summary: Text | None = Field(
        None, description="One paragraph of context, the briefing's words."
    )
    route: list[Phase] = Field(default_factory=list, description="The phases, in order.")
    estimates: list[Estimate] = Field(default_factory=list, description="Every claimed figure.")
    notes: list[Note] = Field(default_factory=list, description="Other reported points.")


class Signature(Evidence):
    """Where, when and by whom a treaty was signed."""

    id: Id
    when: When
    place: Text | None = None
    signatories: list[Ref] = Field(default_factory=list, description="Ids of the signing actors.")


class Provision(Evidence):
    """A key provision, quoted as the source gives it."""

    id: Id
    text: Text = Field(
        description="The provision's words as the source quotes them.",
        examples=["immediate military aid"],
    )
    article: Text | None = Field(None, description="The article, where the source gives it.")
    context: Text | None = Field(None, description="What the provision applies to.")


class Stage(Claim):
    """One step towards a treaty's entry into force."""

    name: Title = Field(examples=["Approval by the State Duma"])
    body: Ref | None = Field(None, description="Id of the body that acts in this stage.")
    status: Literal["done", "pending", "expected"]
    when: When | None = None
    vote: Text | None = Field(None, description="The vote as reported.", examples=["unanimous"])
    outlook: Text | None = Field(
        None, description="How the step is seen, as reported.", examples=["seen as a formality"]
    )


class Treaty(Record):
    """A treaty and its way into force, as a stage tracker."""

    id: Id
    title: Title
    parties: list[Ref] = Field(min_length=1)
    signature: Signature | None = None
    provisions: list[Provision] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list, description="After signature, in order.")


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

    actor: Ref
    kind: ReactionKind
    when: When | None = None
    summary: Text = Field(description="What the actor did or said, in one line.")
    diplomat: Text | None = Field(None, description="For a summons: the diplomat's rank, as given.")
    responds_to: list[Ref] = Field(default_factory=list, description="Ids of the facts it answers.")


class Event(Claim):
    """Any other dated happening."""

    title: Title
    when: When | None = None


class Takeaway(Record):
    """A key judgement of the briefing, citing the facts behind it."""

    text: Text
    cites: list[Ref] = Field(min_length=1, description="Ids of the facts it rests on.")


class Briefing(Record):
    """The edition: title, date, data cut-off and key takeaways."""

    title: Title
    date: When = Field(description="Date of this edition.")
    cutoff: When = Field(description="Data cut-off: nothing after this date is included.")
    summary: Text | None = None
    takeaways: list[Takeaway] = Field(default_factory=list)


class FactFileModel(Record):
    """What one fact file may hold. Split facts over files as you like."""

    briefing: Briefing | None = None
    documents: list[Document] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    deployments: list[Deployment] = Field(default_factory=list)
    treaties: list[Treaty] = Field(default_factory=list)
    reactions: list[Reaction] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
