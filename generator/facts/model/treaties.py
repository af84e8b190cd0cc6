"""Treaties, each a stage tracker: signature, key provisions, and the stages into force."""

from __future__ import annotations

from pydantic import Field

from generator.facts.dates import When
from generator.facts.model.base import ActorRole, Indexed
from generator.facts.model.claims import Claim, Evidence
from generator.facts.model.fields import Id, PageId, Ref, Term, Text, Title, term_of
from generator.facts.model.updates import Update

StageStatus = Term


class StageUpdate(Update):
    """A later status of a treaty stage."""

    status: StageStatus = Field(
        json_schema_extra=term_of("stage_statuses"),
        description="A stage status (built in: done, pending, expected; or one the content "
        "declares under 'vocabulary: stage_statuses:'), as this document gives it.",
        examples=["done"],
    )
    vote: Text | None = Field(None, description="The vote as reported.", examples=["unanimous"])


class Signature(Evidence):
    """Where, when and by whom a treaty was signed."""

    id: Id
    when: When = Field(
        description="When it was signed.",
        examples=[{"text": "in April", "date": "2031-04"}],
    )
    place: Text | None = Field(None, description="Where it was signed.", examples=["Port Averly"])
    signatories: list[Ref] = Field(
        default_factory=list,
        description="Ids of the signing actors.",
        examples=[["marenland-interior", "ostavia-interior"]],
    )

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        return tuple(("signatories", actor_id) for actor_id in self.signatories)

    @property
    def dated(self) -> When:
        return self.when


class Provision(Evidence):
    """A key provision, quoted as the source gives it."""

    id: Id
    text: Text = Field(
        description="The provision's words as the source quotes them.",
        examples=["support to Ostavia's police"],
    )
    article: Text | None = Field(
        None, description="The article, where the source gives it.", examples=["Article 4"]
    )
    context: Text | None = Field(
        None,
        description="What the provision applies to.",
        examples=["for as long as Ostavia requests it"],
    )

    @property
    def caption(self) -> str:
        return self.text


class Stage(Claim):
    """One step towards a treaty's entry into force."""

    name: Title = Field(
        description="What this step is.", examples=["Approval by the Marenlandic parliament"]
    )
    body: Ref | None = Field(
        None,
        description="Id of the body that acts in this stage.",
        examples=["marenland-parliament"],
    )
    status: StageStatus = Field(
        json_schema_extra=term_of("stage_statuses"),
        description="A stage status (built in: done, pending, expected; or one the content "
        "declares under 'vocabulary: stage_statuses:', such as suspended), as the first "
        "document reports it.",
        examples=["pending"],
    )
    when: When | None = Field(
        None,
        description="When the step was taken or is expected, if the source says.",
        examples=[{"text": "on Tuesday", "date": "2031-04-29"}],
    )
    vote: Text | None = Field(None, description="The vote as reported.", examples=["unanimous"])
    outlook: Text | None = Field(
        None, description="How the step is seen, as reported.", examples=["seen as a formality"]
    )
    updates: list[StageUpdate] = Field(
        default_factory=list,
        description="Later statuses, each as a later document gives it; the latest is the "
        "current one, and the tracker shows the history.",
        examples=[
            [
                {
                    "status": "done",
                    "when": "2031-05-07",
                    "document": "bulletin-2",
                    "quote": "The Marenlandic parliament approved the agreement on Wednesday.",
                }
            ]
        ],
    )

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        body: tuple[tuple[ActorRole, str], ...] = (("body", self.body),) if self.body else ()
        return super().actor_roles + body

    @property
    def dated(self) -> When | None:
        return self.when

    @property
    def caption(self) -> str:
        return self.name


class Treaty(Indexed):
    """A treaty and its way into force, as a stage tracker."""

    id: PageId
    title: Title = Field(
        description="The treaty's name as the briefing shows it.",
        examples=["Marenland–Ostavia police cooperation agreement"],
    )
    process: Term = Field(
        "treaty",
        json_schema_extra=term_of("processes"),
        description="What kind of process it is: a term of the 'processes' vocabulary (built "
        "in: treaty; or one the content declares, such as law or court-case), which names it "
        "on its page.",
        examples=["treaty", "court-case"],
    )
    parties: list[Ref] = Field(
        min_length=1,
        description="Ids of the states or organisations party to it.",
        examples=[["marenland", "ostavia"]],
    )
    signature: Signature | None = Field(
        None,
        description="The signature: the tracker's first stage.",
        examples=[
            {
                "id": "port-averly-signature",
                "when": "2031-04",
                "place": "Port Averly",
                "document": "bulletin-1",
                "quote": "The agreement was signed by the two interior ministers in Port Averly",
            }
        ],
    )
    provisions: list[Provision] = Field(
        default_factory=list,
        description="Key provisions, quoted as the source gives them.",
        examples=[
            [
                {
                    "id": "police-support",
                    "text": "support to Ostavia's police",
                    "document": "bulletin-1",
                    "quote": 'the provision of "support to Ostavia\'s police"',
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
                    "id": "parliament-approval",
                    "name": "Approval by the Marenlandic parliament",
                    "status": "pending",
                    "document": "bulletin-1",
                    "quote": "The Marenlandic parliament still needs to approve it",
                }
            ]
        ],
    )

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        return tuple(("parties", actor_id) for actor_id in self.parties)

    @property
    def caption(self) -> str:
        return self.title
