"""Claims and what they rest on: evidence, the documents that report them, the actors."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from generator.facts.dates import When
from generator.facts.model.base import ActorRole, Indexed, Record
from generator.facts.model.fields import Count, Id, Ref, RefList, Term, Text, Title, Url, term_of
from generator.facts.model.grades import Credibility, Reliability

Relation = Literal["supersedes", "corrects", "disputes"]
"""How a claim bears on another: replaces its claimant's own earlier one, says another was
wrong, or contradicts it."""

Voice = Literal["quote", "reported", "narration"]
"""Whose words a claim is in: the actor's own, quoted; the actor's, reported by the
document; or the document's own narration."""


def _at_least_one(value: int) -> int:
    if value < 1:
        # Pydantic's own error for 'ge', so the message is the same as for any other bound.
        raise PydanticCustomError(
            "greater_than_equal", "Input should be greater than or equal to {ge}", {"ge": 1}
        )
    return value


# A whole number from 1, typed (3) or as the loader's text ("3"), as a Count is.
CitationNumber = Annotated[
    Count,
    AfterValidator(_at_least_one),
    Field(json_schema_extra={"minimum": 1, "pattern": r"^\s*[1-9][0-9]*\s*$"}),
]


class Citation(Record):
    """A further document that reports the same fact, with its own words."""

    document: Ref = Field(
        description="Id of the document that also reports it.", examples=["bulletin-2"]
    )
    quote: Text = Field(
        description="The passage of that document, copied verbatim.",
        examples=["Hundreds of police officers from Marenland and the Calder Isles may be sent."],
    )


class Evidence(Indexed):
    """Where a fact comes from: the document that reported it and its exact words."""

    document: Ref = Field(
        description="Id of the document that reported this (the first, if several did).",
        examples=["bulletin-1"],
    )
    quote: Text = Field(
        description="The passage of the document that supports this fact, copied verbatim.",
        examples=[
            "Marenland and the Calder Isles may send hundreds of police officers to Ostavia."
        ],
    )
    also_reported_in: list[Citation] = Field(
        default_factory=list,
        description="Further documents that report the same fact, each with its passage: "
        "shown as 'reported by N documents'. For a different figure or wording, write a "
        "claim of its own that 'supersedes', 'corrects' or 'disputes' this one.",
        examples=[
            [
                {
                    "document": "bulletin-2",
                    "quote": "Hundreds of police officers from Marenland and the Calder Isles "
                    "may be sent.",
                }
            ]
        ],
    )

    @property
    def attributed_to(self) -> str | None:
        """The id of the actor the fact is attributed to; None: the document's own voice."""
        return None

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every document reporting the fact, with its words: the first, then the others."""
        # Both fields validated with this record: constructed, not validated again.
        first = Citation.model_construct(document=self.document, quote=self.quote)
        return (first, *self.also_reported_in)

    @property
    def spoken_in(self) -> Voice:
        """Whose words the evidence is in (a record without an actor: the document's)."""
        return "narration"


class Claim(Evidence):
    """A fact as somebody claimed it: originator (who said it) apart from the document."""

    id: Id
    originator: Ref | None = Field(
        None,
        description="Id of the actor who made the claim. Leave out when the document states it "
        "in its own voice.",
        examples=["marenland-interior"],
    )
    speaker: Ref | None = Field(
        None,
        description="Id of the person who voiced it for the originator.",
        examples=["mim-spokesperson"],
    )
    credibility: Credibility = Field(
        "not graded",
        description="Admiralty credibility of this claim: 1 (confirmed by other sources) to 5 "
        "(improbable), 6 (cannot be judged), or 'not graded' when nothing gives a basis.",
        examples=["not graded", "2"],
    )
    voice: Voice | None = Field(
        None,
        description="Whose words the quote is in: 'quote' (the actor's own words, quoted), "
        "'reported' (the document reports what the actor said) or 'narration' (the "
        "document's own words, about the actor). Default: 'reported' when the claim names "
        "an originator, else 'narration'.",
        examples=["narration"],
    )
    inferred: Text | None = Field(
        None,
        description="Give when the source does not say who said it and the editors "
        "attributed it: their reason. Readers see the attribution as the editors'.",
        examples=["follows the interior ministry's quoted words; the bulletin names no speaker"],
    )
    supersedes: RefList = Field(
        default_factory=list,
        description="Ids of earlier claims by the same claimant that this one replaces (an "
        "updated figure). Both are kept; the earlier is shown as superseded.",
        examples=[["relief-displaced"]],
    )
    corrects: RefList = Field(
        default_factory=list,
        description="Ids of earlier claims, of any source, that this one says were wrong. "
        "Both are kept; the corrected one is shown with its correction.",
        examples=[["calder-pledge"]],
    )
    disputes: RefList = Field(
        default_factory=list,
        description="Ids of claims this one contradicts. Both are shown, side by side.",
        examples=[["interior-hundreds-planned"]],
    )

    @property
    def attributed_to(self) -> str | None:
        return self.originator

    @property
    def spoken_in(self) -> Voice:
        if self.voice is not None:
            return self.voice
        return "reported" if self.attributed_to is not None else "narration"

    @property
    def relations(self) -> tuple[tuple[Relation, str], ...]:
        """Each (relation, id) this claim states of others, in the order of its fields."""
        return (
            *(("supersedes", i) for i in self.supersedes),
            *(("corrects", i) for i in self.corrects),
            *(("disputes", i) for i in self.disputes),
        )

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        roles: list[tuple[ActorRole, str]] = []
        if self.originator is not None:
            roles.append(("originator", self.originator))
        if self.speaker is not None:
            roles.append(("speaker", self.speaker))
        return tuple(roles)


class Document(Indexed):
    """A published document that reports claims: a news report, a statement, a briefing."""

    id: Id
    number: CitationNumber | None = Field(
        None,
        description="Its citation number, cited as S<number>. Fixed once published: never "
        "change or reuse it. Without one, a document takes the next number after the highest "
        "given, in the order documents are written (files by path, then as listed), and that "
        "number moves when a document is added before it.",
        examples=[1],
    )
    title: Title = Field(
        description="The document's title as published.",
        examples=["Marenlandic police officers to be sent to Ostavia"],
    )
    published: When = Field(description="Publication date.", examples=["2031-05-02"])
    publisher: Text | None = Field(
        None,
        description="Who published it, if the document says.",
        examples=["Port Averly Courier"],
    )
    url: Url | None = Field(
        None,
        description="Where to read it (https:, http: or mailto:).",
        examples=["https://example.org/bulletins/bulletin-1"],
    )
    archive: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*\.txt$",
        description="Path, under content/, of a plain-text copy of the document. When given, "
        "every quote citing the document must appear in it verbatim.",
        examples=["documents/bulletin-1.txt"],
    )

    @property
    def dated(self) -> When:
        return self.published

    @property
    def caption(self) -> str:
        return self.title


ActorKind = Term


class Actor(Indexed):
    """A state, organisation, person or group that claims, reacts or is a party."""

    id: Id
    name: Title = Field(
        description="Name as the briefing shows it.",
        examples=["Marenland's interior ministry"],
    )
    kind: ActorKind = Field(
        json_schema_extra=term_of("actor_kinds"),
        description="An actor kind (built in: state, organisation, person, group; or one the "
        "content declares under 'vocabulary: actor_kinds:', such as court or party).",
        examples=["organisation"],
    )
    short: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = Field(
        None, description="Short name or abbreviation.", examples=["MIM"]
    )
    country: Ref | None = Field(
        None, description="Id of the state this actor belongs to.", examples=["marenland"]
    )
    role: Text | None = Field(
        None,
        description="Role, as the source gives it.",
        examples=["spokesperson for Marenland's interior ministry"],
    )
    speaks_for: Ref | None = Field(
        None, description="Id of the actor this person speaks for.", examples=["marenland-interior"]
    )
    reliability: Reliability = Field(
        "not graded",
        description="Admiralty reliability of this actor as a source: A (completely reliable) "
        "to E (unreliable), F (cannot be judged), or 'not graded'.",
        examples=["not graded", "B"],
    )

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        roles: list[tuple[ActorRole, str]] = []
        if self.country is not None:
            roles.append(("country", self.country))
        if self.speaks_for is not None:
            roles.append(("speaks_for", self.speaks_for))
        return tuple(roles)

    @property
    def caption(self) -> str:
        return self.name
